package graph

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"cograph/corpus"
	"cograph/extract"
)

// doc builds a document whose sentences hold the given entity labels; the
// type of each entity is its label's first letter: p, o, e or l (place).
func doc(id string, paragraphs ...[][]string) *extract.Document {
	d := &extract.Document{Article: &corpus.Article{ID: id}}
	types := map[byte]string{'p': Person, 'o': Organization, 'e': Event, 'l': Place}
	ent := map[string]int{}
	for pi, para := range paragraphs {
		for _, sent := range para {
			si := len(d.Sentences)
			d.Sentences = append(d.Sentences, extract.Sentence{Paragraph: pi})
			for _, label := range sent {
				e, ok := ent[label]
				if !ok {
					e = len(d.Entities)
					ent[label] = e
					d.Entities = append(d.Entities, extract.Entity{Label: label, Key: label, Type: types[label[0]], Aliases: []string{label}})
				}
				d.Entities[e].Mentions = append(d.Entities[e].Mentions, len(d.Mentions))
				d.Mentions = append(d.Mentions, extract.Mention{Sentence: si, Type: types[label[0]], Text: label, Label: label, Entity: e})
			}
		}
	}
	return d
}

func edgeWeights(g *Graph) map[[2]string]float64 {
	out := map[[2]string]float64{}
	for _, e := range g.Edges {
		out[[2]string{g.Nodes[e.Source].Label, g.Nodes[e.Target].Label}] = e.Weight
	}
	return out
}

func TestWindows(t *testing.T) {
	docs := []*extract.Document{
		doc("a", [][]string{{"pXi", "pPutin"}, {"oUN"}}, [][]string{{"pXi", "lMoscow"}}),
		doc("b", [][]string{{"pXi", "pPutin", "pXi"}}),
	}
	cases := []struct {
		w    Window
		want map[[2]string]float64
	}{
		{DocumentWindow, map[[2]string]float64{
			{"pXi", "pPutin"}: 2, {"pXi", "oUN"}: 1, {"pXi", "lMoscow"}: 1, {"pPutin", "oUN"}: 1,
			{"pPutin", "lMoscow"}: 1, {"oUN", "lMoscow"}: 1}},
		{ParagraphWindow, map[[2]string]float64{
			{"pXi", "pPutin"}: 2, {"pXi", "oUN"}: 1, {"pPutin", "oUN"}: 1, {"pXi", "lMoscow"}: 1}},
		{SentenceWindow, map[[2]string]float64{{"pXi", "pPutin"}: 2, {"pXi", "lMoscow"}: 1}},
	}
	for _, c := range cases {
		t.Run(c.w.String(), func(t *testing.T) {
			b := NewBuilder(c.w)
			for _, d := range docs {
				b.Add(d)
			}
			g := b.Graph(Filter{})
			if got := edgeWeights(g); !reflect.DeepEqual(got, c.want) {
				t.Errorf("weights = %v, want %v", got, c.want)
			}
			xi := g.Nodes[0]
			if xi.Label != "pXi" || xi.Mentions != 4 || xi.Documents != 2 {
				t.Errorf("node 0 = %+v", xi)
			}
		})
	}
}

func TestFilters(t *testing.T) {
	b := NewBuilder(DocumentWindow)
	b.Add(doc("a", [][]string{{"pA", "pB", "oC", "lD"}}))
	b.Add(doc("b", [][]string{{"pA", "pB"}}))
	g := b.Graph(Filter{Types: []string{Person, Organization}, MinWeight: 2})
	if len(g.Nodes) != 3 || len(g.Edges) != 1 || g.Edges[0].Weight != 2 || g.Edges[0].Documents != 2 {
		t.Fatalf("filtered graph = %+v", g)
	}
	g = b.Graph(Filter{MinMentions: 2})
	if len(g.Nodes) != 2 {
		t.Fatalf("min mentions kept %d nodes, want 2", len(g.Nodes))
	}
	g = b.Graph(Filter{Top: 2})
	if len(g.Nodes) != 2 || g.Nodes[0].Label != "pA" || g.Nodes[1].Label != "pB" {
		t.Fatalf("top 2 = %+v", g.Nodes)
	}
}

func TestDeterministic(t *testing.T) {
	build := func() *Graph {
		b := NewBuilder(SentenceWindow)
		for i := 0; i < 20; i++ {
			b.Add(doc("x", [][]string{{"pA", "pB", "oC"}, {"oC", "lD", "eE"}, {"pF", "pA", "lD"}}))
			b.Add(doc("y", [][]string{{"pG", "pH"}, {"pH", "oI", "pG"}}))
		}
		return b.Graph(Filter{Seed: 1})
	}
	a := build()
	for i := 0; i < 5; i++ {
		if b := build(); !reflect.DeepEqual(a, b) {
			t.Fatalf("two builds differ:\n%+v\n%+v", a, b)
		}
	}
}

// fromEdges builds a Graph with unit-weight edges between numbered nodes.
func fromEdges(n int, edges [][2]int64) *Graph {
	g := &Graph{}
	for i := 0; i < n; i++ {
		g.Nodes = append(g.Nodes, Node{ID: int64(i)})
	}
	for _, e := range edges {
		g.Edges = append(g.Edges, Edge{Source: e[0], Target: e[1], Weight: 1})
	}
	sortEdges(g.Edges)
	return g
}

func TestPageRankMatchesGonum(t *testing.T) {
	g := fromEdges(6, [][2]int64{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {3, 5}})
	g.Edges[0].Weight = 3
	ours := pageRank(newCSR(g), 0.85, 1e-12)
	sg := simple.NewWeightedDirectedGraph(0, 0)
	for _, e := range g.Edges {
		sg.SetWeightedEdge(sg.NewWeightedEdge(simple.Node(e.Source), simple.Node(e.Target), e.Weight))
		sg.SetWeightedEdge(sg.NewWeightedEdge(simple.Node(e.Target), simple.Node(e.Source), e.Weight))
	}
	theirs := network.PageRankSparse(sg, 0.85, 1e-12)
	for i, p := range ours {
		if math.Abs(p-theirs[int64(i)]) > 1e-6 {
			t.Errorf("node %d: pagerank %g, gonum %g", i, p, theirs[int64(i)])
		}
	}
}

func TestBetweenness(t *testing.T) {
	// A star: the centre lies on every path between two leaves.
	star := fromEdges(5, [][2]int64{{0, 1}, {0, 2}, {0, 3}, {0, 4}})
	bc := betweenness(newCSR(star), len(star.Edges), 1, BetweennessAuto)
	if bc[0] != 1 || bc[1] != 0 {
		t.Errorf("star betweenness = %v, want centre 1, leaves 0", bc)
	}
	// A path 0-1-2-3: node 1 lies on paths 0-2 and 0-3 (2 of 3 pairs).
	path := fromEdges(4, [][2]int64{{0, 1}, {1, 2}, {2, 3}})
	bc = betweenness(newCSR(path), len(path.Edges), 1, BetweennessAuto)
	if math.Abs(bc[1]-2.0/3) > 1e-12 {
		t.Errorf("path betweenness = %v, want node 1 = 2/3", bc)
	}
	// Agreement with gonum's unnormalised Brandes on an irregular graph.
	g := fromEdges(7, [][2]int64{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {3, 5}, {5, 6}, {1, 6}})
	bc = betweenness(newCSR(g), len(g.Edges), 1, BetweennessAuto)
	sg := simple.NewUndirectedGraph()
	for _, e := range g.Edges {
		sg.SetEdge(sg.NewEdge(simple.Node(e.Source), simple.Node(e.Target)))
	}
	ref := network.Betweenness(sg)
	for i := range bc {
		want := ref[int64(i)] / float64(5*6/2) / 2
		if math.Abs(bc[i]-want) > 1e-9 {
			t.Errorf("node %d: betweenness %g, gonum gives %g", i, bc[i], want)
		}
	}
}

// cliqueUnion returns a graph of n nodes that is a union of cliques, as
// document windows make: articles naming a few shared entities, a few
// unique ones and, when pairs is set, pairs of entities that are always
// named together (2k and 2k+1 below 16), which makes twins that lie on
// shortest paths between other nodes.
func cliqueUnion(seed uint64, n, articles int, pairs bool) *Graph {
	r := rand.New(rand.NewPCG(seed, 4))
	seen := map[[2]int64]bool{}
	var edges [][2]int64
	for range articles {
		var ents []int64
		for range 2 + r.IntN(3) {
			ents = append(ents, int64(r.IntN(15)))
			if pairs && ents[len(ents)-1] < 16 {
				ents = append(ents, ents[len(ents)-1]^1)
			}
		}
		for range r.IntN(4) {
			ents = append(ents, int64(16+r.IntN(n-16)))
		}
		for i, a := range ents {
			for _, b := range ents[i+1:] {
				a, b := min(a, b), max(a, b)
				if a != b && !seen[[2]int64{a, b}] {
					seen[[2]int64{a, b}] = true
					edges = append(edges, [2]int64{a, b})
				}
			}
		}
	}
	return fromEdges(n, edges)
}

// TestBetweennessTwins checks the exact betweenness of unions of cliques,
// where many nodes are twins (see mergeTwins), against gonum's Brandes,
// which knows nothing of twins.
func TestBetweennessTwins(t *testing.T) {
	for _, tc := range []struct {
		seed  uint64
		pairs bool
	}{{3, false}, {5, true}, {6, true}} {
		const n = 60
		g := cliqueUnion(tc.seed, n, 25, tc.pairs)
		c := newCSR(g)
		tw := mergeTwins(c)
		if len(tw.size) >= n {
			t.Fatalf("seed %d: no twins among %d nodes: the test tests nothing", tc.seed, n)
		}
		if tc.pairs && !twinOnPath(c, tw) {
			t.Fatalf("seed %d: no twin lies between other nodes: the test tests nothing", tc.seed)
		}
		bc := betweenness(c, len(g.Edges), 1, BetweennessExact)
		ref := network.Betweenness(gonumGraph(g))
		for i := range bc {
			want := ref[int64(i)] / float64((n-1)*(n-2)/2) / 2
			if math.Abs(bc[i]-want) > 1e-9 {
				t.Errorf("seed %d, node %d: betweenness %g, gonum gives %g", tc.seed, i, bc[i], want)
			}
		}
	}
}

// twinOnPath reports whether a node of a class of twins has positive
// betweenness in gonum's reckoning.
func twinOnPath(c *csr, tw *twins) bool {
	g := &Graph{Nodes: make([]Node, c.n())}
	for u := range c.n() {
		for _, v := range c.neighbors(int32(u)) {
			if int32(u) < v {
				g.Edges = append(g.Edges, Edge{Source: int64(u), Target: int64(v)})
			}
		}
	}
	ref := network.Betweenness(gonumGraph(g))
	for u, k := range tw.class {
		if tw.size[k] > 1 && ref[int64(u)] > 0 {
			return true
		}
	}
	return false
}

// TestBetweennessSampled checks the sampled betweenness against Brandes'
// dependencies summed from the same pivots on the graph as it is, without
// twins merged.
func TestBetweennessSampled(t *testing.T) {
	const n = 400
	g := cliqueUnion(7, n, 160, true)
	c := newCSR(g)
	if len(mergeTwins(c).size) >= n {
		t.Fatal("no twins: the test tests nothing")
	}
	bc := betweenness(c, len(g.Edges), 9, BetweennessApprox)
	want := make([]float64, n)
	for _, s := range pivots(n, 9) {
		plainDependencies(c, s, want)
	}
	norm := float64(n) / BetweennessPivots / float64((n-1)*(n-2))
	for i := range bc {
		if w := want[i] * norm; math.Abs(bc[i]-w) > 1e-9*max(1, w) {
			t.Errorf("node %d: sampled betweenness %g, want %g", i, bc[i], w)
		}
	}
}

// plainDependencies adds to bc the dependencies of every node on source
// s, by the textbook Brandes algorithm with lists of predecessors.
func plainDependencies(c *csr, s int32, bc []float64) {
	n := c.n()
	dist, sigma, delta := make([]int, n), make([]float64, n), make([]float64, n)
	pred := make([][]int32, n)
	for i := range dist {
		dist[i] = -1
	}
	dist[s], sigma[s] = 0, 1
	order := []int32{s}
	for i := 0; i < len(order); i++ {
		u := order[i]
		for _, v := range c.neighbors(u) {
			if dist[v] < 0 {
				dist[v] = dist[u] + 1
				order = append(order, v)
			}
			if dist[v] == dist[u]+1 {
				sigma[v] += sigma[u]
				pred[v] = append(pred[v], u)
			}
		}
	}
	for i := len(order) - 1; i > 0; i-- {
		w := order[i]
		for _, v := range pred[w] {
			delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
		}
		bc[w] += delta[w]
	}
}

// gonumGraph returns g as a gonum graph.
func gonumGraph(g *Graph) *simple.UndirectedGraph {
	sg := simple.NewUndirectedGraph()
	for i := range g.Nodes {
		sg.AddNode(simple.Node(i))
	}
	for _, e := range g.Edges {
		sg.SetEdge(sg.NewEdge(simple.Node(e.Source), simple.Node(e.Target)))
	}
	return sg
}

func TestCommunitiesAndComponents(t *testing.T) {
	// Two triangles joined by one edge, plus an isolated pair.
	g := fromEdges(8, [][2]int64{{0, 1}, {0, 2}, {1, 2}, {3, 4}, {3, 5}, {4, 5}, {2, 3}, {6, 7}})
	c := newCSR(g)
	comm := communities(c, 1)
	if comm[0] != comm[1] || comm[1] != comm[2] || comm[3] != comm[4] || comm[0] == comm[3] || comm[6] != comm[7] {
		t.Errorf("communities = %v", comm)
	}
	comp := components(c)
	if want := []int{0, 0, 0, 0, 0, 0, 1, 1}; !reflect.DeepEqual(comp, want) {
		t.Errorf("components = %v, want %v", comp, want)
	}
}

// TestLouvainModularity checks our Louvain against gonum's modularity
// score: on planted-partition graphs it must find the planted communities
// and score at least as well as community.Modularize.
func TestLouvainModularity(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		g := planted(seed, 8, 25, 0.5, 0.02)
		c := newCSR(g)
		ours := communities(c, seed)
		q := modularity(c, ours)
		ref := community.Modularize(c, 1, rand.NewPCG(seed, 1))
		qRef := community.Q(c, ref.Communities(), 1)
		if q < qRef-1e-9 {
			t.Errorf("seed %d: our modularity %.4f < gonum's %.4f", seed, q, qRef)
		}
		for i := range ours {
			if ours[i] != ours[i-i%25] {
				t.Errorf("seed %d: node %d not with its planted community", seed, i)
				break
			}
		}
	}
}

// planted returns k groups of size n with edge probability pin inside a
// group and pout between groups.
func planted(seed uint64, k, n int, pin, pout float64) *Graph {
	r := rand.New(rand.NewPCG(seed, 2))
	var edges [][2]int64
	for i := 0; i < k*n; i++ {
		for j := i + 1; j < k*n; j++ {
			p := pout
			if i/n == j/n {
				p = pin
			}
			if r.Float64() < p {
				edges = append(edges, [2]int64{int64(i), int64(j)})
			}
		}
	}
	return fromEdges(k*n, edges)
}

func modularity(c *csr, member []int) float64 {
	groups := map[int][]graph.Node{}
	for i, m := range member {
		groups[m] = append(groups[m], simple.Node(i))
	}
	var comms [][]graph.Node
	for m := 0; m < len(groups); m++ {
		comms = append(comms, groups[m])
	}
	return community.Q(c, comms, 1)
}

func TestRelationEdges(t *testing.T) {
	d := doc("a", [][]string{{"pVolodin", "oDuma"}}, [][]string{{"pXi"}})
	d.Relations = []extract.Relation{{Person: 0, Target: 1, Role: "chairman"}, {Person: 0, Target: 1, Role: "speaker"}, {Person: 2, Target: 1, Role: "guest"}}
	b := NewBuilder(SentenceWindow)
	b.Add(d)
	g := b.Graph(Filter{})
	got := map[[2]string]string{}
	for _, e := range g.Edges {
		got[[2]string{g.Nodes[e.Source].Label, g.Nodes[e.Target].Label}] = e.Relation
	}
	want := map[[2]string]string{{"pVolodin", "oDuma"}: "chairman; speaker", {"oDuma", "pXi"}: "guest"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("relation edges = %v, want %v", got, want)
	}
	for _, e := range g.Edges {
		if g.Nodes[e.Target].Label == "pXi" && e.Weight != 0 {
			t.Errorf("a relation-only edge has weight %g, want 0 (no window joins them)", e.Weight)
		}
	}
}

// sortEdges orders edges by (source, target), as Builder.Graph does.
func sortEdges(es []Edge) {
	slices.SortFunc(es, func(x, y Edge) int {
		if c := cmp.Compare(x.Source, y.Source); c != 0 {
			return c
		}
		return cmp.Compare(x.Target, y.Target)
	})
}

// TestNodeDates checks that a node keeps each date once, sorted, however
// the articles' dates repeat.
func TestNodeDates(t *testing.T) {
	b := NewBuilder(DocumentWindow)
	for i, date := range []string{"2024-03-02", "2024-03-01", "2024-03-02", "2024-03-03", "2024-03-01"} {
		d := doc(fmt.Sprint("a", i), [][]string{{"pXi", "pPutin"}})
		d.Article.Date = date
		b.Add(d)
	}
	n := b.Graph(Filter{}).Nodes[0]
	if want := []string{"2024-03-01", "2024-03-02", "2024-03-03"}; !slices.Equal(n.Dates, want) || n.FirstSeen != want[0] || n.LastSeen != want[2] {
		t.Errorf("dates %v (first %s, last %s), want %v", n.Dates, n.FirstSeen, n.LastSeen, want)
	}
	if got := len(b.nodes[0].dates); got != 3 {
		t.Errorf("the builder keeps %d dates for the node, want 3", got)
	}
}

// TestMemoryWithTheGraph adds the same few entities in 3,000 articles:
// what the builder keeps must stay that of the graph (three nodes, three
// edges, up to Cite articles and Evidence sentences an edge, a date once
// per node), not grow with the articles.
func TestMemoryWithTheGraph(t *testing.T) {
	b := NewBuilder(DocumentWindow)
	b.Cite = 5
	dates := []string{"2024-01-01", "2024-01-02", "2024-01-03"}
	for i := range 3000 {
		d := doc(fmt.Sprint("a", i), [][]string{{"pXi", "pPutin", "oUN"}})
		d.Article.Date = dates[i%len(dates)]
		b.Add(d)
	}
	if len(b.nodes) != 3 || b.edgeList.len() != 3 {
		t.Fatalf("%d nodes, %d edges; want 3 and 3", len(b.nodes), b.edgeList.len())
	}
	if len(b.articles) > b.Cite || int(b.lists.n) > b.edgeList.len()*(b.Cite+b.Evidence) {
		t.Errorf("%d articles and %d list cells kept for 3 edges citing up to %d", len(b.articles), b.lists.n, b.Cite)
	}
	for _, n := range b.nodes {
		if len(n.dates) != 3 || len(n.examples) > maxExamples || len(n.aliases) != 1 {
			t.Errorf("node %s keeps %d dates, %d examples, %d forms", n.key, len(n.dates), len(n.examples), len(n.aliases))
		}
	}
	g := b.Graph(Filter{})
	for _, e := range g.Edges {
		if e.Documents != 3000 || len(e.Articles) != b.Cite {
			t.Errorf("edge %d-%d: %d documents, %d articles; want 3000 and %d", e.Source, e.Target, e.Documents, len(e.Articles), b.Cite)
		}
	}
}
