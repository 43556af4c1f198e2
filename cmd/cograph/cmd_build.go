package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"

	"cograph/export"
	"cograph/extract"
	"cograph/graph"
)

// buildOptions are the flags of 'cograph build'.
type buildOptions struct {
	out, format, window, types string
	aliases, weight            string
	gexfVersion, betweenness   string
	since, until               string
	minWeight, backbone        float64
	minMentions, top, evidence int
	cite                       int
	dynamic                    bool
	seed                       uint64
	runOptions
}

func newBuildFlags(e *env, o *buildOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.out, "o", "", "output `FILE`; the format follows the extension (.dot .gv .graphml .gexf .json .csv, or .svg .png .pdf to draw it with Graphviz sfdp); - or none: DOT on stdout")
	fs.StringVar(&o.format, "format", "", "output format: dot, graphml, gexf, json, csv, svg, png or pdf (overrides the extension)")
	fs.StringVar(&o.gexfVersion, "gexf-version", export.GEXF12, "GEXF version: 1.2draft (read by Gephi, graphology and every NetworkX) or 1.3")
	fs.StringVar(&o.window, "window", "document", "co-mention window: document, paragraph, sentence, or N for a window of N consecutive sentences")
	fs.StringVar(&o.types, "types", "person,organization,event", "entity types to keep, comma separated: person, organization, event, place (or all)")
	fs.StringVar(&o.weight, "weight", "count", "edge weight: count (windows shared), jaccard, npmi or association (VOSviewer's association strength); the count is always kept as 'count'")
	fs.Float64Var(&o.minWeight, "min-weight", 1, "drop edges whose count is below `N`")
	fs.Float64Var(&o.backbone, "backbone", 0, "keep only the edges significant at level `ALPHA` under the disparity filter (e.g. 0.05); 0: all")
	fs.IntVar(&o.evidence, "evidence", graph.DefaultEvidence, "keep up to `N` sentences naming both entities on each edge")
	fs.IntVar(&o.cite, "cite", graph.DefaultCite, "list up to `N` articles on each edge, the first in input order (0: all); its documents count them all")
	fs.BoolVar(&o.dynamic, "dynamic", false, "GEXF: write node and edge spells from the article dates, for Gephi's timeline (lists every article on each edge: the spells need all their dates)")
	fs.StringVar(&o.since, "since", "", "only articles dated on or after `DATE` (YYYY-MM-DD); undated ones are left out")
	fs.StringVar(&o.until, "until", "", "only articles dated on or before `DATE` (YYYY-MM-DD); undated ones are left out")
	fs.IntVar(&o.minMentions, "min-mentions", 1, "drop entities mentioned fewer than `N` times")
	fs.IntVar(&o.top, "top", 0, "keep only the `N` entities with the highest PageRank (0: all)")
	fs.Uint64Var(&o.seed, "seed", 1, "seed for community detection and sampling")
	fs.StringVar(&o.betweenness, "betweenness", "auto", "betweenness: auto (exact up to nodes × edges = 10^8, else sampled), exact, approx or off")
	fs.StringVar(&o.aliases, "aliases", "", "aliases `FILE` that merges, renames, drops or keeps apart names (see README, and 'cograph aliases suggest')")
	addRunFlags(fs, &o.runOptions)
	addCacheFlag(fs, &o.runOptions)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `Usage: cograph build [flags] PATH...

Reads the articles under PATH (files, directories, or - for stdin), finds the
people, organizations, events and places they mention, and writes the graph in
which two entities are linked when they occur in the same window; an edge's
weight is the number of windows in which both occur.

Examples:
  cograph build -o graph.gexf articles/
  cograph build --window sentence --types all -o graph.graphml news.jsonl
  cograph build --top 50 -o graph.svg articles/
  cograph build --window sentence --weight npmi --backbone 0.05 -o graph.graphml articles/
  cograph build --dynamic --since 2024-01-01 -o timeline.gexf news.jsonl

Flags:
`)
		fs.PrintDefaults()
		fmt.Fprint(e.stderr, "\nExit status: 0 ok, 1 error, 2 bad usage, 3 some inputs skipped, 130 interrupted.\n")
	}
	return fs
}

func runBuild(e *env, args []string) int {
	var o buildOptions
	fs := newBuildFlags(e, &o)
	return e.runWith(fs, args, func(paths []string) (int, error) { return build(e, &o, paths) })
}

// validateBuild checks the flags and returns the parsed window, types and
// output format.
func validateBuild(o *buildOptions, paths []string) (graph.Window, []string, string, error) {
	if len(paths) == 0 {
		return 0, nil, "", usagef("build: no input; give files, directories or - for stdin (see cograph build --help)")
	}
	win, err := graph.ParseWindow(o.window)
	if err != nil {
		return 0, nil, "", usagef("build: --window: %v", err)
	}
	types, err := parseTypes(o.types)
	if err != nil {
		return 0, nil, "", err
	}
	if err := validateGraphFlags(o); err != nil {
		return 0, nil, "", err
	}
	format := o.format
	if format == "" && o.out != "" && o.out != "-" {
		if format, err = export.FormatFromPath(o.out); err != nil {
			return 0, nil, "", usagef("build: -o: %v; or name the format with --format", err)
		}
	}
	if format == "" {
		format = "dot"
	}
	w, err := export.ForFormat(format)
	if err != nil {
		return 0, nil, "", usagef("build: --format: %v", err)
	}
	if o.gexfVersion != export.GEXF12 && o.gexfVersion != export.GEXF13 {
		return 0, nil, "", usagef("build: --gexf-version: %q (want %s or %s)", o.gexfVersion, export.GEXF12, export.GEXF13)
	}
	if r, ok := w.(export.Rendered); ok {
		if err := r.Check(); err != nil {
			return 0, nil, "", err // before minutes of extraction
		}
	}
	if format == "csv" && (o.out == "" || o.out == "-") {
		return 0, nil, "", usagef("build: csv writes two files (NAME.nodes.csv, NAME.edges.csv); give -o NAME.csv")
	}
	return win, types, format, nil
}

// buildFrom streams the articles under paths into a new graph builder
// that applies the aliases file, if any; reading no article is an error.
func buildFrom(e *env, paths []string, ro runOptions, win graph.Window, aliases string) (*graph.Builder, *stats, error) {
	b, err := newBuilder(win, aliases)
	if err != nil {
		return nil, nil, err
	}
	st, err := addArticles(e, paths, ro, b)
	return b, st, err
}

// addArticles streams the articles under paths into b.
func addArticles(e *env, paths []string, ro runOptions, b *graph.Builder) (*stats, error) {
	st, err := processArticles(e, paths, ro, func(d *extract.Document) error {
		b.Add(d)
		d.Release() // the graph keeps nothing of its sentences
		return nil
	})
	if err != nil {
		return nil, err
	}
	if st.articles.Load() == 0 {
		return nil, fmt.Errorf("no article could be read from %s", strings.Join(paths, " "))
	}
	if b.Documents == 0 {
		return nil, fmt.Errorf("none of the %d articles is dated within --since/--until", b.OutOfRange)
	}
	return st, nil
}

// newBuilder returns a graph builder applying the aliases file, if any.
func newBuilder(win graph.Window, aliases string) (*graph.Builder, error) {
	b := graph.NewBuilder(win)
	if aliases == "" {
		return b, nil
	}
	a, err := graph.LoadAliases(aliases)
	if err != nil {
		return nil, fmt.Errorf("--aliases: %w (fix the line, or see README: Aliases file)", err)
	}
	b.SetAliases(a)
	return b, nil
}

// validateGraphFlags checks the weighting, backbone, evidence and date
// flags.
func validateGraphFlags(o *buildOptions) error {
	if _, err := graph.ParseWeighting(o.weight); err != nil {
		return usagef("build: --weight: %v", err)
	}
	if _, err := graph.ParseBetweenness(o.betweenness); err != nil {
		return usagef("build: --betweenness: %v", err)
	}
	if o.backbone < 0 || o.backbone >= 1 {
		return usagef("build: --backbone: %v is not a significance level (want 0 < ALPHA < 1, e.g. 0.05)", o.backbone)
	}
	if o.evidence < 0 {
		return usagef("build: --evidence: %d is negative", o.evidence)
	}
	if o.cite < 0 {
		return usagef("build: --cite: %d is negative", o.cite)
	}
	for _, d := range []struct{ flag, v string }{{"since", o.since}, {"until", o.until}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return usagef("build: --%s: %q is not a date (want YYYY-MM-DD)", d.flag, d.v)
		}
	}
	if o.since != "" && o.until != "" && o.until < o.since {
		return usagef("build: --until %s is before --since %s", o.until, o.since)
	}
	return nil
}

// outOfRange notes the articles --since/--until left out and the windows
// cut to MaxWindowEntities, for the summary.
func outOfRange(b *graph.Builder) string {
	s := ""
	if b.OutOfRange > 0 {
		s += fmt.Sprintf(" (%s outside --since/--until)", group(int64(b.OutOfRange)))
	}
	if b.Truncated > 0 {
		s += fmt.Sprintf(" (%s windows held over %d entities: only the first %d were paired)",
			group(int64(b.Truncated)), graph.MaxWindowEntities, graph.MaxWindowEntities)
	}
	return s
}

var allTypes = []string{graph.Person, graph.Organization, graph.Event, graph.Place}

func parseTypes(s string) ([]string, error) {
	if strings.TrimSpace(s) == "all" {
		return allTypes, nil
	}
	types := splitList(s)
	for _, t := range types {
		if !slices.Contains(allTypes, t) {
			return nil, usagef("build: --types: unknown type %q (want %s, or all)", t, strings.Join(allTypes, ", "))
		}
	}
	if len(types) == 0 {
		return nil, usagef("build: --types is empty")
	}
	return types, nil
}

func build(e *env, o *buildOptions, paths []string) (int, error) {
	win, types, format, err := validateBuild(o, paths)
	if err != nil {
		return 0, err
	}
	b, err := newBuilder(win, o.aliases)
	if err != nil {
		return 0, err
	}
	b.Evidence, b.Cite, b.Since, b.Until = o.evidence, o.cite, o.since, o.until
	if o.dynamic {
		b.Cite = 0 // an edge's spells are made from the dates of all its articles
	}
	st, err := addArticles(e, paths, o.runOptions, b)
	if err != nil {
		return 0, err
	}
	weight, _ := graph.ParseWeighting(o.weight)
	bc, _ := graph.ParseBetweenness(o.betweenness)
	g := b.Graph(graph.Filter{Types: types, MinWeight: o.minWeight, MinMentions: o.minMentions, Weight: weight,
		Backbone: o.backbone, Top: o.top, Dynamic: o.dynamic, Betweenness: bc, Seed: o.seed})
	w, _ := export.ForFormat(format)
	if gx, ok := w.(export.GEXF); ok {
		gx.Version = o.gexfVersion
		w = gx
	}
	dest := o.out
	if dest == "" || dest == "-" {
		err = w.Write(e.stdout, g)
		dest = "stdout"
	} else {
		err = export.WriteFileWith(o.out, w, g)
	}
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", dest, err)
	}
	if !o.quiet {
		e.errorf("%s%s; graph: %s nodes, %s edges (%s window, %s weight) -> %s", st.summary(), outOfRange(b),
			group(int64(len(g.Nodes))), group(int64(len(g.Edges))), win, weight, dest)
	}
	if st.skipped.Load() > 0 {
		return exitPartial, nil
	}
	return exitOK, nil
}
