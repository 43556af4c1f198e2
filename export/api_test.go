package export

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cograph/graph"
)

func TestFormatFromPath(t *testing.T) {
	tests := []struct {
		path, want string
	}{
		{"g.dot", "dot"},
		{"dir.v2/g.gv", "dot"},
		{"G.GRAPHML", "graphml"},
		{"g.gexf", "gexf"},
		{"g.json", "json"},
		{"g.nodes.csv", "csv"},
		{"g.svg", "svg"},
		{"G.PNG", "png"},
		{"g.pdf", "pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := FormatFromPath(tt.path)
			if err != nil || got != tt.want {
				t.Errorf("FormatFromPath(%q) = %q, %v; want %q", tt.path, got, err, tt.want)
			}
		})
	}
	for _, path := range []string{"g.jpg", "graph", "g.dot.bak", ".dot/x"} {
		t.Run(path, func(t *testing.T) {
			_, err := FormatFromPath(path)
			if !errors.Is(err, ErrUnknownFormat) {
				t.Fatalf("FormatFromPath(%q) error %v, want ErrUnknownFormat", path, err)
			}
			if !strings.Contains(err.Error(), ".graphml") {
				t.Errorf("error %q does not list the valid extensions", err)
			}
		})
	}
}

func TestForFormat(t *testing.T) {
	for _, name := range Formats() {
		w, err := ForFormat(strings.ToUpper(name))
		if err != nil || w == nil {
			t.Errorf("ForFormat(%q) = %v, %v", name, w, err)
		}
	}
	if _, err := ForFormat("jpg"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ForFormat(jpg) error %v, want ErrUnknownFormat", err)
	}
}

func TestWriteFile(t *testing.T) {
	g := realisticGraph()
	dir := t.TempDir()
	for _, tt := range []struct {
		file, format string
		w            Writer
	}{
		{"g.dot", "", DOT{}},
		{"g.gv", "", DOT{}},
		{"g.graphml", "", GraphML{}},
		{"g.gexf", "", GEXF{}},
		{"g.json", "", JSON{}},
		{"g.txt", "json", JSON{}}, // explicit format beats the extension
	} {
		path := filepath.Join(dir, tt.file)
		if err := WriteFile(path, tt.format, g); err != nil {
			t.Fatalf("WriteFile(%s): %v", tt.file, err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, write(t, tt.w, g)) {
			t.Errorf("%s differs from %T output", tt.file, tt.w)
		}
	}
	if err := WriteFile(filepath.Join(dir, "g.jpg"), "", g); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("WriteFile(g.jpg) error %v, want ErrUnknownFormat", err)
	}
}

func TestWriteFileCSV(t *testing.T) {
	g := realisticGraph()
	dir := t.TempDir()
	for _, name := range []string{"a.csv", "b"} {
		if err := WriteFile(filepath.Join(dir, name), "csv", g); err != nil {
			t.Fatal(err)
		}
	}
	var nodes, edges bytes.Buffer
	if err := (CSV{}).WriteNodes(&nodes, g); err != nil {
		t.Fatal(err)
	}
	if err := (CSV{}).WriteEdges(&edges, g); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string][]byte{
		"a.nodes.csv": nodes.Bytes(), "a.edges.csv": edges.Bytes(),
		"b.nodes.csv": nodes.Bytes(), "b.edges.csv": edges.Bytes(),
	} {
		got, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %v, content matches %v", file, err, bytes.Equal(got, want))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a.csv")); !os.IsNotExist(err) {
		t.Errorf("a.csv itself was written (%v)", err)
	}
}

func TestInvalidGraph(t *testing.T) {
	tests := map[string]*graph.Graph{
		"nil":          nil,
		"duplicate id": {Nodes: []graph.Node{{ID: 1}, {ID: 1}}},
		"dangling edge": {Nodes: []graph.Node{{ID: 0}, {ID: 1}},
			Edges: []graph.Edge{{Source: 0, Target: 2}}},
	}
	for name, g := range tests {
		for _, sw := range suiteWriters() {
			t.Run(name+"/"+sw.name, func(t *testing.T) {
				var buf bytes.Buffer
				err := sw.w.Write(&buf, g)
				if !errors.Is(err, ErrInvalidGraph) {
					t.Errorf("error %v, want ErrInvalidGraph", err)
				}
				if buf.Len() != 0 {
					t.Errorf("wrote %d bytes before failing", buf.Len())
				}
			})
		}
	}
}

func TestGEXFUnknownVersion(t *testing.T) {
	err := GEXF{Version: "1.1"}.Write(io.Discard, singleGraph())
	if !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("error %v, want ErrUnknownFormat", err)
	}
}

// failingWriter accepts n bytes, then fails every write.
type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	return n, errDiskFull
}

// TestWriteError checks that every Writer reports the first write error,
// whether it happens at the first flush or at the last.
func TestWriteError(t *testing.T) {
	g := syntheticGraph(500, 2000)
	for _, sw := range suiteWriters() {
		size := len(write(t, sw.w, g))
		for _, n := range []int{0, size / 2, size - 1} {
			err := sw.w.Write(&failingWriter{n: n}, g)
			if !errors.Is(err, errDiskFull) {
				t.Errorf("%s failing after %d of %d bytes: error %v, want %v", sw.name, n, size, err, errDiskFull)
			}
		}
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{3, "3"},
		{-1, "-1"},
		{1234567, "1234567"},
		{2.5, "2.5"},
		{1.0 / 3, "0.333333"},
		{1e-7, "1e-07"},
		{1e20, "1e+20"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "INF"},
		{math.Inf(-1), "-INF"},
	}
	for _, tt := range tests {
		if got := formatFloat(tt.x); got != tt.want {
			t.Errorf("formatFloat(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

// TestAttributeTable guards the table's invariants that writers rely on.
func TestAttributeTable(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range nodeAttrs {
		if seen[a.name] || a.name == "id" || a.title == "" {
			t.Errorf("node attribute %q: duplicate, reserved or untitled", a.name)
		}
		seen[a.name] = true
	}
	if nodeAttrs[0].name != "label" {
		t.Error("label must be the first node attribute: Gephi's CSV import wants Id,Label first")
	}
	seen = map[string]bool{}
	for _, a := range edgeAttrs {
		if seen[a.name] || a.name == "source" || a.name == "target" || a.title == "" {
			t.Errorf("edge attribute %q: duplicate, reserved or untitled", a.name)
		}
		seen[a.name] = true
	}
}
