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
	// Nearly every token is ASCII, which never folds here: its bytes are
	// tested as they are, and runes are decoded from the first that is
	// not (decoding every token was a tenth of segmentation).
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldFrom(s, i)
		}
	}
	return s
}

// foldFrom is Fold of s, whose bytes before start are ASCII.
func foldFrom(s string, start int) string {
	for i, r := range s[start:] {
		if r >= utf8.RuneSelf && foldRune(r) != r {
			return s[:start+i] + strings.Map(foldRune, s[start+i:])
		}
	}
	return s
}
