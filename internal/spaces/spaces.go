// Package spaces collapses white space the way strings.Fields splits on
// it, without allocating for text that needs no change.
package spaces

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Collapse returns s with every run of white space (as unicode.IsSpace
// defines it) made one space, and none at either end: the value of
// strings.Join(strings.Fields(s), " "). Where s is already so, which
// for a sentence or a name is the rule, it returns s itself: no slice of
// fields and no new string, which the join made for every line and
// sentence a build reads. Like a substring, the result may share s's
// memory: a caller that keeps a short result of a long s may clone it.
func Collapse(s string) string {
	if collapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for f := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// collapsed reports whether Collapse(s) is s: no white space but single
// ASCII spaces between other characters.
func collapsed(s string) bool {
	space := true // at the start, a space would be leading
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if space {
					return false
				}
				space = true
			case '\t', '\n', '\v', '\f', '\r':
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		space = false
		i += n
	}
	return !space || s == ""
}
