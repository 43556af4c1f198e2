package graph

import (
	"cmp"
	"slices"
	"strings"
)

// A Filter selects what goes into the finished graph. The zero Filter keeps
// everything.
type Filter struct {
	Types       []string // node types to keep; nil keeps all
	MinWeight   float64  // drop edges lighter than this
	MinMentions int      // drop entities mentioned fewer times than this
	Top         int      // keep only the Top nodes with the highest PageRank; 0 keeps all
	Seed        uint64   // seeds community detection and sampling
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
	g := r.assemble(keep, f.MinWeight)
	if f.Top > 0 && len(g.Nodes) > f.Top {
		g = r.top(g, keep, f)
	}
	computeMetrics(g, f.Seed)
	return g
}

// assemble builds a Graph from the kept nodes, numbered densely in order of
// first appearance, and the edges between them of at least minWeight.
func (b *resolved) assemble(keep []bool, minWeight float64) *Graph {
	g := &Graph{}
	newID := make([]int64, len(b.nodes))
	for i := range b.nodes {
		newID[i] = -1
		if !keep[i] {
			continue
		}
		n := &b.nodes[i]
		newID[i] = int64(len(g.Nodes))
		g.Nodes = append(g.Nodes, Node{
			ID: newID[i], Label: n.label(), Type: n.typ(), Aliases: n.aliasList(),
			Mentions: n.mentions, Documents: n.documents,
		})
	}
	g.Edges = make([]Edge, 0, len(b.edges))
	for i := range b.edges {
		e := &b.edges[i]
		roles := b.roles[int32(i)]
		s, t := newID[e.a], newID[e.b]
		if s < 0 || t < 0 || e.weight < minWeight && len(roles) == 0 {
			continue // an edge that states a relation stays
		}
		g.Edges = append(g.Edges, Edge{Source: s, Target: t, Weight: e.weight, Documents: e.documents, Relation: joinRoles(roles)})
	}
	sortEdges(g.Edges)
	return g
}

func sortEdges(es []Edge) {
	slices.SortFunc(es, func(x, y Edge) int {
		if c := cmp.Compare(x.Source, y.Source); c != 0 {
			return c
		}
		return cmp.Compare(x.Target, y.Target)
	})
}

// top keeps the f.Top nodes of g with the highest PageRank (ties to the
// earlier node) and reassembles the graph from them.
func (b *resolved) top(g *Graph, keep []bool, f Filter) *Graph {
	pr := pageRank(newCSR(g), 0.85, 1e-10)
	order := make([]int, len(g.Nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(pr[y], pr[x]) })
	chosen := map[int64]bool{}
	for _, i := range order[:f.Top] {
		chosen[g.Nodes[i].ID] = true
	}
	k := int64(0)
	for i := range keep {
		if keep[i] {
			keep[i] = chosen[k]
			k++
		}
	}
	return b.assemble(keep, f.MinWeight)
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
