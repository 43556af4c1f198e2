package graph

import (
	"fmt"
	"math"
)

// A Weighting says what an edge's Weight measures. The raw window count
// is always kept in Edge.Count.
//
// With n(a) the windows that hold entity a, n(a,b) those that hold both and
// N all windows of the corpus (empty ones included):
//
//	count        n(a,b)
//	jaccard      n(a,b) / (n(a) + n(b) - n(a,b))                       in [0,1]
//	npmi         log(n(a,b)·N / (n(a)·n(b))) / -log(n(a,b)/N)          in [-1,1]
//	association  2m·c(a,b) / (k(a)·k(b))
//
// npmi is the normalised pointwise mutual information (Bouma 2009): 1 when
// the two always occur together, 0 when independent. association is the
// association strength of VOSviewer (Waltman, van Eck & Noyons 2010): the
// count c(a,b) over the count expected if links were spread at random, with
// k(a) the total count of a's edges and m that of all edges; 1 means as
// expected. Both weigh what is surprising rather than what is frequent, so
// that the biggest names stop linking to everything.
type Weighting int

const (
	CountWeight Weighting = iota
	JaccardWeight
	NPMIWeight
	AssociationWeight
)

var weightingNames = [...]string{"count", "jaccard", "npmi", "association"}

func (w Weighting) String() string { return weightingNames[w] }

// ParseWeighting parses "count", "jaccard", "npmi" or "association".
func ParseWeighting(s string) (Weighting, error) {
	for i, n := range weightingNames {
		if s == n {
			return Weighting(i), nil
		}
	}
	return 0, fmt.Errorf("unknown weight %q (want count, jaccard, npmi or association)", s)
}

// jaccard is n(a,b) / n(a ∪ b).
func jaccard(ab, a, b float64) float64 {
	if ab <= 0 {
		return 0
	}
	return ab / (a + b - ab)
}

// npmi is the normalised pointwise mutual information of a and b over n
// windows: -1 when they never co-occur, 1 when they always do.
func npmi(ab, a, b, n float64) float64 {
	switch {
	case ab <= 0:
		return -1
	case ab >= n:
		return 1
	}
	v := math.Log(ab*n/(a*b)) / -math.Log(ab/n)
	return max(-1, min(1, v)) // rounding can step over the bounds
}

// association is VOSviewer's association strength 2m·c / (k(a)·k(b)).
func association(c, ka, kb, m float64) float64 {
	if c <= 0 || ka <= 0 || kb <= 0 {
		return 0
	}
	return 2 * m * c / (ka * kb)
}

// weigh sets every edge's Weight from its Count as w asks, with the
// statistics of the whole resolved graph r (so that filters do not change
// a pair's weight). nodeOf maps g's node IDs to r's nodes.
func weigh(g *Graph, r *resolved, nodeOf []int32, windows int, w Weighting) {
	if w == CountWeight {
		return
	}
	var strength []float64 // k(a), for association
	var m float64
	if w == AssociationWeight {
		strength = make([]float64, len(r.nodes))
		for _, e := range r.edges {
			strength[e.a] += e.weight
			strength[e.b] += e.weight
			m += e.weight
		}
	}
	n := float64(windows)
	for i := range g.Edges {
		e := &g.Edges[i]
		x, y := nodeOf[e.Source], nodeOf[e.Target]
		na, nb := float64(r.nodes[x].windows), float64(r.nodes[y].windows)
		switch w {
		case JaccardWeight:
			e.Weight = jaccard(e.Count, na, nb)
		case NPMIWeight:
			e.Weight = npmi(e.Count, na, nb, n)
		case AssociationWeight:
			e.Weight = association(e.Count, strength[x], strength[y], m)
		}
	}
}
