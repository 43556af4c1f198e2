package extract

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"cograph/extract/ner"
)

// Statistical recognizes names with a trained sequence tagger (package ner)
// and relies on the rules for what the tagger's training data does not
// teach: canonical names from the lexicon ("US" is "United States"), titles
// and roles ("Russian State Duma Chairman …"), named events, which CoNLL
// files under MISC, and names in Title Case headings.
type Statistical struct {
	Model *ner.Model
	Rules *Rules
}

var _ Recognizer = (*Statistical)(nil)

// Recognize implements [Recognizer].
func (s *Statistical) Recognize(dst []Mention, doc *Document) []Mention {
	sc := tagScratchPool.Get().(*tagScratch)
	tags := s.tagBody(doc, sc)
	dst = s.Rules.recognize(dst, doc, func(doc *Document, si int, found, open *[]candidate, acronyms map[string]candidate) {
		s.sentence(doc, si, tags[si], sc, found, open, acronyms)
	})
	sc.release()
	tagScratchPool.Put(sc)
	return dst
}

// tagScratch holds what tagBody builds for a document, for the next one:
// its arrays (every token's word, every token's tag) were, after the
// tokens themselves, the largest allocations of an extraction, and a
// small run pays for fresh memory more than for the allocation.
type tagScratch struct {
	sents  [][]string // the body sentences' words
	index  []int      // each body sentence's index in the document
	words  []string   // one array for every sentence's words
	tagged [][]string // the tagger's output, by body sentence
	tags   [][]string // the tags by sentence of the document (nil for headings)

	// sentence's, for one sentence at a time
	chunks    []ner.Chunk
	whole     map[[2]int]bool
	ruleFound []candidate
	covered   []bool
}

var tagScratchPool = sync.Pool{New: func() any { return new(tagScratch) }}

// release drops what refers to the document (its words), so that the
// pool does not keep its text alive; the tags are the model's strings.
// Past their lengths the arrays hold what earlier releases cleared, but
// for ruleFound, which each sentence refills from the start.
func (sc *tagScratch) release() {
	clear(sc.words)
	clear(sc.sents)
	clear(sc.tags)
	clear(sc.ruleFound[:cap(sc.ruleFound)])
}

// tagBody tags the document's body sentences in one call, so that the
// tagger can use the whole article as context; headings get no tags. The
// result lives in sc.
func (s *Statistical) tagBody(doc *Document, sc *tagScratch) [][]string {
	n := 0
	for _, st := range doc.Sentences {
		n += len(st.Tokens)
	}
	sents, index, words := sc.sents[:0], sc.index[:0], slices.Grow(sc.words[:0], n)
	for si, st := range doc.Sentences {
		if st.Heading {
			continue
		}
		start := len(words)
		for _, t := range st.Tokens {
			words = append(words, t.Norm)
		}
		sents = append(sents, words[start:len(words):len(words)])
		index = append(index, si)
	}
	tagged := s.Model.TagDocumentTo(sc.tagged, sents, s.Rules.Lex)
	tags := slices.Grow(sc.tags[:0], len(doc.Sentences))[:len(doc.Sentences)]
	clear(tags)
	for k, si := range index {
		tags[si] = tagged[k]
	}
	sc.sents, sc.index, sc.words, sc.tagged, sc.tags = sents, index, words, tagged, tags
	return tags
}

// sentence turns the tagger's chunks into candidates and adds what the
// rules find where the tagger found nothing: lexicon names, names with a
// head word or a title, and events. A lexicon name or head-word phrase that
// is longer than the tagger's chunk, or straddles two chunks, wins over it
// ("Belt and Road Initiative" tagged as "Belt" + "Road Initiative").
func (s *Statistical) sentence(doc *Document, si int, tags []string, sc *tagScratch, found, open *[]candidate, acronyms map[string]candidate) {
	toks := doc.Sentences[si].Tokens
	upper := mostlyUpper(toks)
	chunks := ner.Chunks(sc.chunks[:0], tags)
	sc.chunks = chunks
	// A run of capitalised words that the tagger took whole as one name
	// needs no second opinion: chunk types and canonicalizes it the same
	// way. The rules read the other runs.
	ruleFound := sc.ruleFound[:0]
	if sc.whole == nil {
		sc.whole = map[[2]int]bool{}
	}
	whole := sc.whole
	clear(whole)
	for _, ch := range chunks {
		whole[[2]int{ch.Start, ch.End}] = true
	}
	s.Rules.sentenceExcept(doc, si, func(a, b int) bool { return whole[[2]int{a, b}] }, &ruleFound, open, acronyms)
	sc.ruleFound = ruleFound
	covered := slices.Grow(sc.covered[:0], len(toks))[:len(toks)]
	clear(covered)
	sc.covered = covered
	decisive := decisiveRules(ruleFound)
	for _, ch := range chunks {
		if decisive.overrule(ch) {
			continue
		}
		for _, p := range s.Rules.splitBodies(toks, ch.Start, ch.End) {
			before := len(*found)
			s.chunk(doc, si, ner.Chunk{Start: p[0], End: p[1], Type: ch.Type}, upper, found, acronyms)
			if len(*found) > before {
				for k := p[0]; k < p[1]; k++ {
					covered[k] = true
				}
			}
		}
	}
	for _, c := range ruleFound {
		if c.byName || overlaps(covered, c.first, c.last) {
			continue
		}
		*found = append(*found, c)
	}
}

// decisiveRules gathers the spans of the rules' candidates known from the
// lexicon or a head word: those can overrule a chunk (ruleSpans.overrule).
func decisiveRules(rules []candidate) ruleSpans {
	var r ruleSpans
	for _, c := range rules {
		if c.byName || c.label == "" && c.typ != Organization && c.typ != Event {
			continue
		}
		r.spans = append(r.spans, [2]int{c.first, c.last})
		r.longest = max(r.longest, c.last-c.first)
	}
	slices.SortFunc(r.spans, func(x, y [2]int) int { return cmp.Compare(x[0], y[0]) })
	return r
}

// ruleSpans are the spans of the rules' lexicon and head-word names,
// sorted by start, so that each chunk checks only those near it.
type ruleSpans struct {
	spans   [][2]int
	longest int
}

// overrule reports whether a lexicon or head-word name straddles the
// chunk's edge: longer than the chunk, or across two chunks.
func (r ruleSpans) overrule(ch ner.Chunk) bool {
	i, _ := slices.BinarySearchFunc(r.spans, ch.Start-r.longest, func(sp [2]int, t int) int { return cmp.Compare(sp[0], t) })
	for ; i < len(r.spans) && r.spans[i][0] < ch.End; i++ {
		first, last := r.spans[i][0], r.spans[i][1]
		if last <= ch.Start {
			continue // disjoint
		}
		if !(first >= ch.Start && last <= ch.End) {
			return true
		}
	}
	return false
}

func overlaps(covered []bool, a, b int) bool {
	for k := a; k < b; k++ {
		if covered[k] {
			return true
		}
	}
	return false
}

// chunk types and canonicalizes one tagged chunk: it strips titles (kept as
// the role) and a nationality before a known institution, prefers the
// lexicon's name and type, and keeps MISC chunks only when they are events
// or join known places ("China-Russia").
func (s *Statistical) chunk(doc *Document, si int, ch ner.Chunk, upper bool, found *[]candidate, acronyms map[string]candidate) {
	r := s.Rules
	toks := doc.Sentences[si].Tokens
	a, b := ch.Start, ch.End
	// A name neither starts nor ends with punctuation; the tagger
	// sometimes runs a name on into the "?" after it.
	for a < b && (!hasAlnum(toks[b-1].Norm) || b-a > 1 && isLowerWord(toks[b-1].Norm)) {
		b-- // nor with an ordinary word: "the China-Russia relationship"
	}
	for a < b && !hasAlnum(toks[a].Norm) {
		a++
	}
	if a == b {
		return
	}
	if k, n := s.innerTitle(toks, a, b); k > a {
		// "Fed Chair Jerome Powell": an institution, a title, a person.
		s.chunk(doc, si, ner.Chunk{Start: a, End: k, Type: ch.Type}, upper, found, acronyms)
		s.chunk(doc, si, ner.Chunk{Start: k + n, End: b, Type: ner.PER}, upper, found, acronyms)
		return
	}
	role := r.titleBefore(toks, a)
	for a < b {
		t := r.titleAt(toks, a, b)
		if t == "" {
			break
		}
		n := len(strings.Fields(t))
		if a+n >= b || !isCapWord(toks[a+n].Norm) {
			break // the title word is part of the name: "Queen of the South", "Queen's Park"
		}
		role, a = t, a+n
	}
	typ := modelType(ch.Type)
	ltyp, label := r.classify(toks, a, b, "", upper)
	switch {
	case ltyp == Misc:
		return // a nationality
	case label == "" && (ltyp == Organization || ltyp == Event) && typ != Person:
		typ = ltyp // a head word decides: "Heilongjiang Academy of Social Sciences"
	case label != "" && !(ltyp == Place && typ == Organization):
		typ = ltyp // the lexicon knows this name; a club named after its city stays an organization
	case typ == Misc && ltyp == Event:
		typ = Event
	case typ == Misc:
		r.hyphenParts(si, toks, a, b, found)
		return
	}
	if typ == Person {
		label = ""
	}
	c := candidate{sent: si, first: a, last: b, typ: typ, label: label, role: role}
	*found = append(*found, c)
	r.acronymAfter(si, toks, b, c, found, acronyms)
}

// isLowerWord reports a word with letters and no capital ("relationship",
// not "eBay").
func isLowerWord(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// innerTitle finds a title inside toks[a:b] after its first word and
// before a capitalised word, outside any known name, and returns its
// position and length (k = a when there is none).
func (s *Statistical) innerTitle(toks []Token, a, b int) (k, n int) {
	r := s.Rules
	covered := a // names of the lexicon cover toks[a:covered]
	for k := a; k < b; k++ {
		if ln, _ := r.Lex.names.longest(b-k, func(i int) string { return toks[k+i].Norm }); k+ln > covered {
			covered = k + ln
		}
		if k == a || k < covered {
			continue
		}
		if t := r.titleAt(toks, k, b); t != "" {
			n := len(strings.Fields(t))
			if k+n < b && isCapWord(toks[k+n].Norm) {
				return k, n
			}
		}
	}
	return a, 0
}

// modelType maps the tagger's types onto entity types.
func modelType(t string) string {
	switch t {
	case ner.PER:
		return Person
	case ner.ORG:
		return Organization
	case ner.LOC:
		return Place
	case ner.EVENT:
		return Event
	}
	return Misc
}
