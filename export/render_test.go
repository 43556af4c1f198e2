package export

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"cograph/graph"
)

// Rendering tests run the real sfdp; like the other conformance tests they
// skip when it is missing and fail under CI=true.

// pictureGraph is a small news graph for rendering: three communities of
// different sizes, every entity type, one hub per community.
func pictureGraph() *graph.Graph {
	nodes := []struct {
		label, typ string
		community  int
		pagerank   float64
	}{
		{"Tony Blair", graph.Person, 0, 0.20},
		{"Labour", graph.Organization, 0, 0.10},
		{"General Election", graph.Event, 0, 0.06},
		{"London", graph.Place, 0, 0.05},
		{"George W Bush", graph.Person, 1, 0.15},
		{"United Nations", graph.Organization, 1, 0.08},
		{"Iraq", graph.Place, 1, 0.07},
		{"Microsoft", graph.Organization, 2, 0.12},
		{"Bill Gates", graph.Person, 2, 0.09},
		{"Consumer Electronics Show", graph.Event, 2, 0.08},
	}
	g := &graph.Graph{}
	for i, n := range nodes {
		g.Nodes = append(g.Nodes, graph.Node{ID: int64(i), Label: n.label, Type: n.typ, Aliases: []string{n.label},
			Mentions: 10 - i, Documents: 3, PageRank: n.pagerank, Community: n.community})
	}
	for _, e := range [][3]int{{0, 1, 18}, {0, 2, 6}, {0, 3, 4}, {0, 4, 12}, {1, 2, 5}, {1, 3, 2},
		{4, 5, 3}, {4, 6, 9}, {5, 6, 4}, {3, 7, 1}, {7, 8, 9}, {7, 9, 2}, {8, 9, 1}} {
		g.Edges = append(g.Edges, graph.Edge{Source: int64(e[0]), Target: int64(e[1]), Weight: float64(e[2]), Documents: 1})
	}
	g.Edges[0].Relation = "leader"
	fillDegrees(g)
	return g
}

// svgContent is what a rendered SVG shows: the drawn text, the fill
// colours and the tooltips.
type svgContent struct {
	texts, fills, tooltips map[string]bool
}

// parseSVG reads an SVG with encoding/xml, failing the test if it is not
// well-formed.
func parseSVG(t *testing.T, data []byte) svgContent {
	t.Helper()
	c := svgContent{texts: map[string]bool{}, fills: map[string]bool{}, tooltips: map[string]bool{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	inText := false
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				switch {
				case a.Name.Local == "fill":
					c.fills[strings.ToLower(a.Value)] = true
				case a.Name.Local == "title" && a.Name.Space == "http://www.w3.org/1999/xlink":
					c.tooltips[a.Value] = true
				}
			}
			if tok.Name.Local == "text" {
				inText = true
				text.Reset()
			}
		case xml.CharData:
			if inText {
				text.Write(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "text" {
				inText = false
				c.texts[text.String()] = true
			}
		}
	}
	return c
}

func render(t *testing.T, format string, g *graph.Graph) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (Rendered{Format: format}).Write(&buf, g); err != nil {
		t.Fatalf("Rendered{%q}.Write: %v", format, err)
	}
	return buf.Bytes()
}

func TestRenderedSVG(t *testing.T) {
	requireTool(t, "sfdp")
	g := pictureGraph()
	svg := parseSVG(t, render(t, "svg", g))
	for _, n := range g.Nodes { // 10 nodes: all labelled
		if !svg.texts[n.Label] {
			t.Errorf("no text %q in the SVG", n.Label)
		}
	}
	if !svg.texts["leader"] {
		t.Error("the relation on the Blair–Labour edge is not drawn")
	}
	for c := range 3 {
		if fill := communityFills[c]; !svg.fills[fill] {
			t.Errorf("community %d: fill %s not in the SVG (fills: %v)", c, fill, svg.fills)
		}
	}
}

// TestRenderedSVGLabels checks the label rule in the picture: in a graph
// too large to label every node, the top names are drawn and the others
// are only tooltips.
func TestRenderedSVGLabels(t *testing.T) {
	requireTool(t, "sfdp")
	g := rankedGraph(labelAll + 10)
	show := labelled(g)
	svg := parseSVG(t, render(t, "svg", g))
	for i, n := range g.Nodes {
		if svg.texts[n.Label] != show[i] {
			t.Errorf("%s (PageRank %v): drawn %v, want %v", n.Label, n.PageRank, svg.texts[n.Label], show[i])
		}
		found := false
		for tip := range svg.tooltips {
			found = found || strings.HasPrefix(tip, n.Label+"\n")
		}
		if !found {
			t.Errorf("%s: no tooltip", n.Label)
		}
	}
}

func TestRenderedFormats(t *testing.T) {
	requireTool(t, "sfdp")
	g := pictureGraph()
	tests := []struct{ format, magic string }{
		{"svg", "<?xml"},
		{"SVG", "<?xml"},
		{"", "<?xml"},
		{"png", "\x89PNG\r\n\x1a\n"},
		{"pdf", "%PDF-"},
	}
	for _, tt := range tests {
		t.Run(cmp.Or(tt.format, "default"), func(t *testing.T) {
			out := render(t, tt.format, g)
			if !bytes.HasPrefix(out, []byte(tt.magic)) {
				t.Errorf("output starts %q, want %q", out[:min(len(out), 16)], tt.magic)
			}
		})
	}
}

// TestRenderedDeterministic: sfdp's layout is seeded, so the same graph
// gives the same picture. PDF is left out: cairo stamps it with the time.
func TestRenderedDeterministic(t *testing.T) {
	requireTool(t, "sfdp")
	g := pictureGraph()
	for _, format := range []string{"svg", "png"} {
		if !bytes.Equal(render(t, format, g), render(t, format, g)) {
			t.Errorf("%s: two renderings of the same graph differ", format)
		}
	}
}

func TestRenderedEmptyGraph(t *testing.T) {
	requireTool(t, "sfdp")
	parseSVG(t, render(t, "svg", &graph.Graph{}))
}

func TestRenderedNoGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := Rendered{Format: "png"}
	var buf bytes.Buffer
	err := r.Write(&buf, pictureGraph())
	if !errors.Is(err, ErrNoGraphviz) {
		t.Fatalf("error %v, want ErrNoGraphviz", err)
	}
	for _, hint := range []string{"sfdp", "PATH", "apt-get install graphviz", ".dot"} {
		if !strings.Contains(err.Error(), hint) {
			t.Errorf("error %q does not mention %q", err, hint)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
	if err := r.Check(); !errors.Is(err, ErrNoGraphviz) {
		t.Errorf("Check: %v, want ErrNoGraphviz", err)
	}
}

func TestRenderedBadInput(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // these fail before looking for sfdp
	for _, tt := range []struct {
		name string
		r    Rendered
		g    *graph.Graph
		want error
	}{
		{"unknown format", Rendered{Format: "gif"}, pictureGraph(), ErrUnknownFormat},
		{"text format", Rendered{Format: "dot"}, pictureGraph(), ErrUnknownFormat},
		{"nil graph", Rendered{}, nil, ErrInvalidGraph},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.r.Write(io.Discard, tt.g); !errors.Is(err, tt.want) {
				t.Errorf("Write: %v, want %v", err, tt.want)
			}
		})
	}
	if err := (Rendered{Format: "gif"}).Check(); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Check: %v, want ErrUnknownFormat", err)
	}
}

// fakeSFDP puts an sfdp that runs script (POSIX sh) first on PATH.
func fakeSFDP(t *testing.T, script string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake sfdp is a shell script")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sfdp"), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

func TestRenderedSFDPFails(t *testing.T) {
	fakeSFDP(t, "cat >/dev/null; echo 'Error: <stdin>: syntax error in line 3' >&2; exit 1\n")
	err := Rendered{}.Write(io.Discard, pictureGraph())
	if err == nil || !strings.Contains(err.Error(), "syntax error in line 3") || !strings.Contains(err.Error(), "sfdp -Tsvg") {
		t.Errorf("error %v, want one quoting sfdp's message", err)
	}
}

func TestRenderedSFDPArgs(t *testing.T) {
	fakeSFDP(t, `cat >/dev/null; echo "$@"`+"\n")
	for format, want := range map[string]string{
		"svg": "-Tsvg\n",
		"pdf": "-Tpdf\n",
		"png": "-Tpng -Gdpi=150 -Gsize=40,40\n",
	} {
		var buf bytes.Buffer
		if err := (Rendered{Format: format}).Write(&buf, pictureGraph()); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("%s: sfdp called with %q, want %q", format, buf.String(), want)
		}
	}
}

func TestRenderedStderrCapped(t *testing.T) {
	fakeSFDP(t, "cat >/dev/null; i=0; while [ $i -lt 2000 ]; do echo 'Warning: node n1 overlaps' >&2; i=$((i+1)); done; exit 1\n")
	err := Rendered{}.Write(io.Discard, pictureGraph())
	if err == nil || len(err.Error()) > maxStderr+200 || !strings.HasSuffix(err.Error(), "…") {
		t.Errorf("error of %d bytes, want sfdp's messages cut at %d: %.200v", len(fmt.Sprint(err)), maxStderr, err)
	}
}

// TestRenderedWriteError checks that a failing destination is reported as
// such, not as the broken pipe it causes in sfdp.
func TestRenderedWriteError(t *testing.T) {
	requireTool(t, "sfdp")
	for _, n := range []int{0, 100} {
		err := Rendered{Format: "png"}.Write(&failingWriter{n: n}, pictureGraph())
		if !errors.Is(err, errDiskFull) {
			t.Errorf("failing after %d bytes: error %v, want %v", n, err, errDiskFull)
		}
	}
}

func TestWriteFileRendered(t *testing.T) {
	requireTool(t, "sfdp")
	dir := t.TempDir()
	g := pictureGraph()
	for _, name := range []string{"g.svg", "g.PNG", "g.pdf"} {
		path := filepath.Join(dir, name)
		if err := WriteFile(path, "", g); err != nil {
			t.Fatalf("WriteFile(%s): %v", name, err)
		}
		got, err := os.ReadFile(path)
		if err != nil || len(got) == 0 {
			t.Fatalf("%s: %v, %d bytes", name, err, len(got))
		}
	}
	if w, err := ForFormat("PNG"); err != nil || w != (Rendered{Format: "png"}) {
		t.Errorf("ForFormat(PNG) = %#v, %v", w, err)
	}
}

// TestWriteFileRenderedAtomic: when rendering fails, the previous picture
// stays and no temporary file is left behind.
func TestWriteFileRenderedAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "graph.svg")
	if err := os.WriteFile(path, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	fakeSFDP(t, "cat >/dev/null; echo '<svg>half'; echo 'Error: out of memory' >&2; exit 1\n")
	if err := WriteFile(path, "", pictureGraph()); err == nil || !strings.Contains(err.Error(), "out of memory") {
		t.Fatalf("WriteFile: %v, want sfdp's error", err)
	}
	t.Setenv("PATH", dir)
	if err := WriteFile(path, "", pictureGraph()); !errors.Is(err, ErrNoGraphviz) {
		t.Fatalf("WriteFile: %v, want ErrNoGraphviz", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "previous" {
		t.Errorf("graph.svg now holds %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want only graph.svg", len(entries))
	}
}
