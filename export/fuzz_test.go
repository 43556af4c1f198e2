package export

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"cograph/graph"
)

// One fuzz target per format. Each builds a small graph from the fuzzed
// strings, bytes and numbers (fuzzGraph), writes it and reads it back with
// a standard parser: encoding/xml for GraphML and GEXF, encoding/json for
// node-link JSON, encoding/csv for the CSV tables and gonum's dot.Unmarshal
// for DOT. Every attribute must survive up to the format's documented
// normalisation, ids must be unique and every edge must join two nodes.
// TestFuzzCorporaRealClients (fuzzreplay_test.go) gives the seeds and the
// kept inputs to Graphviz, xmllint, NetworkX, Python's csv module and
// graphology.

// writerSeeds are the seed inputs of every writer target: the hostile
// labels in several graph shapes (see fuzzGraph) and hostile numbers.
func writerSeeds() [][]any {
	shapes := [][]byte{
		{2, 0, 0, 1},
		{5, 1, 0, 1, 1, 2, 3, 4, 0, 4},
		{4, 0x12, 0, 3, 2, 1},
		{3, 0x63, 0xff, 0, 1, 1, 2},
	}
	var seeds [][]any
	for i, h := range hostileLabels {
		text := hostileLabels[(i+1)%len(hostileLabels)].label + "\x1e2024-02-29\x1e" + h.label
		seeds = append(seeds, []any{h.label, h.typ, text, shapes[i%len(shapes)], 0.05, 2.0})
	}
	return append(seeds,
		[]any{"", "", "", []byte{}, math.NaN(), math.Inf(1)},
		[]any{"x\x00y", "person\n", "a|b\x1e\x1e2024-13-01", []byte{3, 0x30, 0x80, 0, 2, 1, 2}, -1.0, 1e300},
		[]any{"Ada", graph.Person, "rel\x1eev\x1etitle\x1ehttps://x/?a&b\x1e2024-03-01\x1eid", []byte{6, 0x43, 0x55, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 0, 5}, 1e-9, math.Copysign(0, -1)},
	)
}

// fuzzGraph builds a valid graph (unique IDs, edges between existing
// nodes, Source < Target, sorted) from fuzz arguments. shape[0] gives the
// number of nodes (0–7), shape[1] the ID scheme, the weighting and whether
// the graph is dynamic, shape[2] bits that vary the integer fields, and
// the bytes from shape[3] on pairs of node positions to join. text is split on
// 0x1E into the strings for relations, evidence, articles and dates.
func fuzzGraph(label, typ, text string, shape []byte, x, y float64) *graph.Graph {
	at := func(i int) byte {
		if i < len(shape) {
			return shape[i]
		}
		return 0
	}
	parts := strings.Split(text, "\x1e")
	pick := func(i int) string { return parts[i%len(parts)] }
	n := int(at(0) % 8)
	flags, bits := at(1), at(2)
	g := &graph.Graph{Weight: graph.Weighting(flags >> 4 & 3), Dynamic: flags&0x40 != 0}
	g.Articles = []graph.Article{
		{ID: pick(5), Title: pick(2), URL: pick(3), Date: pick(4)},
		{ID: "a1", Date: "2024-03-01"},
		{ID: "a2", Title: label},
	}
	for i := range n {
		var id int64
		switch flags & 3 {
		case 0:
			id = int64(i)
		case 1:
			id = int64(i) * 1_000_003
		case 2:
			id = int64(i) - 3 // some negative
		case 3:
			id = math.MaxInt64 - int64(n-1-i)
		}
		nd := graph.Node{ID: id, Label: pick(i + 6), Type: pick(i + 7), Aliases: []string{pick(i), label}}
		switch i {
		case 0:
			nd.Label, nd.Type, nd.Aliases = label, typ, []string{label, typ}
		case 1:
			nd.Label, nd.Type = typ, label
		}
		sign := 1
		if bits>>uint(i)&1 != 0 {
			sign = -1
		}
		nd.Mentions, nd.Documents = sign*(i+1)*int(bits), i
		nd.Degree, nd.Community, nd.Component = int(bits)>>uint(i), sign*int(int8(bits))+i, i%3
		nd.PageRank, nd.Betweenness, nd.WeightedDegree = x*float64(i+1), x, y+float64(i)
		if i%2 == 1 {
			nd.PageRank, nd.Betweenness = y, -1
		}
		if d := pick(i + 4); d != "" || i%3 == 0 {
			nd.Dates = []string{"2024-02-28", d}
			slices.Sort(nd.Dates)
			nd.Dates = slices.Compact(nd.Dates)
			if nd.Dates[0] == "" {
				nd.Dates = nd.Dates[1:]
			}
			nd.FirstSeen, nd.LastSeen = nd.Dates[0], nd.Dates[len(nd.Dates)-1]
		}
		g.Nodes = append(g.Nodes, nd)
	}
	seen := map[[2]int]bool{}
	for k := 3; k+1 < len(shape) && n > 1; k += 2 {
		a, b := int(shape[k])%n, int(shape[k+1])%n
		if a > b {
			a, b = b, a
		}
		if a == b || seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		e := graph.Edge{Source: g.Nodes[a].ID, Target: g.Nodes[b].ID, Weight: y, Count: x + float64(k), Documents: k}
		if shape[k]&0x80 != 0 {
			e.Weight = x
		}
		if shape[k]&0x40 != 0 {
			e.Relation = pick(k)
		}
		if shape[k]&0x20 != 0 {
			e.Evidence = []string{pick(k + 1), label}
		}
		for j := range g.Articles {
			if shape[k+1]>>uint(j)&1 != 0 {
				e.Articles = append(e.Articles, &g.Articles[j])
			}
		}
		g.Edges = append(g.Edges, e)
	}
	slices.SortFunc(g.Edges, func(p, q graph.Edge) int {
		if p.Source != q.Source {
			return cmpInt64(p.Source, q.Source)
		}
		return cmpInt64(p.Target, q.Target)
	})
	return g
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// fuzzWriter writes the fuzzed graph with sw and checks the output.
func fuzzWriter(t *testing.T, sw suiteWriter, g *graph.Graph, extra func(*testing.T, []byte)) {
	t.Helper()
	out := write(t, sw.w, g)
	d, err := sw.decode(out)
	if err != nil {
		t.Fatalf("%s: decode: %v\n%q", sw.name, err, out)
	}
	checkDecoded(t, sw, g, d)
	checkStructure(t, sw, g, d)
	if extra != nil {
		extra(t, out)
	}
}

// fuzzTarget runs fuzzWriter for the named suite writers.
func fuzzTarget(f *testing.F, names []string, extra func(*testing.T, []byte)) {
	for _, args := range writerSeeds() {
		f.Add(args...)
	}
	var sws []suiteWriter
	for _, sw := range suiteWriters() {
		if slices.Contains(names, sw.name) {
			sws = append(sws, sw)
		}
	}
	f.Fuzz(func(t *testing.T, label, typ, text string, shape []byte, x, y float64) {
		g := fuzzGraph(label, typ, text, shape, x, y)
		for _, sw := range sws {
			fuzzWriter(t, sw, g, extra)
		}
	})
}

func FuzzDOT(f *testing.F)     { fuzzTarget(f, []string{"dot"}, nil) }
func FuzzGraphML(f *testing.F) { fuzzTarget(f, []string{"graphml"}, checkGraphMLKeys) }
func FuzzGEXF(f *testing.F)    { fuzzTarget(f, []string{"gexf", "1.3.gexf"}, checkGEXFStructure) }
func FuzzJSON(f *testing.F)    { fuzzTarget(f, []string{"json"}, nil) }
func FuzzCSV(f *testing.F)     { fuzzTarget(f, []string{"nodes.csv", "edges.csv"}, checkCSVHeader) }

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

// checkStructure checks what every reader needs besides the values: node
// ids unique and as written, and both ends of every edge among them.
func checkStructure(t *testing.T, sw suiteWriter, g *graph.Graph, d *decoded) {
	t.Helper()
	ids := map[string]bool{}
	for i, n := range d.nodes {
		id := n["id"]
		if ids[id] {
			t.Fatalf("%s: node id %q used twice", sw.name, id)
		}
		ids[id] = true
		if want := nodeID(g.Nodes[i].ID); id != want {
			t.Fatalf("%s: node %d has id %q, want %q", sw.name, i, id, want)
		}
	}
	for i, e := range d.edges {
		for _, end := range []string{"source", "target"} {
			if sw.nodes && !ids[e[end]] {
				t.Fatalf("%s: edge %d: %s %q is not a node", sw.name, i, end, e[end])
			}
		}
		if want := nodeID(g.Edges[i].Source); e["source"] != want {
			t.Fatalf("%s: edge %d source %q, want %q", sw.name, i, e["source"], want)
		}
		if want := nodeID(g.Edges[i].Target); e["target"] != want {
			t.Fatalf("%s: edge %d target %q, want %q", sw.name, i, e["target"], want)
		}
	}
}

// checkGraphMLKeys checks that key ids are unique, every data element
// names a key declared for its element, and edge ids are unique.
func checkGraphMLKeys(t *testing.T, out []byte) {
	t.Helper()
	var doc xmlGraphML
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	domain := map[string]string{}
	for _, k := range doc.Keys {
		if _, dup := domain[k.ID]; dup {
			t.Fatalf("key id %q declared twice", k.ID)
		}
		domain[k.ID] = k.For
	}
	for _, n := range doc.Graph.Nodes {
		for _, x := range n.Data {
			if domain[x.Key] != "node" {
				t.Fatalf("node %s: data key %q is not a node key", n.ID, x.Key)
			}
		}
	}
	edges := map[string]bool{}
	for _, e := range doc.Graph.Edges {
		if edges[e.ID] {
			t.Fatalf("edge id %q used twice", e.ID)
		}
		edges[e.ID] = true
		for _, x := range e.Data {
			if domain[x.Key] != "edge" {
				t.Fatalf("edge %s: data key %q is not an edge key", e.ID, x.Key)
			}
		}
	}
}

// gexfStructure is what checkGEXFStructure reads beyond decodeGEXF.
type gexfStructure struct {
	Graph struct {
		Mode       string `xml:"mode,attr"`
		TimeFormat string `xml:"timeformat,attr"`
		Attributes []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID   string `xml:"id,attr"`
				Type string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes struct {
			Count int           `xml:"count,attr"`
			Node  []gexfElement `xml:"node"`
		} `xml:"nodes"`
		Edges struct {
			Count int           `xml:"count,attr"`
			Edge  []gexfElement `xml:"edge"`
		} `xml:"edges"`
	} `xml:"graph"`
}

// gexfElement is a node or an edge: its id, values and spells.
type gexfElement struct {
	ID     string        `xml:"id,attr"`
	Values []xmlAttValue `xml:"attvalues>attvalue"`
	Spells []xmlSpell    `xml:"spells>spell"`
}

type xmlSpell struct {
	Start string `xml:"start,attr"`
	End   string `xml:"end,attr"`
}

// checkGEXFStructure checks the counts, that every attvalue names a
// declared attribute of its class, that edge ids are unique, and that
// spells are ordered runs of valid dates when the graph says
// timeformat="date".
func checkGEXFStructure(t *testing.T, out []byte) {
	t.Helper()
	var doc gexfStructure
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	declared := map[string]map[string]bool{}
	for _, as := range doc.Graph.Attributes {
		declared[as.Class] = map[string]bool{}
		for _, a := range as.Attrs {
			if declared[as.Class][a.ID] {
				t.Fatalf("%s attribute %q declared twice", as.Class, a.ID)
			}
			declared[as.Class][a.ID] = true
		}
	}
	g := &doc.Graph
	if g.Nodes.Count != len(g.Nodes.Node) || g.Edges.Count != len(g.Edges.Edge) {
		t.Fatalf("counts %d, %d for %d nodes, %d edges", g.Nodes.Count, g.Edges.Count, len(g.Nodes.Node), len(g.Edges.Edge))
	}
	spells := func(what string, ss []xmlSpell) {
		if len(ss) > 0 && (g.Mode != "dynamic" || g.TimeFormat != "date") {
			t.Fatalf("%s: spells in a %q graph with timeformat %q", what, g.Mode, g.TimeFormat)
		}
		prev := ""
		for _, s := range ss {
			for _, d := range []string{s.Start, s.End} {
				if tm, err := time.Parse(time.DateOnly, d); err != nil || tm.Year() < 1 {
					t.Fatalf("%s: spell %q–%q: %q is not an xsd:date", what, s.Start, s.End, d)
				}
			}
			if s.Start > s.End || s.Start <= prev {
				t.Fatalf("%s: spell %q–%q out of order after %q", what, s.Start, s.End, prev)
			}
			prev = s.End
		}
	}
	for _, n := range g.Nodes.Node {
		for _, v := range n.Values {
			if !declared["node"][v.For] {
				t.Fatalf("node %s: attvalue for undeclared %q", n.ID, v.For)
			}
		}
		spells("node "+n.ID, n.Spells)
	}
	ids := map[string]bool{}
	for _, e := range g.Edges.Edge {
		if ids[e.ID] {
			t.Fatalf("edge id %q used twice", e.ID)
		}
		ids[e.ID] = true
		for _, v := range e.Values {
			if !declared["edge"][v.For] {
				t.Fatalf("edge %s: attvalue for undeclared %q", e.ID, v.For)
			}
		}
		spells("edge "+e.ID, e.Spells)
	}
}

// checkCSVHeader checks that a table has the header of its kind and as
// many fields in every record (encoding/csv enforces the count).
func checkCSVHeader(t *testing.T, out []byte) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(out))
	recs, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			t.Fatalf("wrong number of columns: %v", err)
		}
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatal("no header")
	}
	want := []string{"Source", "Target", "Type"}
	for _, a := range edgeAttrs {
		want = append(want, a.title)
	}
	if recs[0][0] == "Id" {
		want = []string{"Id"}
		for _, a := range nodeAttrs {
			want = append(want, a.title)
		}
	}
	if got := strings.Join(recs[0], ","); got != strings.Join(want, ",") {
		t.Fatalf("header %s, want %s", got, strings.Join(want, ","))
	}
	for i, rec := range recs {
		if len(rec) != len(want) {
			t.Fatalf("record %d has %d fields, want %d", i+1, len(rec), len(want))
		}
	}
}
