package corpus

import (
	"strings"
)

// parseMarkdown fills a from a Markdown article. YAML front matter may set
// title, date, author, url and source; otherwise a leading level-1 heading
// is the title. Markup is reduced to plain text before cleaning.
func parseMarkdown(a *Article, s string) {
	lines := strings.Split(normalize(s), "\n")
	lines = frontMatter(a, lines)
	body, h1 := markdownText(lines)
	if a.Title == "" {
		a.Title = h1
	}
	a.Text = body
	clean(a, true)
	takeTitle(a)
}

// frontMatter reads a leading "---" … "---" block of "key: value" lines
// into a and returns the lines after it. A block that is never closed is
// not front matter.
func frontMatter(a *Article, lines []string) []string {
	if len(lines) < 2 || lines[0] != "---" {
		return lines
	}
	for i := 1; i < len(lines) && i < 200; i++ {
		if lines[i] == "---" || lines[i] == "..." {
			for _, l := range lines[1:i] {
				setFrontMatterField(a, l)
			}
			return lines[i+1:]
		}
	}
	return lines
}

// setFrontMatterField stores one "key: value" line in a.
func setFrontMatterField(a *Article, l string) {
	k, v, ok := strings.Cut(l, ":")
	if !ok {
		return
	}
	v = strings.Trim(strings.TrimSpace(v), `"'`)
	switch strings.ToLower(strings.TrimSpace(k)) {
	case "title":
		a.Title = v
	case "date", "published", "published_at", "pubdate":
		if d, ok := ParseDate(v); ok {
			a.Date = d
		}
	case "author", "byline":
		a.Author = v
	case "url", "link", "canonical":
		a.URL = v
	case "source", "site", "publisher":
		a.Source = v
	}
}

var (
	atxRE      = lazyRegexp(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	setextRE   = lazyRegexp(`^ {0,3}(=+|-+)[ \t]*$`)
	hrRE       = lazyRegexp(`^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	fenceRE    = lazyRegexp("^ {0,3}(```|~~~)")
	listRE     = lazyRegexp(`^\s*(?:[-*+]|\d{1,9}[.)])\s+`)
	quoteRE    = lazyRegexp(`^\s*(?:>\s?)+`)
	refDefRE   = lazyRegexp(`^ {0,3}\[[^\]]+\]:\s*\S`)
	tableSepRE = lazyRegexp(`^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$`)
)

// markdownText turns Markdown lines into plain text lines: headings, list
// items and quotes lose their markers, code blocks and rules disappear (code
// is not prose), and inline markup is reduced to its text. It returns the
// text and a level-1 heading found before any other content.
func markdownText(lines []string) (string, string) {
	var out []string
	title, seenContent, inFence := "", false, false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if fenceRE().MatchString(l) {
			inFence = !inFence
			continue
		}
		switch {
		case inFence, refDefRE().MatchString(l), tableSepRE().MatchString(l):
			continue
		case i+1 < len(lines) && l != "" && setextRE().MatchString(lines[i+1]) && !listRE().MatchString(l):
			h := inlineMarkdown(l)
			if !seenContent && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "=") {
				title = h
			} else {
				out = append(out, "", h, "")
			}
			seenContent = true
			i++ // the underline
			continue
		case hrRE().MatchString(l):
			out = append(out, "")
			continue
		}
		if m := atxRE().FindStringSubmatch(l); m != nil {
			h := inlineMarkdown(m[2])
			if !seenContent && len(m[1]) == 1 && h != "" {
				title = h
			} else {
				out = append(out, "", h, "")
			}
			seenContent = seenContent || h != ""
			continue
		}
		l = quoteRE().ReplaceAllString(l, "")
		if item := listRE().ReplaceAllString(l, ""); item != l {
			out = append(out, "") // each list item is a paragraph of its own
			l = item
		}
		l = inlineMarkdown(l)
		seenContent = seenContent || strings.TrimSpace(l) != ""
		out = append(out, l)
	}
	return strings.Join(out, "\n"), title
}

var (
	mdEscapeRE     = lazyRegexp(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>~])`)
	mdImageRE      = lazyRegexp(`!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])`)
	mdLinkRE       = lazyRegexp(`\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])`)
	mdAutolinkRE   = lazyRegexp(`<((?:https?|mailto):[^>\s]+)>`)
	mdCodeRE       = lazyRegexp("`+([^`]+?)`+")
	mdStrongRE     = lazyRegexp(`\*\*([^*]+)\*\*`)
	mdStrongUndRE  = lazyRegexp(`(^|[^\p{L}\p{N}_])__([^_]+)__([^\p{L}\p{N}_]|$)`)
	mdEmRE         = lazyRegexp(`\*([^*\s](?:[^*]*[^*\s])?)\*`)
	mdEmUndRE      = lazyRegexp(`(^|[^\p{L}\p{N}_])_([^_\s](?:[^_]*[^_\s])?)_([^\p{L}\p{N}_]|$)`)
	mdHTMLTagRE    = lazyRegexp(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->`)
	mdStrikeRE     = lazyRegexp(`~~([^~]+)~~`)
	escapePlaceRun = rune(0xE000) // private-use runes stand in for escaped characters
)

// inlineMarkdown reduces inline Markdown to text: links keep their text,
// images vanish, emphasis and code lose their markers. Backslash-escaped
// characters are protected first so that "\*" stays a literal asterisk.
func inlineMarkdown(s string) string {
	if !strings.ContainsAny(s, "\\[]!<>`*_~") {
		return s
	}
	s = mdEscapeRE().ReplaceAllStringFunc(s, func(m string) string {
		return string(escapePlaceRun + rune(m[1]))
	})
	s = mdImageRE().ReplaceAllString(s, "")
	s = mdLinkRE().ReplaceAllString(s, "$1")
	s = mdAutolinkRE().ReplaceAllString(s, "$1")
	s = mdCodeRE().ReplaceAllString(s, "$1")
	s = mdHTMLTagRE().ReplaceAllString(s, "")
	s = mdStrongRE().ReplaceAllString(s, "$1")
	s = mdStrongUndRE().ReplaceAllString(s, "$1$2$3")
	s = mdEmRE().ReplaceAllString(s, "$1")
	s = mdEmUndRE().ReplaceAllString(s, "$1$2$3")
	s = mdStrikeRE().ReplaceAllString(s, "$1")
	return strings.Map(func(r rune) rune {
		if r > escapePlaceRun && r < escapePlaceRun+128 {
			return r - escapePlaceRun
		}
		return r
	}, s)
}
