package export

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cograph/graph"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// csvEdges lets the suite treat the edge table as a Writer.
type csvEdges struct{}

func (csvEdges) Write(w io.Writer, g *graph.Graph) error { return CSV{}.WriteEdges(w, g) }

// suiteWriter is one Writer with what the suite needs to check it.
type suiteWriter struct {
	name   string // golden file suffix
	w      Writer
	decode func([]byte) (*decoded, error)
	norm   func(string) string // what the format keeps of a string
	nodes  bool                // whether the output has nodes
	edges  bool                // whether the output has edges
}

func suiteWriters() []suiteWriter {
	return []suiteWriter{
		{"dot", DOT{}, decodeDOT, wantDOT, true, true},
		{"graphml", GraphML{}, decodeGraphML, wantXML, true, true},
		{"gexf", GEXF{}, decodeGEXF, wantXML, true, true},
		{"1.3.gexf", GEXF{Version: GEXF13}, decodeGEXF, wantXML, true, true},
		{"json", JSON{}, decodeJSON, wantValid, true, true},
		{"nodes.csv", CSV{}, func(b []byte) (*decoded, error) { return decodeCSV(b, true) }, wantCSV, true, false},
		{"edges.csv", csvEdges{}, func(b []byte) (*decoded, error) { return decodeCSV(b, false) }, wantCSV, false, true},
	}
}

func write(tb testing.TB, w Writer, g *graph.Graph) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, g); err != nil {
		tb.Fatalf("%T.Write: %v", w, err)
	}
	return buf.Bytes()
}

// TestWriters is the suite every Writer must pass on every test graph.
func TestWriters(t *testing.T) {
	for _, sw := range suiteWriters() {
		for _, tg := range testGraphs() {
			t.Run(sw.name+"/"+tg.name, func(t *testing.T) {
				got := write(t, sw.w, tg.g)
				if again := write(t, sw.w, tg.g); !bytes.Equal(got, again) {
					t.Fatal("two writes of the same graph differ")
				}
				checkRoundTrip(t, sw, tg.g, got)
				checkGolden(t, filepath.Join("testdata", tg.name+"."+sw.name+".golden"), got)
			})
		}
	}
}

// checkRoundTrip decodes out and compares every attribute of every node
// and edge with g, after the format's documented normalisation.
func checkRoundTrip(t *testing.T, sw suiteWriter, g *graph.Graph, out []byte) {
	t.Helper()
	d, err := sw.decode(out)
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	checkDecoded(t, sw, g, d)
	for i := range d.nodes {
		compare(t, "node", d.nodes[i], "id", nodeID(g.Nodes[i].ID))
	}
	for i := range d.edges {
		compare(t, "edge", d.edges[i], "source", nodeID(g.Edges[i].Source))
		compare(t, "edge", d.edges[i], "target", nodeID(g.Edges[i].Target))
	}
}

func compare(t *testing.T, what string, got map[string]string, key, want string) {
	t.Helper()
	v, ok := got[key]
	if !ok && sparse[key] && want == "" {
		return // omitted where empty, by design
	}
	if !ok {
		t.Errorf("%s: no %s", what, key)
	} else if v != want {
		t.Errorf("%s: %s = %q, want %q", what, key, v, want)
	}
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update { // review the diff before committing
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff)\ngot:\n%s", golden, got)
	}
}

// TestJSONStringEscapes compares the escaper's fast path with escaping
// rune by rune, on text that needs every kind of escape.
func TestJSONStringEscapes(t *testing.T) {
	ref := func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range s {
			switch {
			case r == '"' || r == '\\':
				b.WriteString(`\` + string(r))
			case r == '\n':
				b.WriteString(`\n`)
			case r == '\r':
				b.WriteString(`\r`)
			case r == '\t':
				b.WriteString(`\t`)
			case r < 0x20 || r == '\u2028' || r == '\u2029':
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	for _, s := range []string{"", "plain", `a "quoted" \ path`, "tab\tline\nreturn\r", "\x00\x1f\x7f", "Zürich – Москва 北京 😀",
		"sep\u2028par\u2029", "bad \xff\xfe byte", "cut \xe2\x80", "\ufffd real", "end\\"} {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		writeJSONString(w, s)
		w.Flush()
		if got, want := buf.String(), ref(s); got != want {
			t.Errorf("%q: %s, want %s", s, got, want)
		}
	}
}
