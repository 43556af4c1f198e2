package graph

import (
	"math"
	"slices"
	"strings"
	"testing"

	"cograph/corpus"
	"cograph/extract"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4 }

// The expected values are worked out by hand in the comments.
func TestWeightFormulas(t *testing.T) {
	// jaccard: 2 / (4 + 3 - 2) = 0.4
	if got := jaccard(2, 4, 3); !near(got, 0.4) {
		t.Errorf("jaccard = %v, want 0.4", got)
	}
	// npmi: p(ab) = 0.2, p(a) = 0.4, p(b) = 0.3: ln(0.2/0.12) / -ln(0.2) = 0.51083 / 1.60944 = 0.31739
	if got := npmi(2, 4, 3, 10); !near(got, 0.31739) {
		t.Errorf("npmi = %v, want 0.31739", got)
	}
	// independent: p(ab) = p(a)p(b) = 0.25 -> 0; always together -> 1; never -> -1
	if got := npmi(25, 50, 50, 100); !near(got, 0) {
		t.Errorf("npmi of independent pair = %v, want 0", got)
	}
	if got := npmi(5, 5, 5, 100); !near(got, 1) {
		t.Errorf("npmi of inseparable pair = %v, want 1", got)
	}
	if got := npmi(0, 5, 5, 100); got != -1 {
		t.Errorf("npmi of a pair never together = %v, want -1", got)
	}
	// association: 2·10·2 / (5·4) = 2
	if got := association(2, 5, 4, 10); !near(got, 2) {
		t.Errorf("association = %v, want 2", got)
	}
	// disparity: share 3/4 at degree 3: (1 - 0.75)^2 = 0.0625; share 1/4: 0.75^2 = 0.5625
	if got := disparityAlpha(3, 4, 3); !near(got, 0.0625) {
		t.Errorf("alpha = %v, want 0.0625", got)
	}
	if got := disparityAlpha(1, 4, 3); !near(got, 0.5625) {
		t.Errorf("alpha = %v, want 0.5625", got)
	}
}

// TestWeightsOnGraph builds two documents in sentence windows: 4 sentences,
// A in 3, B in 2, C in 1, A and B together in 2, B and C in none.
func TestWeightsOnGraph(t *testing.T) {
	docs := []*extract.Document{
		doc("a", [][]string{{"pA", "pB"}, {"pA"}}),
		doc("b", [][]string{{"pA", "pB"}, {"pC", "pA"}}),
	}
	cases := []struct {
		w    Weighting
		want map[[2]string]float64
	}{
		{CountWeight, map[[2]string]float64{{"pA", "pB"}: 2, {"pA", "pC"}: 1}},
		// jaccard A-B: 2/(4+2-2) = 0.5 (A is in 4 sentences counting d2's second)
		{JaccardWeight, map[[2]string]float64{{"pA", "pB"}: 0.5, {"pA", "pC"}: 0.25}},
		// npmi A-B: ln(2·4/(4·2)) / -ln(2/4) = 0; A-C: ln(1·4/(4·1)) / -ln(1/4) = 0
		{NPMIWeight, map[[2]string]float64{{"pA", "pB"}: 0, {"pA", "pC"}: 0}},
		// association: k(A) = 3, k(B) = 2, k(C) = 1, m = 3: A-B 2·3·2/(3·2) = 2, A-C 2·3·1/(3·1) = 2
		{AssociationWeight, map[[2]string]float64{{"pA", "pB"}: 2, {"pA", "pC"}: 2}},
	}
	for _, c := range cases {
		b := NewBuilder(SentenceWindow)
		for _, d := range docs {
			b.Add(d)
		}
		g := b.Graph(Filter{Weight: c.w})
		for k, want := range c.want {
			if got := edgeWeights(g)[k]; !near(got, want) {
				t.Errorf("%v %v = %v, want %v", c.w, k, got, want)
			}
		}
		for _, e := range g.Edges {
			if e.Count == 0 {
				t.Errorf("%v: edge without its count", c.w)
			}
		}
	}
}

func TestSlidingWindow(t *testing.T) {
	// Sentences: [A B] [C] [D] [A]: windows of 2 sentences: {A,B,C} {C,D} {D,A}
	b := NewBuilder(Window(2))
	b.Add(doc("a", [][]string{{"pA", "pB"}, {"pC"}, {"pD"}, {"pA"}}))
	got := edgeWeights(b.Graph(Filter{}))
	want := map[[2]string]float64{{"pA", "pB"}: 1, {"pA", "pC"}: 1, {"pB", "pC"}: 1, {"pC", "pD"}: 1, {"pA", "pD"}: 1}
	if len(got) != len(want) {
		t.Errorf("edges %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w && got[[2]string{k[1], k[0]}] != w {
			t.Errorf("edge %v = %v, want %v (all: %v)", k, got[k], w, got)
		}
	}
	if b.Windows != 3 {
		t.Errorf("%d windows, want 3", b.Windows)
	}
	for _, s := range []string{"0", "-3", "x", "51"} {
		if _, err := ParseWindow(s); err == nil {
			t.Errorf("ParseWindow(%q) accepted", s)
		}
	}
	if w, err := ParseWindow("5"); err != nil || w.Sentences() != 5 || w.String() != "5 sentences" {
		t.Errorf("ParseWindow(5) = %v, %v", w, err)
	}
}

func TestBackbone(t *testing.T) {
	// Edges (count): H-A 8, H-B 1, H-C 1, H-D 1, A-E 1, B-C 1.
	// H: strength 11, degree 4; H-A: (1-8/11)^3 = 0.020 < 0.05: significant.
	// H-B: (1-1/11)^3 = 0.75 at H, (1-1/2)^1 = 0.5 at B: not; H-C, B-C
	// neither. H-D and A-E: the only edge of D and of E: kept.
	// The maximum spanning forest (count, then significance) adds H-B and
	// H-C, which connect B and C; B-C would close a cycle: dropped.
	var docs []*extract.Document
	for i := 0; i < 8; i++ {
		docs = append(docs, doc("x", [][]string{{"pH", "pA"}}))
	}
	docs = append(docs, doc("y", [][]string{{"pH", "pB"}}), doc("y", [][]string{{"pH", "pC"}}),
		doc("y", [][]string{{"pH", "pD"}}), doc("z", [][]string{{"pA", "pE"}}), doc("z", [][]string{{"pB", "pC"}}))
	b := NewBuilder(SentenceWindow)
	for _, d := range docs {
		b.Add(d)
	}
	bb := b.Graph(Filter{Backbone: 0.05})
	got := edgeWeights(bb)
	want := map[[2]string]float64{{"pH", "pA"}: 8, {"pH", "pD"}: 1, {"pA", "pE"}: 1, {"pH", "pB"}: 1, {"pH", "pC"}: 1}
	if len(got) != len(want) {
		t.Errorf("backbone edges %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("edge %v = %v, want %v", k, got[k], w)
		}
	}
	if len(bb.Nodes) != 6 {
		t.Errorf("backbone nodes %v, want all six", labels(bb))
	}
	// disparity itself: the three significant edges and the two of the forest.
	if got := disparity(b.Graph(Filter{}), 0.05); countTrue(got) != 5 {
		t.Errorf("disparity kept %d edges, want 5", countTrue(got))
	}
}

func TestProvenance(t *testing.T) {
	ex, err := extract.New(extract.RecognizerModel)
	if err != nil {
		t.Fatal(err)
	}
	arts := []*corpus.Article{
		{ID: "a1", Title: "Talks in Beijing", Date: "2024-05-02", URL: "https://example.org/a1",
			Text: "Xi Jinping met Vladimir Putin in Beijing on Thursday. The weather was fine. Putin later flew home."},
		{ID: "a2", Title: "Summit ends", Date: "2024-03-10", Text: "Vladimir Putin and Xi Jinping signed a statement."},
		{ID: "a3", Title: "Undated", Text: "Olaf Scholz spoke in Berlin."},
	}
	b := NewBuilder(DocumentWindow)
	b.Evidence = 1
	for _, a := range arts {
		b.Add(ex.Extract(a))
	}
	g := b.Graph(Filter{})
	var xp *Edge
	for i, e := range g.Edges {
		if pairLabels(g, e) == "Vladimir Putin|Xi Jinping" {
			xp = &g.Edges[i]
		}
	}
	if xp == nil {
		t.Fatalf("no Xi-Putin edge: %v", edgeWeights(g))
	}
	var ids []string
	for _, a := range xp.Articles {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []string{"a1", "a2"}) || xp.Documents != 2 {
		t.Errorf("articles %v, documents %d", ids, xp.Documents)
	}
	if len(xp.Evidence) != 1 || !strings.HasPrefix(xp.Evidence[0], "Xi Jinping met Vladimir Putin in Beijing") {
		t.Errorf("evidence %q", xp.Evidence)
	}
	if n := node(g, "Vladimir Putin"); n.FirstSeen != "2024-03-10" || n.LastSeen != "2024-05-02" || len(n.Dates) != 2 {
		t.Errorf("Putin seen %s..%s %v", n.FirstSeen, n.LastSeen, n.Dates)
	}
	if n := node(g, "Olaf Scholz"); n.FirstSeen != "" {
		t.Errorf("undated article gave a date: %q", n.FirstSeen)
	}
	if g.Articles[0].Title != "Talks in Beijing" || g.Articles[0].URL == "" {
		t.Errorf("article record %+v", g.Articles[0])
	}

	b = NewBuilder(DocumentWindow)
	b.Since, b.Until = "2024-04-01", "2024-12-31"
	for _, a := range arts {
		b.Add(ex.Extract(a))
	}
	if b.Documents != 1 || b.OutOfRange != 2 {
		t.Errorf("since/until kept %d, left out %d; want 1 and 2", b.Documents, b.OutOfRange)
	}
}

func pairLabels(g *Graph, e Edge) string {
	x, y := g.Nodes[e.Source].Label, g.Nodes[e.Target].Label
	if y < x {
		x, y = y, x
	}
	return x + "|" + y
}

func countTrue(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}
