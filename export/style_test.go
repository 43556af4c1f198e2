package export

import (
	"fmt"
	"math"
	"testing"

	"cograph/graph"
)

// Tests of the visual encoding DOT writes (and Rendered draws), read back
// through gonum's DOT parser so they check attributes, not line layout.

// rankedGraph has n nodes whose PageRanks are a permutation of 1..n
// (scaled), so which nodes are the top k is known without sorting: node i
// has rank (i*37)%n + 1, and n must not be a multiple of 37.
func rankedGraph(n int) *graph.Graph {
	g := &graph.Graph{}
	types := []string{graph.Person, graph.Organization, graph.Event, graph.Place}
	for i := range n {
		g.Nodes = append(g.Nodes, graph.Node{
			ID: int64(i), Label: fmt.Sprintf("Entity %03d", i), Type: types[i%4],
			PageRank: float64((i*37)%n+1) / 1000, Community: i % 10,
		})
	}
	for i := 1; i < n; i++ {
		g.Edges = append(g.Edges, graph.Edge{Source: int64(i - 1), Target: int64(i), Weight: float64(i%7 + 1), Documents: 1})
	}
	return g
}

// decodeDOTNodes writes g as DOT and returns each node's attributes.
func decodeDOTNodes(t *testing.T, g *graph.Graph) []map[string]string {
	t.Helper()
	d, err := decodeDOT(write(t, DOT{}, g))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.nodes) != len(g.Nodes) {
		t.Fatalf("%d nodes decoded, want %d", len(d.nodes), len(g.Nodes))
	}
	return d.nodes
}

func TestDOTLabelRule(t *testing.T) {
	equal := func(n int) *graph.Graph { // every PageRank the same: ties
		g := rankedGraph(n)
		for i := range g.Nodes {
			g.Nodes[i].PageRank = 0.01
		}
		return g
	}
	tests := []struct {
		name  string
		g     *graph.Graph
		shown func(i int) bool
	}{
		{"small graph labels all", rankedGraph(30), func(int) bool { return true }},
		{"60 nodes label all", rankedGraph(labelAll), func(int) bool { return true }},
		{"61 nodes label the top 40", rankedGraph(labelAll + 1), func(i int) bool { return (i*37)%61 >= 61-labelTop }},
		{"500 nodes label the top 40", rankedGraph(500), func(i int) bool { return (i*37)%500 >= 500-labelTop }},
		{"ties go to the lower ID", equal(100), func(i int) bool { return i < labelTop }},
		{"NaN ranks last", func() *graph.Graph {
			g := equal(100)
			g.Nodes[0].PageRank = math.NaN()
			g.Nodes[1].PageRank = math.Inf(1)
			return g
		}(), func(i int) bool { return i >= 1 && i <= labelTop }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes := decodeDOTNodes(t, tt.g)
			labels := 0
			for i, m := range nodes {
				name := tt.g.Nodes[i].Label
				want := ""
				if tt.shown(i) {
					want = name
					labels++
				}
				if m["label"] != want {
					t.Errorf("%s: label %q, want %q", m["id"], m["label"], want)
				}
				if _, ok := m["fontsize"]; ok != (want != "") {
					t.Errorf("%s: fontsize present %v, want %v", m["id"], ok, want != "")
				}
				// The name stays in the data whether drawn or not.
				if m["entity"] != name {
					t.Errorf("%s: entity %q, want %q", m["id"], m["entity"], name)
				}
				if tip := m["tooltip"]; len(tip) < len(name) || tip[:len(name)] != name {
					t.Errorf("%s: tooltip %q does not start with the name", m["id"], tip)
				}
			}
			if len(nodes) > labelAll && labels != labelTop {
				t.Errorf("%d labels, want %d", labels, labelTop)
			}
		})
	}
}

func TestDOTCommunityFill(t *testing.T) {
	g := &graph.Graph{}
	communities := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 11, -1}
	for i, c := range communities {
		g.Nodes = append(g.Nodes, graph.Node{ID: int64(i), Label: "n", Type: graph.Person, Community: c, PageRank: 0.1})
	}
	nodes := decodeDOTNodes(t, g)
	seen := map[string]int{}
	for i, c := range communities {
		want := otherCommunityFill
		if c >= 0 && c < len(communityFills) {
			want = communityFills[c]
			if prev, dup := seen[want]; dup {
				t.Errorf("communities %d and %d share %s", prev, c, want)
			}
			seen[want] = c
		}
		if got := nodes[i]["fillcolor"]; got != want {
			t.Errorf("community %d: fillcolor %q, want %q", c, got, want)
		}
	}
	// Pin the start of the palette: the two largest communities are the
	// ones every picture shows, and the README names their colours.
	if nodes[0]["fillcolor"] != "#77aadd" || nodes[1]["fillcolor"] != "#ee8866" || otherCommunityFill != "#dddddd" {
		t.Errorf("palette changed: %s, %s, other %s", nodes[0]["fillcolor"], nodes[1]["fillcolor"], otherCommunityFill)
	}
}

func TestDOTShapeByType(t *testing.T) {
	tests := []struct{ typ, shape string }{
		{graph.Person, "ellipse"},
		{graph.Organization, "box"},
		{graph.Event, "hexagon"},
		{graph.Place, "house"},
		{"misc", "diamond"},
		{"", "diamond"},
	}
	g := &graph.Graph{}
	for i, tt := range tests {
		// Same community for all: the type alone decides the shape.
		g.Nodes = append(g.Nodes, graph.Node{ID: int64(i), Label: tt.typ, Type: tt.typ, Community: 2})
	}
	for i, m := range decodeDOTNodes(t, g) {
		if m["shape"] != tests[i].shape || m["fillcolor"] != communityFills[2] {
			t.Errorf("type %q: shape %q fill %q, want %q and %q", tests[i].typ, m["shape"], m["fillcolor"], tests[i].shape, communityFills[2])
		}
	}
}

func TestDOTNodeSize(t *testing.T) {
	prs := []float64{0.4, 0.1, 0.025, 0, -1, math.NaN(), math.Inf(1)}
	g := &graph.Graph{}
	for i, pr := range prs {
		g.Nodes = append(g.Nodes, graph.Node{ID: int64(i), Label: "n", PageRank: pr})
	}
	// The largest finite PageRank gets the largest node; area follows
	// PageRank above the floor, so a quarter of the rank gives half the
	// extra width.
	want := []string{"1.50", "0.85", "0.53", "0.20", "0.20", "0.20", "1.50"}
	for i, m := range decodeDOTNodes(t, g) {
		if m["width"] != want[i] || m["height"] != want[i] {
			t.Errorf("PageRank %v: width %q height %q, want %q", prs[i], m["width"], m["height"], want[i])
		}
	}
}

func TestPenWidth(t *testing.T) {
	tests := []struct{ weight, want float64 }{
		{math.NaN(), 0.75}, {0, 0.75}, {1, 0.75}, {2, 1.75}, {16, 4.75}, {1e9, 6},
	}
	for _, tt := range tests {
		if got := penWidth(tt.weight); got != tt.want {
			t.Errorf("penWidth(%v) = %v, want %v", tt.weight, got, tt.want)
		}
	}
}

// TestDOTEntityName guards the DOT-only attribute that carries the name
// of unlabelled nodes against a table attribute of the same name.
func TestDOTEntityName(t *testing.T) {
	for _, a := range nodeAttrs {
		if a.name == "entity" {
			t.Fatal(`a table attribute is called "entity", which DOT uses for the name`)
		}
	}
}

// TestDOTLargeGraphRoundTrip checks that a graph too large to label every
// node still passes gonum's parser with every attribute, reading the name
// from entity.
func TestDOTLargeGraphRoundTrip(t *testing.T) {
	g := rankedGraph(200)
	for i, m := range decodeDOTNodes(t, g) {
		n := &g.Nodes[i]
		for _, a := range nodeAttrs {
			key := a.name
			if key == "label" {
				key = "entity"
			}
			compare(t, "node "+nodeID(n.ID), m, key, wantDOT(a.get(n).text(a.kind)))
		}
	}
}

// TestDOTEdgeWidthWeighting: edge width shows co-mentions whatever the
// weighting, so jaccard, npmi and association graphs do not draw every edge
// alike.
func TestDOTEdgeWidthWeighting(t *testing.T) {
	for _, tt := range []struct {
		weighting graph.Weighting
		want      []string
	}{
		{graph.CountWeight, []string{"0.75", "4.75"}}, // from Weight: 1 and 16
		{graph.NPMIWeight, []string{"4.75", "0.75"}},  // from Count: 16 and 1
		{graph.JaccardWeight, []string{"4.75", "0.75"}},
	} {
		g := &graph.Graph{
			Nodes:  []graph.Node{{ID: 0}, {ID: 1}, {ID: 2}},
			Edges:  []graph.Edge{{Source: 0, Target: 1, Weight: 1, Count: 16}, {Source: 1, Target: 2, Weight: 16, Count: 1}},
			Weight: tt.weighting,
		}
		d, err := decodeDOT(write(t, DOT{}, g))
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range d.edges {
			if e["penwidth"] != tt.want[i] {
				t.Errorf("%v: edge %d penwidth %q, want %q", tt.weighting, i, e["penwidth"], tt.want[i])
			}
		}
	}
}
