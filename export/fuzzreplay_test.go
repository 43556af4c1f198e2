package export

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cograph/graph"
)

// The fuzz targets parse their output in-process, with encoding/xml,
// encoding/json, encoding/csv and gonum. TestFuzzCorporaRealClients replays
// their seeds and the inputs kept under testdata/fuzz/<Target> (the
// crashers, kept as regression inputs) through the programs people open the files with:
// Graphviz, xmllint against the official schemas, NetworkX, Python's csv
// module and graphology. With -fuzzcorpus it also replays a fuzzing cache:
//
//	go test -run TestFuzzCorporaRealClients ./export -args -fuzzcorpus="$(go env GOCACHE)/fuzz/cograph/export"

var fuzzCorpus = flag.String("fuzzcorpus", "", "also replay `dir`/<Target>/* (a fuzz cache) through the real clients")

// A fuzzCase is one kept fuzz input, rebuilt into its graph.
type fuzzCase struct {
	target string // FuzzDOT, FuzzGraphML, …
	name   string // target/file, for messages
	g      *graph.Graph
}

// loadFuzzCases returns the seeds and the kept inputs of every writer
// target.
func loadFuzzCases(t *testing.T) []fuzzCase {
	t.Helper()
	var cases []fuzzCase
	for _, target := range []string{"FuzzDOT", "FuzzGraphML", "FuzzGEXF", "FuzzJSON", "FuzzCSV"} {
		for i, args := range writerSeeds() {
			g, err := fuzzCaseGraph(args)
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, fuzzCase{target, fmt.Sprintf("%s/seed#%d", target, i), g})
		}
		dirs := []string{filepath.Join("testdata", "fuzz", target)}
		if *fuzzCorpus != "" {
			dirs = append(dirs, filepath.Join(*fuzzCorpus, target))
		}
		for _, dir := range dirs {
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			for _, f := range files {
				args, err := readFuzzFile(f)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				g, err := fuzzCaseGraph(args)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				cases = append(cases, fuzzCase{target, target + "/" + filepath.Base(f), g})
			}
		}
	}
	return cases
}

// fuzzCaseGraph calls fuzzGraph with the arguments of a writer target.
func fuzzCaseGraph(args []any) (*graph.Graph, error) {
	if len(args) == 6 {
		label, ok1 := args[0].(string)
		typ, ok2 := args[1].(string)
		text, ok3 := args[2].(string)
		shape, ok4 := args[3].([]byte)
		x, ok5 := args[4].(float64)
		y, ok6 := args[5].(float64)
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 {
			return fuzzGraph(label, typ, text, shape, x, y), nil
		}
	}
	return nil, fmt.Errorf("arguments %T are not (string, string, string, []byte, float64, float64)", args)
}

// readFuzzFile decodes a "go test fuzz v1" file: one Go expression per
// line, such as string("a"), []byte("\x00"), float64(+Inf) or
// math.Float64frombits(0x7ff8000000000001). Only the types the writer
// targets take are supported.
func readFuzzFile(path string) ([]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "go test fuzz v1" {
		return nil, fmt.Errorf("not a go test fuzz v1 file")
	}
	var vals []any
	for _, l := range lines[1:] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		typ, arg, ok := strings.Cut(l, "(")
		if !ok || !strings.HasSuffix(arg, ")") {
			return nil, fmt.Errorf("bad line %q", l)
		}
		arg = arg[:len(arg)-1]
		switch typ {
		case "string", "[]byte":
			s, err := strconv.Unquote(arg)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", l, err)
			}
			if typ == "string" {
				vals = append(vals, s)
			} else {
				vals = append(vals, []byte(s))
			}
		case "float64":
			f, err := strconv.ParseFloat(arg, 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", l, err)
			}
			vals = append(vals, f)
		case "math.Float64frombits":
			u, err := strconv.ParseUint(arg, 0, 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", l, err)
			}
			vals = append(vals, math.Float64frombits(u))
		default:
			return nil, fmt.Errorf("unsupported type in %q", l)
		}
	}
	return vals, nil
}

func TestReadFuzzFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "x")
	in := "go test fuzz v1\nstring(\"a\\\"\\x00\")\n[]byte(\"\\xff\")\nstring(`raw`)\n[]byte(\"\")\nfloat64(+Inf)\nmath.Float64frombits(0x7ff8000000000001)\nfloat64(-0)\n"
	if err := os.WriteFile(f, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	vals, err := readFuzzFile(f)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%q", vals[:4])
	if got != `["a\"\x00" "\xff" "raw" ""]` || !math.IsInf(vals[4].(float64), 1) || !math.IsNaN(vals[5].(float64)) || !math.Signbit(vals[6].(float64)) {
		t.Errorf("readFuzzFile = %s %v", got, vals[4:])
	}
	if _, err := fuzzCaseGraph(vals[:6]); err == nil {
		t.Error("fuzzCaseGraph accepted the wrong argument types")
	}
}

func TestFuzzCorporaRealClients(t *testing.T) {
	cases := loadFuzzCases(t)
	of := func(targets ...string) []fuzzCase {
		var out []fuzzCase
		for _, c := range cases {
			for _, target := range targets {
				if c.target == target {
					out = append(out, c)
				}
			}
		}
		return out
	}
	t.Run("graphviz", func(t *testing.T) { replayGraphviz(t, of("FuzzDOT")) })
	t.Run("xmllint", func(t *testing.T) { replayXMLLint(t, of("FuzzGraphML", "FuzzGEXF")) })
	t.Run("python", func(t *testing.T) { replayPython(t, of("FuzzGraphML", "FuzzGEXF", "FuzzJSON", "FuzzCSV")) })
	t.Run("graphology", func(t *testing.T) { replayGraphology(t, of("FuzzGraphML", "FuzzGEXF")) })
}

// replayGraphviz lays out every DOT input with dot -Tjson: Graphviz must
// read it without a warning and draw every label as written.
func replayGraphviz(t *testing.T, cases []fuzzCase) {
	bin := requireTool(t, "dot")
	dir := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := writeTemp(t, dir, fmt.Sprintf("%d.dot", i), DOT{}, c.g)
			cmd := exec.Command(bin, "-Tjson", f)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil || warningRE.Match(stderr.Bytes()) {
				t.Fatalf("dot -Tjson: %v\n%s", err, stderr.Bytes())
			}
			labels := graphvizLabels(t, out)
			if len(labels) != len(c.g.Nodes) {
				t.Errorf("Graphviz read %d nodes, want %d", len(labels), len(c.g.Nodes))
			}
			for _, n := range c.g.Nodes {
				if got, want := labels[nodeID(n.ID)], wantDOT(n.Label); got != want {
					t.Errorf("%s: Graphviz label %q, want %q", nodeID(n.ID), got, want)
				}
			}
		})
	}
}

// replayXMLLint validates every GraphML and GEXF input against the
// official schemas, one xmllint run per schema.
func replayXMLLint(t *testing.T, cases []fuzzCase) {
	xmllint := requireTool(t, "xmllint")
	schemas := filepath.Join(sharedDir(t), "schemas")
	checks := []struct {
		target, ext string
		w           Writer
		args        []string
	}{
		{"FuzzGraphML", "graphml", GraphML{}, []string{"--schema", filepath.Join(schemas, "graphml", "graphml.xsd")}},
		{"FuzzGEXF", "gexf", GEXF{}, []string{"--relaxng", filepath.Join(schemas, "gexf", "1.2draft", "gexf.viz-ns-fixed.rng")}},
		{"FuzzGEXF", "1.3.gexf", GEXF{Version: GEXF13}, []string{"--relaxng", filepath.Join(schemas, "gexf", "1.3", "gexf.rng")}},
	}
	dir := t.TempDir()
	for _, c := range checks {
		files := map[string]string{} // path → case name
		args := append([]string{"--nonet", "--noout"}, c.args...)
		for i, fc := range cases {
			if fc.target == c.target {
				f := writeTemp(t, dir, fmt.Sprintf("%d.%s", i, c.ext), c.w, fc.g)
				files[f] = fc.name
				args = append(args, f)
			}
		}
		if len(files) == 0 {
			continue
		}
		cmd := exec.Command(xmllint, args...)
		cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemas, "graphml", "catalog.xml"))
		out, _ := cmd.CombinedOutput() // the exit status summarises the lines below
		for f, name := range files {
			t.Run(name+"/"+c.ext, func(t *testing.T) {
				if !bytes.Contains(out, []byte(f+" validates\n")) {
					var msgs []string
					for _, l := range strings.Split(string(out), "\n") {
						if strings.HasPrefix(l, f) {
							msgs = append(msgs, l)
						}
					}
					t.Errorf("xmllint %s:\n%s", strings.Join(c.args, " "), strings.Join(msgs, "\n"))
				}
			})
		}
	}
}

// clientResult is what a Python or JavaScript reader reports of one file:
// labels by node id and edges with their weights as text ("nan", "inf",
// "1.5"; null where the reader has none), or the table rows of a CSV
// file, or the reader's error.
type clientResult struct {
	Nodes map[string]*string
	Edges [][3]*string
	Rows  [][]string
	Error string
}

// pythonReplay reads each "kind path" pair with NetworkX (graphml, gexf,
// json) or the csv module (csv) and prints one clientResult per pair.
const pythonReplay = `
import csv, json, sys
def num(v):
    return None if v is None else repr(float(v))
out = []
args = sys.argv[1:]
for kind, path in zip(args[::2], args[1::2]):
    try:
        if kind == "csv":
            with open(path, newline="", encoding="utf-8") as f:
                out.append({"Rows": list(csv.reader(f, strict=True))})
            continue
        import networkx as nx
        if kind == "graphml":
            g = nx.read_graphml(path)
        elif kind == "gexf":
            g = nx.read_gexf(path)
        else:
            with open(path, encoding="utf-8") as f:
                d = json.load(f)
            try:
                g = nx.node_link_graph(d, edges="links")
            except TypeError:  # NetworkX < 3.4
                g = nx.node_link_graph(d)
        nodes = {str(n): a.get("label") for n, a in g.nodes(data=True)}
        edges = [[str(u), str(v), num(a.get("weight"))] for u, v, a in g.edges(data=True)]
        out.append({"Nodes": nodes, "Edges": edges})
    except Exception as e:
        out.append({"Error": "%s: %s" % (type(e).__name__, e)})
print(json.dumps(out))
`

// graphologyReplay does the same with graphology-graphml and
// graphology-gexf.
const graphologyReplay = `
const fs = require("fs");
const Graph = require("graphology");
const {DOMParser} = require("@xmldom/xmldom");
global.DOMParser = DOMParser;
const libs = {gexf: require("graphology-gexf"), graphml: require("graphology-graphml")};
const args = process.argv.slice(1);
const out = [];
for (let i = 0; i < args.length; i += 2) {
  try {
    const g = libs[args[i]].parse(Graph, fs.readFileSync(args[i + 1], "utf8"));
    const nodes = {};
    g.forEachNode((n, a) => { nodes[n] = a.label === undefined ? null : a.label; });
    const edges = [];
    g.forEachEdge((e, a, s, t) => { edges.push([s, t, a.weight === undefined ? null : String(a.weight)]); });
    out.push({Nodes: nodes, Edges: edges});
  } catch (e) {
    out.push({Error: String(e)});
  }
}
console.log(JSON.stringify(out));
`

// A replayFormat is one file format a client reads.
type replayFormat struct {
	target, kind, ext string
	w                 Writer
	norm              func(string) string
	infNaN            bool // the reader reads the weights INF and -INF as NaN
}

// replayClient writes every case in each format, runs script once over all
// files (interpreter start-up dominates) and checks each result.
func replayClient(t *testing.T, cases []fuzzCase, formats []replayFormat, script func(args []string) (string, error)) {
	t.Helper()
	type job struct {
		name string
		c    fuzzCase
		f    replayFormat
	}
	dir := t.TempDir()
	var args []string
	var jobs []job
	for _, f := range formats {
		for i, c := range cases {
			if c.target == f.target {
				p := writeTemp(t, dir, fmt.Sprintf("%d.%s", i, f.ext), f.w, c.g)
				args = append(args, f.kind, p)
				jobs = append(jobs, job{c.name + "/" + f.ext, c, f})
			}
		}
	}
	if len(jobs) == 0 {
		return
	}
	out, err := script(args)
	if err != nil {
		t.Fatalf("reader failed: %v\n%s", err, out)
	}
	var results []clientResult
	if err := json.Unmarshal([]byte(out), &results); err != nil || len(results) != len(jobs) {
		t.Fatalf("bad reader output (%v, %d results for %d files):\n%s", err, len(results), len(jobs), out)
	}
	for i, res := range results {
		t.Run(jobs[i].name, func(t *testing.T) {
			if res.Error != "" {
				t.Fatalf("%s could not read the file: %s", jobs[i].f.kind, res.Error)
			}
			if jobs[i].f.kind == "csv" {
				checkCSVRows(t, res.Rows, jobs[i].c.g, jobs[i].f.w)
				return
			}
			checkClient(t, res, jobs[i].c.g, jobs[i].f.norm, jobs[i].f.infNaN)
		})
	}
}

// checkClient compares what a graph library read with g: the same nodes
// with the same labels (a reader may drop an empty label) and the same
// edges with the same weights (JSON has no NaN or infinity: null). With
// infNaN an infinite weight may come back as NaN.
func checkClient(t *testing.T, got clientResult, g *graph.Graph, norm func(string) string, infNaN bool) {
	t.Helper()
	if len(got.Nodes) != len(g.Nodes) || len(got.Edges) != len(g.Edges) {
		t.Fatalf("read %d nodes %d edges, want %d and %d", len(got.Nodes), len(got.Edges), len(g.Nodes), len(g.Edges))
	}
	for _, n := range g.Nodes {
		want := norm(n.Label)
		l, ok := got.Nodes[nodeID(n.ID)]
		switch {
		case !ok:
			t.Errorf("no node %s", nodeID(n.ID))
		case l == nil && want != "":
			t.Errorf("%s has no label, want %q", nodeID(n.ID), want)
		case l != nil && *l != want:
			t.Errorf("%s label %q, want %q", nodeID(n.ID), *l, want)
		}
	}
	weights := map[[2]string]*string{}
	for _, e := range got.Edges {
		if e[0] == nil || e[1] == nil {
			t.Fatalf("edge without ends: %v", e)
		}
		weights[[2]string{*e[0], *e[1]}] = e[2]
		weights[[2]string{*e[1], *e[0]}] = e[2]
	}
	for _, e := range g.Edges {
		k := [2]string{nodeID(e.Source), nodeID(e.Target)}
		w, ok := weights[k]
		if !ok {
			t.Errorf("no edge %v", k)
			continue
		}
		want, _ := strconv.ParseFloat(formatFloat(e.Weight), 64)
		if w == nil {
			if !math.IsNaN(want) && !math.IsInf(want, 0) {
				t.Errorf("edge %v has no weight, want %v", k, want)
			}
			continue
		}
		x, err := strconv.ParseFloat(*w, 64)
		if infNaN && math.IsInf(want, 0) {
			want = math.NaN()
		}
		if err != nil || x != want && !(math.IsNaN(x) && math.IsNaN(want)) {
			t.Errorf("edge %v weight %q, want %v", k, *w, want)
		}
	}
}

// checkCSVRows compares a table as Python's csv module read it with g:
// one row per node or edge, as many fields as the header, ids and labels
// as written.
func checkCSVRows(t *testing.T, rows [][]string, g *graph.Graph, w Writer) {
	t.Helper()
	if len(rows) == 0 {
		t.Fatal("no header")
	}
	nodes := w == Writer(CSV{})
	want := len(g.Edges)
	if nodes {
		want = len(g.Nodes)
	}
	if len(rows)-1 != want {
		t.Fatalf("%d rows, want %d", len(rows)-1, want)
	}
	for i, r := range rows[1:] {
		if len(r) != len(rows[0]) {
			t.Fatalf("row %d has %d fields, header %d", i+1, len(r), len(rows[0]))
		}
		if nodes {
			n := g.Nodes[i]
			if r[0] != nodeID(n.ID) || r[1] != wantCSV(n.Label) {
				t.Errorf("row %d: %q %q, want %q %q", i+1, r[0], r[1], nodeID(n.ID), wantCSV(n.Label))
			}
		} else if e := g.Edges[i]; r[0] != nodeID(e.Source) || r[1] != nodeID(e.Target) {
			t.Errorf("row %d: %q -- %q, want %s -- %s", i+1, r[0], r[1], nodeID(e.Source), nodeID(e.Target))
		}
	}
}

func replayPython(t *testing.T, cases []fuzzCase) {
	py := requireTool(t, "/usr/bin/python3")
	if out, err := run(t, "", py, "-c", "import networkx"); err != nil {
		missing(t, "python3-networkx not installed: "+out)
	}
	formats := []replayFormat{
		{"FuzzGraphML", "graphml", "graphml", GraphML{}, wantXML, false},
		{"FuzzGEXF", "gexf", "gexf", GEXF{}, wantXML, false}, // NetworkX before 2025 cannot read GEXF 1.3
		{"FuzzJSON", "json", "json", JSON{}, wantValid, false},
		{"FuzzCSV", "csv", "nodes.csv", CSV{}, wantCSV, false},
		{"FuzzCSV", "csv", "edges.csv", csvEdges{}, wantCSV, false},
	}
	replayClient(t, cases, formats, func(args []string) (string, error) {
		return stdout("", py, append([]string{"-c", pythonReplay}, args...)...)
	})
}

func replayGraphology(t *testing.T, cases []fuzzCase) {
	node := requireTool(t, "node")
	dir := nodeModules(t)
	// graphology parses numbers with JavaScript's parseFloat, which knows
	// Infinity but not INF, the only spelling xsd:double (and so the GEXF
	// schema) allows; the builder never makes an infinite weight.
	formats := []replayFormat{
		{"FuzzGraphML", "graphml", "graphml", GraphML{}, wantXML, true},
		{"FuzzGEXF", "gexf", "gexf", GEXF{}, wantXML, true},
		{"FuzzGEXF", "gexf", "1.3.gexf", GEXF{Version: GEXF13}, wantXML, true},
	}
	replayClient(t, cases, formats, func(args []string) (string, error) {
		return stdout(dir, node, append([]string{"-e", graphologyReplay}, args...)...)
	})
}
