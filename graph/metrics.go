package graph

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// ExactBetweennessLimit is the largest graph, in nodes × edges, whose
// betweenness is computed exactly (Brandes' algorithm costs O(nodes ×
// edges)); about a second on one core. Larger graphs get an estimate from
// BetweennessPivots sampled source nodes (Brandes & Pich 2007), scaled to
// the full graph.
const (
	ExactBetweennessLimit = 100_000_000
	BetweennessPivots     = 256
)

// A BetweennessMode says how betweenness is computed.
type BetweennessMode int

const (
	BetweennessAuto   BetweennessMode = iota // exact up to ExactBetweennessLimit, else sampled
	BetweennessExact                         // exact whatever the size (O(nodes × edges))
	BetweennessApprox                        // from BetweennessPivots sampled sources
	BetweennessOff                           // not computed: Node.Betweenness is -1
)

var betweennessNames = [...]string{"auto", "exact", "approx", "off"}

func (m BetweennessMode) String() string { return betweennessNames[m] }

// ParseBetweenness parses "auto", "exact", "approx" or "off".
func ParseBetweenness(s string) (BetweennessMode, error) {
	for i, n := range betweennessNames {
		if s == n {
			return BetweennessMode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown betweenness %q (want auto, exact, approx or off)", s)
}

// computeMetrics fills every node's metrics.
func computeMetrics(g *Graph, seed uint64, mode BetweennessMode) {
	c := newCSR(g)
	for i := range g.Nodes {
		row, ws := c.row(int64(i))
		g.Nodes[i].Degree = len(row)
		sum := 0.0
		for _, w := range ws {
			sum += w
		}
		g.Nodes[i].WeightedDegree = sum
	}
	// Betweenness costs as much as the rest together; it runs beside them.
	// Each metric is computed alone, so the result does not depend on the
	// interleaving.
	var bc []float64
	done := make(chan struct{})
	go func() {
		defer close(done)
		bc = betweenness(c, len(g.Edges), seed, mode)
	}()
	pr := pageRank(c, 0.85, 1e-10)
	comm := communities(c, seed)
	comp := components(c)
	<-done
	for i := range g.Nodes {
		g.Nodes[i].PageRank = round6(pr[i])
		g.Nodes[i].Betweenness = bc[i]
		if bc[i] >= 0 {
			g.Nodes[i].Betweenness = round6(bc[i])
		}
		g.Nodes[i].Community = comm[i]
		g.Nodes[i].Component = comp[i]
	}
}

// round6 rounds to six significant digits so that exported scores do not
// carry the last bits of floating-point noise.
func round6(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	p := math.Pow(10, 5-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

// pageRank computes edge-weighted PageRank by power iteration on the sparse
// graph: the computation of gonum's network.PageRankSparse, but started
// from the uniform vector instead of a random one, so that the result is
// the same on every run. Nodes without edges spread their rank uniformly.
func pageRank(c *csr, damp, tol float64) []float64 {
	n := c.n()
	if n == 0 {
		return nil
	}
	out := make([]float64, n)
	for u := 0; u < n; u++ {
		_, ws := c.row(int64(u))
		for _, w := range ws {
			out[u] += w
		}
	}
	rank, next := make([]float64, n), make([]float64, n)
	for i := range rank {
		rank[i] = 1 / float64(n)
	}
	for iter := 0; iter < 1000; iter++ {
		dangling := 0.0
		for u := 0; u < n; u++ {
			if out[u] == 0 {
				dangling += rank[u]
			}
		}
		base := (1-damp)/float64(n) + damp*dangling/float64(n)
		for v := 0; v < n; v++ {
			row, ws := c.row(int64(v))
			s := 0.0
			for i, u := range row {
				s += ws[i] * rank[u] / out[u]
			}
			next[v] = base + damp*s
		}
		diff := 0.0
		for i := range rank {
			d := next[i] - rank[i]
			diff += d * d
		}
		rank, next = next, rank
		if math.Sqrt(diff) < tol {
			break
		}
	}
	return rank
}

// betweenness returns each node's betweenness centrality over unweighted
// shortest paths (co-mention weights measure closeness, not distance),
// normalised to [0,1] by the number of pairs of other nodes. Above
// ExactBetweennessLimit it is estimated from sampled pivots.
func betweenness(c *csr, edges int, seed uint64, mode BetweennessMode) []float64 {
	n := c.n()
	bc := make([]float64, n)
	if mode == BetweennessOff {
		for i := range bc {
			bc[i] = -1
		}
		return bc
	}
	if n < 3 {
		return bc
	}
	var sources []int32
	var times []float64 // how many sources each stands for
	scale := 1.0
	sample := mode == BetweennessApprox || mode == BetweennessAuto && n*edges > ExactBetweennessLimit
	if sample && n > BetweennessPivots {
		sources = make([]int32, n)
		for i := range sources {
			sources[i] = int32(i)
		}
		r := rand.New(rand.NewPCG(seed, 0x6265747765656e))
		r.Shuffle(n, func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
		sources = sources[:BetweennessPivots]
		slices.Sort(sources)
		scale = float64(n) / float64(len(sources))
	} else {
		sources, times = twinClasses(c)
	}
	// The sources are cut into a fixed number of parts, each summed on its
	// own and the parts added in order, so the result is the same however
	// many cores run them. The workers take the next part as they finish
	// one: parts are many and small so that none is left running alone at
	// the end.
	parts := min(32, len(sources))
	partial := make([][]float64, parts)
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), parts) {
		wg.Go(func() {
			var bf brandes
			bf.init(n)
			for p := int(next.Add(1)) - 1; p < parts; p = int(next.Add(1)) - 1 {
				partial[p] = make([]float64, n)
				for i := p * len(sources) / parts; i < (p+1)*len(sources)/parts; i++ {
					k := 1.0
					if times != nil {
						k = times[i]
					}
					bf.accumulate(c, sources[i], k, partial[p])
				}
			}
		})
	}
	wg.Wait()
	for _, part := range partial {
		for i, v := range part {
			bc[i] += v
		}
	}
	// Each unordered pair is counted from both ends.
	norm := scale / float64((n-1)*(n-2))
	for i := range bc {
		bc[i] *= norm
	}
	return bc
}

// brandes holds the per-source scratch space of Brandes' algorithm.
type brandes struct {
	dist  []int32 // -1: not reached
	sigma []float64
	delta []float64
	coef  []float64 // (1 + delta) / sigma, once a node's delta is final
	order []int32   // the nodes reached, in the order of the search
}

func (b *brandes) init(n int) {
	b.dist = make([]int32, n)
	for i := range b.dist {
		b.dist[i] = -1
	}
	b.sigma = make([]float64, n)
	b.delta = make([]float64, n)
	b.coef = make([]float64, n)
}

// accumulate adds to bc the dependencies of every node on source s, times
// k. A node's successors on shortest paths are found again among its
// neighbours instead of being stored as lists of predecessors: reading
// the adjacency twice costs less than writing the lists.
func (b *brandes) accumulate(c *csr, s int32, k float64, bc []float64) {
	for _, v := range b.order { // only what the previous search reached
		b.dist[v], b.sigma[v], b.delta[v] = -1, 0, 0
	}
	b.order = append(b.order[:0], s)
	b.dist[s], b.sigma[s] = 0, 1
	for head := 0; head < len(b.order); head++ {
		u := b.order[head]
		du := b.dist[u] + 1
		row, _ := c.row(int64(u))
		for _, v := range row {
			if b.dist[v] < 0 {
				b.dist[v] = du
				b.order = append(b.order, v)
			}
			if b.dist[v] == du {
				b.sigma[v] += b.sigma[u]
			}
		}
	}
	for i := len(b.order) - 1; i > 0; i-- {
		w := b.order[i]
		dw := b.dist[w] + 1
		row, _ := c.row(int64(w))
		d := 0.0
		for _, x := range row {
			if b.dist[x] == dw {
				d += b.coef[x]
			}
		}
		b.delta[w] = b.sigma[w] * d
		b.coef[w] = (1 + b.delta[w]) / b.sigma[w] // once per node, not per edge
		bc[w] += k * b.delta[w]
	}
}

// twinClasses returns one node of each class of nodes that have the same
// closed neighbourhood (the node and its neighbours), in ID order, and
// the size of its class. Brandes' dependencies on a source and on its
// twin are the same for every other node, and zero for the two (neither
// lies on a shortest path from the other), so one search from a class's
// first node, counted once per member, gives the exact betweenness. In
// co-mention graphs such twins abound: the entities that only one article
// names, with a document window, form a clique with the same neighbours.
func twinClasses(c *csr) ([]int32, []float64) {
	n := c.n()
	var reps []int32
	var times []float64
	byHash := map[uint64][]int32{} // hash of a closed neighbourhood -> indexes into reps
	var a, b []int32
	for u := range n {
		a = closedRow(c, int32(u), a[:0])
		h := uint64(14695981039346656037)
		for _, v := range a {
			h = (h ^ uint64(v)) * 1099511628211
		}
		found := false
		for _, i := range byHash[h] {
			if b = closedRow(c, reps[i], b[:0]); slices.Equal(a, b) {
				times[i]++
				found = true
				break
			}
		}
		if !found {
			byHash[h] = append(byHash[h], int32(len(reps)))
			reps = append(reps, int32(u))
			times = append(times, 1)
		}
	}
	return reps, times
}

// closedRow appends u's neighbours and u, ascending, to dst.
func closedRow(c *csr, u int32, dst []int32) []int32 {
	row, _ := c.row(int64(u))
	i, _ := slices.BinarySearch(row, u)
	dst = append(dst, row[:i]...)
	dst = append(dst, u)
	return append(dst, row[i:]...)
}

// communities runs Louvain modularity optimisation with a fixed seed and
// numbers the communities by decreasing size, ties by their lowest node ID.
func communities(c *csr, seed uint64) []int {
	member := louvain(c, seed)
	byComm := map[int][]int64{}
	for i, m := range member {
		byComm[m] = append(byComm[m], int64(i))
	}
	groups := make([][]int64, 0, len(byComm))
	for _, g := range byComm {
		groups = append(groups, g) // members are in ID order already
	}
	return numberGroups(groups, make([]int, len(member)))
}

// components labels connected components, numbered like communities.
func components(c *csr) []int {
	n := c.n()
	seen := make([]bool, n)
	var groups [][]int64
	var queue []int32
	for s := 0; s < n; s++ {
		if seen[s] {
			continue
		}
		seen[s] = true
		queue = append(queue[:0], int32(s))
		ids := []int64{}
		for head := 0; head < len(queue); head++ {
			u := queue[head]
			ids = append(ids, int64(u))
			row, _ := c.row(int64(u))
			for _, v := range row {
				if !seen[v] {
					seen[v] = true
					queue = append(queue, v)
				}
			}
		}
		slices.Sort(ids)
		groups = append(groups, ids)
	}
	return numberGroups(groups, make([]int, n))
}

// numberGroups assigns group numbers 0, 1, … by decreasing size, ties by
// lowest member, and writes each member's number into out.
func numberGroups(groups [][]int64, out []int) []int {
	slices.SortFunc(groups, func(a, b []int64) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return cmp.Compare(a[0], b[0])
	})
	for k, g := range groups {
		for _, id := range g {
			out[id] = k
		}
	}
	return out
}
