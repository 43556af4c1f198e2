package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"cograph/internal/spaces"
)

// Rules is a recognizer built from capitalisation, lexicons and cues: runs
// of capitalised words are split at titles and connectors, then typed by
// the lexicon (countries, places, institutions, events), by head words
// ("… Ministry", "… War", "Treaty of …"), by title cues ("President …") and
// by name lists. Words at the start of a sentence and in Title Case
// headings are only taken when the lexicon or the rest of the article
// vouches for them.
type Rules struct {
	Lex *Lexicon
}

var _ Recognizer = (*Rules)(nil)

// candidate is a typed or still untyped span of tokens in one sentence.
type candidate struct {
	sent, first, last int
	typ, label, role  string
	byName            bool // typed only by the shape of a personal name
}

// Recognize implements [Recognizer].
func (r *Rules) Recognize(dst []Mention, doc *Document) []Mention {
	return r.recognize(dst, doc, r.sentence)
}

// bodyFunc finds the candidates of one body sentence: typed ones go to
// found, untyped ones (which only the rest of the article can type) to open,
// and acronyms the sentence defines to acronyms.
type bodyFunc func(doc *Document, si int, found, open *[]candidate, acronyms map[string]candidate)

// recognize runs body over the body sentences, types the open candidates
// with what the article established, then reads the headings, and returns
// the mentions in text order.
func (r *Rules) recognize(dst []Mention, doc *Document, body bodyFunc) []Mention {
	// The candidates' arrays are kept for the next document: grown from
	// nothing in every document, they were a fifth of the bytes
	// extraction allocated.
	sc := candidatePool.Get().(*candidates)
	defer sc.release()
	found, open := sc.found[:0], sc.open[:0]
	defer func() { sc.found, sc.open = found, open }() // before release, which runs last
	acronyms := map[string]candidate{}
	for si := range doc.Sentences {
		if !doc.Sentences[si].Heading {
			body(doc, si, &found, &open, acronyms)
		}
	}
	known := r.knownForms(doc, found, acronyms)
	for _, c := range open {
		if k, ok := known[r.surface(doc, c)]; ok {
			c.typ, c.label = k.typ, k.label
			found = append(found, c)
		}
	}
	for si := range doc.Sentences {
		if doc.Sentences[si].Heading {
			found = r.heading(doc, si, known, found)
		}
	}
	dst = slices.Grow(dst, len(found)) // at once, not by doubling
	for _, c := range found {
		if c.typ == "" || c.typ == Misc {
			continue
		}
		toks := doc.Sentences[c.sent].Tokens
		sp := Span{toks[c.first].Start, toks[c.last-1].End}
		dst = append(dst, Mention{
			Span: sp, Sentence: c.sent, First: c.first, Last: c.last,
			Type: c.typ, Text: surfaceText(doc.Text[sp.Start:sp.End]), Label: c.label, Role: c.role,
		})
	}
	sortMentions(dst)
	return dst
}

// candidates are the arrays recognize fills for a document, pooled.
type candidates struct{ found, open []candidate }

var candidatePool = sync.Pool{New: func() any { return new(candidates) }}

// release returns sc to the pool without the document's strings (a
// candidate's label can be a slice of its text). The arrays only grow
// within a document, so past their lengths they hold what earlier
// releases cleared.
func (sc *candidates) release() {
	clear(sc.found)
	clear(sc.open)
	candidatePool.Put(sc)
}

// sentence finds the candidates of one body sentence.
func (r *Rules) sentence(doc *Document, si int, found, open *[]candidate, acronyms map[string]candidate) {
	r.sentenceExcept(doc, si, nil, found, open, acronyms)
}

// sentenceExcept is sentence, passing over the runs of capitalised words
// for which skip(first, last) is true.
func (r *Rules) sentenceExcept(doc *Document, si int, skip func(a, b int) bool, found, open *[]candidate, acronyms map[string]candidate) {
	toks := doc.Sentences[si].Tokens
	upper := mostlyUpper(toks)
	for i := 0; i < len(toks); {
		j := r.runEnd(toks, i)
		if j == i {
			i++
			continue
		}
		if skip != nil && skip(i, j) {
			i = j
			continue
		}
		for _, p := range r.splitRun(toks, i, j) {
			r.piece(doc, si, p[0], p[1], upper, found, open, acronyms)
		}
		i = j
	}
	r.elections(si, toks, found)
}

// runEnd returns the end of the run of capitalised words starting at i (i
// itself when toks[i] does not start one). Connectors ("of", "for the",
// "and") are included only between capitalised words.
func (r *Rules) runEnd(toks []Token, i int) int {
	if !isCapWord(toks[i].Norm) {
		return i
	}
	j := i + 1
	for j < len(toks) {
		if isCapWord(toks[j].Norm) {
			j++
			continue
		}
		if toks[j].Norm == "'s" && j+1 < len(toks) && possessiveNamePart[toks[j-1].Norm] && isCapWord(toks[j+1].Norm) {
			j += 2
			continue
		}
		k := j
		for k < len(toks) && k-j < 2 && isConnector(toks[k].Norm) {
			k++
		}
		if k > j && k < len(toks) && isCapWord(toks[k].Norm) && !(toks[j].Norm == "and" && toks[j+1].Norm == "the") {
			j = k
			continue
		}
		break
	}
	return j
}

// possessiveNamePart lists the plural nouns whose possessive occurs inside
// names ("People's Republic of China", "Women's World Cup").
var possessiveNamePart = map[string]bool{"People": true, "Children": true, "Women": true, "Men": true, "Workers": true}

func isConnector(w string) bool {
	switch w {
	case "of", "for", "the", "and", "on", "de", "du", "des", "la", "le", "del", "da", "dos", "van", "von", "der", "den", "al", "bin", "ibn", "&":
		return true
	}
	return false
}

// splitRun cuts a run at connectors that do not belong to a name: "of" and
// "and" stay only inside a lexicon name or after a head word ("Ministry of
// Foreign Affairs", "Belt and Road Initiative"), so "Xi and Putin" and
// "Xi Jinping of China" fall apart.
func (r *Rules) splitRun(toks []Token, a, b int) [][2]int {
	if n, _ := r.Lex.names.longest(b-a, func(k int) string { return toks[a+k].Norm }); n == b-a {
		return [][2]int{{a, b}}
	}
	var out [][2]int
	start := a
	for k := a; k < b; k++ {
		if !isConnector(toks[k].Norm) || isNameParticle(toks[k].Norm) {
			continue
		}
		m := k
		for m < b && isConnector(toks[m].Norm) {
			m++
		}
		if r.keepConnector(toks, start, k, m, b) {
			k = m - 1
			continue
		}
		out = append(out, [2]int{start, k})
		start, k = m, m-1
	}
	return append(out, [2]int{start, b})
}

// splitBodies cuts [a, b) at each "of" that joins two institutions or
// two lexicon names ("Foreign Affairs Committee of the Federation
// Council") and returns the pieces; most spans come back whole.
func (r *Rules) splitBodies(toks []Token, a, b int) [][2]int {
	var out [][2]int
	start := a
	for k := a + 1; k < b-1; k++ {
		if toks[k].Norm != "of" {
			continue
		}
		m := k + 1
		if m < b && toks[m].Norm == "the" {
			m++
		}
		if m < b && (r.isHead(toks[k-1].Norm) && r.startsOrganization(toks, m, b) ||
			r.fullName(toks, start, k) && r.fullName(toks, m, b)) {
			out = append(out, [2]int{start, k})
			start = m
		}
	}
	return append(out, [2]int{start, b})
}

// isNameParticle reports connectors that are parts of personal names.
func isNameParticle(w string) bool {
	switch w {
	case "de", "du", "des", "la", "le", "del", "da", "dos", "van", "von", "der", "den", "al", "bin", "ibn":
		return true
	}
	return false
}

// keepConnector decides whether the connector toks[k:m] joins toks[start:k]
// and the rest of the run toks[m:b] into one name.
func (r *Rules) keepConnector(toks []Token, start, k, m, b int) bool {
	left := toks[k-1].Norm
	if toks[k].Norm == "and" || toks[k].Norm == "&" {
		// "Belt and Road Initiative", "Ministry of Culture and Tourism".
		end := b - 1
		for e := m; e < b; e++ {
			if isConnector(toks[e].Norm) {
				end = e - 1
				break
			}
		}
		return r.isHead(toks[end].Norm) || hasOf(toks[start:k])
	}
	if r.titleAt(toks, k-1, k) != "" && !r.isHead(left) {
		return false // "Vice Chairman of the …": a role, not a name
	}
	if r.fullName(toks, start, k) && r.fullName(toks, m, b) {
		return false // "Great Patriotic War of the Soviet Union": two names
	}
	if r.isHead(left) && r.startsOrganization(toks, m, b) {
		return false // "Foreign Affairs Committee of the Federation Council": a body of a body
	}
	return r.isHead(left) || geoHeads[left]
}

// startsOrganization reports whether the words from m up to the next
// connector (or b) name an organization by themselves: a lexicon
// organization or a phrase ending in an organization head word.
func (r *Rules) startsOrganization(toks []Token, m, b int) bool {
	e := m
	for e < b && !isConnector(toks[e].Norm) {
		e++
	}
	if e-m == 1 && e+1 < b && toks[e].Norm == "of" {
		// "Bank of Italy", "Ministry of Defence": a head before "of".
		return r.headType(toks[m].Norm, func(h head) bool { return h.prefixOf && !h.ambiguous }) == Organization
	}
	if e-m < 2 {
		return false
	}
	if n, v := r.Lex.names.longest(e-m, func(i int) string { return toks[m+i].Norm }); n == e-m {
		return v.Type == Organization
	}
	return r.headType(toks[e-1].Norm, func(h head) bool { return h.suffix && !h.ambiguous }) == Organization
}

// fullName reports whether toks[a:b] is exactly a lexicon name.
func (r *Rules) fullName(toks []Token, a, b int) bool {
	n, _ := r.Lex.names.longest(b-a, func(i int) string { return toks[a+i].Norm })
	return b > a && n == b-a
}

func hasOf(toks []Token) bool {
	for _, t := range toks {
		if t.Norm == "of" {
			return true
		}
	}
	return false
}

// isHead reports organization and event head words.
func (r *Rules) isHead(w string) bool {
	_, org := r.Lex.orgHeads[w]
	_, ev := r.Lex.eventHeads[w]
	return org || ev
}

// headType returns the type a head word in a position gives a phrase
// (ok selects the position), or "". A word that heads both kinds of names
// ("Conference", "Forum") is typed by the unambiguous table, else as an
// event.
func (r *Rules) headType(w string, ok func(head) bool) string {
	eh, isEv := r.Lex.eventHeads[w]
	oh, isOrg := r.Lex.orgHeads[w]
	isEv = isEv && ok(eh)
	isOrg = isOrg && ok(oh)
	switch {
	case isEv && isOrg:
		if oh.ambiguous && !eh.ambiguous {
			return Event
		}
		if eh.ambiguous && !oh.ambiguous {
			return Organization
		}
		return Event
	case isEv:
		return Event
	case isOrg:
		return Organization
	}
	return ""
}

// geoHeads open place names that take "of": "Republic of Korea", "Gulf of
// Mexico", "Isle of Man".
var geoHeads = map[string]bool{
	"Republic": true, "Kingdom": true, "States": true, "Union": true, "Gulf": true, "Strait": true,
	"Straits": true, "Sea": true, "Bay": true, "Isle": true, "Island": true, "Islands": true,
	"Cape": true, "Lake": true, "City": true, "Province": true, "Region": true, "District": true,
	"County": true, "Mount": true, "Port": true, "Federation": true, "Commonwealth": true,
	"Emirate": true, "Emirates": true, "Principality": true, "Duchy": true, "Sultanate": true,
	"Prefecture": true, "Oblast": true, "State": true, "Territory": true, "Territories": true,
}

// piece classifies one connector-free piece of a run, splitting it at
// titles ("Russian State Duma Chairman Vyacheslav Volodin").
func (r *Rules) piece(doc *Document, si, a, b int, upper bool, found, open *[]candidate, acronyms map[string]candidate) {
	toks := doc.Sentences[si].Tokens
	if a2 := r.skipInitial(toks, a, b); a2 > a {
		r.initialOpen(si, toks, a, a2, open)
		a = a2
	}
	if a >= b {
		return
	}
	role := r.titleBefore(toks, a)
	for k := a; k < b; k++ {
		if n, _ := r.Lex.names.longest(b-k, func(i int) string { return toks[k+i].Norm }); n > 0 {
			k += n - 1
			continue
		}
		t := r.titleAt(toks, k, b)
		if t == "" {
			continue
		}
		n := len(strings.Fields(t))
		if k+n < b && isCapWord(toks[k+n].Norm) {
			if k > a {
				r.segment(doc, si, a, k, "", upper, found, open, acronyms)
			}
			r.segment(doc, si, k+n, b, t, upper, found, open, acronyms)
			return
		}
		if k+n == b {
			if k > a {
				r.segment(doc, si, a, k, role, upper, found, open, acronyms)
			}
			return
		}
	}
	r.segment(doc, si, a, b, role, upper, found, open, acronyms)
}

// skipInitial drops a sentence-initial word that is only capitalised
// because it starts the sentence ("Meanwhile", "Trade", "Both").
func (r *Rules) skipInitial(toks []Token, a, b int) int {
	if !atSentenceStart(toks, a) {
		return a
	}
	w := toks[a].Norm
	if n, _ := r.Lex.names.longest(b-a, func(i int) string { return toks[a+i].Norm }); n > 0 {
		return a
	}
	if r.titleAt(toks, a, b) != "" || b-a > 2 && isNameParticle(strings.ToLower(w)) && isConnector(toks[a+1].Norm) {
		return a // "Von der Leyen said"
	}
	if r.Lex.stop.has(w) || (r.Lex.IsCommon(w) && !r.Lex.given.has(w)) {
		return a + 1
	}
	return a
}

// initialOpen leaves a dropped sentence-initial word open, so that the
// rest of the article can still claim it ("Slot said" after "Arne Slot").
func (r *Rules) initialOpen(si int, toks []Token, a, b int, open *[]candidate) {
	if b == a+1 && isCapWord(toks[a].Norm) && !r.Lex.stop.has(toks[a].Norm) {
		*open = append(*open, candidate{sent: si, first: a, last: b})
	}
}

// atSentenceStart reports whether toks[i] is the first word of its
// sentence, possibly after opening quotes, brackets or a dash.
func atSentenceStart(toks []Token, i int) bool {
	for k := 0; k < i; k++ {
		switch toks[k].Norm {
		case "\"", "'", "(", "[", "-", "--", "\u2014", ":":
		default:
			return false
		}
	}
	return true
}

// titleAt returns the title starting at toks[k] (lower-cased, with any
// modifiers such as "former" or "vice" before it) whose tokens all lie
// before b, or "". The title's length in tokens is that of its words.
func (r *Rules) titleAt(toks []Token, k, b int) string {
	m := k
	for m < b && r.isModifier(toks[m].Norm) {
		m++
	}
	if m == b || !r.Lex.mayBegin(toks[m].Norm, startsTitle) {
		return "" // the common case, decided without the tables
	}
	n := 0
	node := root
	for i := m; i < b; i++ {
		var ok bool
		if node, ok = r.Lex.titles.nextLower(node, toks[i].Norm); !ok {
			break
		}
		if _, ok := r.Lex.titles.value(node); ok {
			n = i - m + 1
		}
	}
	if n == 0 {
		return ""
	}
	if ln, _ := r.Lex.names.longest(b-m, func(i int) string { return toks[m+i].Norm }); ln > n {
		return "" // a known name that starts with a title word: "Sri Lanka"
	}
	var words []string
	for i := k; i < m+n; i++ {
		words = append(words, strings.ToLower(toks[i].Norm))
	}
	return strings.Join(words, " ")
}

func (r *Rules) isModifier(w string) bool {
	w = strings.TrimSuffix(w, "-")
	if !r.Lex.mayBegin(w, startsModifier) {
		return false
	}
	return r.Lex.modifiers.hasLower(w)
}

// titleBefore returns a lower-case title written just before toks[a]
// ("spokesman John Smith", "former president Bill Clinton").
func (r *Rules) titleBefore(toks []Token, a int) string {
	for n := 5; n >= 1; n-- {
		k := a - n
		if k < 0 {
			continue
		}
		if t := r.titleAt(toks, k, a); t != "" && len(strings.Fields(t)) == n && !isCapWord(toks[k].Norm) {
			return t
		}
	}
	return ""
}

// segment types one title-free span and records it, or leaves it open for
// the second pass when only the rest of the article can tell what it is.
func (r *Rules) segment(doc *Document, si, a, b int, role string, upper bool, found, open *[]candidate, acronyms map[string]candidate) {
	toks := doc.Sentences[si].Tokens
	for a < b && !isCapWord(toks[a].Norm) {
		a++ // a piece starts with a capital: "der Leyen" is no name
	}
	if a >= b {
		return
	}
	c := candidate{sent: si, first: a, last: b, role: role}
	c.typ, c.label = r.classify(toks, a, b, role, upper)
	c.byName = c.typ == Person && c.label == "" && role == ""
	switch {
	case c.typ == Misc:
		return
	case c.typ == "" && b-a > 1 && r.hasCommon(toks, a, b):
		r.subMatches(si, toks, a, b, upper, found)
		return
	case c.typ == "":
		r.hyphenParts(si, toks, a, b, found)
		*open = append(*open, c)
		return
	}
	*found = append(*found, c)
	r.acronymAfter(si, toks, b, c, found, acronyms)
}

// classify returns the type and canonical label of toks[a:b], or "" when
// the span itself gives no evidence.
func (r *Rules) classify(toks []Token, a, b int, role string, upper bool) (string, string) {
	word := func(i int) string { return toks[a+i].Norm }
	if n, v := r.Lex.names.longest(b-a, word); n == b-a && r.acceptName(toks[a:b], v, upper) {
		return v.Type, v.Label
	}
	if v, ok := r.capitalsName(toks, a, b); ok {
		return v.Type, v.Label // "CHINA" in a headline written in capitals
	}
	first, last := toks[a].Norm, toks[b-1].Norm
	if _, ok := r.Lex.Demonym(first); ok && b-a > 1 {
		if n, v := r.Lex.names.longest(b-a-1, func(i int) string { return toks[a+1+i].Norm }); n == b-a-1 && v.Type == Organization {
			return Organization, v.Label // "Russian State Duma"
		}
	} else if ok {
		return Misc, "" // "Russian": a nationality, not an entity
	}
	if role != "" {
		return Person, ""
	}
	if typ := r.headBeforeOf(toks, a, b); typ != "" {
		return typ, "" // "Academy of Social Sciences", "War of Resistance …"
	}
	if b-a > 1 {
		if typ := r.headType(last, func(h head) bool { return h.suffix }); typ != "" && r.namedHead(toks, a, b-1, last) {
			return typ, "" // "Great Wall Motors", "World Anti-Fascist War"
		}
		if typ := r.headType(first, func(h head) bool { return h.prefix }); typ != "" {
			return typ, "" // "Hurricane Katrina"
		}
	}
	if r.personName(toks, a, b) {
		return Person, ""
	}
	return "", ""
}

// namedHead reports whether a head word that may be an ordinary word
// ("Era", "Day", "Forum") is qualified by a name rather than by ordinary
// words: "Victory Day" is an event, "New Era" is not.
func (r *Rules) namedHead(toks []Token, a, b int, w string) bool {
	eh, isEv := r.Lex.eventHeads[w]
	oh, isOrg := r.Lex.orgHeads[w]
	if isEv && !eh.ambiguous || isOrg && !oh.ambiguous {
		return true
	}
	return !r.allCommon(toks, a, b)
}

// allCommon reports whether every word of toks[a:b] is an ordinary word.
func (r *Rules) allCommon(toks []Token, a, b int) bool {
	for k := a; k < b; k++ {
		if !r.Lex.IsCommon(toks[k].Norm) && !r.Lex.stop.has(toks[k].Norm) {
			return false
		}
	}
	return true
}

// headBeforeOf types "X Head of Y" names by the head before the first
// "of": what follows "of" only qualifies it.
func (r *Rules) headBeforeOf(toks []Token, a, b int) string {
	for k := a + 1; k < b-1; k++ {
		if toks[k].Norm != "of" {
			continue
		}
		return r.headType(toks[k-1].Norm, func(h head) bool { return h.prefixOf || h.suffix })
	}
	return ""
}

// capitalsName looks up a span written in capitals ("NEW YORK") in the
// lexicon as Title Case ("New York"). Single words that are also ordinary
// words ("US", "IT") are not, since in capitals they are usually the word.
func (r *Rules) capitalsName(toks []Token, a, b int) (Name, bool) {
	// The first word must be in capitals: most spans asked about are
	// not, and are ruled out before anything is lower-cased or allocated.
	if !isAllCaps(toks[a].Norm) {
		return Name{}, false
	}
	key := make([]string, 0, b-a)
	for k := a; k < b; k++ {
		w := toks[k].Norm
		switch lw := strings.ToLower(w); {
		case k > a && isConnector(lw):
			key = append(key, lw) // "UNITED STATES OF AMERICA"
		case isAllCaps(w):
			key = append(key, titleCase(w))
		default:
			return Name{}, false
		}
	}
	if b-a == 1 && (utf8.RuneCountInString(key[0]) < 3 || r.Lex.IsCommon(key[0])) {
		return Name{}, false
	}
	return r.Lex.names.get(key)
}

// longestCapitals returns the longest capitals name starting at toks[k].
func (r *Rules) longestCapitals(toks []Token, k int) (int, Name) {
	// A span qualifies only if all its words do (see capitalsName), so
	// the longest run of such words from k bounds the spans to try.
	var buf [16]byte
	m := 0
	for m < min(6, len(toks)-k) && (isAllCaps(toks[k+m].Norm) || m > 0 && isConnector(lowerKey(buf[:], toks[k+m].Norm))) {
		m++
	}
	for n := m; n >= 1; n-- {
		if v, ok := r.capitalsName(toks, k, k+n); ok {
			return n, v
		}
	}
	return 0, Name{}
}

// titleCase returns w with its first letter upper case and the rest lower.
func titleCase(w string) string {
	lw := strings.ToLower(w)
	first, n := utf8.DecodeRuneInString(lw)
	return string(unicode.ToUpper(first)) + lw[n:]
}

// acceptName filters lexicon matches that are ambiguous with ordinary
// words: an all-capitals acronym that is also a word ("WHO", "US", "IT")
// counts only in a sentence that is not itself in capitals.
func (r *Rules) acceptName(toks []Token, v Name, upper bool) bool {
	if len(toks) != 1 {
		return true
	}
	w := toks[0].Norm
	return !(upper && isAllCaps(w) && r.Lex.IsCommon(w))
}

// personName reports whether a span looks like a personal name: a known
// given name followed by a surname, an East Asian family name followed by
// a given name, or two or three words none of which is an ordinary word.
func (r *Rules) personName(toks []Token, a, b int) bool {
	n := b - a
	if n < 2 || n > 4 {
		return false
	}
	first := toks[a].Norm
	if r.Lex.given.has(first) || r.Lex.surnames.has(first) && n <= 3 {
		return !r.hasLexiconWord(toks, a+1, b)
	}
	if r.Lex.givenAmbig.has(first) {
		return !r.hasCommon(toks, a+1, b)
	}
	for k := a; k < b; k++ {
		w := toks[k].Norm
		if isAllCaps(w) && utf8.RuneCountInString(w) > 1 || strings.Contains(w, "-") || compassWords[w] {
			return false
		}
	}
	return n <= 3 && !r.hasCommon(toks, a, b) && !r.hasLexiconWord(toks, a, b)
}

// compassWords open place and region names, never personal names.
var compassWords = map[string]bool{
	"North": true, "South": true, "East": true, "West": true, "Northeast": true, "Northwest": true,
	"Southeast": true, "Southwest": true, "Central": true, "Upper": true, "Lower": true, "Greater": true,
}

func (r *Rules) hasCommon(toks []Token, a, b int) bool {
	for k := a; k < b; k++ {
		if isNameParticle(toks[k].Norm) {
			continue // "van" in "Virgil van Dijk"
		}
		if r.Lex.IsCommon(toks[k].Norm) || r.Lex.stop.has(toks[k].Norm) {
			return true
		}
	}
	return false
}

// hasLexiconWord reports whether a token is itself a place, organization
// or event name, or a head word, which rules out a personal name.
func (r *Rules) hasLexiconWord(toks []Token, a, b int) bool {
	for k := a; k < b; k++ {
		w := toks[k].Norm
		if _, ok := r.Lex.names.get([]string{w}); ok {
			return true
		}
		if _, ok := r.Lex.Demonym(w); ok || r.isHead(w) {
			return true
		}
	}
	return false
}

// subMatches records the lexicon names inside an unknown capitalised span
// ("Moscow" in "Moscow Zoo", "China" in "China-Russia Comprehensive …").
func (r *Rules) subMatches(si int, toks []Token, a, b int, upper bool, found *[]candidate) {
	for k := a; k < b; k++ {
		n, v := r.Lex.names.longest(b-k, func(i int) string { return toks[k+i].Norm })
		if n > 0 && r.acceptName(toks[k:k+n], v, upper) {
			*found = append(*found, candidate{sent: si, first: k, last: k + n, typ: v.Type, label: v.Label})
			k += n - 1
			continue
		}
		r.hyphenParts(si, toks, k, k+1, found)
	}
}

// hyphenParts records the places joined in a hyphenated word such as
// "China-Russia" or "US-China" when every part is a known place.
func (r *Rules) hyphenParts(si int, toks []Token, a, b int, found *[]candidate) {
	if b-a != 1 || !strings.Contains(toks[a].Norm, "-") {
		return
	}
	parts := strings.Split(toks[a].Norm, "-")
	labels := make([]string, len(parts))
	for i, p := range parts {
		v, ok := r.Lex.names.get([]string{p})
		if !ok || v.Type != Place {
			return
		}
		labels[i] = v.Label
	}
	for _, l := range labels {
		*found = append(*found, candidate{sent: si, first: a, last: b, typ: Place, label: l})
	}
}

// acronymAfter records "Shanghai Cooperation Organization (SCO)": the
// bracketed acronym becomes a mention of the same entity and is remembered
// for the rest of the article.
func (r *Rules) acronymAfter(si int, toks []Token, b int, c candidate, found *[]candidate, acronyms map[string]candidate) {
	if b+2 >= len(toks) || toks[b].Norm != "(" || toks[b+2].Norm != ")" {
		return
	}
	acr := toks[b+1].Norm
	if !isAllCaps(acr) || utf8.RuneCountInString(acr) < 2 {
		return
	}
	d := candidate{sent: si, first: b + 1, last: b + 2, typ: c.typ, label: c.label}
	if d.label == "" {
		d.label = "\x00" // resolved to the expansion's surface below
	}
	*found = append(*found, d)
	acronyms[acr] = c
}

// elections finds "2024 presidential election"-style events: a year,
// optional qualifiers and "election(s)" or "referendum".
func (r *Rules) elections(si int, toks []Token, found *[]candidate) {
	for i, t := range toks {
		w := t.Norm
		if !mayBeElection(w) {
			continue
		}
		for k := i - 1; k >= 0 && i-k <= 4; k-- {
			if isYear(toks[k].Norm) {
				*found = append(*found, candidate{sent: si, first: k, last: i + 1, typ: Event})
				break
			}
			if !unicode.IsLetter(firstRune(toks[k].Norm)) {
				break
			}
		}
	}
}

// mayBeElection reports whether w is "election", "elections" or
// "referendum" in any case. Most words are ruled out by their first byte
// (E and R fold to nothing else; a non-ASCII byte might), which spares
// three case-folding comparisons per token, 1.5% of a large build.
func mayBeElection(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0] | 0x20; c != 'e' && c != 'r' && w[0] < utf8.RuneSelf {
		return false
	}
	return strings.EqualFold(w, "election") || strings.EqualFold(w, "elections") || strings.EqualFold(w, "referendum")
}

func isYear(w string) bool {
	if len(w) != 4 || (w[0] != '1' && w[0] != '2') {
		return false
	}
	for i := 0; i < 4; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// known is what the first pass learned about the article's names.
type known struct{ typ, label string }

// knownForms maps surface forms to the entity they name in this article:
// every typed mention, each part of a personal name ("Putin", "Xi"), and
// each acronym the text defined.
func (r *Rules) knownForms(doc *Document, found []candidate, acronyms map[string]candidate) map[string]known {
	m := map[string]known{}
	for i, c := range found {
		if c.label == "\x00" {
			continue
		}
		s := r.surface(doc, c)
		label := c.label
		if label == "" {
			label = s
			found[i].label = s
		}
		if _, ok := m[s]; !ok {
			m[s] = known{c.typ, label}
		}
	}
	for _, c := range found {
		if c.typ != Person || c.last-c.first < 2 {
			continue
		}
		toks := doc.Sentences[c.sent].Tokens
		for _, k := range []int{c.first, c.last - 1} {
			w := toks[k].Norm
			if _, ok := m[w]; !ok {
				m[w] = known{Person, c.label}
			}
		}
	}
	for acr, c := range acronyms {
		label := c.label
		if label == "" {
			label = r.surface(doc, c)
		}
		m[acr] = known{c.typ, label}
	}
	for i, c := range found {
		s := r.surface(doc, c)
		if _, ok := acronyms[s]; ok || c.label == "\x00" {
			found[i].label = m[s].label // every use of a defined acronym
		}
	}
	return m
}

// heading finds names in a Title Case heading, where capitals prove
// nothing: only lexicon names and names the article body used count.
func (r *Rules) heading(doc *Document, si int, kn map[string]known, found []candidate) []candidate {
	toks := doc.Sentences[si].Tokens
	upper := mostlyUpper(toks)
	for k := 0; k < len(toks); k++ {
		if n, v := r.Lex.names.longest(len(toks)-k, func(i int) string { return toks[k+i].Norm }); n > 0 && r.acceptName(toks[k:k+n], v, upper) {
			found = append(found, candidate{sent: si, first: k, last: k + n, typ: v.Type, label: v.Label})
			k += n - 1
			continue
		}
		if n, v := r.longestCapitals(toks, k); n > 0 {
			found = append(found, candidate{sent: si, first: k, last: k + n, typ: v.Type, label: v.Label})
			k += n - 1
			continue
		}
		for n := min(4, len(toks)-k); n >= 1; n-- {
			c := candidate{sent: si, first: k, last: k + n}
			if v, ok := kn[r.surface(doc, c)]; ok && isCapWord(toks[k].Norm) {
				c.typ, c.label = v.typ, v.label
				found = append(found, c)
				k += n - 1
				break
			}
		}
		r.hyphenParts(si, toks, k, k+1, &found)
	}
	return found
}

// surface returns the folded text of a candidate's tokens.
func (r *Rules) surface(doc *Document, c candidate) string {
	toks := doc.Sentences[c.sent].Tokens
	return surfaceText(doc.Text[toks[c.first].Start:toks[c.last-1].End])
}

// surfaceText folds typographic variants and collapses white space.
func surfaceText(s string) string {
	s = Fold(s)
	if strings.ContainsAny(s, "\n\t\r") || strings.Contains(s, "  ") {
		s = spaces.Collapse(s)
	}
	return s
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isCapWord reports a word that starts with a capital letter ("Xi",
// "G20", "U.S.") — the shape of a name in running text.
func isCapWord(w string) bool {
	return unicode.IsUpper(firstRune(w))
}

// isAllCaps reports a word with at least two letters, all capitals.
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// mostlyUpper reports a sentence written in capitals, where an acronym
// such as "US" cannot be told from the pronoun.
func mostlyUpper(toks []Token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if len(t.Norm) < 2 {
			continue
		}
		if c := t.Norm[0]; c < utf8.RuneSelf {
			// ASCII, nearly every word: decided on bytes.
			if 'a' <= c && c <= 'z' {
				words++
				continue
			}
			if !('A' <= c && c <= 'Z') {
				continue
			}
		}
		if unicode.IsLetter(firstRune(t.Norm)) {
			words++
			if isAllCaps(t.Norm) {
				caps++
			}
		}
	}
	return words >= 3 && caps*2 > words
}
