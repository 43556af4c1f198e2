package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Segment splits text into sentences and tokens. Paragraphs are separated by
// blank lines; a single line break is ordinary white space, since wrapped
// text breaks lines anywhere. The returned spans are ordered, in bounds and
// non-overlapping.
func Segment(text string) []Sentence {
	var a segArrays
	return a.segment(text)
}

// segArrays are the arrays of a segmentation, kept by a Document until
// Release gives them to a later one (segPool).
type segArrays struct {
	tokens   []Token
	sents    []Sentence
	mentions []Mention // the document's Mentions, when the recognizer is one of this package's
}

var segPool = sync.Pool{New: func() any { return new(segArrays) }}

// segment is Segment into a's arrays, grown as needed; a keeps the arrays
// used.
func (a *segArrays) segment(text string) []Sentence {
	// All tokens go to one array, which the sentences share: a slice per
	// sentence, grown from nothing, was a third of all the bytes extraction
	// allocated. Its size is guessed from the white space (punctuation adds
	// about one token in six words); a long guess would cost as much. The
	// sentences' array is sized for news's twenty-odd words a sentence:
	// grown from nothing, its copies were a sixth of what was left.
	words := strings.Count(text, " ") + strings.Count(text, "\n") + 1
	all := slices.Grow(a.tokens[:0], words+words/4+16)
	sents := slices.Grow(a.sents[:0], words/20+8)
	defer func() { a.tokens, a.sents = all, sents }()
	para := 0
	for start := 0; start < len(text); {
		end := paragraphEnd(text, start)
		mark := len(all)
		all = tokenize(text, start, end, all)
		if toks := all[mark:len(all):len(all)]; len(toks) > 0 {
			sents = splitSentences(text, toks, para, sents)
			para++
		}
		start = end
	}
	return sents
}

// paragraphEnd returns the end of the paragraph starting at start: the
// offset just past the next blank line, or len(text).
func paragraphEnd(text string, start int) int {
	for i := start; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			return j + 1
		}
	}
	return len(text)
}

// splitSentences appends the sentences of one paragraph's tokens to dst.
func splitSentences(text string, toks []Token, para int, dst []Sentence) []Sentence {
	first := len(dst)
	begin := 0
	for i := 0; i < len(toks); i++ {
		if !isTerminal(toks[i].Norm) {
			continue
		}
		j := i + 1
		for j < len(toks) && isCloser(toks[j].Norm) && attachedLeft(text, toks[j]) {
			j++
		}
		if j < len(toks) && !startsSentence(toks[j].Norm) {
			continue
		}
		dst = append(dst, newSentence(toks[begin:j], para))
		begin, i = j, j-1
	}
	if begin < len(toks) {
		dst = append(dst, newSentence(toks[begin:], para))
	}
	if isHeading(text, dst[first:]) {
		for k := first; k < len(dst); k++ {
			dst[k].Heading = true
		}
	}
	return dst
}

func newSentence(toks []Token, para int) Sentence {
	return Sentence{
		Span:      Span{toks[0].Start, toks[len(toks)-1].End},
		Paragraph: para,
		Tokens:    toks[:len(toks):len(toks)],
	}
}

func isTerminal(s string) bool {
	return s == "." || s == "!" || s == "?" || s == "..." || s == "\u2026"
}

// attachedLeft reports whether a token follows the previous one without
// white space, which tells a closing quote from an opening one.
func attachedLeft(text string, t Token) bool {
	if t.Start == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:t.Start])
	return !unicode.IsSpace(r)
}

func isCloser(s string) bool {
	return s == "\"" || s == "'" || s == ")" || s == "]"
}

// startsSentence reports whether a token can open a new sentence: a capital,
// a digit or an opening quote or bracket.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\'' || r == '(' || r == '['
}

// isHeading reports whether a paragraph is a headline or section label: one
// short unterminated sentence in which most content words are capitalised.
func isHeading(text string, sents []Sentence) bool {
	if len(sents) != 1 {
		return false
	}
	toks := sents[0].Tokens
	if len(toks) > 30 || isTerminal(toks[len(toks)-1].Norm) && toks[len(toks)-1].Norm != "?" {
		return false
	}
	content, upper := 0, 0
	for _, t := range toks {
		if isNumber(t.Norm) {
			return false // a results or table line ("Norwich 1 Wolverhampton 0"), read as text
		}
		r, _ := utf8.DecodeRuneInString(t.Norm)
		if !unicode.IsLetter(r) || isFunctionWord(t.Norm) {
			continue
		}
		content++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return content >= 2 && upper*10 >= content*7
}

// isNumber reports a token of digits and the marks between them ("3",
// "4-37", "1,200.5").
func isNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == '.' || r == ',' || r == '/':
		default:
			return false
		}
	}
	return digits > 0
}

// isFunctionWord reports the short words that stay lower case in Title Case.
func isFunctionWord(s string) bool {
	var buf [16]byte
	switch lowerKey(buf[:], s) {
	case "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
		"with", "from", "as", "into", "amid", "over", "up", "via", "vs", "vs.", "'s", "is", "are":
		return true
	}
	return false
}
