package graph

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"cograph/corpus"
	"cograph/extract"
)

// A Window is the stretch of text within which two mentions count as a
// co-mention: a whole document, a paragraph, or N consecutive sentences
// (a window sliding one sentence at a time; SentenceWindow is N = 1).
type Window int

const (
	DocumentWindow  Window = -2
	ParagraphWindow Window = -1
	SentenceWindow  Window = 1
)

// maxSentenceWindow bounds N: a wider sliding window is a paragraph or a
// document in all but name, and costs N times the work.
const maxSentenceWindow = 50

// ParseWindow parses "document", "paragraph", "sentence" or a number of
// sentences N (1 is "sentence").
func ParseWindow(s string) (Window, error) {
	switch s {
	case "document", "doc", "":
		return DocumentWindow, nil
	case "paragraph", "para":
		return ParagraphWindow, nil
	case "sentence":
		return SentenceWindow, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxSentenceWindow {
		return 0, fmt.Errorf("unknown window %q (want document, paragraph, sentence, or a number of sentences from 1 to %d)", s, maxSentenceWindow)
	}
	return Window(n), nil
}

func (w Window) String() string {
	switch w {
	case DocumentWindow:
		return "document"
	case ParagraphWindow:
		return "paragraph"
	case SentenceWindow:
		return "sentence"
	}
	return strconv.Itoa(int(w)) + " sentences"
}

// Sentences returns the number of sentences of a sliding window, or 0 for
// a document or paragraph window.
func (w Window) Sentences() int { return max(int(w), 0) }

// A Builder accumulates documents into a co-mention graph. Its memory grows
// with the number of distinct entities and co-mentioned pairs, not with the
// number of documents. A Builder is not safe for concurrent use: feed it
// from one goroutine.
type Builder struct {
	window   Window
	ids      map[string]int32 // entity key -> node index
	nodes    []nodeAcc
	edges    pairTable // pair.key() -> index into edgeList
	edgeList edgeStore
	roles    map[int32][]string // edgeList index -> distinct roles; few edges have any

	aliases *Aliases // the user's corrections; nil for none

	articles    []Article         // the articles that edges cite, in input order
	texts       []string          // the evidence sentences edges cite
	lists       lists             // every edge's article and evidence lists
	doc         *corpus.Article   // the article being added
	docIndex    int32             // its index in articles, -1 until an edge cites it
	scratch     []int32           // reused per window
	dateStrings map[string]string // one copy of each date nodes keep

	// Evidence is how many sentences naming both entities an edge keeps
	// (NewBuilder sets DefaultEvidence; 0 keeps none).
	Evidence int
	// Cite is how many articles an edge lists, the first in input order
	// (NewBuilder sets DefaultCite; 0 lists all). Edge.Documents counts
	// them all. Without a bound, what edges cite grows with the corpus
	// (an edge between two leaders of a million articles would list tens
	// of thousands) instead of with the graph.
	Cite int
	// Since and Until, dates as YYYY-MM-DD, restrict the articles added;
	// OutOfRange counts those left out (undated ones when either is set).
	Since, Until string
	OutOfRange   int
	// Truncated counts the windows that held more than MaxWindowEntities
	// entities; only the first MaxWindowEntities (by first appearance in
	// the corpus) were paired.
	Truncated int

	// Documents, Words and Windows count what Add has seen.
	Documents, Words, Windows int
}

// maxExamples is how many article ids a node keeps as evidence.
const maxExamples = 2

type pair struct{ a, b int32 } // a < b

// key packs a pair into one word: maps with uint64 keys take Go's fast
// path, which matters for the millions of pair look-ups of a large corpus.
func (p pair) key() uint64 { return uint64(uint32(p.a))<<32 | uint64(uint32(p.b)) }

type nodeAcc struct {
	key       string     // the extract.CanonicalKey nodes merge by
	examples  []string   // ids of the first articles that mention it, for evidence
	fixed     *canonical // label and type set by the aliases file, if any
	labels    counts     // mentions per label
	types     counts     // mentions per type
	aliases   counts     // surface forms (counts unused)
	mentions  int
	documents int
	windows   int      // windows that hold it, for co-occurrence statistics
	dates     []string // distinct dates of the articles that mention it, sorted (see addDate)
}

// edgeAcc holds no pointers (see lists).
type edgeAcc struct {
	pair
	weight   float64
	articles list  // indexes into Builder.articles, ascending; at most Cite
	evidence list  // indexes into Builder.texts
	docs     int32 // articles in which the pair occurs, listed or not
	lastDoc  int32 // the Documents count when this pair was last counted
}

// edgeStore holds the builder's edge accumulators in blocks of edgeBlock:
// a slice grown by append copies all it holds at each growth (by a
// quarter, for large slices) into memory the kernel must first hand over;
// in a build of hundreds of thousands of edges that was 3% of the CPU, on
// the goroutine that merges documents.
type edgeStore struct {
	blocks [][]edgeAcc
	n      int
}

const edgeBlock = 1 << 12

func (s *edgeStore) len() int { return s.n }

// at returns accumulator k.
func (s *edgeStore) at(k int32) *edgeAcc { return &s.blocks[k/edgeBlock][k%edgeBlock] }

// add appends e and returns its index.
func (s *edgeStore) add(e edgeAcc) int32 {
	if s.n%edgeBlock == 0 {
		s.blocks = append(s.blocks, make([]edgeAcc, edgeBlock))
	}
	k := int32(s.n)
	*s.at(k) = e
	s.n++
	return k
}

// slice returns a copy of the accumulators as one slice.
func (s *edgeStore) slice() []edgeAcc {
	out := make([]edgeAcc, 0, s.n)
	for _, b := range s.blocks {
		out = append(out, b[:min(len(b), s.n-len(out))]...)
	}
	return out
}

// MaxWindowEntities bounds the entities paired in one window (a window
// with n entities makes n(n-1)/2 pairs).
const MaxWindowEntities = 1000

// DefaultEvidence is how many evidence sentences an edge keeps unless
// Builder.Evidence says otherwise.
const DefaultEvidence = 3

// DefaultCite is how many articles an edge lists unless Builder.Cite says
// otherwise.
const DefaultCite = 100

// NewBuilder returns an empty Builder that counts co-mentions per window.
func NewBuilder(w Window) *Builder {
	return &Builder{window: w, ids: map[string]int32{}, Evidence: DefaultEvidence, Cite: DefaultCite}
}

// InRange reports whether an article's date falls within Since and Until;
// an undated article is in range only when neither is set.
func (b *Builder) InRange(date string) bool {
	if b.Since == "" && b.Until == "" {
		return true
	}
	return date != "" && (b.Since == "" || date >= b.Since) && (b.Until == "" || date <= b.Until)
}

// SetAliases makes the builder apply a user's aliases file to every
// document added from now on.
func (b *Builder) SetAliases(a *Aliases) { b.aliases = a }

// Add adds one document's entities and co-mentions. A document dated
// outside Since and Until is counted in OutOfRange and otherwise ignored.
// Add keeps nothing of the document's arrays (the strings it keeps are
// copies), so the document may be released (extract.Document.Release)
// once Add returns.
func (b *Builder) Add(doc *extract.Document) {
	a := doc.Article
	if a == nil {
		a = &corpus.Article{}
	}
	if !b.InRange(a.Date) {
		b.OutOfRange++
		return
	}
	b.Documents++
	b.Words += doc.Words
	b.doc, b.docIndex = a, -1
	var ent, men []int32
	if b.aliases == nil {
		ent = make([]int32, len(doc.Entities))
		for i := range doc.Entities {
			e := &doc.Entities[i]
			ent[i] = b.addNode(e.Key, e.Label, nil, e.Mentions, e.Aliases, doc.Mentions)
		}
	} else {
		ent, men = b.addWithAliases(doc)
	}
	groups, total := b.windows(doc)
	b.Windows += total
	for _, win := range groups {
		b.scratch = b.scratch[:0]
		for _, mi := range win {
			id := ent[doc.Mentions[mi].Entity]
			if men != nil {
				id = men[mi]
			}
			if id >= 0 {
				b.scratch = append(b.scratch, id)
			}
		}
		b.countWindow(b.scratch)
	}
	if b.Evidence > 0 {
		b.addEvidence(doc, ent, men)
	}
	for _, r := range doc.Relations {
		if x, y := ent[r.Person], ent[r.Target]; x >= 0 && y >= 0 {
			b.addRelation(x, y, r.Role)
		}
	}
}

// mentionGroup is the mentions of one document that the aliases file sends
// to the same node.
type mentionGroup struct {
	key, label string
	fixed      *canonical
	mentions   []int
}

// addWithAliases adds the document's entities as the aliases file
// regroups them, mention by mention: a name the file merges goes to its
// canonical node, a dropped name nowhere (-1), and a name the file forbids
// merging with its entity's label to a node of its own. It returns the node
// of each entity (its label's node) and of each mention.
func (b *Builder) addWithAliases(doc *extract.Document) (ent, men []int32) {
	a := b.aliases
	groups := map[string]*mentionGroup{}
	var order []*mentionGroup
	men = make([]int32, len(doc.Mentions))
	keyOf := make([]string, len(doc.Mentions))
	for mi := range doc.Mentions {
		m := &doc.Mentions[mi]
		e := &doc.Entities[m.Entity]
		g := a.regroup(m.Text, e.Key, e.Label)
		if g.key == "" {
			continue
		}
		keyOf[mi] = g.key
		if prev, ok := groups[g.key]; ok {
			g = prev
		} else {
			groups[g.key] = g
			order = append(order, g)
		}
		g.mentions = append(g.mentions, mi)
	}
	for _, g := range order {
		texts := make([]string, 0, len(g.mentions))
		for _, mi := range g.mentions {
			texts = append(texts, doc.Mentions[mi].Text)
		}
		id := b.addNode(g.key, g.label, g.fixed, g.mentions, texts, doc.Mentions)
		for _, mi := range g.mentions {
			men[mi] = id
		}
	}
	for mi := range men {
		if keyOf[mi] == "" {
			men[mi] = -1
		}
	}
	ent = make([]int32, len(doc.Entities))
	for i := range doc.Entities {
		ent[i] = -1
		e := &doc.Entities[i]
		if g := a.regroup(e.Label, e.Key, e.Label); g.key != "" && groups[g.key] != nil {
			ent[i] = b.ids[g.key]
		}
	}
	return ent, men
}

// regroup decides where a mention with surface text goes, given its
// entity's key and label; an empty key drops it.
func (a *Aliases) regroup(text, entKey, entLabel string) *mentionGroup {
	tk := extract.CanonicalKey(text)
	if a.drop[tk] || a.drop[entKey] {
		return &mentionGroup{}
	}
	if c := a.canon[tk]; c != nil {
		return &mentionGroup{key: c.key, label: c.label, fixed: c}
	}
	if tk != entKey && a.forbids(tk, entKey) {
		return &mentionGroup{key: tk, label: text}
	}
	if c := a.canon[entKey]; c != nil {
		return &mentionGroup{key: c.key, label: c.label, fixed: c}
	}
	return &mentionGroup{key: entKey, label: entLabel}
}

// cite records the current article on an edge, once per article.
func (b *Builder) cite(e *edgeAcc) {
	if e.lastDoc == int32(b.Documents) {
		return
	}
	e.lastDoc = int32(b.Documents)
	e.docs++
	if b.Cite > 0 && int(e.articles.n) >= b.Cite {
		return
	}
	if b.docIndex < 0 {
		b.docIndex = int32(len(b.articles))
		a := b.doc
		b.articles = append(b.articles, Article{ID: strings.Clone(a.ID), Title: strings.Clone(a.Title),
			URL: strings.Clone(a.URL), Date: strings.Clone(a.Date)})
	}
	b.lists.push(&e.articles, b.docIndex)
}

// addRelation records a role on the pair's edge, creating the edge when
// no window joined the two: the text states the link outright.
func (b *Builder) addRelation(x, y int32, role string) {
	if x == y {
		return
	}
	k := b.edgeIndex(pair{min(x, y), max(x, y)})
	b.cite(b.edgeList.at(k))
	if b.roles == nil {
		b.roles = map[int32][]string{}
	}
	if !slices.Contains(b.roles[k], role) {
		b.roles[k] = append(b.roles[k], strings.Clone(role))
	}
}

// edgeIndex returns the index of a pair's accumulator, creating it.
func (b *Builder) edgeIndex(p pair) int32 {
	k, ok := b.edges.get(p.key())
	if !ok {
		k = b.edgeList.add(edgeAcc{pair: p})
		b.edges.put(p.key(), k)
	}
	return k
}

// windows groups mention indexes by window; mentions are in text order.
// It returns the groups that hold a mention and the number of windows the
// document has in all, empty ones included (the N of co-occurrence
// statistics).
func (b *Builder) windows(doc *extract.Document) (groups [][]int, total int) {
	if n := b.window.Sentences(); n > 1 {
		return slidingWindows(doc, n)
	}
	last := -1
	for i, m := range doc.Mentions {
		w := 0
		switch b.window {
		case SentenceWindow:
			w = m.Sentence
		case ParagraphWindow:
			w = doc.Sentences[m.Sentence].Paragraph
		}
		if w != last || len(groups) == 0 {
			groups = append(groups, nil)
			last = w
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], i)
	}
	switch b.window {
	case SentenceWindow:
		total = len(doc.Sentences)
	case ParagraphWindow:
		if len(doc.Sentences) > 0 {
			total = doc.Sentences[len(doc.Sentences)-1].Paragraph + 1
		}
	default:
		total = 1
	}
	return groups, max(total, len(groups))
}

// slidingWindows returns, for every run of n consecutive sentences (one
// window for a document of fewer), the mentions inside it.
func slidingWindows(doc *extract.Document, n int) (groups [][]int, total int) {
	total = max(1, len(doc.Sentences)-n+1)
	lo := 0 // first mention at or after sentence start
	for start := 0; start < total; start++ {
		for lo < len(doc.Mentions) && doc.Mentions[lo].Sentence < start {
			lo++
		}
		hi := lo
		for hi < len(doc.Mentions) && doc.Mentions[hi].Sentence < start+n {
			hi++
		}
		if hi > lo {
			g := make([]int, 0, hi-lo)
			for i := lo; i < hi; i++ {
				g = append(g, i)
			}
			groups = append(groups, g)
		}
	}
	return groups, total
}

// countWindow adds one to the weight of every pair of distinct nodes in
// ids, and counts the document once per pair.
func (b *Builder) countWindow(ids []int32) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > MaxWindowEntities {
		// Pairs grow with the square of a window's entities: a table or a
		// list of ten thousand names would take hours and yield a clique.
		ids = ids[:MaxWindowEntities]
		b.Truncated++
	}
	for i, id := range ids {
		b.nodes[id].windows++
		for j := i + 1; j < len(ids); j++ {
			e := b.edgeList.at(b.edgeIndex(pair{id, ids[j]}))
			e.weight++
			b.cite(e)
		}
	}
}

// addNode adds to the node with key the mentions idx of one document,
// labelled label; aliases are their surface forms.
func (b *Builder) addNode(key, label string, fixed *canonical, idx []int, aliases []string, ms []extract.Mention) int32 {
	id, ok := b.ids[key]
	if !ok {
		// Every string the builder keeps is a copy: names and titles are
		// slices of their article's text, and one kept slice would keep
		// the whole text of every article alive to the end of the build.
		key = strings.Clone(key)
		id = int32(len(b.nodes))
		b.ids[key] = id
		b.nodes = append(b.nodes, nodeAcc{key: key})
	}
	n := &b.nodes[id]
	if fixed != nil {
		n.fixed = fixed
	}
	n.documents++
	if len(n.examples) < maxExamples {
		n.examples = append(n.examples, strings.Clone(b.doc.ID))
	}
	if d := b.doc.Date; d != "" {
		n.dates = b.addDate(n.dates, d)
	}
	n.mentions += len(idx)
	n.labels.add(label, len(idx), strings.Clone)
	for _, mi := range idx {
		n.types.add(ms[mi].Type, 1, nil) // types are constants
	}
	for _, a := range aliases {
		n.aliases.add(a, 0, strings.Clone)
	}
	n.aliases.add(label, 0, strings.Clone)
	return id
}

// addDate adds date d to a node's sorted dates, unless there. A node
// keeps each date once, not once per article: a name in the news every
// day of ten years has 3,650 dates however many articles it is in. The
// strings are shared by every node (one copy per date in the corpus).
func (b *Builder) addDate(dates []string, d string) []string {
	i, found := slices.BinarySearch(dates, d)
	if found {
		return dates
	}
	s, ok := b.dateStrings[d]
	if !ok {
		if b.dateStrings == nil {
			b.dateStrings = map[string]string{}
		}
		s = strings.Clone(d)
		b.dateStrings[s] = s
	}
	return slices.Insert(dates, i, s)
}

func (n *nodeAcc) label() string {
	if n.fixed != nil {
		return n.fixed.label
	}
	return n.labels.majority(func(a, b string) bool {
		return len(a) > len(b) || len(a) == len(b) && a < b
	})
}

func (n *nodeAcc) typ() string {
	if n.fixed != nil && n.fixed.typ != "" {
		return n.fixed.typ
	}
	return n.types.majority(func(a, b string) bool { return a < b })
}

func (n *nodeAcc) aliasList() []string {
	out := make([]string, 0, len(n.aliases))
	for _, a := range n.aliases {
		out = append(out, a.key)
	}
	sort.Strings(out)
	return out
}
