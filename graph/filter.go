package graph

import (
	"cmp"
	"slices"
	"strings"
)

// A Filter selects what goes into the finished graph and how edges are
// weighed. The zero Filter keeps everything, weighed by count.
type Filter struct {
	Types       []string  // node types to keep; nil keeps all
	MinWeight   float64   // drop edges whose Count is below this
	MinMentions int       // drop entities mentioned fewer times than this
	Weight      Weighting // what Edge.Weight measures
	Backbone    float64   // if > 0, keep only the edges significant at this level under the disparity filter
	Top         int       // keep only the Top nodes with the highest PageRank; 0 keeps all
	Dynamic     bool      // mark the graph for export with time spells
	Betweenness BetweennessMode
	Seed        uint64 // seeds community detection and sampling
}

// Graph returns the filtered graph with its metrics computed. The builder
// can go on accumulating afterwards.
func (b *Builder) Graph(f Filter) *Graph {
	r := b.resolve()
	keep := make([]bool, len(r.nodes))
	for i := range r.nodes {
		n := &r.nodes[i]
		keep[i] = n.mentions >= f.MinMentions && (f.Types == nil || slices.Contains(f.Types, n.typ()))
	}
	g, nodeOf := r.assemble(keep, f.MinWeight)
	weigh(g, r, nodeOf, b.Windows, f.Weight)
	g.Weight, g.Dynamic = f.Weight, f.Dynamic
	if f.Backbone > 0 {
		kept := disparity(g, f.Backbone)
		g = g.subgraph(nil, func(i int) bool { return kept[i] })
	}
	if f.Top > 0 && len(g.Nodes) > f.Top {
		g = g.top(f.Top)
	}
	g.citeArticles(b.articles)
	computeMetrics(g, f.Seed, f.Betweenness)
	return g
}

// assemble builds a Graph from the kept nodes, numbered densely in order of
// first appearance, and the edges between them with a count of at least
// minCount. Edge.Articles hold builder article indexes until
// citeArticles. It also returns, for each node ID, its resolved node.
func (r *resolved) assemble(keep []bool, minCount float64) (*Graph, []int32) {
	g := &Graph{}
	newID := make([]int64, len(r.nodes))
	var nodeOf []int32
	for i := range r.nodes {
		newID[i] = -1
		if !keep[i] {
			continue
		}
		n := &r.nodes[i]
		newID[i] = int64(len(g.Nodes))
		nodeOf = append(nodeOf, int32(i))
		dates := sortedDates(n.dates)
		node := Node{ID: newID[i], Label: n.label(), Type: n.typ(), Aliases: n.aliasList(),
			Mentions: n.mentions, Documents: n.documents, Dates: dates}
		if len(dates) > 0 {
			node.FirstSeen, node.LastSeen = dates[0], dates[len(dates)-1]
		}
		g.Nodes = append(g.Nodes, node)
	}
	// The kept edges in (source, target) order, found by sorting small
	// keys rather than the edges themselves. Node ids keep the order of
	// the builder's, so a source stays below its target.
	type kept struct {
		key uint64
		i   int32
	}
	var order []kept
	for i := range r.edges {
		e := &r.edges[i]
		s, t := newID[e.a], newID[e.b]
		if s < 0 || t < 0 || e.weight < minCount && len(r.roles[int32(i)]) == 0 {
			continue // an edge that states a relation stays
		}
		order = append(order, kept{uint64(s)<<32 | uint64(t), int32(i)})
	}
	slices.SortFunc(order, func(x, y kept) int { return cmp.Compare(x.key, y.key) })
	g.Edges = make([]Edge, 0, len(order))
	// Every edge's article list is a full slice of one array (the arena
	// holds at most that many cells), not an allocation of its own.
	flat := make([]int32, 0, r.lists.n)
	for _, k := range order {
		e := &r.edges[k.i]
		start := len(flat)
		flat = r.lists.appendTo(flat, e.articles)
		g.Edges = append(g.Edges, Edge{Source: newID[e.a], Target: newID[e.b], Weight: e.weight, Count: e.weight,
			Documents: int(e.docs), Relation: joinRoles(r.roles[k.i]), Evidence: r.evidence(e),
			arts: flat[start:len(flat):len(flat)]})
	}
	return g, nodeOf
}

// evidence returns an edge's evidence sentences.
func (r *resolved) evidence(e *edgeAcc) []string {
	if e.evidence.n == 0 {
		return nil
	}
	out := make([]string, 0, e.evidence.n)
	for _, t := range r.lists.slice(e.evidence) {
		out = append(out, r.texts[t])
	}
	return out
}

// sortedDates returns the distinct dates, sorted.
func sortedDates(d []string) []string {
	if len(d) == 0 {
		return nil
	}
	out := slices.Clone(d)
	slices.Sort(out)
	return slices.Compact(out)
}

// subgraph returns g without the nodes keepNode rejects (nil keeps all),
// the edges keepEdge rejects, and the nodes those leave without an edge
// when keepEdge is given; nodes are renumbered densely in their order.
func (g *Graph) subgraph(keepNode func(i int) bool, keepEdge func(i int) bool) *Graph {
	node := make([]bool, len(g.Nodes))
	for i := range node {
		node[i] = keepNode == nil || keepNode(i)
	}
	var edges []int
	linked := make([]bool, len(g.Nodes))
	for i, e := range g.Edges {
		if node[e.Source] && node[e.Target] && (keepEdge == nil || keepEdge(i)) {
			edges = append(edges, i)
			linked[e.Source], linked[e.Target] = true, true
		}
	}
	out := &Graph{Weight: g.Weight, Dynamic: g.Dynamic}
	newID := make([]int64, len(g.Nodes))
	for i := range g.Nodes {
		newID[i] = -1
		if node[i] && (keepEdge == nil || linked[i]) {
			newID[i] = int64(len(out.Nodes))
			n := g.Nodes[i]
			n.ID = newID[i]
			out.Nodes = append(out.Nodes, n)
		}
	}
	for _, i := range edges {
		e := g.Edges[i]
		e.Source, e.Target = newID[e.Source], newID[e.Target]
		out.Edges = append(out.Edges, e)
	}
	return out
}

// top keeps the n nodes of g with the highest PageRank (ties to the
// earlier node) and the edges among them.
func (g *Graph) top(n int) *Graph {
	pr := pageRank(newCSR(g), 0.85, 1e-10)
	order := make([]int, len(g.Nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(pr[y], pr[x]) })
	chosen := make([]bool, len(g.Nodes))
	for _, i := range order[:n] {
		chosen[i] = true
	}
	return g.subgraph(func(i int) bool { return chosen[i] }, nil)
}

// citeArticles points the edges at their articles, in g.Articles, which
// lists just the articles the edges cite, in input order.
func (g *Graph) citeArticles(all []Article) {
	// Slices indexed by article, not maps: a large graph cites millions.
	pos := make([]int32, len(all))
	total, cited := 0, 0
	for _, e := range g.Edges {
		total += len(e.arts)
		for _, a := range e.arts {
			if pos[a] == 0 {
				pos[a] = 1
				cited++
			}
		}
	}
	g.Articles = make([]Article, 0, cited)
	for a, used := range pos {
		if used != 0 {
			pos[a] = int32(len(g.Articles))
			g.Articles = append(g.Articles, all[a])
		}
	}
	// One array holds every edge's list (each edge a full slice of it).
	flat := make([]*Article, total)
	for i := range g.Edges {
		e := &g.Edges[i]
		n := len(e.arts)
		e.Articles, flat = flat[:n:n], flat[n:]
		for k, a := range e.arts {
			e.Articles[k] = &g.Articles[pos[a]]
		}
		e.arts = nil
	}
}

// joinRoles returns the roles sorted and joined with "; ".
func joinRoles(roles []string) string {
	if len(roles) == 0 {
		return ""
	}
	r := slices.Clone(roles)
	slices.Sort(r)
	return strings.Join(r, "; ")
}
