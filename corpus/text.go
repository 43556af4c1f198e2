package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseText fills a from a plain-text article: the body is cleaned and a
// first paragraph that reads as a headline becomes the title.
func parseText(a *Article, s string) {
	a.Text = s
	clean(a, true)
	takeTitle(a)
}

// takeTitle moves the first paragraph of a.Text to a.Title when it reads
// as a headline and a has no title yet. An article needs a body, so a text
// of one paragraph keeps it.
func takeTitle(a *Article) {
	if a.Title != "" {
		return
	}
	first, rest, ok := strings.Cut(a.Text, "\n\n")
	if ok && isHeadline(first) {
		a.Title, a.Text = first, rest
	}
}

// isHeadline reports whether s reads as a headline rather than a sentence:
// short, one clause, capitalised, not ending in a period or a comma, and
// not a URL, a byline or a date (those are removed before this is asked,
// but a lone one may remain).
func isHeadline(s string) bool {
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 200 || len(strings.Fields(s)) > 30 || startsLower(s) {
		return false
	}
	bare := strings.TrimRight(s, "\"'”’)")
	last, _ := utf8.DecodeLastRuneInString(bare)
	switch last {
	case '.', ',', ';', ':':
		if !strings.HasSuffix(bare, "...") {
			return false
		}
	}
	if sentenceBreaks(s) > 0 || bareURLRE().MatchString(s) || strings.IndexFunc(s, unicode.IsLetter) < 0 {
		return false
	}
	if _, ok := byline(s); ok {
		return false
	}
	_, isDate := ParseDate(s)
	return !isDate
}
