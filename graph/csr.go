package graph

import (
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
)

// csr is a read-only weighted undirected graph in compressed sparse row
// form over the dense node IDs of a Graph. Unlike gonum's map-based simple
// graphs it iterates nodes and neighbours in ID order, which keeps gonum's
// algorithms (Louvain in particular) deterministic for a given seed.
type csr struct {
	off []int32   // neighbours of u are adj[off[u]:off[u+1]]
	adj []int32   // sorted within each node
	w   []float64 // weight of adj[i]
}

var (
	_ graph.WeightedUndirected = (*csr)(nil)
	_ graph.WeightedDirected   = (*csr)(nil)
)

func newCSR(g *Graph) *csr {
	n := len(g.Nodes)
	deg := make([]int32, n+1)
	for _, e := range g.Edges {
		deg[e.Source+1]++
		deg[e.Target+1]++
	}
	for i := 1; i <= n; i++ {
		deg[i] += deg[i-1]
	}
	c := &csr{off: deg, adj: make([]int32, 2*len(g.Edges)), w: make([]float64, 2*len(g.Edges))}
	fill := make([]int32, n)
	put := func(u, v int64, w float64) {
		i := c.off[u] + fill[u]
		c.adj[i], c.w[i] = int32(v), w
		fill[u]++
	}
	// Edges are sorted by (Source, Target): entering each edge from its
	// target first and then from its source fills every row in ID order
	// (lower neighbours, then higher ones) without a sort.
	// A negative NPMI (the pair avoids each other) carries no weight in
	// PageRank or modularity.
	for _, e := range g.Edges {
		put(e.Target, e.Source, max(e.Weight, 0))
	}
	for _, e := range g.Edges {
		put(e.Source, e.Target, max(e.Weight, 0))
	}
	return c
}

func (c *csr) n() int { return len(c.off) - 1 }

func (c *csr) row(u int64) ([]int32, []float64) {
	return c.adj[c.off[u]:c.off[u+1]], c.w[c.off[u]:c.off[u+1]]
}

// neighbors is row without the weights (an unweighted csr has none).
func (c *csr) neighbors(u int32) []int32 { return c.adj[c.off[u]:c.off[u+1]] }

func (c *csr) find(u, v int64) (float64, bool) {
	if u < 0 || v < 0 || int(u) >= c.n() || int(v) >= c.n() {
		return 0, false
	}
	row, ws := c.row(u)
	lo, hi := 0, len(row)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case int64(row[m]) < v:
			lo = m + 1
		case int64(row[m]) > v:
			hi = m
		default:
			return ws[m], true
		}
	}
	return 0, false
}

func (c *csr) Node(id int64) graph.Node {
	if id < 0 || int(id) >= c.n() {
		return nil
	}
	return csrNode(id)
}

func (c *csr) Nodes() graph.Nodes {
	ns := make([]graph.Node, c.n())
	for i := range ns {
		ns[i] = csrNode(i)
	}
	return iterator.NewOrderedNodes(ns)
}

func (c *csr) From(id int64) graph.Nodes {
	if id < 0 || int(id) >= c.n() {
		return graph.Empty
	}
	row, _ := c.row(id)
	ns := make([]graph.Node, len(row))
	for i, v := range row {
		ns[i] = csrNode(v)
	}
	return iterator.NewOrderedNodes(ns)
}

func (c *csr) To(id int64) graph.Nodes { return c.From(id) }

func (c *csr) HasEdgeBetween(x, y int64) bool { _, ok := c.find(x, y); return ok }
func (c *csr) HasEdgeFromTo(u, v int64) bool  { _, ok := c.find(u, v); return ok }

func (c *csr) Edge(u, v int64) graph.Edge { return c.WeightedEdge(u, v) }
func (c *csr) EdgeBetween(x, y int64) graph.Edge {
	return c.WeightedEdge(x, y)
}
func (c *csr) WeightedEdgeBetween(x, y int64) graph.WeightedEdge { return c.WeightedEdge(x, y) }

func (c *csr) WeightedEdge(u, v int64) graph.WeightedEdge {
	w, ok := c.find(u, v)
	if !ok {
		return nil
	}
	return csrEdge{f: csrNode(u), t: csrNode(v), w: w}
}

// Weight returns the weight of the edge between x and y; a node's weight
// to itself is 0 (no self loops).
func (c *csr) Weight(x, y int64) (float64, bool) {
	if x == y {
		return 0, true
	}
	return c.find(x, y)
}

// csrNode and csrEdge are the csr's gonum nodes and edges. (gonum's
// graph/simple has such types, but importing it links its matrix and
// LAPACK packages into the program: more to load and initialise at every
// start, for nothing.)
type csrNode int64

func (n csrNode) ID() int64 { return int64(n) }

type csrEdge struct {
	f, t csrNode
	w    float64
}

func (e csrEdge) From() graph.Node         { return e.f }
func (e csrEdge) To() graph.Node           { return e.t }
func (e csrEdge) ReversedEdge() graph.Edge { return csrEdge{f: e.t, t: e.f, w: e.w} }
func (e csrEdge) Weight() float64          { return e.w }
