package extract

import (
	"strings"
	"unicode/utf8"

	"cograph/internal/fold"
)

// foldRune maps typographic variants onto ASCII; see package fold.
func foldRune(r rune) rune { return fold.Rune(r) }

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
