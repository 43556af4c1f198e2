package corpus

import (
	"html"
	"strings"
	"unicode/utf8"

	"cograph/internal/spaces"
)

// blockTags end a run of inline text: each becomes its own paragraph.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"br": true, "caption": true, "center": true, "dd": true, "details": true,
	"dialog": true, "div": true, "dl": true, "dt": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true,
	"hgroup": true, "hr": true, "html": true, "li": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true,
	"thead": true, "tr": true, "ul": true,
}

// voidTags never have content or an end tag.
var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true,
}

// furnitureTags hold navigation, scripts, forms and captions, never body
// text.
var furnitureTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "nav": true, "header": true,
	"footer": true, "aside": true, "form": true, "figure": true, "figcaption": true,
	"button": true, "select": true, "svg": true, "iframe": true, "template": true,
	"menu": true, "dialog": true, "object": true, "canvas": true, "audio": true,
	"video": true, "map": true, "textarea": true, "label": true, "math": true,
	"title": true,
}

// furnitureRoles are ARIA landmarks outside the article body.
var furnitureRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "alert": true, "menu": true, "menubar": true,
}

// furnitureClassWords mark a container as furniture when they appear as a
// part of one of its class names or its id ("related-articles", "post_share").
var furnitureClassWords = map[string]bool{
	"share": true, "sharing": true, "social": true, "related": true, "comments": true,
	"comment": true, "newsletter": true, "subscribe": true, "subscription": true,
	"advert": true, "advertisement": true, "ads": true, "ad": true, "promo": true,
	"breadcrumb": true, "breadcrumbs": true, "cookie": true, "cookies": true,
	"popup": true, "modal": true, "sidebar": true, "navbar": true, "menu": true,
	"nav": true, "footer": true, "recommended": true, "trending": true,
	"tags": true, "caption": true, "byline-share": true, "paywall": true,
}

// structuralTags are never judged by their class: a page may mark its
// <body> or <article> with any class at all.
var structuralTags = map[string]bool{"html": true, "body": true, "main": true, "article": true}

// maxBlockDepth bounds the stack of open block elements, as browsers bound
// nesting depth.
const maxBlockDepth = 512

// An htmlBlock is one paragraph-like run of text and where it sat.
type htmlBlock struct {
	text    string
	article int    // index of the enclosing top-level <article>, or -1
	inMain  bool   // inside <main> or role="main"
	tag     string // innermost enclosing block element
}

// An htmlDoc is what one pass over a document collects.
type htmlDoc struct {
	meta           map[string]string
	title, h1      string
	canonical      string
	timeAttr       string
	blocks         []htmlBlock
	articleLengths []int
}

// htmlExtractor holds the state of one pass.
type htmlExtractor struct {
	doc        htmlDoc
	useClasses bool // judge containers by class and id too

	skipTag   string // the furniture element being skipped, or ""
	skipDepth int    // nesting of skipTag inside itself
	article   int    // current top-level article, or -1
	artDepth  int
	mainDepth int
	mainTag   string // the element that opened the main region
	blocks    []string
	inH1      bool
	h1        strings.Builder
	pre       int
	cur       strings.Builder
	space     bool // whitespace seen since the last written text
}

// parseHTMLDoc collects metadata and text blocks from an HTML document.
func parseHTMLDoc(s string, useClasses bool) *htmlDoc {
	x := &htmlExtractor{useClasses: useClasses, article: -1}
	x.doc.meta = map[string]string{}
	z := &htmlTokenizer{s: s}
	for {
		t, ok := z.next()
		if !ok {
			break
		}
		switch t.kind {
		case htmlText:
			x.text(&t)
		case htmlStart:
			x.start(&t)
		case htmlEnd:
			x.end(t.name)
		}
	}
	x.flush()
	return &x.doc
}

func (x *htmlExtractor) text(t *htmlToken) {
	if t.name == "title" {
		if x.doc.title == "" {
			x.doc.title = spaces.Collapse(html.UnescapeString(t.text))
		}
		return
	}
	if t.name != "" { // raw text of script, style and the like
		return
	}
	s := html.UnescapeString(t.text)
	if x.inH1 {
		x.h1.WriteString(s)
	}
	if x.skipTag != "" {
		return
	}
	if x.pre > 0 {
		// Preformatted text keeps its lines: each becomes a paragraph.
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				x.flush()
			}
			x.write(line)
		}
		return
	}
	x.write(s)
}

// write appends text, collapsing HTML whitespace to single spaces. A space
// is written only between two pieces of text, so inline tags such as
// "<b>Xi</b> Jinping" join correctly and blocks never start with a space.
func (x *htmlExtractor) write(s string) {
	if s == "" {
		return
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r < utf8.RuneSelf && isHTMLSpace(byte(r)) })
	if len(fields) == 0 {
		x.space = true
		return
	}
	if isHTMLSpace(s[0]) {
		x.space = true
	}
	for i, f := range fields {
		if (i > 0 || x.space) && x.cur.Len() > 0 {
			x.cur.WriteByte(' ')
		}
		x.cur.WriteString(f)
	}
	x.space = isHTMLSpace(s[len(s)-1])
}

func (x *htmlExtractor) start(t *htmlToken) {
	x.collectMeta(t)
	if t.name == "h1" && x.doc.h1 == "" && !t.selfClosing {
		x.inH1 = true
	}
	if x.skipTag != "" {
		if t.name == x.skipTag && !t.selfClosing {
			x.skipDepth++
		}
		return
	}
	if !voidTags[t.name] && !t.selfClosing && x.isFurniture(t) {
		x.flush()
		x.skipTag, x.skipDepth = t.name, 1
		return
	}
	if blockTags[t.name] {
		x.flush()
	}
	switch t.name {
	case "article":
		if x.artDepth == 0 {
			x.article = len(x.doc.articleLengths)
			x.doc.articleLengths = append(x.doc.articleLengths, 0)
		}
		x.artDepth++
	case "main":
		x.openMain(t.name)
	case "pre":
		x.pre++
	}
	if t.name != "main" && t.attr("role") == "main" && x.mainDepth == 0 && !voidTags[t.name] {
		x.openMain(t.name)
	}
	if blockTags[t.name] && !voidTags[t.name] {
		if (t.name == "p" || t.name == "li") && len(x.blocks) > 0 && x.blocks[len(x.blocks)-1] == t.name {
			x.blocks = x.blocks[:len(x.blocks)-1] // an unclosed <p> ends at the next one
		}
		// Unclosed tags pile up in broken pages; a bounded stack keeps the
		// search for a matching end tag cheap.
		if len(x.blocks) < maxBlockDepth {
			x.blocks = append(x.blocks, t.name)
		}
	}
}

func (x *htmlExtractor) openMain(tag string) {
	if x.mainDepth == 0 {
		x.mainTag = tag
	}
	if tag == x.mainTag {
		x.mainDepth++
	}
}

func (x *htmlExtractor) end(name string) {
	if name == "h1" && x.inH1 {
		x.inH1 = false
		x.doc.h1 = spaces.Collapse(x.h1.String())
	}
	if x.skipTag != "" {
		if name == x.skipTag {
			x.skipDepth--
			if x.skipDepth == 0 {
				x.skipTag = ""
			}
		}
		return
	}
	if blockTags[name] {
		x.flush()
		if i := lastIndex(x.blocks, name); i >= 0 {
			x.blocks = x.blocks[:i]
		}
	}
	switch {
	case name == "article" && x.artDepth > 0:
		x.artDepth--
		if x.artDepth == 0 {
			x.article = -1
		}
	case name == "pre" && x.pre > 0:
		x.pre--
	}
	if name == x.mainTag && x.mainDepth > 0 {
		x.mainDepth--
	}
}

// flush ends the current block of text.
func (x *htmlExtractor) flush() {
	s := strings.TrimSpace(x.cur.String())
	x.cur.Reset()
	x.space = false
	if s == "" {
		return
	}
	b := htmlBlock{text: s, article: x.article, inMain: x.mainDepth > 0}
	if len(x.blocks) > 0 {
		b.tag = x.blocks[len(x.blocks)-1]
	}
	if b.article >= 0 {
		x.doc.articleLengths[b.article] += len(s)
	}
	x.doc.blocks = append(x.doc.blocks, b)
}

// isFurniture reports whether the element t starts is page furniture.
func (x *htmlExtractor) isFurniture(t *htmlToken) bool {
	if furnitureTags[t.name] || furnitureRoles[strings.ToLower(t.attr("role"))] {
		return true
	}
	for _, a := range t.attrs {
		if a.key == "hidden" || (a.key == "aria-hidden" && a.val == "true") {
			return true
		}
	}
	if !x.useClasses || structuralTags[t.name] {
		return false
	}
	return hasFurnitureWord(t.attr("class")) || hasFurnitureWord(t.attr("id"))
}

// hasFurnitureWord reports whether a class list or id contains a furniture
// word as one of its hyphen- or underscore-separated parts.
func hasFurnitureWord(v string) bool {
	for _, f := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n'
	}) {
		if furnitureClassWords[f] {
			return true
		}
	}
	return false
}

// collectMeta records <meta>, <link rel=canonical> and <time datetime>.
func (x *htmlExtractor) collectMeta(t *htmlToken) {
	switch t.name {
	case "meta":
		key := t.attr("property")
		if key == "" {
			key = t.attr("name")
		}
		if key == "" {
			key = t.attr("itemprop")
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val := strings.TrimSpace(t.attr("content"))
		if key != "" && val != "" {
			if _, ok := x.doc.meta[key]; !ok {
				x.doc.meta[key] = val
			}
		}
	case "link":
		if strings.EqualFold(t.attr("rel"), "canonical") && x.doc.canonical == "" {
			x.doc.canonical = strings.TrimSpace(t.attr("href"))
		}
	case "time":
		// A <time> in a related-articles list dates another story.
		if d := t.attr("datetime"); d != "" && x.doc.timeAttr == "" && (x.skipTag == "" || x.skipTag == "header") {
			if _, ok := ParseDate(d); ok {
				x.doc.timeAttr = d
			}
		}
	}
}

func lastIndex(s []string, v string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// bodyText chooses the article body among the blocks: the largest
// top-level <article>, else <main>, else the paragraphs and headings. A
// container holding under a third of the page's paragraph text is a
// teaser, not the body.
func (d *htmlDoc) bodyText() string {
	paraLen := 0
	for _, b := range d.blocks {
		if isParaTag(b.tag) {
			paraLen += len(b.text)
		}
	}
	best, bestLen := -1, 0
	for i, n := range d.articleLengths {
		if n > bestLen {
			best, bestLen = i, n
		}
	}
	if best >= 0 && bestLen*3 >= paraLen {
		return d.join(func(b htmlBlock) bool { return b.article == best })
	}
	mainLen := 0
	for _, b := range d.blocks {
		if b.inMain {
			mainLen += len(b.text)
		}
	}
	if mainLen > 0 && mainLen*3 >= paraLen {
		return d.join(func(b htmlBlock) bool { return b.inMain })
	}
	if paraLen > 0 {
		return d.join(func(b htmlBlock) bool { return isParaTag(b.tag) })
	}
	return d.join(func(htmlBlock) bool { return true })
}

func (d *htmlDoc) join(keep func(htmlBlock) bool) string {
	var sb strings.Builder
	for _, b := range d.blocks {
		if keep(b) {
			sb.WriteString(b.text)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func isParaTag(tag string) bool {
	switch tag {
	case "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre":
		return true
	}
	return false
}

// metaDateKeys are the <meta> names that carry the publication date, in
// order of preference.
var metaDateKeys = []string{
	"article:published_time", "og:published_time", "og:article:published_time",
	"datepublished", "date", "pubdate", "publishdate", "publish-date",
	"publication_date", "dc.date", "dc.date.issued", "dcterms.date",
	"dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
}

// parseHTML fills a from an HTML document. Metadata wins over what the
// body text suggests: a byline or date found by Clean is used only when
// the page has no author or date meta tag.
func parseHTML(a *Article, s string) {
	d := parseHTMLDoc(s, true)
	body := d.bodyText()
	// Class names are a guess: if they hid most of the page, the guess
	// was wrong (a wrapper named "comments-enabled"), so judge by tags only.
	if plain := parseHTMLDoc(s, false).bodyText(); len(body)*4 < len(plain) {
		body = plain
	}
	a.Title = d.titleText()
	a.URL = firstNonEmpty(d.meta["og:url"], d.canonical)
	a.Source = firstNonEmpty(d.meta["og:site_name"], a.Source)
	a.Author = firstNonEmpty(notURL(d.meta["author"]), notURL(d.meta["article:author"]), notURL(d.meta["dc.creator"]), notURL(d.meta["parsely-author"]))
	for _, k := range append(metaDateKeys, "") {
		v := d.meta[k]
		if k == "" {
			v = d.timeAttr
		}
		if date, ok := ParseDate(v); ok {
			a.Date = date
			break
		}
	}
	a.Text = body
	clean(a, false)
}

// titleText picks the headline: og:title, else <title> without the site
// name the page appends to it, else the first <h1>.
func (d *htmlDoc) titleText() string {
	if t := spaces.Collapse(firstNonEmpty(d.meta["og:title"], d.meta["twitter:title"])); t != "" {
		return t
	}
	t := d.title
	if d.h1 != "" && strings.HasPrefix(t, d.h1) {
		return d.h1
	}
	if site := d.meta["og:site_name"]; site != "" {
		for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
			if rest, ok := strings.CutSuffix(t, sep+site); ok {
				t = rest
				break
			}
		}
	}
	return firstNonEmpty(t, d.h1)
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// notURL drops author values that are profile links rather than names.
func notURL(s string) string {
	if strings.Contains(s, "://") {
		return ""
	}
	return s
}

// looksLikeHTML reports whether a JSONL text field holds markup.
func looksLikeHTML(s string) bool {
	for _, tag := range []string{"<p>", "<p ", "<br", "</p>", "</div>", "<div"} {
		if strings.Contains(s, tag) {
			return true
		}
	}
	return false
}
