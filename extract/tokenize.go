package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits text into tokens following the conventions of the CoNLL
// and Penn Treebank corpora the recognizer is trained on, so that accuracy
// measured there carries over: punctuation is split off, possessive "'s" and
// "n't" are separate tokens, abbreviations keep their period ("U.S.",
// "Mr."), hyphenated compounds stay whole ("China-Russia"), and dashes
// separate words.
func Tokenize(text string) []Token {
	return tokenize(text, 0, len(text), nil)
}

// tokenize appends the tokens of text[start:end] to dst.
func tokenize(text string, start, end int, dst []Token) []Token {
	i := start
	for i < end {
		space, n := spaceAt(text, i, end)
		if space {
			i += n
			continue
		}
		j := i + n
		for j < end {
			// The test of spaceAt for ASCII, here in the loop: the call
			// itself was a sixth of segmentation.
			if c := text[j]; c < utf8.RuneSelf {
				if c == ' ' || c >= '\t' && c <= '\r' {
					break
				}
				j++
				continue
			}
			space, n := spaceAt(text, j, end)
			if space {
				break
			}
			j += n
		}
		dst = splitChunk(text, i, j, dst)
		i = j
	}
	return dst
}

// spaceAt reports whether the rune at text[i:end] separates chunks (white
// space, including the no-break and zero-width kinds), and its length. An
// ASCII byte is tested as it is: decoding every byte and asking unicode
// was 2% of a large build.
func spaceAt(text string, i, end int) (bool, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r', 1
	}
	r, n := utf8.DecodeRuneInString(text[i:end])
	return unicode.IsSpace(r) || foldRune(r) == ' ' || r == '\u200B' || r == '\uFEFF', n
}

// splitChunk appends the tokens of one white-space-delimited chunk.
func splitChunk(text string, s, e int, dst []Token) []Token {
	// Dashes and ellipses separate words even without spaces ("2023—more").
	// Only "--" and the three-byte forms that start with 0xE2 (U+2014,
	// U+2015, U+2026) can be one; the bytes are scanned for those, as
	// neither byte occurs inside another rune's encoding.
	for k := s; k < e; k++ {
		n := 0
		switch text[k] {
		case '-':
			if k+1 < e && text[k+1] == '-' {
				n = 2
			}
		case 0xE2:
			if r, w := utf8.DecodeRuneInString(text[k:e]); r == '\u2014' || r == '\u2015' || r == '\u2026' {
				n = w
			}
		}
		if n > 0 {
			dst = splitChunk(text, s, k, dst)
			dst = appendToken(dst, text, k, k+n)
			return splitChunk(text, k+n, e, dst)
		}
	}
	// Leading opening punctuation.
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isOpener(r) {
			break
		}
		dst = appendToken(dst, text, s, s+n)
		s += n
	}
	// Trailing closing punctuation, collected right to left.
	var tail [16]Span
	nt := 0
	for s < e && nt < len(tail) {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if r == '.' && keepsPeriod(text[s:e]) {
			break
		}
		if !isTrailer(r) {
			break
		}
		// "..." is one token.
		if r == '.' && strings.HasSuffix(text[s:e], "...") && e-3 >= s {
			tail[nt] = Span{e - 3, e}
			nt++
			e -= 3
			continue
		}
		tail[nt] = Span{e - n, e}
		nt++
		e -= n
	}
	if s < e {
		dst = splitClitics(text, s, e, dst)
	}
	for k := nt - 1; k >= 0; k-- {
		dst = appendToken(dst, text, tail[k].Start, tail[k].End)
	}
	return dst
}

// splitClitics splits a possessive "'s" or "s'", and "n't", off a word.
func splitClitics(text string, s, e int, dst []Token) []Token {
	w := Fold(text[s:e])
	switch {
	case len(w) > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S")):
		// The apostrophe is whatever rune folds to ' (also ´, ′, ‘, ʼ), so
		// it is found by position, just before the final s, not by name.
		_, n := utf8.DecodeLastRuneInString(text[s : e-1])
		cut := e - 1 - n
		dst = appendToken(dst, text, s, cut)
		return appendToken(dst, text, cut, e)
	case len(w) > 3 && endsNT(w):
		cut := strings.LastIndexAny(text[s:e], "nN")
		dst = appendToken(dst, text, s, s+cut)
		return appendToken(dst, text, s+cut, e)
	case len(w) > 2 && strings.HasSuffix(w, "s'"):
		_, n := utf8.DecodeLastRuneInString(text[s:e])
		dst = appendToken(dst, text, s, e-n)
		return appendToken(dst, text, e-n, e)
	}
	return append(dst, Token{Span: Span{s, e}, Norm: w}) // appendToken, w already folded
}

// endsNT reports whether w ends in "n't" in any case: the three runes
// that lower-case to it are ASCII, so its last bytes are compared.
func endsNT(w string) bool {
	n := len(w)
	return n >= 3 && w[n-3]|0x20 == 'n' && w[n-2] == '\'' && w[n-1]|0x20 == 't'
}

func appendToken(dst []Token, text string, s, e int) []Token {
	if s >= e {
		return dst
	}
	return append(dst, Token{Span: Span{s, e}, Norm: Fold(text[s:e])})
}

func isOpener(r rune) bool {
	switch foldRune(r) {
	case '"', '\'', '(', '[', '{', '\u00BF', '\u00A1', '\u3010', '\u300C':
		return true
	}
	return false
}

func isTrailer(r rune) bool {
	switch foldRune(r) {
	case '"', '\'', '.', ',', ';', ':', '!', '?', ')', ']', '}', '\u3011', '\u300D':
		return true
	}
	return false
}

// abbreviations keep their final period: titles, months, company suffixes
// and other short forms that rarely end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true, "capt": true,
	"sgt": true, "adm": true, "maj": true, "rev": true, "hon": true, "pres": true, "supt": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "bros": true, "plc": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "vs": true, "etc": true, "approx": true, "mt": true, "ft": true,
	"ave": true, "blvd": true, "dept": true, "univ": true, "est": true, "fig": true, "vol": true,
}

// keepsPeriod reports whether a word ending in "." is an abbreviation whose
// period belongs to it: a known abbreviation, an initial ("J."), or dotted
// letters ("U.S.", "a.m.").
func keepsPeriod(w string) bool {
	core := strings.TrimSuffix(w, ".")
	if core == "" {
		return false
	}
	var buf [16]byte
	if abbreviations[lowerKey(buf[:], core)] {
		r, _ := utf8.DecodeRuneInString(core)
		return unicode.IsLetter(r)
	}
	if utf8.RuneCountInString(core) == 1 {
		r, _ := utf8.DecodeRuneInString(core)
		return unicode.IsUpper(r)
	}
	if !strings.Contains(core, ".") {
		return false
	}
	for _, part := range strings.Split(core, ".") {
		if n := utf8.RuneCountInString(part); n == 0 || n > 2 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}
