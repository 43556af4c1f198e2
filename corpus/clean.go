package corpus

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"cograph/internal/spaces"
)

// topWindow is how many leading paragraphs may hold a byline or a date line
// that describes the article; further down such lines belong to something
// else (a quoted date, a related-article teaser).
const topWindow = 6

// bottomWindow is how many trailing paragraphs may hold a byline or a
// reporting credit that is removed without becoming Article.Author.
const bottomWindow = 3

// Clean normalises a.Text and removes page furniture by general rules, in
// place. It is applied to every article a [Reader] returns; it is exported
// for text that arrives by other routes.
//
// Afterwards a.Text consists of paragraphs separated by exactly "\n\n",
// with no newline inside a paragraph, single spaces between words and no
// leading or trailing space. Hard-wrapped text (lines of similar length
// with blank lines between paragraphs) is re-joined into paragraphs.
//
// Removed: related-article blocks (a heading such as "Related Articles",
// "Read more" or "You may also like" and the short headline, byline,
// section and date lines under it), single "Related article: …" / "See
// also: …" lines, share and comment prompts, subscription prompts, bare URL
// lines, breadcrumbs, copyright and photo-credit lines, lines that are only
// a date, bylines near the top or bottom, a dateline prefix such as
// "MOSCOW (Reuters) - " at the start of one of the first paragraphs, and an
// agency signature or reporting credit at the very end.
//
// A byline near the top fills a.Author and the first date line near the
// top fills a.Date (as YYYY-MM-DD), but only when they are empty: metadata
// from the file wins. When a.Title is set, a first paragraph repeating it
// is removed. Subheadings are kept as their own paragraphs.
func Clean(a *Article) { clean(a, true) }

// clean is Clean with hard-wrap detection optional: HTML blocks are already
// whole paragraphs, so short ones must never be joined.
func clean(a *Article, rejoin bool) {
	lines := strings.Split(normalize(a.Text), "\n")
	dropFurnitureLines(lines)
	width, wrapped := wrapWidth(lines)
	paras := paragraphs(lines, width, rejoin && wrapped)
	paras = dropFurnitureParagraphs(a, paras)
	a.Text = strings.Join(paras, "\n\n")
}

// removedLine replaces a furniture line. It differs from a blank line
// because a sentence interrupted by furniture may be mended across it.
// normalize removes control characters, so no text line equals it.
const removedLine = "\x00"

func isBlank(l string) bool { return l == "" || l == removedLine }

// dropFurnitureLines replaces furniture lines with removedLine, in place.
// It works on lines, not paragraphs, because furniture sits on lines of its
// own and must be gone before hard-wrapped lines are joined around it.
func dropFurnitureLines(lines []string) {
	for i := 0; i < len(lines); i++ {
		l, k := lines[i], ""
		if l != "" && len(l) <= maxFurnitureLen {
			k = lineKey(l) // once for both tests
		}
		switch {
		case l == "":
		case isBlockHeading(l, k):
			end := relatedBlockEnd(lines, i+1)
			for j := i; j < end; j++ {
				lines[j] = removedLine
			}
			i = end - 1
		case isFurnitureLine(l, k):
			lines[i] = removedLine
		}
	}
}

// relatedBlockEnd returns the index after the related-article list that
// starts at lines[i]: blank lines and short headline-like lines, up to the
// first line that reads as prose.
func relatedBlockEnd(lines []string, i int) int {
	for ; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		if !isListItem(l) {
			break
		}
		// A wrapped prose line continues on a lowercase line; a teaser
		// headline never does.
		if i+1 < len(lines) && startsLower(lines[i+1]) {
			break
		}
	}
	return i
}

// isListItem reports whether l can be one line of a related-article list:
// a headline, a byline, a section label or a date. Prose is longer or has
// more than one sentence.
func isListItem(l string) bool {
	return utf8.RuneCountInString(l) <= 200 && !startsLower(l) && sentenceBreaks(l) == 0
}

// wrapWidth detects hard-wrapped text and returns its line width in runes.
// A wrapping program breaks a line only when the next word would not fit,
// so in hard-wrapped text nearly every line followed by another non-blank
// line is within one word of the width. Lists and one-paragraph-per-line
// text fail that test: their lines end wherever the item or paragraph does.
func wrapWidth(lines []string) (int, bool) {
	var lens []int
	for i := 0; i+1 < len(lines); i++ {
		if !isBlank(lines[i]) && !isBlank(lines[i+1]) {
			lens = append(lens, utf8.RuneCountInString(lines[i]))
		}
	}
	if len(lens) < 3 {
		return 0, false
	}
	sorted := slices.Sorted(slices.Values(lens))
	width := sorted[len(sorted)*19/20]
	if width < 30 || width > 140 {
		return 0, false
	}
	full, k := 0, 0
	for i := 0; i+1 < len(lines); i++ {
		if isBlank(lines[i]) || isBlank(lines[i+1]) {
			continue
		}
		// Widths vary by a few characters in text copied from PDFs and
		// pages, hence the 10% slack; a list item never results from wrapping.
		next, _, _ := strings.Cut(lines[i+1], " ")
		if (lens[k]+1+utf8.RuneCountInString(next))*10 > width*9 && !listItemRE().MatchString(lines[i+1]) {
			full++
		}
		k++
	}
	return width, full*10 >= len(lens)*7
}

// paragraphs builds paragraphs from lines. Blank lines always separate
// paragraphs, except that a sentence is mended across them when the first
// part stops mid-sentence and the second starts in lowercase, and the break
// came from removed furniture (a URL pasted into a sentence) or from a blank
// line inside hard-wrapped text. Without blank lines, hard-wrapped lines are
// joined unless the previous line ended clearly short; otherwise every line
// is a paragraph unless it continues a sentence in lowercase.
func paragraphs(lines []string, width int, wrapped bool) []string {
	var paras []string
	var cur paragraph
	prev := ""                // the last text line
	brk, mend := false, false // a break since prev, and whether it may be mended
	for _, l := range lines {
		if isBlank(l) {
			brk = true
			mend = mend || wrapped || l == removedLine
			continue
		}
		var joined bool
		switch {
		case cur.empty():
		case brk:
			joined = mend && continuesSentence(prev, l)
		case wrapped:
			joined = continues(prev, l, width)
		default:
			joined = continuesSentence(prev, l)
		}
		if !joined {
			cur.flush(&paras)
		}
		cur.add(l)
		prev, brk, mend = l, false, false
	}
	cur.flush(&paras)
	return paras
}

// continuesSentence reports whether next carries on the sentence that prev
// left unfinished.
func continuesSentence(prev, next string) bool {
	return startsLower(next) && endsMidSentence(prev)
}

// A paragraph collects lines and joins them once, so that a paragraph of
// many thousands of lines costs linear, not quadratic, time.
type paragraph struct{ lines []string }

func (p *paragraph) empty() bool  { return len(p.lines) == 0 }
func (p *paragraph) add(l string) { p.lines = append(p.lines, l) }

// flush appends the joined paragraph to paras and starts a new one.
func (p *paragraph) flush(paras *[]string) {
	if len(p.lines) == 0 {
		return
	}
	var b strings.Builder
	for i, l := range p.lines {
		if i > 0 && !hyphenBreak(p.lines[i-1], l) {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	*paras = append(*paras, b.String())
	p.lines = p.lines[:0]
}

// continues reports whether next continues the paragraph whose last
// wrapped line is prev.
func continues(prev, next string, width int) bool {
	if listItemRE().MatchString(next) {
		return false
	}
	if startsLower(next) {
		return true
	}
	n := utf8.RuneCountInString(prev)
	if endsSentence(prev) {
		return n*4 >= width*3 // a full line that happens to end a sentence
	}
	return n*10 >= width*6 // a short unpunctuated line is a heading
}

// listItemRE matches the marker of a list item, which always starts a new
// paragraph.
var listItemRE = lazyRegexp(`^(?:[-*•·–—]|\d{1,3}[.)]) `)

// hyphenBreak reports whether a line ending a and the next line b were
// split inside a hyphenated word ("China-" / "Russia"): the hyphen follows
// a letter and b starts with one. The hyphen is kept and no space added.
func hyphenBreak(a, b string) bool {
	if !strings.HasSuffix(a, "-") || len(a) < 2 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(a[:len(a)-1])
	f, _ := utf8.DecodeRuneInString(b)
	return unicode.IsLetter(r) && unicode.IsLetter(f)
}

// dropFurnitureParagraphs applies the rules that depend on a paragraph's
// position: bylines and date lines near the top feed a.Author and a.Date.
func dropFurnitureParagraphs(a *Article, paras []string) []string {
	n := len(paras)
	out := make([]string, 0, n)
	for i, p := range paras {
		if name, ok := byline(p); ok && (i < topWindow || i >= n-bottomWindow) {
			if a.Author == "" && i < topWindow {
				a.Author = name
			}
			continue
		}
		if d, ok := ParseDate(p); ok {
			if a.Date == "" && i < topWindow {
				a.Date = d
			}
			continue
		}
		out = append(out, p)
	}
	if len(out) > 0 && a.Title != "" && sameText(out[0], a.Title) {
		out = out[1:]
	}
	for i := 0; i < len(out) && i < 3; i++ {
		out[i] = stripDateline(out[i])
	}
	return dropTrailer(out)
}

// sameText compares two short texts ignoring case and spacing.
func sameText(a, b string) bool {
	return strings.EqualFold(spaces.Collapse(a), spaces.Collapse(normalize(b)))
}

// endsSentence reports whether s ends with sentence-final punctuation,
// looking through closing quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)]*_ ")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', ':', ';':
		return true
	}
	return false
}

// endsMidSentence reports whether s stops where a sentence cannot end:
// after a word, a number, a comma or a hyphen.
func endsMidSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',' || r == '-'
}

// startsLower reports whether s begins with a lowercase word. Brand names
// such as "iTunes" or "eBay" have a capital inside and count as capitalised.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return false
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return strings.IndexFunc(s[:end], unicode.IsUpper) < 0
}

// sentenceBreaks counts the places in s where one sentence ends and another
// begins: final punctuation, a space and an uppercase letter or quote. A
// period after a single capital ("U.S. Slams") is an abbreviation.
func sentenceBreaks(s string) int {
	n := 0
	for i := 0; i+2 < len(s); i++ {
		c := s[i]
		if (c != '.' && c != '!' && c != '?') || s[i+1] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i+2:])
		if !unicode.IsUpper(r) && r != '"' && r != '“' {
			continue
		}
		if c == '.' && isAbbrev(s[:i]) {
			continue
		}
		n++
	}
	return n
}

// isAbbrev reports whether the word before a period is an initial or a
// common abbreviation, so the period does not end a sentence.
func isAbbrev(before string) bool {
	w := before[strings.LastIndexAny(before, " (")+1:]
	if r, size := utf8.DecodeRuneInString(w); size == len(w) && unicode.IsUpper(r) {
		return true // "J. Smith"
	}
	if strings.Contains(w, ".") { // "U.S", "a.m"
		return true
	}
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "St", "Sen", "Rep", "Gov", "Jr", "Sr", "No", "vs", "Inc", "Corp", "Ltd", "Co":
		return true
	}
	return false
}

// lazyRegexp compiles pattern on first use: compiling every expression of
// the package at start-up was a quarter of the start-up of the program,
// and a run needs only those its input formats use.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
