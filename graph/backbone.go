package graph

import (
	"cmp"
	"math"
	"slices"
)

// The disparity filter (Serrano, Boguñá & Vespignani, PNAS 2009) keeps the
// edges that carry a share of a node's strength too large to be explained
// by spreading that strength at random over its k edges: for an edge of
// count w at a node of strength s and degree k, the chance of a share of
// at least p = w/s is α = (1 - p)^(k-1). An edge stays when α < alpha at
// either end. A node's only edge (k = 1) is all its strength and stays, so
// leaves do not fall off the backbone; an edge the text states as a
// relation stays too. Nodes left without an edge are dropped.

// disparity returns which edges of g the filter keeps at level alpha,
// judged on the raw counts.
func disparity(g *Graph, alpha float64) []bool {
	strength := make([]float64, len(g.Nodes))
	degree := make([]int, len(g.Nodes))
	for _, e := range g.Edges {
		strength[e.Source] += e.Count
		strength[e.Target] += e.Count
		degree[e.Source]++
		degree[e.Target]++
	}
	keep := make([]bool, len(g.Edges))
	sig := make([]float64, len(g.Edges)) // the smaller α of the two ends
	for i, e := range g.Edges {
		sig[i] = min(disparityAlpha(e.Count, strength[e.Source], degree[e.Source]),
			disparityAlpha(e.Count, strength[e.Target], degree[e.Target]))
		keep[i] = e.Relation != "" || sig[i] < alpha
	}
	for _, i := range spanningForest(g, sig) {
		keep[i] = true
	}
	return keep
}

// spanningForest returns the edges of a maximum spanning forest of g by
// count (Kruskal), preferring the more significant edge (smaller sig)
// among equal counts, then the earlier one.
func spanningForest(g *Graph, sig []float64) []int {
	order := make([]int, len(g.Edges))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		if c := cmp.Compare(g.Edges[y].Count, g.Edges[x].Count); c != 0 {
			return c
		}
		return cmp.Compare(sig[x], sig[y])
	})
	parent := make([]int64, len(g.Nodes))
	for i := range parent {
		parent[i] = int64(i)
	}
	find := func(x int64) int64 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	var out []int
	for _, i := range order {
		a, b := find(g.Edges[i].Source), find(g.Edges[i].Target)
		if a != b {
			parent[a] = b
			out = append(out, i)
		}
	}
	return out
}

// disparityAlpha is the probability, under the null model, that an edge
// of a node with strength s and degree k gets a share of at least w/s.
func disparityAlpha(w, s float64, k int) float64 {
	if k <= 1 {
		return 0
	}
	if s <= 0 {
		return 1
	}
	return math.Pow(1-w/s, float64(k-1))
}
