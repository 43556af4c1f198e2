package export

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"cograph/graph"
)

// Test graphs shared by the suite, the conformance tests and the benchmarks.

type namedGraph struct {
	name string
	g    *graph.Graph
}

func testGraphs() []namedGraph {
	return []namedGraph{
		{"empty", &graph.Graph{}},
		{"single", singleGraph()},
		{"hostile", hostileGraph()},
		{"realistic", realisticGraph()},
	}
}

func singleGraph() *graph.Graph {
	return &graph.Graph{Nodes: []graph.Node{{
		ID: 0, Label: "Ada Lovelace", Type: graph.Person, Aliases: []string{"Ada Lovelace", "Lovelace"},
		Mentions: 3, Documents: 1, PageRank: 1, Betweenness: 0,
	}}}
}

// hostileLabels are names that break naive escaping in at least one format.
var hostileLabels = []struct{ label, typ string }{
	{`Say "hi" & <b>bold</b>`, graph.Person},
	{`C:\Users\new\table \N \G`, graph.Organization},
	{"Line one\nLine two", graph.Event},
	{"Tab\there", graph.Place},
	{"中文 北京", graph.Place},
	{"Москва", graph.Place},
	{"القاهرة", graph.Place},
	{"Emoji 😀🎉 family 👨‍👩‍👧", graph.Organization},
	{"CR\r\nLF and lone\rCR", graph.Person},
	{"apos ' and ]]> and --> end", graph.Event},
	{"<html>", graph.Organization},
	{"  leading and trailing  ", graph.Person},
	{"control\x01\x1fchars\x7f and \ufffe", "misc"},
	{"bad\xffbyte\xc3", graph.Person},
	{"€ ℃ ∑ ‘quotes’ “double” — dash \u2028sep\u2029para\u0085nel", graph.Place},
	{"#comment ; [brackets] {braces} = -- ->", ""},
}

func hostileGraph() *graph.Graph {
	g := &graph.Graph{}
	for i, h := range hostileLabels {
		g.Nodes = append(g.Nodes, graph.Node{
			ID: int64(i), Label: h.label, Type: h.typ, Aliases: []string{h.label, "alt|pipe", "x"},
			Mentions: i + 1, Documents: 1, PageRank: float64(i+1) / 136, Betweenness: -1, Community: i % 12,
		})
	}
	// A path through every node, with weights that need care: fractional,
	// above 6 significant digits, tiny.
	weights := []float64{1, 2.5, 1234567, 1e-7, 3}
	for i := 0; i+1 < len(g.Nodes); i++ {
		w := weights[i%len(weights)]
		g.Edges = append(g.Edges, graph.Edge{Source: int64(i), Target: int64(i + 1), Weight: w, Count: w, Documents: 1})
	}
	g.Edges[0].Relation = `"acting" chairman; <b>envoy</b> & C:\ tab\there`
	// Provenance with the same hostile text: titles, URLs and evidence.
	for _, h := range hostileLabels[:6] {
		g.Articles = append(g.Articles, graph.Article{ID: "id " + h.label, Title: h.label, URL: "https://x.example/?a=1&b=<2>", Date: "2024-02-29"})
	}
	for i := range g.Edges[:6] {
		g.Edges[i].Articles = []*graph.Article{&g.Articles[i], &g.Articles[(i+1)%6]}
		g.Edges[i].Evidence = []string{hostileLabels[i].label + " met | them.", hostileLabels[i+1].label}
	}
	g.Nodes[1].FirstSeen, g.Nodes[1].LastSeen = "2024-02-29", "2024-03-01"
	fillDegrees(g)
	return g
}

// realisticGraph is a 30-entity slice of a news corpus: UK politics,
// international affairs, technology, a Russian business story and a
// disconnected sports pair and loner, with plausible metrics.
func realisticGraph() *graph.Graph {
	type ent struct {
		label, typ  string
		aliases     []string
		mentions    int
		docs        int
		betweenness float64
		community   int
		component   int
	}
	ents := []ent{
		{"Tony Blair", graph.Person, []string{"Blair", "Mr Blair", "Tony Blair"}, 41, 12, 0.412, 0, 0},
		{"Gordon Brown", graph.Person, []string{"Brown", "Gordon Brown", "Mr Brown"}, 28, 9, 0.127, 0, 0},
		{"Michael Howard", graph.Person, []string{"Howard", "Michael Howard"}, 17, 6, 0.021, 0, 0},
		{"Charles Kennedy", graph.Person, []string{"Charles Kennedy", "Kennedy"}, 9, 4, 0, 0, 0},
		{"Labour", graph.Organization, []string{"Labour", "Labour Party"}, 33, 11, 0.088, 0, 0},
		{"Conservative Party", graph.Organization, []string{"Conservative Party", "Conservatives", "Tories"}, 21, 8, 0.034, 0, 0},
		{"Liberal Democrats", graph.Organization, []string{"Lib Dems", "Liberal Democrats"}, 11, 5, 0, 0, 0},
		{"General Election 2005", graph.Event, []string{"General Election 2005", "general election"}, 14, 7, 0.015, 0, 0},
		{"London", graph.Place, []string{"London"}, 25, 13, 0.203, 0, 0},
		{"George W Bush", graph.Person, []string{"Bush", "George W Bush", "President Bush"}, 19, 7, 0.156, 1, 0},
		{"Jacques Chirac", graph.Person, []string{"Chirac", "Jacques Chirac"}, 8, 3, 0.011, 1, 0},
		{"Kofi Annan", graph.Person, []string{"Annan", "Kofi Annan"}, 6, 3, 0.009, 1, 0},
		{"United Nations", graph.Organization, []string{"UN", "United Nations"}, 12, 5, 0.044, 1, 0},
		{"European Union", graph.Organization, []string{"EU", "European Union"}, 15, 6, 0.061, 1, 0},
		{"G8 Summit", graph.Event, []string{"G8", "G8 Summit", "G8 summit"}, 10, 4, 0.018, 1, 0},
		{"Gleneagles", graph.Place, []string{"Gleneagles"}, 4, 2, 0, 1, 0},
		{"Washington", graph.Place, []string{"Washington"}, 9, 5, 0.007, 1, 0},
		{"Iraq", graph.Place, []string{"Iraq"}, 22, 9, 0.095, 1, 0},
		{"Bill Gates", graph.Person, []string{"Bill Gates", "Gates"}, 7, 3, 0.022, 2, 0},
		{"Steve Jobs", graph.Person, []string{"Jobs", "Steve Jobs"}, 5, 2, 0, 2, 0},
		{"Microsoft", graph.Organization, []string{"Microsoft"}, 18, 6, 0.074, 2, 0},
		{"Apple", graph.Organization, []string{"Apple", "Apple Computer"}, 12, 4, 0.012, 2, 0},
		{"Google", graph.Organization, []string{"Google"}, 14, 5, 0.019, 2, 0},
		{"Consumer Electronics Show", graph.Event, []string{"CES", "Consumer Electronics Show"}, 3, 1, 0, 2, 0},
		{"Yukos", graph.Organization, []string{"Yukos"}, 16, 4, 0.026, 3, 0},
		{"Gazprom", graph.Organization, []string{"Gazprom"}, 6, 2, 0, 3, 0},
		{"Vladimir Putin", graph.Person, []string{"Putin", "Vladimir Putin"}, 11, 5, 0.083, 3, 0},
		{"Moscow", graph.Place, []string{"Moscow"}, 8, 4, 0, 3, 0},
		{"Roger Federer", graph.Person, []string{"Federer", "Roger Federer"}, 6, 2, 0, 4, 1},
		{"Wimbledon", graph.Event, []string{"Wimbledon"}, 4, 2, 0, 4, 1},
		{"Kyoto Protocol", graph.Event, []string{"Kyoto", "Kyoto Protocol"}, 2, 1, 0, 5, 2},
	}
	g := &graph.Graph{}
	for i, e := range ents {
		g.Nodes = append(g.Nodes, graph.Node{
			ID: int64(i), Label: e.label, Type: e.typ, Aliases: e.aliases, Mentions: e.mentions,
			Documents: e.docs, Betweenness: e.betweenness, Community: e.community, Component: e.component,
		})
	}
	edges := [][3]int{ // source, target, weight (windows); documents derived
		{0, 1, 14}, {0, 2, 9}, {0, 3, 4}, {0, 4, 18}, {0, 5, 6}, {0, 7, 8}, {0, 8, 11}, {0, 9, 12},
		{0, 10, 3}, {0, 13, 7}, {0, 14, 5}, {0, 17, 10}, {1, 4, 11}, {1, 7, 4}, {1, 8, 6}, {1, 13, 3},
		{1, 14, 2}, {2, 5, 12}, {2, 7, 6}, {2, 3, 2}, {3, 6, 5}, {3, 7, 3}, {4, 7, 6}, {5, 7, 5},
		{6, 7, 2}, {4, 8, 4}, {9, 16, 6}, {9, 17, 9}, {9, 12, 3}, {9, 14, 4}, {10, 13, 4}, {10, 17, 2},
		{11, 12, 6}, {11, 17, 3}, {12, 17, 4}, {13, 14, 2}, {14, 15, 3}, {9, 26, 2}, {13, 26, 2},
		{18, 20, 9}, {19, 21, 6}, {18, 22, 2}, {20, 21, 3}, {20, 22, 4}, {21, 22, 2}, {20, 23, 2},
		{21, 23, 1}, {8, 20, 1}, {24, 25, 4}, {24, 26, 5}, {25, 26, 2}, {26, 27, 3}, {24, 27, 2},
		{28, 29, 4},
	}
	for _, e := range edges {
		docs := e[2]/2 + 1
		g.Edges = append(g.Edges, graph.Edge{Source: int64(e[0]), Target: int64(e[1]), Weight: float64(e[2]), Count: float64(e[2]), Documents: docs})
	}
	g.Edges[0].Relation = "president"
	g.Edges[3].Relation = "chairman; vice chairman"
	addTimeline(g)
	sortEdges(g)
	fillDegrees(g)
	fillPageRank(g)
	return g
}

// addTimeline dates the realistic graph's articles over spring 2005 and
// marks it dynamic, so that the GEXF writers emit spells: each edge cites
// its documents, each node is seen on the dates of its edges' articles.
func addTimeline(g *graph.Graph) {
	g.Dynamic = true
	for d := 0; d < 20; d++ {
		date := fmt.Sprintf("2005-04-%02d", 1+d+d/5) // runs of consecutive days with gaps
		g.Articles = append(g.Articles, graph.Article{ID: fmt.Sprintf("bbc/%03d.txt", d), Title: fmt.Sprintf("Story %d", d), Date: date})
	}
	dates := make([]map[string]bool, len(g.Nodes))
	for i := range g.Edges {
		e := &g.Edges[i]
		for k := 0; k < e.Documents; k++ {
			a := &g.Articles[(i*3+k*7)%len(g.Articles)]
			e.Articles = append(e.Articles, a)
			for _, id := range [2]int64{e.Source, e.Target} {
				if dates[id] == nil {
					dates[id] = map[string]bool{}
				}
				dates[id][a.Date] = true
			}
		}
		if i%4 == 0 {
			e.Evidence = []string{fmt.Sprintf("%s spoke with %s on Tuesday.", g.Nodes[e.Source].Label, g.Nodes[e.Target].Label)}
		}
	}
	for i := range g.Nodes {
		for d := range dates[i] {
			g.Nodes[i].Dates = append(g.Nodes[i].Dates, d)
		}
		sort.Strings(g.Nodes[i].Dates)
		if n := len(g.Nodes[i].Dates); n > 0 {
			g.Nodes[i].FirstSeen, g.Nodes[i].LastSeen = g.Nodes[i].Dates[0], g.Nodes[i].Dates[n-1]
		}
	}
}

// syntheticGraph has n nodes and m distinct random edges, for benchmarks.
func syntheticGraph(n, m int) *graph.Graph {
	r := rand.New(rand.NewPCG(1, 2))
	types := []string{graph.Person, graph.Organization, graph.Event, graph.Place}
	g := &graph.Graph{Nodes: make([]graph.Node, n)}
	for i := range g.Nodes {
		label := "Entity " + string(rune('A'+i%26)) + " " + itoa(i)
		g.Nodes[i] = graph.Node{ID: int64(i), Label: label, Type: types[i%4], Aliases: []string{label, itoa(i)},
			Mentions: 1 + r.IntN(100), Documents: 1 + r.IntN(20), Betweenness: r.Float64() / 10, Community: r.IntN(30)}
	}
	seen := make(map[[2]int]bool, m)
	for len(g.Edges) < m {
		a, b := r.IntN(n), r.IntN(n)
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		if seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		g.Edges = append(g.Edges, graph.Edge{Source: int64(a), Target: int64(b), Weight: float64(1 + r.IntN(9)), Documents: 1 + r.IntN(3)})
	}
	sortEdges(g)
	fillDegrees(g)
	fillPageRank(g)
	return g
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

func sortEdges(g *graph.Graph) {
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		return a.Source < b.Source || a.Source == b.Source && a.Target < b.Target
	})
}

// fillDegrees sets Degree and WeightedDegree from the edges.
func fillDegrees(g *graph.Graph) {
	for _, e := range g.Edges {
		for _, id := range [2]int64{e.Source, e.Target} {
			g.Nodes[id].Degree++
			g.Nodes[id].WeightedDegree += e.Weight
		}
	}
}

// fillPageRank runs weighted PageRank (damping 0.85, 50 iterations) in a
// fixed order, so the scores and the golden files are reproducible.
func fillPageRank(g *graph.Graph) {
	n := len(g.Nodes)
	pr := make([]float64, n)
	for i := range pr {
		pr[i] = 1 / float64(n)
	}
	next := make([]float64, n)
	for range 50 {
		dangling := 0.0
		for i := range g.Nodes {
			if g.Nodes[i].WeightedDegree == 0 {
				dangling += pr[i]
			}
		}
		for i := range next {
			next[i] = (0.15 + 0.85*dangling) / float64(n)
		}
		for _, e := range g.Edges {
			s, t := e.Source, e.Target
			next[t] += 0.85 * pr[s] * e.Weight / g.Nodes[s].WeightedDegree
			next[s] += 0.85 * pr[t] * e.Weight / g.Nodes[t].WeightedDegree
		}
		pr, next = next, pr
	}
	for i := range g.Nodes {
		g.Nodes[i].PageRank = pr[i]
	}
}
