package export

import (
	"bufio"
	"strings"
	"unicode/utf8"
)

// The escapers below range over strings rune by rune, so each invalid UTF-8
// byte arrives as utf8.RuneError and is written as U+FFFD, the same
// replacement encoding/xml and encoding/json make.

const hexDigits = "0123456789abcdef"

// xmlChar reports whether XML 1.0 allows r in a document (production [2]
// Char). Go strings cannot hold surrogates, so only controls and U+FFFE,
// U+FFFF need excluding.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r == 0xFFFE || r == 0xFFFF:
		return false
	}
	return true
}

// writeXMLText writes s escaped for XML character data or a double-quoted
// attribute value. Tab, newline and carriage return are written as character
// references, because attribute-value normalisation would otherwise turn
// them into spaces, and so are NEL, U+2028 and U+2029, which some parsers
// normalise; characters XML forbids are dropped. It does what
// encoding/xml.EscapeText does without converting s to []byte.
func writeXMLText(w *bufio.Writer, s string) {
	last := 0 // s[last:i] is pending, needing no escape
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && !xmlSpecial[c] {
			i++ // the common case, decided by one table look-up
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		esc, ok := xmlEscape(r, size)
		if ok {
			w.WriteString(s[last:i])
			w.WriteString(esc)
			last = i + size
		}
		i += size
	}
	w.WriteString(s[last:])
}

// xmlSpecial marks the ASCII bytes xmlEscape replaces.
var xmlSpecial = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		_, t[c] = xmlEscape(rune(c), 1)
	}
	return t
}()

// xmlEscape returns the replacement for r (decoded from size bytes) and
// whether r needs one.
func xmlEscape(r rune, size int) (string, bool) {
	switch {
	case r == '&':
		return "&amp;", true
	case r == '<':
		return "&lt;", true
	case r == '>':
		return "&gt;", true
	case r == '"':
		return "&#34;", true
	case r == '\'':
		return "&#39;", true
	case r == '\t':
		return "&#x9;", true
	case r == '\n':
		return "&#xA;", true
	case r == '\r':
		return "&#xD;", true
	// Literal NEL and LINE SEPARATOR are line ends in XML 1.1, and xmldom
	// (graphology's parser) wrongly turns them into "\n" or " " in XML 1.0.
	case r == 0x85:
		return "&#x85;", true
	case r == 0x2028:
		return "&#x2028;", true
	case r == 0x2029:
		return "&#x2029;", true
	case r == utf8.RuneError && size == 1:
		return "\uFFFD", true // an invalid byte would make the file unreadable
	case !xmlChar(r):
		return "", true
	}
	return "", false
}

// writeDOTString writes s as a double-quoted DOT string. Graphviz reads
// backslash escapes in labels and tooltips (escString), so every backslash
// is doubled; a newline (LF, CR LF or CR) becomes \n, which Graphviz draws
// as a line break and which gonum's dot.Unmarshal decodes back to "\n";
// tab becomes a space. Characters XML forbids are dropped because Graphviz
// copies labels into SVG. U+FFFD (and so each invalid byte) is written as the
// entity &#xFFFD;, which Graphviz draws as U+FFFD.
func writeDOTString(w *bufio.Writer, s string) {
	w.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"':
			w.WriteString(`\"`)
		case r == '\\':
			w.WriteString(`\\`)
		case r == '\n':
			if i > 0 && s[i-1] == '\r' {
				continue // CR LF is one line break, written at the CR
			}
			w.WriteString(`\n`)
		case r == '\r':
			w.WriteString(`\n`)
		case r == '\t':
			w.WriteByte(' ')
		case r == utf8.RuneError:
			// gonum's DOT parser rejects U+FFFD; Graphviz turns the
			// entity back into it.
			w.WriteString("&#xFFFD;")
		case !xmlChar(r):
		default:
			w.WriteRune(r)
		}
	}
	w.WriteByte('"')
}

// writeJSONString writes s as a JSON string. Unlike encoding/json it leaves
// <, > and & alone (the output is a file, not HTML); like it, it escapes
// U+2028 and U+2029 so the file is also valid JavaScript.
func writeJSONString(w *bufio.Writer, s string) {
	w.WriteByte('"')
	start := 0 // s[start:i] needs no escape and is written as it is
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if size > 1 && r != '\u2028' && r != '\u2029' {
				i += size
				continue
			}
		}
		w.WriteString(s[start:i])
		writeJSONRune(w, r)
		i += size
		start = i
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}

// writeJSONRune writes a rune that needs escaping: quotes, backslashes,
// control characters, the line separators JavaScript does not allow in
// strings, and an invalid byte (as U+FFFD).
func writeJSONRune(w *bufio.Writer, r rune) {
	switch {
	case r == '"':
		w.WriteString(`\"`)
	case r == '\\':
		w.WriteString(`\\`)
	case r == '\n':
		w.WriteString(`\n`)
	case r == '\r':
		w.WriteString(`\r`)
	case r == '\t':
		w.WriteString(`\t`)
	case r < 0x20 || r == '\u2028' || r == '\u2029':
		w.WriteString(`\u`)
		for shift := 12; shift >= 0; shift -= 4 {
			w.WriteByte(hexDigits[r>>shift&0xF])
		}
	default:
		w.WriteRune(r)
	}
}

// validUTF8 replaces each invalid byte of s with U+FFFD, as the other
// escapers do, for encoders (encoding/csv) that copy bytes unchecked.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}
