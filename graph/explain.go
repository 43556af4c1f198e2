package graph

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"cograph/extract"
	"cograph/internal/spaces"
)

// ErrSameName is returned by NewPair when the two names have the same
// canonical key: they can only ever name one entity, never a pair.
var ErrSameName = errors.New("the two names are the same name")

// ErrEmptyName is returned by NewPair when a name has no letters or digits
// left once folded, so that it would match nothing.
var ErrEmptyName = errors.New("empty name")

// A Pair is two names whose co-occurrences Passages finds: the evidence
// behind one edge of the graph. A name matches an entity of a document when
// its extract.CanonicalKey equals the entity's Key or the key of the
// entity's Label or of any of its Aliases, so "US" finds "United States"
// where the text wrote "U.S."; a one-word name also matches a person whose
// name ends with it, so "Putin" finds "Vladimir Putin". A Pair is immutable
// and safe for concurrent use.
type Pair struct {
	A, B       string // the names as given
	keyA, keyB string
}

// NewPair returns the pair of names a and b. It fails with ErrEmptyName or
// ErrSameName.
func NewPair(a, b string) (*Pair, error) {
	p := &Pair{A: a, B: b, keyA: extract.CanonicalKey(a), keyB: extract.CanonicalKey(b)}
	if p.keyA == "" || p.keyB == "" {
		return nil, ErrEmptyName
	}
	if p.keyA == p.keyB {
		return nil, ErrSameName
	}
	return p, nil
}

// Entities returns the indexes into doc.Entities of the entities that A
// and B match, in ascending order. One entity may be in both lists (A
// "Putin", B "Vladimir Putin"); Passages never pairs it with itself.
func (p *Pair) Entities(doc *extract.Document) (a, b []int) {
	for i := range doc.Entities {
		if matchesEntity(p.keyA, &doc.Entities[i]) {
			a = append(a, i)
		}
		if matchesEntity(p.keyB, &doc.Entities[i]) {
			b = append(b, i)
		}
	}
	return a, b
}

// matchesEntity reports whether the canonical key k names entity e.
func matchesEntity(k string, e *extract.Entity) bool {
	if k == e.Key || k == extract.CanonicalKey(e.Label) {
		return true
	}
	for _, alias := range e.Aliases {
		if k == extract.CanonicalKey(alias) {
			return true
		}
	}
	return isSurname(k, e)
}

// isSurname reports whether the one-word key k is the last word of the
// name of person e. An article that names a person once in full never
// lists the surname as an alias, yet a reader asking for "Volodin" means
// "Vyacheslav Volodin"; extract resolves a lone surname the same way.
func isSurname(k string, e *extract.Entity) bool {
	if e.Type != extract.Person || strings.Contains(k, " ") {
		return false
	}
	i := strings.LastIndexByte(e.Key, ' ')
	return i >= 0 && e.Key[i+1:] == k
}

// A Passage is a stretch of a document in which an entity that A matches
// and a different one that B matches both occur.
type Passage struct {
	// Span runs from the start of the first sentence to the end of the
	// last, in bytes into Document.Text.
	extract.Span
	// Sentences are the 0-based indexes into Document.Sentences of the
	// sentences shown, ascending and consecutive except in a document
	// window, which shows only the sentences that name A or B.
	Sentences []int
	// Text is the sentences' text with white space collapsed to single
	// spaces; " … " stands for the sentences a document window leaves out.
	Text string
	// A and B are the labels of the entities the names matched.
	A, B string
}

// Passages returns, in text order, the windows of doc in which A and B
// co-occur: each sentence, each paragraph, or each run of N consecutive
// sentences that names both; for a document window, the sentences that
// name either, as one passage. Overlapping sentence windows merge, so a
// sentence is shown once, and a merged run is cut to the sentences from
// the first to the last that name A or B: the others are context that any
// reader can look up. A zero Window counts as SentenceWindow. The returned
// slice is new and owned by the caller; doc is not modified.
func (p *Pair) Passages(doc *extract.Document, w Window) []Passage {
	h := p.hits(doc)
	if h == nil {
		return nil
	}
	var out []Passage
	for _, r := range h.ranges(w) {
		a, b, ok := h.pick(r[0], r[1])
		if !ok {
			continue
		}
		sents := h.shown(r[0], r[1], w)
		out = append(out, Passage{
			Span:      extract.Span{Start: doc.Sentences[sents[0]].Start, End: doc.Sentences[sents[len(sents)-1]].End},
			Sentences: sents,
			Text:      passageText(doc, sents),
			A:         doc.Entities[a].Label,
			B:         doc.Entities[b].Label,
		})
	}
	return out
}

// hits records, per sentence, the entities that A or B match.
type hits struct {
	doc    *extract.Document
	isA    []bool
	isB    []bool
	bySent [][]int // entity indexes in order of first mention in the sentence
}

// hits returns the matches in doc, or nil when A or B matches nothing.
func (p *Pair) hits(doc *extract.Document) *hits {
	a, b := p.Entities(doc)
	if len(a) == 0 || len(b) == 0 || (len(a) == 1 && len(b) == 1 && a[0] == b[0]) {
		return nil
	}
	h := &hits{doc: doc, isA: make([]bool, len(doc.Entities)), isB: make([]bool, len(doc.Entities))}
	for _, i := range a {
		h.isA[i] = true
	}
	for _, i := range b {
		h.isB[i] = true
	}
	h.bySent = make([][]int, len(doc.Sentences))
	for _, m := range doc.Mentions {
		e, s := m.Entity, m.Sentence
		// Bad indexes come only from a hand-built document; skip them
		// rather than panic.
		if e < 0 || e >= len(doc.Entities) || s < 0 || s >= len(doc.Sentences) || !(h.isA[e] || h.isB[e]) {
			continue
		}
		if !slices.Contains(h.bySent[s], e) {
			h.bySent[s] = append(h.bySent[s], e)
		}
	}
	return h
}

// ranges returns the candidate windows of the document as half-open
// sentence ranges, those of a sliding window merged where they overlap
// and both qualify.
func (h *hits) ranges(w Window) [][2]int {
	n := len(h.doc.Sentences)
	if n == 0 {
		return nil
	}
	switch w {
	case DocumentWindow:
		return [][2]int{{0, n}}
	case ParagraphWindow:
		var out [][2]int
		for lo := 0; lo < n; {
			hi := lo + 1
			for hi < n && h.doc.Sentences[hi].Paragraph == h.doc.Sentences[lo].Paragraph {
				hi++
			}
			out = append(out, [2]int{lo, hi})
			lo = hi
		}
		return out
	}
	size := max(1, w.Sentences())
	var out [][2]int
	for start := 0; start < max(1, n-size+1); start++ {
		end := min(n, start+size)
		if _, _, ok := h.pick(start, end); !ok {
			continue
		}
		if k := len(out) - 1; k >= 0 && start < out[k][1] {
			out[k][1] = end
			continue
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// pick returns an entity that A matches and a different one that B
// matches, both named in sentences [lo, hi), preferring the first named.
func (h *hits) pick(lo, hi int) (a, b int, ok bool) {
	var seen []int
	for _, ents := range h.bySent[lo:hi] {
		for _, e := range ents {
			if !slices.Contains(seen, e) {
				seen = append(seen, e)
			}
		}
	}
	for _, x := range seen {
		if !h.isA[x] {
			continue
		}
		for _, y := range seen {
			if y != x && h.isB[y] {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

// shown returns the sentences of range [lo, hi) that a passage prints:
// all of a paragraph or sentence, the named ones of a document, and from
// the first named to the last of a run of sliding windows.
func (h *hits) shown(lo, hi int, w Window) []int {
	var named []int
	for s := lo; s < hi; s++ {
		if len(h.bySent[s]) > 0 {
			named = append(named, s)
		}
	}
	switch {
	case w == DocumentWindow:
		return named
	case w == ParagraphWindow || w.Sentences() <= 1:
		return sentenceRange(lo, hi)
	}
	return sentenceRange(named[0], named[len(named)-1]+1)
}

func sentenceRange(lo, hi int) []int {
	out := make([]int, 0, hi-lo)
	for s := lo; s < hi; s++ {
		out = append(out, s)
	}
	return out
}

// passageText joins the text of the ascending sentences sents on one
// line, consecutive sentences as the document has them (with the text
// between them) and gaps as " … ".
func passageText(doc *extract.Document, sents []int) string {
	var parts []string
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j] == sents[j-1]+1 {
			j++
		}
		text := doc.Text[doc.Sentences[sents[i]].Start:doc.Sentences[sents[j-1]].End]
		parts = append(parts, spaces.Collapse(text))
		i = j
	}
	return strings.Join(parts, " … ")
}

// Closest returns up to n of labels that look like what name was meant
// to be, closest first: a label qualifies when one of its words, or the
// whole label, is spelt like a word of name or name itself (Jaro-Winkler
// similarity of canonical keys at least 0.85). Labels are ranked by how
// well they match the last word of name, usually the surname, then by
// whole-name similarity; ties keep the order of labels, so a caller can
// list frequent labels first. A label whose key is name's own is left
// out. It is meant for a "did you mean" hint after a failed search.
func Closest(name string, labels []string, n int) []string {
	key := extract.CanonicalKey(name)
	words := strings.Fields(key)
	if len(words) == 0 || n <= 0 {
		return nil
	}
	type candidate struct {
		label       string
		last, whole float64
	}
	var found []candidate
	for _, l := range labels {
		lk := extract.CanonicalKey(l)
		if lk == key || lk == "" {
			continue
		}
		lw := strings.Fields(lk)
		c := candidate{label: l, last: bestWord(words[len(words)-1], lw), whole: jaroWinkler(key, lk)}
		best := c.whole
		for _, w := range words {
			best = max(best, bestWord(w, lw))
		}
		if best >= closeEnough {
			found = append(found, c)
		}
	}
	slices.SortStableFunc(found, func(x, y candidate) int {
		if c := cmp.Compare(y.last, x.last); c != 0 {
			return c
		}
		return cmp.Compare(y.whole, x.whole)
	})
	var out []string
	for _, c := range found[:min(n, len(found))] {
		out = append(out, c.label)
	}
	return out
}

// closeEnough is the Jaro-Winkler similarity from which two words count
// as one word misspelt: "Volodin" and "Volodyn" score 0.94, "Putin" and
// "Pushkin" 0.83.
const closeEnough = 0.85

// bestWord returns the highest similarity of w to any of words. Function
// words, which many names share, never count, and words under three
// letters ("Xi", "Li") only when equal: similarity means little there.
func bestWord(w string, words []string) float64 {
	if stopWord(w) || w == "of" {
		return 0
	}
	best := 0.0
	for _, x := range words {
		switch {
		case x == w:
			return 1
		case len(x) >= 3 && len(w) >= 3 && !stopWord(x):
			best = max(best, jaroWinkler(w, x))
		}
	}
	return best
}
