// Package fold maps typographic variants of characters onto the ASCII
// characters that lexicons, corpora and models are written with. News sites
// use U+2011 non-breaking hyphens, curly quotes and primes interchangeably
// with their ASCII forms; the segmenter and the tagger must agree on them.
package fold

// Rune returns the ASCII form of a typographic variant (hyphens and dashes
// other than the em dash to '-', single quotes and primes to '\”, double
// quotes and guillemets to '"', narrow and non-breaking spaces to ' '), and
// any other rune unchanged.
func Rune(r rune) rune {
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
