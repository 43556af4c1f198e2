package export

import (
	"math"
	"testing"

	"cograph/graph"
)

// FuzzWriters feeds arbitrary labels, types and numbers to every Writer and
// checks that standard parsers (encoding/xml, encoding/json, encoding/csv,
// gonum's dot.Unmarshal) read the output back with every attribute intact,
// up to each format's documented normalisation.
func FuzzWriters(f *testing.F) {
	for _, h := range hostileLabels {
		f.Add(h.label, h.typ, 0.05, 2.0)
	}
	f.Add("", "", math.NaN(), math.Inf(1))
	f.Add("x\x00y", "person\n", -1.0, 1e300)
	f.Fuzz(func(t *testing.T, label, typ string, pagerank, weight float64) {
		g := &graph.Graph{
			Nodes: []graph.Node{
				{ID: 0, Label: label, Type: typ, Aliases: []string{label, typ}, Mentions: 1, PageRank: pagerank, Betweenness: pagerank},
				{ID: 1, Label: typ, Type: label, Mentions: 2, PageRank: 0.5, WeightedDegree: weight},
			},
			Edges: []graph.Edge{{Source: 0, Target: 1, Weight: weight, Documents: 1}},
		}
		for _, sw := range suiteWriters() {
			out := write(t, sw.w, g)
			d, err := sw.decode(out)
			if err != nil {
				t.Fatalf("%s: decode: %v\n%q", sw.name, err, out)
			}
			checkDecoded(t, sw, g, d)
		}
	})
}

// checkDecoded is checkRoundTrip's comparison without the decoding. JSON
// writes non-finite numbers as null.
func checkDecoded(t *testing.T, sw suiteWriter, g *graph.Graph, d *decoded) {
	t.Helper()
	text := func(k kind, v value) string {
		if sw.name == "json" && k == kindDouble && (math.IsNaN(v.f) || math.IsInf(v.f, 0)) {
			return "null"
		}
		return sw.norm(v.text(k))
	}
	if sw.nodes {
		if len(d.nodes) != len(g.Nodes) {
			t.Fatalf("%s: %d nodes, want %d", sw.name, len(d.nodes), len(g.Nodes))
		}
		for i := range g.Nodes {
			for _, a := range nodeAttrs {
				compare(t, sw.name+" node "+nodeID(g.Nodes[i].ID), d.nodes[i], a.name, text(a.kind, a.get(&g.Nodes[i])))
			}
		}
	}
	if sw.edges {
		if len(d.edges) != len(g.Edges) {
			t.Fatalf("%s: %d edges, want %d", sw.name, len(d.edges), len(g.Edges))
		}
		for i := range g.Edges {
			for _, a := range edgeAttrs {
				compare(t, sw.name+" edge "+edgeID(i), d.edges[i], a.name, text(a.kind, a.get(&g.Edges[i])))
			}
		}
	}
}
