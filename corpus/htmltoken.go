package corpus

import (
	"html"
	"strings"
)

// An htmlToken is one piece of an HTML document. It is deliberately
// simpler than the HTML5 tokenizer: enough to find text, tags and
// attributes in real-world pages, never failing on malformed markup.
type htmlToken struct {
	kind        htmlKind
	name        string // lowercase tag name for start and end tags
	attrs       []htmlAttr
	text        string // for text tokens: raw, entities not yet decoded
	selfClosing bool
}

type htmlKind int

const (
	htmlText htmlKind = iota
	htmlStart
	htmlEnd
)

// An htmlAttr is one attribute; key is lowercase and val has its entities
// decoded.
type htmlAttr struct{ key, val string }

// attr returns the value of attribute key, or "".
func (t *htmlToken) attr(key string) string {
	for _, a := range t.attrs {
		if a.key == key {
			return a.val
		}
	}
	return ""
}

// rawTextTags hold text that is not markup: it runs to the matching end
// tag even if it contains "<".
var rawTextTags = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
}

// An htmlTokenizer splits a document into tokens. Comments, doctypes and
// processing instructions are dropped.
type htmlTokenizer struct {
	s   string
	i   int
	raw string // when set, the next token is the raw text of this element
}

// next returns the next token, or false at the end of the input.
func (z *htmlTokenizer) next() (htmlToken, bool) {
	if z.raw != "" {
		name := z.raw
		z.raw = ""
		end := indexEndTag(z.s[z.i:], name)
		text := z.s[z.i : z.i+end]
		z.i += end
		if text != "" {
			return htmlToken{kind: htmlText, text: text, name: name}, true
		}
	}
	for z.i < len(z.s) {
		if z.s[z.i] != '<' {
			return z.text(), true
		}
		rest := z.s[z.i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			z.skipPast("-->", 4)
		case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?"):
			z.skipPast(">", 2)
		case strings.HasPrefix(rest, "</") && len(rest) > 2 && isASCIILetter(rest[2]):
			return z.endTag(), true
		case strings.HasPrefix(rest, "</"):
			z.skipPast(">", 2) // "</ >" and the like: a bogus comment
		case len(rest) > 1 && isASCIILetter(rest[1]):
			return z.startTag(), true
		default:
			return z.text(), true
		}
	}
	return htmlToken{}, false
}

// text returns the text up to the next "<" that can start markup.
func (z *htmlTokenizer) text() htmlToken {
	start := z.i
	z.i++ // the first byte is text even if it is a stray "<"
	for z.i < len(z.s) {
		j := strings.IndexByte(z.s[z.i:], '<')
		if j < 0 {
			z.i = len(z.s)
			break
		}
		z.i += j
		if z.i+1 < len(z.s) && (isASCIILetter(z.s[z.i+1]) || strings.IndexByte("/!?", z.s[z.i+1]) >= 0) {
			break
		}
		z.i++
	}
	return htmlToken{kind: htmlText, text: z.s[start:z.i]}
}

// skipPast moves past the next occurrence of end, searching from offset
// from; an unterminated construct swallows the rest of the input.
func (z *htmlTokenizer) skipPast(end string, from int) {
	if j := strings.Index(z.s[z.i+from:], end); j >= 0 {
		z.i += from + j + len(end)
	} else {
		z.i = len(z.s)
	}
}

func (z *htmlTokenizer) endTag() htmlToken {
	z.i += 2
	name := z.name()
	z.skipPast(">", 0)
	return htmlToken{kind: htmlEnd, name: name}
}

func (z *htmlTokenizer) startTag() htmlToken {
	z.i++
	t := htmlToken{kind: htmlStart, name: z.name()}
	for z.i < len(z.s) {
		c := z.s[z.i]
		switch {
		case c == '>':
			z.i++
			if rawTextTags[t.name] && !t.selfClosing {
				z.raw = t.name
			}
			return t
		case c == '/':
			z.i++
			t.selfClosing = z.i < len(z.s) && z.s[z.i] == '>'
		case isHTMLSpace(c):
			z.i++
		default:
			t.attrs = append(t.attrs, z.attribute())
		}
	}
	return t // unterminated tag at the end of input
}

// name reads a tag name and returns it in lowercase.
func (z *htmlTokenizer) name() string {
	start := z.i
	for z.i < len(z.s) && !isHTMLSpace(z.s[z.i]) && z.s[z.i] != '>' && z.s[z.i] != '/' {
		z.i++
	}
	return strings.ToLower(z.s[start:z.i])
}

// attribute reads one attribute: name, optional "=" and a quoted or bare
// value.
func (z *htmlTokenizer) attribute() htmlAttr {
	start := z.i
	z.i++ // the first byte belongs to the name, even "=" or a quote
	for z.i < len(z.s) && !isHTMLSpace(z.s[z.i]) && strings.IndexByte("=>/", z.s[z.i]) < 0 {
		z.i++
	}
	a := htmlAttr{key: strings.ToLower(z.s[start:z.i])}
	z.skipSpace()
	if z.i >= len(z.s) || z.s[z.i] != '=' {
		return a
	}
	z.i++
	z.skipSpace()
	if z.i >= len(z.s) {
		return a
	}
	var val string
	if q := z.s[z.i]; q == '"' || q == '\'' {
		end := strings.IndexByte(z.s[z.i+1:], q)
		if end < 0 {
			end = len(z.s) - z.i - 1
		}
		val = z.s[z.i+1 : z.i+1+end]
		z.i = min(len(z.s), z.i+end+2)
	} else {
		vs := z.i
		for z.i < len(z.s) && !isHTMLSpace(z.s[z.i]) && z.s[z.i] != '>' {
			z.i++
		}
		val = z.s[vs:z.i]
	}
	a.val = html.UnescapeString(val)
	return a
}

func (z *htmlTokenizer) skipSpace() {
	for z.i < len(z.s) && isHTMLSpace(z.s[z.i]) {
		z.i++
	}
}

// indexEndTag returns the offset of "</name" (any case) in s, or len(s).
func indexEndTag(s, name string) int {
	for off := 0; ; {
		j := strings.Index(s[off:], "</")
		if j < 0 {
			return len(s)
		}
		k := off + j + 2
		if len(s)-k >= len(name) && strings.EqualFold(s[k:k+len(name)], name) {
			if e := k + len(name); e == len(s) || isHTMLSpace(s[e]) || s[e] == '>' || s[e] == '/' {
				return off + j
			}
		}
		off = k
	}
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
