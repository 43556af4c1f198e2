package graph

import (
	"fmt"
	"slices"
	"sort"

	"cograph/extract"
)

// A Window is the stretch of text within which two mentions count as a
// co-mention.
type Window int

const (
	DocumentWindow Window = iota
	ParagraphWindow
	SentenceWindow
)

// ParseWindow parses "document", "paragraph" or "sentence".
func ParseWindow(s string) (Window, error) {
	switch s {
	case "document", "doc", "":
		return DocumentWindow, nil
	case "paragraph", "para":
		return ParagraphWindow, nil
	case "sentence":
		return SentenceWindow, nil
	}
	return 0, fmt.Errorf("unknown window %q (want document, paragraph or sentence)", s)
}

func (w Window) String() string {
	return [...]string{"document", "paragraph", "sentence"}[w]
}

// A Builder accumulates documents into a co-mention graph. Its memory grows
// with the number of distinct entities and co-mentioned pairs, not with the
// number of documents. A Builder is not safe for concurrent use: feed it
// from one goroutine.
type Builder struct {
	window   Window
	ids      map[string]int32 // entity key -> node index
	nodes    []nodeAcc
	edges    map[uint64]int32 // pair.key() -> index into edgeList
	edgeList []edgeAcc
	roles    map[int32][]string // edgeList index -> distinct roles; few edges have any

	scratch []int32 // reused per window

	// Documents and Words count what Add has seen.
	Documents, Words int
}

type pair struct{ a, b int32 } // a < b

// key packs a pair into one word: maps with uint64 keys take Go's fast
// path, which matters for the millions of pair look-ups of a large corpus.
func (p pair) key() uint64 { return uint64(uint32(p.a))<<32 | uint64(uint32(p.b)) }

type nodeAcc struct {
	labels    map[string]int
	types     map[string]int
	aliases   map[string]bool
	mentions  int
	documents int
}

type edgeAcc struct {
	pair
	weight    float64
	documents int
	lastDoc   int // the Documents count when this pair was last counted
}

// NewBuilder returns an empty Builder that counts co-mentions per window.
func NewBuilder(w Window) *Builder {
	return &Builder{window: w, ids: map[string]int32{}, edges: map[uint64]int32{}}
}

// Add adds one document's entities and co-mentions.
func (b *Builder) Add(doc *extract.Document) {
	b.Documents++
	b.Words += doc.Words
	local := make([]int32, len(doc.Entities))
	for i := range doc.Entities {
		local[i] = b.addEntity(&doc.Entities[i], doc.Mentions)
	}
	for _, win := range b.windows(doc) {
		b.scratch = b.scratch[:0]
		for _, mi := range win {
			b.scratch = append(b.scratch, local[doc.Mentions[mi].Entity])
		}
		b.countWindow(b.scratch)
	}
	for _, r := range doc.Relations {
		b.addRelation(local[r.Person], local[r.Target], r.Role)
	}
}

// addRelation records a role on the pair's edge, creating the edge when
// no window joined the two: the text states the link outright.
func (b *Builder) addRelation(x, y int32, role string) {
	if x == y {
		return
	}
	k := b.edgeIndex(pair{min(x, y), max(x, y)})
	if b.roles == nil {
		b.roles = map[int32][]string{}
	}
	if !slices.Contains(b.roles[k], role) {
		b.roles[k] = append(b.roles[k], role)
	}
}

// edgeIndex returns the index of a pair's accumulator, creating it.
func (b *Builder) edgeIndex(p pair) int32 {
	k, ok := b.edges[p.key()]
	if !ok {
		k = int32(len(b.edgeList))
		b.edges[p.key()] = k
		b.edgeList = append(b.edgeList, edgeAcc{pair: p})
	}
	return k
}

// windows groups mention indexes by window; mentions are in text order.
func (b *Builder) windows(doc *extract.Document) [][]int {
	var out [][]int
	last := -1
	for i, m := range doc.Mentions {
		w := 0
		switch b.window {
		case SentenceWindow:
			w = m.Sentence
		case ParagraphWindow:
			w = doc.Sentences[m.Sentence].Paragraph
		}
		if w != last || len(out) == 0 {
			out = append(out, nil)
			last = w
		}
		out[len(out)-1] = append(out[len(out)-1], i)
	}
	return out
}

// countWindow adds one to the weight of every pair of distinct nodes in
// ids, and counts the document once per pair.
func (b *Builder) countWindow(ids []int32) {
	slices.Sort(ids)
	ids = compact(ids)
	for i := 0; i < len(ids); i++ {
		for j := i + 1; j < len(ids); j++ {
			e := &b.edgeList[b.edgeIndex(pair{ids[i], ids[j]})]
			e.weight++
			if e.lastDoc != b.Documents {
				e.lastDoc = b.Documents
				e.documents++
			}
		}
	}
}

func compact(ids []int32) []int32 {
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

func (b *Builder) addEntity(e *extract.Entity, ms []extract.Mention) int32 {
	id, ok := b.ids[e.Key]
	if !ok {
		id = int32(len(b.nodes))
		b.ids[e.Key] = id
		b.nodes = append(b.nodes, nodeAcc{labels: map[string]int{}, types: map[string]int{}, aliases: map[string]bool{}})
	}
	n := &b.nodes[id]
	n.documents++
	n.mentions += len(e.Mentions)
	n.labels[e.Label] += len(e.Mentions)
	for _, mi := range e.Mentions {
		n.types[ms[mi].Type]++
	}
	for _, a := range e.Aliases {
		n.aliases[a] = true
	}
	n.aliases[e.Label] = true
	return id
}

// majority returns the key with the highest count, ties broken by prefer.
func majority(counts map[string]int, prefer func(a, b string) bool) string {
	best, n := "", -1
	for k, c := range counts {
		if c > n || c == n && prefer(k, best) {
			best, n = k, c
		}
	}
	return best
}

func (n *nodeAcc) label() string {
	return majority(n.labels, func(a, b string) bool {
		return len(a) > len(b) || len(a) == len(b) && a < b
	})
}

func (n *nodeAcc) typ() string {
	return majority(n.types, func(a, b string) bool { return a < b })
}

func (n *nodeAcc) aliasList() []string {
	out := make([]string, 0, len(n.aliases))
	for a := range n.aliases {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
