package graph

import (
	"math/rand/v2"
	"testing"
)

// syntheticGraph returns a graph of n nodes and about m edges shaped like a
// co-mention graph: nodes fall in communities of about 50, most edges stay
// inside one, and a few hubs (the most prolific names) link everywhere.
func syntheticGraph(n, m int, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, 7))
	g := &Graph{Nodes: make([]Node, n)}
	for i := range g.Nodes {
		g.Nodes[i] = Node{ID: int64(i), Label: "n", Type: Person}
	}
	seen := make(map[uint64]bool, m)
	for len(g.Edges) < m {
		a := r.IntN(n)
		var b int
		switch p := r.Float64(); {
		case p < 0.8: // same community
			b = a/50*50 + r.IntN(50)
		case p < 0.9: // a hub
			b = r.IntN(n / 100)
		default:
			b = r.IntN(n)
		}
		if b >= n || a == b {
			continue
		}
		x, y := min(a, b), max(a, b)
		k := uint64(x)<<32 | uint64(y)
		if seen[k] {
			continue
		}
		seen[k] = true
		w := float64(1 + r.IntN(5))
		g.Edges = append(g.Edges, Edge{Source: int64(x), Target: int64(y), Weight: w, Count: w})
	}
	sortEdges(g.Edges)
	return g
}

// BenchmarkMetricsLarge computes every metric (PageRank, sampled
// betweenness, Louvain communities, components) of a 100,000-node,
// 1,000,000-edge graph:
//
//	go test -run XXX -bench MetricsLarge -benchtime 1x ./graph
func BenchmarkMetricsLarge(b *testing.B) {
	g := syntheticGraph(100_000, 1_000_000, 1)
	b.ResetTimer()
	for b.Loop() {
		computeMetrics(g, 1, BetweennessAuto)
	}
	b.ReportMetric(float64(len(g.Nodes)), "nodes")
	b.ReportMetric(float64(len(g.Edges)), "edges")
}

// TestMetricsMediumGraph checks, on a graph large enough for sampled
// betweenness, that every metric is filled in and sane.
func TestMetricsMediumGraph(t *testing.T) {
	g := syntheticGraph(5_000, 40_000, 2)
	computeMetrics(g, 1, BetweennessAuto)
	comms := map[int]bool{}
	sum := 0.0
	for _, n := range g.Nodes {
		sum += n.PageRank
		comms[n.Community] = true
		if n.Betweenness < 0 || n.Betweenness > 1 {
			t.Fatalf("betweenness %v out of [0,1]", n.Betweenness)
		}
	}
	if sum < 0.99 || sum > 1.01 {
		t.Errorf("PageRank sums to %v", sum)
	}
	if len(comms) < 20 {
		t.Errorf("%d communities in a graph planted with 100", len(comms))
	}
	computeMetrics(g, 1, BetweennessOff)
	if g.Nodes[0].Betweenness != -1 {
		t.Errorf("betweenness off: %v, want -1", g.Nodes[0].Betweenness)
	}
}
