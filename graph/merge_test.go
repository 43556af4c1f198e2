package graph

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"cograph/corpus"
	"cograph/extract"
)

// buildTexts extracts each text as an article and builds the graph over
// all of them with the aliases given (none when empty).
func buildTexts(t *testing.T, aliases string, texts ...string) *Graph {
	t.Helper()
	ex, err := extract.New(extract.RecognizerModel)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(DocumentWindow)
	if aliases != "" {
		a, err := ParseAliases(strings.NewReader(aliases), "test.aliases")
		if err != nil {
			t.Fatal(err)
		}
		b.SetAliases(a)
	}
	for i, text := range texts {
		b.Add(ex.Extract(&corpus.Article{ID: string(rune('a' + i)), Text: text}))
	}
	return b.Graph(Filter{})
}

// node returns the node labelled label, or nil.
func node(g *Graph, label string) *Node {
	for i := range g.Nodes {
		if g.Nodes[i].Label == label {
			return &g.Nodes[i]
		}
	}
	return nil
}

// nodeWith returns the labels of the nodes that have name as an alias.
func nodeWith(g *Graph, name string) []string {
	var out []string
	for _, n := range g.Nodes {
		if slices.Contains(n.Aliases, name) {
			out = append(out, n.Label)
		}
	}
	return out
}

func TestMergeAcrossArticles(t *testing.T) {
	t.Run("short name unambiguous in the corpus", func(t *testing.T) {
		g := buildTexts(t, "",
			"Vladimir Putin arrived in Beijing on Monday.",
			"Putin said the talks with Germany were useful.")
		n := node(g, "Vladimir Putin")
		if n == nil || !slices.Contains(n.Aliases, "Putin") || n.Documents != 2 {
			t.Fatalf("Putin not merged into Vladimir Putin: %+v", g.Nodes)
		}
		if node(g, "Putin") != nil {
			t.Error("a separate Putin node remains")
		}
		if w := edgeWeights(g)[[2]string{"Vladimir Putin", "Germany"}]; w != 1 {
			t.Errorf("edge Vladimir Putin-Germany weight %v, want 1 (from the merged node): %v", w, edgeWeights(g))
		}
	})
	t.Run("same surname, two people", func(t *testing.T) {
		g := buildTexts(t, "",
			"Ed Miliband spoke in London on Monday.",
			"David Miliband spoke in New York on Tuesday.",
			"Miliband said the vote would be close.")
		for _, want := range []string{"Ed Miliband", "David Miliband", "Miliband"} {
			if node(g, want) == nil {
				t.Errorf("missing node %q: %v", want, nodeWith(g, "Miliband"))
			}
		}
	})
	t.Run("acronym defined in another article", func(t *testing.T) {
		g := buildTexts(t, "",
			"The Coastal Fisheries Protection Agency (CFPA) fined three trawlers off Norway.",
			"The CFPA said more checks would follow in Denmark.")
		if got := nodeWith(g, "CFPA"); !slices.Equal(got, []string{"Coastal Fisheries Protection Agency"}) {
			t.Errorf("CFPA on nodes %v, want only the agency", got)
		}
	})
	t.Run("longer names are not shortened", func(t *testing.T) {
		g := buildTexts(t, "",
			"The UN Security Council met in New York.",
			"The United Nations said aid would reach Sudan.")
		if node(g, "United Nations Security Council") == nil || node(g, "United Nations") == nil {
			t.Errorf("want both the council and the UN: %v", labels(g))
		}
	})
}

func labels(g *Graph) []string {
	var out []string
	for _, n := range g.Nodes {
		out = append(out, n.Label+"/"+n.Type)
	}
	return out
}

func TestAliasesFile(t *testing.T) {
	texts := []string{
		"Vladimir Putin met officials of the Kremlin and Reuters reporters in Moscow.",
		"Ed Miliband said Miliband family ties did not matter to Labour.",
		"Putin spoke to Chelsea fans in Moscow.",
	}
	const file = `# corrections for the test corpus
merge Vladimir Putin [person] = Putin | V. Putin
rename Kremlin => Presidential Administration of Russia [organization]
merge Chelsea F.C. [organization] = Chelsea
drop Reuters | AP
forbid Miliband != Ed Miliband
`
	g := buildTexts(t, file, texts...)
	if n := node(g, "Vladimir Putin"); n == nil || n.Documents != 2 {
		t.Errorf("merge: Vladimir Putin node %+v", n)
	}
	if n := node(g, "Presidential Administration of Russia"); n == nil || n.Type != Organization || !slices.Contains(n.Aliases, "Kremlin") {
		t.Errorf("rename: %v", labels(g))
	}
	if n := node(g, "Chelsea F.C."); n == nil || n.Type != Organization {
		t.Errorf("merge with type: %v", labels(g))
	}
	if len(nodeWith(g, "Reuters")) != 0 || node(g, "Reuters") != nil {
		t.Errorf("drop: Reuters still a node: %v", labels(g))
	}
	for _, e := range g.Edges {
		if g.Nodes[e.Source].Label == "Reuters" || g.Nodes[e.Target].Label == "Reuters" {
			t.Errorf("drop: edge to Reuters remains")
		}
	}
	if got := nodeWith(g, "Miliband"); slices.Contains(got, "Ed Miliband") {
		t.Errorf("forbid: Miliband merged into Ed Miliband: %v", got)
	}
}

func TestAliasesFileForbidsCorpusMerge(t *testing.T) {
	texts := []string{"Vladimir Putin arrived in Beijing.", "Putin said the talks were useful."}
	g := buildTexts(t, "forbid Putin != Vladimir Putin\n", texts...)
	if node(g, "Putin") == nil || node(g, "Vladimir Putin") == nil {
		t.Errorf("forbidden merge made: %v", labels(g))
	}
}

func TestParseAliasesErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"merge A = B\nmerge C = B\n", "test:2: \"B\" is already used on line 1"},
		{"\n\nfrobnicate X\n", "test:3: unknown directive \"frobnicate\""},
		{"merge Alice [city] = Al\n", "test:1: unknown type \"city\""},
		{"rename Kremlin\n", "test:1: rename wants OLD => NEW"},
		{"forbid A != a\n", "test:1: forbid wants two different names"},
		{"drop\n", "test:1: drop wants at least one name"},
		{"drop X\nmerge Y = x\n", "test:2: \"x\" is already used on line 1"},
	}
	for _, c := range cases {
		_, err := ParseAliases(strings.NewReader(c.text), "test")
		var ae *AliasError
		if !errors.As(err, &ae) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got error %v, want %q", c.text, err, c.want)
		}
	}
	a, err := ParseAliases(strings.NewReader("# comment\n\nmerge United States [place] = U.S. | USA\nmerge United States = America\n"), "ok")
	if err != nil {
		t.Fatal(err)
	}
	if c := a.canon[extract.CanonicalKey("U.S.")]; c == nil || c.label != "United States" || c.typ != Place {
		t.Errorf("U.S. maps to %+v", c)
	}
	if c := a.canon["america"]; c == nil || c.label != "United States" {
		t.Errorf("a second merge line for the same label adds names: %+v", c)
	}
}

func TestJaroWinkler(t *testing.T) {
	// Values from Winkler (1990) as commonly reproduced.
	cases := []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.961},
		{"dwayne", "duane", 0.840},
		{"dixon", "dicksonx", 0.813},
		{"abc", "abc", 1},
		{"abc", "xyz", 0},
	}
	for _, c := range cases {
		if got := jaroWinkler(c.a, c.b); math.Abs(got-c.want) > 0.001 {
			t.Errorf("jaroWinkler(%q, %q) = %.4f, want %.3f", c.a, c.b, got, c.want)
		}
	}
}

func TestSuggestAliases(t *testing.T) {
	ex, err := extract.New(extract.RecognizerModel)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Volodymyr Zelensky met Olaf Scholz in Berlin to discuss Ukraine.",
		"Volodymyr Zelenskyy thanked Olaf Scholz and Germany for help to Ukraine.",
		"Ed Miliband spoke in London on Monday.",
		"David Miliband spoke in New York on Tuesday.",
		"Miliband said the vote in London would be close.",
		"The Northern Grid Operators Council met in Oslo with Norway and Sweden.",
		"NGOC officials in Oslo said Norway and Sweden agreed.",
	}
	b := NewBuilder(DocumentWindow)
	for i, text := range texts {
		b.Add(ex.Extract(&corpus.Article{ID: fmt.Sprint("art", i), Text: text}))
	}
	got := map[string]Suggestion{}
	for _, s := range b.SuggestAliases(SuggestOptions{}) {
		got[s.Line] = s
	}
	want := map[string]string{
		"merge Volodymyr Zelensky = Volodymyr Zelenskyy": Spelling,
		"merge Northern Grid Operators Council = NGOC":   Acronym,
		"merge Ed Miliband = Miliband":                   ShortName,
		"merge David Miliband = Miliband":                ShortName,
	}
	for line, kind := range want {
		s, ok := got[line]
		if !ok {
			t.Errorf("missing suggestion %q; got %v", line, keys(got))
			continue
		}
		if s.Kind != kind {
			t.Errorf("%q: kind %q, want %q", line, s.Kind, kind)
		}
	}
	if s := got["merge Volodymyr Zelensky = Volodymyr Zelenskyy"]; s.Context < 0.5 || !slices.Contains(s.Shared, "Olaf Scholz") {
		t.Errorf("Zelensky spellings share Scholz, Ukraine: context %v %v", s.Context, s.Shared)
	}
	if s := got["merge Northern Grid Operators Council = NGOC"]; len(s.Merge.Examples) != 1 || s.Merge.Examples[0] != "art6" {
		t.Errorf("acronym evidence: %+v", s.Merge)
	}
	if _, bad := got["merge Ed Miliband = David Miliband"]; bad {
		t.Error("two different people suggested as one")
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestCite checks the bound on the articles an edge lists: the first Cite
// in input order, while documents counts them all, also across a merge.
func TestCite(t *testing.T) {
	ex, err := extract.New(extract.RecognizerModel)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Vladimir Putin met Xi Jinping in Beijing.", "Vladimir Putin called Xi Jinping.", "Vladimir Putin thanked Xi Jinping.",
		"Putin met Xi Jinping again.", "Putin and Xi Jinping signed a deal.", "Putin wrote to Xi Jinping.",
	}
	for _, c := range []struct{ cite, listed int }{{0, 6}, {2, 2}, {10, 6}} {
		b := NewBuilder(DocumentWindow)
		b.Cite = c.cite
		for i, text := range texts {
			b.Add(ex.Extract(&corpus.Article{ID: fmt.Sprint("a", i), Text: text}))
		}
		g := b.Graph(Filter{})
		var e *Edge
		for i := range g.Edges {
			if l := [2]string{g.Nodes[g.Edges[i].Source].Label, g.Nodes[g.Edges[i].Target].Label}; l == [2]string{"Vladimir Putin", "Xi Jinping"} {
				e = &g.Edges[i]
			}
		}
		if e == nil {
			t.Fatalf("cite %d: no Vladimir Putin-Xi Jinping edge: %v", c.cite, edgeWeights(g))
		}
		var ids []string
		for _, a := range e.Articles {
			ids = append(ids, a.ID)
		}
		if e.Documents != 6 || len(ids) != c.listed || ids[0] != "a0" || ids[1] != "a1" {
			t.Errorf("cite %d: documents %d, articles %v; want 6 documents and the first %d articles", c.cite, e.Documents, ids, c.listed)
		}
	}
}
