package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"cograph/graph"
)

// Conformance tests run the programs people open our files with. A missing
// program skips the test locally and fails it when CI=true.

// requireTool returns the path of the named program, or skips (fails under
// CI=true) when it is not installed.
func requireTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missing(tb, fmt.Sprintf("%s not found: %v", name, err))
	}
	return path
}

// missing skips the test, or fails it under CI, where every tool must exist.
func missing(tb testing.TB, msg string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg + " (skipping; fails when CI=true)")
}

// sharedDir returns ../../shared (the project's shared schemas and tools,
// outside the module), or skips.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared"))
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "schemas"))
	}
	if err != nil {
		missing(tb, "shared schemas not found: "+err.Error())
	}
	return dir
}

// run runs a command and returns its combined output.
func run(tb testing.TB, dir string, name string, args ...string) (string, error) {
	tb.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// stdout runs a command and returns its standard output; standard error
// (warnings from Python libraries, say) goes into the error only.
func stdout(dir string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	out, err := cmd.Output()
	if err != nil {
		err = fmt.Errorf("%v: %s", err, errBuf.Bytes())
	}
	return string(out), err
}

// writeTemp writes g with w to dir/name and returns the absolute path.
func writeTemp(tb testing.TB, dir, name string, w Writer, g *graph.Graph) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, write(tb, w, g), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

var warningRE = regexp.MustCompile(`(?i)warning|error`)

func TestGraphvizRendersWithoutWarnings(t *testing.T) {
	dir := t.TempDir()
	for _, layout := range []string{"dot", "sfdp"} {
		bin := requireTool(t, layout)
		for _, tg := range testGraphs() {
			t.Run(layout+"/"+tg.name, func(t *testing.T) {
				f := writeTemp(t, dir, tg.name+".dot", DOT{}, tg.g)
				out, err := run(t, dir, bin, "-Tsvg", "-o", os.DevNull, f)
				if err != nil || warningRE.MatchString(out) {
					t.Fatalf("%s -Tsvg: %v\n%s", layout, err, out)
				}
			})
		}
	}
}

// graphvizLabels reads the node labels from dot -Tjson output, decoding
// each escString the way Graphviz draws it.
func graphvizLabels(t *testing.T, out []byte) map[string]string {
	t.Helper()
	var doc struct {
		Objects []struct{ Name, Label string }
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{}
	for _, o := range doc.Objects {
		labels[o.Name] = strings.NewReplacer(`\\`, `\`, `\n`, "\n").Replace(o.Label)
	}
	return labels
}

// TestGraphvizLabels checks that Graphviz itself reads our labels as we
// meant them: dot -Tjson reports each label as an escString, which we
// decode the way Graphviz draws it.
func TestGraphvizLabels(t *testing.T) {
	bin := requireTool(t, "dot")
	g := hostileGraph()
	f := writeTemp(t, t.TempDir(), "hostile.dot", DOT{}, g)
	out, err := exec.Command(bin, "-Tjson", f).Output()
	if err != nil {
		t.Fatalf("dot -Tjson: %v", err)
	}
	labels := graphvizLabels(t, out)
	for _, n := range g.Nodes {
		if got, want := labels[nodeID(n.ID)], wantDOT(n.Label); got != want {
			t.Errorf("%s: Graphviz label %q, want %q", nodeID(n.ID), got, want)
		}
	}
}

func TestXMLSchemas(t *testing.T) {
	xmllint := requireTool(t, "xmllint")
	schemas := filepath.Join(sharedDir(t), "schemas")
	dir := t.TempDir()
	checks := []struct {
		name string
		w    Writer
		args []string
	}{
		{"graphml", GraphML{}, []string{"--schema", filepath.Join(schemas, "graphml", "graphml.xsd")}},
		// The 1.2draft grammar upstream puts viz elements in the wrong
		// namespace; the shared fixed copy differs in that one attribute.
		{"gexf", GEXF{}, []string{"--relaxng", filepath.Join(schemas, "gexf", "1.2draft", "gexf.viz-ns-fixed.rng")}},
		{"1.3.gexf", GEXF{Version: GEXF13}, []string{"--relaxng", filepath.Join(schemas, "gexf", "1.3", "gexf.rng")}},
	}
	for _, c := range checks {
		for _, tg := range testGraphs() {
			t.Run(c.name+"/"+tg.name, func(t *testing.T) {
				f := writeTemp(t, dir, tg.name+"."+c.name, c.w, tg.g)
				cmd := exec.Command(xmllint, append([]string{"--nonet", "--noout"}, append(c.args, f)...)...)
				// The GraphML XSDs import each other by URL; the catalog maps
				// those URLs to the local copies.
				cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemas, "graphml", "catalog.xml"))
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("xmllint: %v\n%s", err, out)
				}
			})
		}
	}
}

// readerResult is what the Python and JavaScript readers report: labels by
// node id and the edges with their weights.
type readerResult struct {
	Nodes map[string]*string
	Edges [][3]any // source, target, weight
	Skip  string   // set when the reader cannot read this format version
}

// checkReader compares what a third-party reader saw with g.
// norm is the format's documented normalisation of text.
func checkReader(t *testing.T, what string, got readerResult, g *graph.Graph, norm func(string) string) {
	t.Helper()
	if len(got.Nodes) != len(g.Nodes) || len(got.Edges) != len(g.Edges) {
		t.Fatalf("%s: %d nodes %d edges, want %d and %d", what, len(got.Nodes), len(got.Edges), len(g.Nodes), len(g.Edges))
	}
	for _, n := range g.Nodes {
		want := norm(n.Label)
		l := got.Nodes[nodeID(n.ID)]
		if l == nil {
			t.Errorf("%s: %s has no label, want %q", what, nodeID(n.ID), want)
		} else if *l != want {
			t.Errorf("%s: %s label %q, want %q", what, nodeID(n.ID), *l, want)
		}
	}
	weights := map[[2]string]float64{}
	for _, e := range got.Edges {
		s, _ := e[0].(string)
		d, _ := e[1].(string)
		w, _ := e[2].(float64)
		weights[[2]string{s, d}] = w
		weights[[2]string{d, s}] = w
	}
	for _, e := range g.Edges {
		k := [2]string{nodeID(e.Source), nodeID(e.Target)}
		if w, ok := weights[k]; !ok || w != mustFloat(t, formatFloat(e.Weight)) {
			t.Errorf("%s: edge %v weight %v (present %v), want %v", what, k, w, ok, e.Weight)
		}
	}
}

func mustFloat(t *testing.T, s string) float64 {
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// pythonReaders reads each "kind path" pair with NetworkX or igraph and
// prints one JSON readerResult per pair.
const pythonReaders = `
import json, sys
out = []
args = sys.argv[1:]
for kind, path in zip(args[::2], args[1::2]):
    if kind == "igraph-graphml":
        import igraph
        g = igraph.Graph.Read_GraphML(path)
        nodes = {v["id"]: v["label"] for v in g.vs} if g.vcount() else {}
        edges = [[g.vs[e.source]["id"], g.vs[e.target]["id"], e["weight"]] for e in g.es]
        out.append({"Nodes": nodes, "Edges": edges})
        continue
    import networkx as nx
    if kind == "networkx-graphml":
        g = nx.read_graphml(path)
    elif kind == "networkx-gexf":
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if "http://gexf.net/1.3" in text and "1.3" not in nx.readwrite.gexf.GEXF.versions:
            out.append({"Skip": "NetworkX %s cannot read GEXF 1.3" % nx.__version__})
            continue
        g = nx.read_gexf(path)
    elif kind == "networkx-json":
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        try:
            g = nx.node_link_graph(d, edges="links")
        except TypeError:  # NetworkX < 3.4
            g = nx.node_link_graph(d)
    else:
        raise SystemExit("unknown kind " + kind)
    nodes = {n: a.get("label") for n, a in g.nodes(data=True)}
    edges = [[u, v, a.get("weight")] for u, v, a in g.edges(data=True)]
    out.append({"Nodes": nodes, "Edges": edges})
print(json.dumps(out))
`

func TestPythonReaders(t *testing.T) {
	py := requireTool(t, "/usr/bin/python3")
	if out, err := run(t, "", py, "-c", "import networkx, igraph"); err != nil {
		missing(t, "python3-networkx or python3-igraph not installed: "+out)
	}
	readers := []reader{
		{"networkx-graphml", "graphml", GraphML{}, wantXML},
		{"igraph-graphml", "graphml", GraphML{}, wantXML},
		{"networkx-gexf", "gexf", GEXF{}, wantXML},
		{"networkx-gexf", "1.3.gexf", GEXF{Version: GEXF13}, wantXML},
		{"networkx-json", "json", JSON{}, wantValid},
	}
	runReaders(t, readers, func(args []string) (string, error) {
		return stdout("", py, append([]string{"-c", pythonReaders}, args...)...)
	})
}

// A reader is one third-party parser of one of our formats.
type reader struct {
	kind string // argument for the reader script
	ext  string // file name suffix
	w    Writer
	norm func(string) string // the format's documented text normalisation
}

// runReaders writes every test graph for every reader, runs the script
// once for all of them (interpreter start-up dominates) and checks each
// result. script gets "kind path" pairs and prints a readerResult array.
func runReaders(t *testing.T, readers []reader, script func(args []string) (string, error)) {
	t.Helper()
	type job struct {
		name string
		g    *graph.Graph
		norm func(string) string
	}
	tmp := t.TempDir()
	var args []string
	var jobs []job
	for _, r := range readers {
		for _, tg := range testGraphs() {
			f := writeTemp(t, tmp, tg.name+"."+r.ext, r.w, tg.g)
			args = append(args, r.kind, f)
			jobs = append(jobs, job{r.kind + "/" + tg.name + "." + r.ext, tg.g, r.norm})
		}
	}
	out, err := script(args)
	if err != nil {
		t.Fatalf("readers failed: %v\n%s", err, out)
	}
	var results []readerResult
	if err := json.Unmarshal([]byte(out), &results); err != nil || len(results) != len(jobs) {
		t.Fatalf("bad reader output (%v):\n%s", err, out)
	}
	for i, res := range results {
		t.Run(jobs[i].name, func(t *testing.T) {
			if res.Skip != "" {
				t.Skip(res.Skip)
			}
			checkReader(t, jobs[i].name, res, jobs[i].g, jobs[i].norm)
		})
	}
}

// graphologyReaders parses each "kind path" pair with graphology-gexf or
// graphology-graphml, the parsers behind Gephi Lite.
const graphologyReaders = `
const fs = require("fs");
const Graph = require("graphology");
const {DOMParser} = require("@xmldom/xmldom");
global.DOMParser = DOMParser;
const libs = {gexf: require("graphology-gexf"), graphml: require("graphology-graphml")};
const args = process.argv.slice(1);
const out = [];
for (let i = 0; i < args.length; i += 2) {
  const g = libs[args[i]].parse(Graph, fs.readFileSync(args[i + 1], "utf8"));
  const nodes = {};
  g.forEachNode((n, a) => { nodes[n] = a.label === undefined ? null : a.label; });
  const edges = [];
  g.forEachEdge((e, a, s, t) => { edges.push([s, t, a.weight]); });
  out.push({Nodes: nodes, Edges: edges});
}
console.log(JSON.stringify(out));
`

// graphologyPackages are the versions validate_exports.sh pins.
var graphologyPackages = []string{"graphology@0.26.0", "graphology-gexf@0.13.2", "graphology-graphml@0.5.2", "@xmldom/xmldom"}

var (
	nodeModulesOnce sync.Once
	nodeModulesDir  string
	nodeModulesErr  error
)

// nodeModules returns a directory with graphology's parsers installed,
// installing them with npm on first use into $COGRAPH_NODE_MODULES or the
// user cache directory.
func nodeModules(t *testing.T) string {
	t.Helper()
	requireTool(t, "node")
	npm := requireTool(t, "npm")
	nodeModulesOnce.Do(func() {
		dir := os.Getenv("COGRAPH_NODE_MODULES")
		if dir == "" {
			cache, err := os.UserCacheDir()
			if err != nil {
				nodeModulesErr = err
				return
			}
			dir = filepath.Join(cache, "cograph-test-node")
		}
		nodeModulesDir = dir
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphology-graphml")); err == nil {
			return
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			nodeModulesErr = err
			return
		}
		if out, err := run(t, dir, npm, "init", "-y"); err != nil {
			nodeModulesErr = fmt.Errorf("npm init: %v\n%s", err, out)
			return
		}
		args := append([]string{"install", "--no-audit", "--no-fund", "--silent"}, graphologyPackages...)
		if out, err := run(t, dir, npm, args...); err != nil {
			nodeModulesErr = fmt.Errorf("npm install: %v\n%s", err, out)
		}
	})
	if nodeModulesErr != nil {
		missing(t, "graphology parsers unavailable: "+nodeModulesErr.Error())
	}
	return nodeModulesDir
}

func TestGraphologyReaders(t *testing.T) {
	node := requireTool(t, "node")
	dir := nodeModules(t)
	readers := []reader{
		{"graphml", "graphml", GraphML{}, wantXML},
		{"gexf", "gexf", GEXF{}, wantXML},
		{"gexf", "1.3.gexf", GEXF{Version: GEXF13}, wantXML},
	}
	runReaders(t, readers, func(args []string) (string, error) {
		return stdout(dir, node, append([]string{"-e", graphologyReaders}, args...)...)
	})
}

// TestValidateExports runs the project's own checker on the realistic and
// hostile graphs in every format it knows; every line must say ok.
func TestValidateExports(t *testing.T) {
	script := filepath.Join(sharedDir(t), "tools", "validate_exports.sh")
	if _, err := os.Stat(script); err != nil {
		missing(t, "validate_exports.sh not found")
	}
	bash := requireTool(t, "bash")
	for _, tool := range []string{"dot", "xmllint", "node", "npm"} {
		requireTool(t, tool)
	}
	modules := nodeModules(t) // same packages: spare the script an install
	dir := t.TempDir()
	args := []string{script}
	for _, tg := range []namedGraph{{"realistic", realisticGraph()}, {"hostile", hostileGraph()}} {
		// graphology and NetworkX report an empty graph as a failure, so
		// only non-empty graphs go through the script.
		for _, f := range []struct {
			ext string
			w   Writer
		}{{"dot", DOT{}}, {"gv", DOT{}}, {"graphml", GraphML{}}, {"gexf", GEXF{}}, {"json", JSON{}}} {
			// Absolute paths: the script runs node in another directory.
			args = append(args, writeTemp(t, dir, tg.name+"."+f.ext, f.w, tg.g))
		}
	}
	cmd := exec.Command(bash, args...)
	cmd.Env = append(os.Environ(), "COGRAPH_VALIDATE_CACHE="+modules)
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code == 2 {
		missing(t, "validate_exports.sh: "+string(out))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, l := range lines {
		// The script masks a crashing node behind "ok" (it takes the exit
		// status of tail), so a graphology line must also report counts.
		if !strings.HasPrefix(l, "ok ") || strings.Contains(l, "graphology") && !strings.Contains(l, " nodes ") {
			t.Errorf("validate_exports.sh: %s", l)
		}
	}
	if err != nil || len(lines) != 2*(1+1+4+3+1) {
		t.Errorf("validate_exports.sh: %v, %d lines:\n%s", err, len(lines), out)
	}
	if testing.Verbose() {
		t.Logf("validate_exports.sh:\n%s", out)
	}
}
