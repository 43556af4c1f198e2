package graph

import (
	"slices"
	"strings"

	"cograph/extract"
)

// Across articles, entities with the same canonical key are one node from
// the start (Builder.Add). What the key cannot join is a short name used
// alone in one article and in full in another ("Putin" here, "Vladimir
// Putin" there), or an acronym defined in one article and used bare in
// another. mergeShortNames joins such a node to the longer one it names,
// but only when exactly one node in the whole corpus fits: a bare
// "Miliband" in a corpus with Ed and David Miliband stays a node of its own.

// mergeShortNames returns, for every builder node, the node it merges
// into (itself when none).
func (b *Builder) mergeShortNames() []int32 {
	rep := make([]int32, len(b.nodes))
	for i := range rep {
		rep[i] = int32(i)
	}
	idx := b.nameIndex()
	for i := range b.nodes {
		n := &b.nodes[i]
		if n.fixed != nil {
			continue // the user decided this node
		}
		if t, ok := idx.uniqueTarget(b, int32(i)); ok {
			rep[i] = t
		}
	}
	// Targets have more words than what merges into them, so chains end.
	for i := range rep {
		for rep[rep[i]] != rep[i] {
			rep[i] = rep[rep[i]]
		}
	}
	return rep
}

// nameIndex maps a name key to the longer nodes it may stand for.
type nameIndex struct {
	alias map[string][]int32 // alias key -> nodes with that surface form
	short map[string][]int32 // first word or final words of a person's name -> persons
	words []int              // words in each node's label
	typ   []string           // each node's majority type
}

func (b *Builder) nameIndex() *nameIndex {
	x := &nameIndex{alias: map[string][]int32{}, short: map[string][]int32{}, words: make([]int, len(b.nodes)), typ: make([]string, len(b.nodes))}
	for i := range b.nodes {
		n := &b.nodes[i]
		id := int32(i)
		x.typ[i] = n.typ()
		w := strings.Fields(n.key)
		x.words[i] = len(w)
		if len(w) < 2 {
			continue
		}
		for _, a := range n.aliases {
			if k := extract.CanonicalKey(a.key); k != n.key {
				x.alias[k] = appendOnce(x.alias[k], id)
			}
		}
		if x.typ[i] == Person {
			x.short[w[0]] = appendOnce(x.short[w[0]], id)
			for j := 1; j < len(w); j++ {
				k := strings.Join(w[j:], " ")
				x.short[k] = appendOnce(x.short[k], id)
			}
		}
	}
	return x
}

func appendOnce(s []int32, id int32) []int32 {
	if len(s) > 0 && s[len(s)-1] == id {
		return s
	}
	return append(s, id)
}

// uniqueTarget returns the one longer node that node i names, if exactly
// one fits: for a person, a person whose name it abbreviates or who was
// called by it; for anything else, a node of its type (any type for an
// acronym) that was called by it.
func (x *nameIndex) uniqueTarget(b *Builder, i int32) (int32, bool) {
	n := &b.nodes[i]
	target := int32(-1)
	consider := func(cands []int32, person bool) bool {
		for _, c := range cands {
			if c == i || c == target || x.words[c] <= x.words[i] || b.aliases.forbids(n.key, b.nodes[c].key) {
				continue
			}
			if person && x.typ[c] != Person || !person && x.typ[c] != x.typ[i] && !extract.IsAcronym(n.label()) {
				continue
			}
			if target >= 0 {
				return false // ambiguous
			}
			target = c
		}
		return true
	}
	person := x.typ[i] == Person
	if !consider(x.alias[n.key], person) {
		return -1, false
	}
	if person && !consider(x.short[n.key], true) {
		return -1, false
	}
	return target, target >= 0
}

// resolved is the builder's graph after cross-article merging: nodes and
// edges of the merged entities, indexes as in the builder when nothing
// merged.
type resolved struct {
	nodes []nodeAcc
	edges []edgeAcc
	roles map[int32][]string
	lists *lists   // the edges' article and evidence lists
	texts []string // the evidence sentences the lists point to
}

// resolve merges short names into the nodes they stand for. The builder's
// own accumulators are left untouched so that it can go on adding.
func (b *Builder) resolve() *resolved {
	rep := b.mergeShortNames()
	merged := false
	for i, r := range rep {
		if r != int32(i) {
			merged = true
			break
		}
	}
	if !merged {
		return &resolved{nodes: b.nodes, edges: b.edgeList.slice(), roles: b.roles, lists: &b.lists, texts: b.texts}
	}
	// The resolved nodes share the builder's until they absorb another:
	// only those are copied (the builder must stay as it was, for another
	// Graph), and copying every node's maps was most of this function.
	newID := make([]int32, len(b.nodes))
	r := &resolved{texts: b.texts}
	for i := range b.nodes {
		if rep[i] == int32(i) {
			newID[i] = int32(len(r.nodes))
			r.nodes = append(r.nodes, b.nodes[i])
		}
	}
	copied := make([]bool, len(r.nodes))
	for i := range b.nodes {
		if rep[i] != int32(i) {
			k := newID[rep[i]]
			newID[i] = k
			if !copied[k] {
				r.nodes[k], copied[k] = b.nodes[rep[i]].clone(), true
			}
			r.nodes[k].absorb(&b.nodes[i])
		}
	}
	r.edges, r.roles, r.lists = b.mergeEdges(newID)
	return r
}

// mergeEdges renumbers the edges' ends, summing edges that now join the
// same pair and dropping those that now join a node to itself. The merged
// edges' lists go to a new arena.
func (b *Builder) mergeEdges(newID []int32) ([]edgeAcc, map[int32][]string, *lists) {
	var at pairTable
	at.reserve(b.edgeList.len()) // at most one merged edge per builder edge
	edges := make([]edgeAcc, 0, b.edgeList.len())
	// The builder edges of each merged edge: nearly every edge has one,
	// kept in first; the few that gather several list them all in more.
	first := make([]int32, 0, b.edgeList.len())
	more := map[int32][]int32{}
	roles := map[int32][]string{}
	for i := range b.edgeList.len() {
		e := b.edgeList.at(int32(i))
		x, y := newID[e.a], newID[e.b]
		if x == y {
			continue
		}
		p := pair{min(x, y), max(x, y)}
		k, ok := at.get(p.key())
		if !ok {
			k = int32(len(edges))
			at.put(p.key(), k)
			edges = append(edges, edgeAcc{pair: p})
			first = append(first, int32(i))
		} else {
			if more[k] == nil {
				more[k] = []int32{first[k]}
			}
			more[k] = append(more[k], int32(i))
		}
		edges[k].weight += e.weight
		for _, role := range b.roles[int32(i)] {
			if !slices.Contains(roles[k], role) {
				roles[k] = append(roles[k], role)
			}
		}
	}
	for k := range edges {
		if from, ok := more[int32(k)]; ok {
			b.mergeLists(&edges[k], from)
		} else {
			b.mergeLists(&edges[k], first[k:k+1])
		}
	}
	return edges, roles, &b.lists
}

// mergeLists gives e the lists of the builder edges it merges: the same
// lists for one edge, else new ones at the end of the builder's arena (no
// builder edge points there) with the union of their articles (up to
// b.Cite) and their evidence up to b.Evidence. The documents are the
// union's, plus those the lists left out (counted once per edge: an
// article rarely names the two forms a merge joins without joining them).
func (b *Builder) mergeLists(e *edgeAcc, from []int32) {
	if len(from) == 1 {
		old := b.edgeList.at(from[0])
		e.articles, e.evidence, e.docs = old.articles, old.evidence, old.docs
		return
	}
	ls := &b.lists
	var arts, evid []int32
	unlisted := int32(0)
	for _, i := range from {
		old := b.edgeList.at(i)
		unlisted += old.docs - old.articles.n
		arts = unionSorted(arts, b.lists.slice(old.articles))
		for _, t := range b.lists.slice(old.evidence) {
			if len(evid) < b.Evidence && !slices.Contains(evid, t) {
				evid = append(evid, t)
			}
		}
	}
	e.docs = int32(len(arts)) + unlisted
	if b.Cite > 0 && len(arts) > b.Cite {
		arts = arts[:b.Cite]
	}
	for _, a := range arts {
		ls.push(&e.articles, a)
	}
	for _, t := range evid {
		ls.push(&e.evidence, t)
	}
}

// unionSorted merges two ascending lists without repeats into a new one.
func unionSorted(x, y []int32) []int32 {
	out := make([]int32, 0, len(x)+len(y))
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case j == len(y) || i < len(x) && x[i] < y[j]:
			out = append(out, x[i])
			i++
		case i == len(x) || y[j] < x[i]:
			out = append(out, y[j])
			j++
		default:
			out = append(out, x[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// clone copies a node's counts so that merging into it leaves the
// builder's node as it was.
func (n *nodeAcc) clone() nodeAcc {
	c := *n
	c.labels = slices.Clone(n.labels)
	c.types = slices.Clone(n.types)
	c.aliases = slices.Clone(n.aliases)
	c.examples = append([]string(nil), n.examples...)
	c.dates = append([]string(nil), n.dates...)
	return c
}

// absorb adds the counts of a node merged into n. The label stays n's: the
// longer name. Documents that mention both are counted twice, which is
// rare: within an article the short name already joined the long one.
func (n *nodeAcc) absorb(o *nodeAcc) {
	n.mentions += o.mentions
	n.documents += o.documents
	n.windows += o.windows
	n.dates = append(n.dates, o.dates...)
	for _, id := range o.examples {
		if len(n.examples) < maxExamples && !slices.Contains(n.examples, id) {
			n.examples = append(n.examples, id)
		}
	}
	for _, t := range o.types {
		n.types.add(t.key, t.n, nil)
	}
	for _, a := range o.aliases {
		n.aliases.add(a.key, 0, nil)
	}
}
