package extract

import (
	"strings"
	"unicode/utf8"
)

// foldRune maps typographic variants onto the ASCII character that lexicons
// and models are written with. News sites use U+2011 non-breaking hyphens,
// curly quotes and primes interchangeably with their ASCII forms.
func foldRune(r rune) rune {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\uFE63', '\uFF0D':
		return '-'
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '`', '\u00B4':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u00A0', '\u2007', '\u202F', '\u2009', '\u200A':
		return ' '
	}
	return r
}

// Fold returns s with typographic variants folded (see foldRune). It returns
// s itself, without allocating, when nothing changes.
func Fold(s string) string {
	for i, r := range s {
		if r >= utf8.RuneSelf && foldRune(r) != r {
			return s[:i] + strings.Map(foldRune, s[i:])
		}
	}
	return s
}

// lookupLower returns m[strings.ToLower(w)] without allocating when w is
// ASCII and short, which covers nearly every token: the lexicon's
// case-insensitive tables are probed for most words of every sentence.
func lookupLower[V any](m map[string]V, w string) (V, bool) {
	var buf [48]byte
	if len(w) > len(buf) {
		v, ok := m[strings.ToLower(w)]
		return v, ok
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			v, ok := m[strings.ToLower(w)]
			return v, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	v, ok := m[string(buf[:len(w)])]
	return v, ok
}
