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
