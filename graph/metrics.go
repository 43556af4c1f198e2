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
// ExactBetweennessLimit it is estimated from sampled pivots. Both run on
// the graph with its twins merged (see mergeTwins).
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
	t := mergeTwins(c)
	// Every node of a class gives the same dependencies (see mergeTwins):
	// a search from the class counts for each of its nodes taken as a
	// source, times[i] times for sources[i].
	sources, times := make([]int32, 0, len(t.size)), make([]float64, 0, len(t.size))
	scale := 1.0
	sample := mode == BetweennessApprox || mode == BetweennessAuto && n*edges > ExactBetweennessLimit
	if sample && n > BetweennessPivots {
		count := make([]float64, len(t.size))
		for _, v := range pivots(n, seed) {
			count[t.class[v]]++
		}
		for k, m := range count {
			if m > 0 {
				sources, times = append(sources, int32(k)), append(times, m)
			}
		}
		scale = float64(n) / BetweennessPivots
	} else {
		for k, m := range t.size {
			sources, times = append(sources, int32(k)), append(times, m)
		}
	}
	// The sources are cut into a fixed number of parts, each summed on its
	// own and the parts added in order, so the result is the same however
	// many cores run them. The workers take the next part as they finish
	// one: parts are many and small so that none is left running alone at
	// the end.
	h := t.h
	parts := min(32, len(sources))
	partial := make([][]float64, parts)
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), parts) {
		wg.Go(func() {
			var bf brandes
			bf.init(h.n())
			for p := int(next.Add(1)) - 1; p < parts; p = int(next.Add(1)) - 1 {
				partial[p] = make([]float64, h.n())
				for i := p * len(sources) / parts; i < (p+1)*len(sources)/parts; i++ {
					bf.accumulate(h, t.size, sources[i], times[i], partial[p])
				}
			}
		})
	}
	wg.Wait()
	sum := make([]float64, h.n())
	for _, part := range partial {
		for i, v := range part {
			sum[i] += v
		}
	}
	// Each unordered pair is counted from both ends.
	norm := scale / float64((n-1)*(n-2))
	for i := range bc {
		bc[i] = sum[t.class[i]] * norm
	}
	return bc
}

// pivots returns the BetweennessPivots source nodes of a sampled
// betweenness of n nodes.
func pivots(n int, seed uint64) []int32 {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	r := rand.New(rand.NewPCG(seed, 0x6265747765656e))
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p[:BetweennessPivots]
}

// brandes holds the per-source scratch space of Brandes' algorithm.
type brandes struct {
	dist  []int32 // -1: not reached
	sigma []float64
	delta []float64
	coef  []float64 // size × (1 + delta) / sigma, once a node's delta is final
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

// accumulate adds to bc, times k, the dependencies on source class s of
// one node of every class of the merged graph h, whose classes have
// size nodes each. A shortest path passes through at most one node of a
// class (its nodes are adjacent and share their neighbours), and through
// any of them alike: sigma[v] counts the shortest paths from one node of
// s to one node of v, each class on the way counted size times, and a
// node's dependency gathers its successors' size × (1 + delta) / sigma,
// every node of a successor class being a target and a way on. With
// classes of one node this is Brandes' algorithm. A node's successors on
// shortest paths are found again among its neighbours instead of being
// stored as lists of predecessors: reading the adjacency twice costs less
// than writing the lists.
func (b *brandes) accumulate(h *csr, size []float64, s int32, k float64, bc []float64) {
	// The slices in locals: the compiler keeps them in registers, where
	// fields written in the loops (order) would be read again each time.
	dist, sigma, delta, coef := b.dist, b.sigma, b.delta, b.coef
	order := b.order
	for _, v := range order { // only what the previous search reached
		dist[v], sigma[v], delta[v] = -1, 0, 0
	}
	order = append(order[:0], s)
	dist[s], sigma[s] = 0, 1
	for head := 0; head < len(order); head++ {
		u := order[head]
		du := dist[u] + 1
		// Through any of u's size[u] nodes. (For the source this scales
		// every count alike, which the dependencies, ratios of counts,
		// do not see.)
		paths := sigma[u] * size[u]
		for _, v := range h.neighbors(u) {
			dv := dist[v]
			if dv < 0 {
				dist[v], dv = du, du
				order = append(order, v)
			}
			if dv == du {
				sigma[v] += paths
			}
		}
	}
	for i := len(order) - 1; i > 0; i-- {
		w := order[i]
		dw := dist[w] + 1
		d := 0.0
		for _, x := range h.neighbors(w) {
			if dist[x] == dw {
				d += coef[x]
			}
		}
		delta[w] = sigma[w] * d
		coef[w] = size[w] * (1 + delta[w]) / sigma[w] // once per node, not per edge
		bc[w] += k * delta[w]
	}
	b.order = order
}

// twins is a graph with its twins merged: nodes with the same closed
// neighbourhood (the node and its neighbours) become one node of h, the
// class class[u] of node u, of size[k] nodes. In co-mention graphs twins
// abound: the entities that only one article names, with a document
// window, form a clique with the same neighbours; the 200-article sample
// of the README's benchmark has 1,016 nodes and 5,345 edges, and 343
// classes joined by 1,061 edges.
type twins struct {
	h     *csr // unweighted: h.w is nil
	class []int32
	size  []float64
}

// mergeTwins finds the classes of twins of c, numbered by their first
// node, and the graph joining them. Twins are adjacent and have the same
// other neighbours, so the row of a class is the row of its first node,
// less the class itself, with each class once.
func mergeTwins(c *csr) *twins {
	n := c.n()
	t := &twins{class: make([]int32, n)}
	var reps []int32
	byHash := map[uint64][]int32{} // hash of a closed neighbourhood -> classes
	var a, b []int32
	for u := range n {
		a = closedRow(c, int32(u), a[:0])
		h := uint64(14695981039346656037)
		for _, v := range a {
			h = (h ^ uint64(v)) * 1099511628211
		}
		k := int32(-1)
		for _, i := range byHash[h] {
			if b = closedRow(c, reps[i], b[:0]); slices.Equal(a, b) {
				k = i
				break
			}
		}
		if k < 0 {
			k = int32(len(reps))
			byHash[h] = append(byHash[h], k)
			reps = append(reps, int32(u))
			t.size = append(t.size, 0)
		}
		t.class[u] = k
		t.size[k]++
	}
	h := &csr{off: make([]int32, len(reps)+1)}
	seen := make([]int32, len(reps)) // class k+1 when already in row k
	for k, r := range reps {
		for _, v := range c.neighbors(r) {
			if x := t.class[v]; x != int32(k) && seen[x] != int32(k)+1 {
				seen[x] = int32(k) + 1
				h.adj = append(h.adj, x)
			}
		}
		h.off[k+1] = int32(len(h.adj))
	}
	t.h = h
	return t
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
