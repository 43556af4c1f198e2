package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize makes text uniform before any rule looks at it: LF line ends,
// no BOM, no control or zero-width characters, one space between words,
// no leading or trailing spaces on a line, and ASCII hyphens for the
// Unicode hyphens that would otherwise split names like "China‑Russia"
// differently from "China-Russia". Invalid UTF-8 becomes U+FFFD.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending, written only before the next visible rune
	lineStart := true
	for i := 0; i < len(s); {
		if c := s[i]; c > ' ' && c < utf8.RuneSelf && c != 0x7f {
			// Fast path: a run of printable ASCII needs no decision.
			if space {
				b.WriteByte(' ')
				space = false
			}
			j := i + 1
			for j < len(s) && s[j] > ' ' && s[j] < utf8.RuneSelf && s[j] != 0x7f {
				j++
			}
			b.WriteString(s[i:j])
			lineStart = false
			i = j
			continue
		} else if c == ' ' {
			space = !lineStart
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // CRLF: the LF ends the line
			}
			r = '\n'
		case r == '\u2028' || r == '\u2029' || r == '\f' || r == '\v':
			r = '\n'
		}
		switch {
		case r == '\n':
			b.WriteByte('\n')
			space, lineStart = false, true
			continue
		case r == '\t' || unicode.IsSpace(r):
			space = !lineStart
			continue
		case r == '\u00AD' || r == '\uFEFF' || r == '\u200B' || r == '\u200C' ||
			r == '\u200D' || r == '\u2060' || unicode.IsControl(r):
			continue // soft hyphen, BOM, zero-width and control characters
		case r == '\u2010' || r == '\u2011':
			r = '-'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		lineStart = false
	}
	return b.String()
}
