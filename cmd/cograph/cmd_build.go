package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"cograph/export"
	"cograph/extract"
	"cograph/graph"
)

// buildOptions are the flags of 'cograph build'.
type buildOptions struct {
	out, format, window, types string
	aliases                    string
	minWeight                  float64
	minMentions, top           int
	seed                       uint64
	runOptions
}

func newBuildFlags(e *env, o *buildOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.out, "o", "", "output `FILE`; the format follows the extension (.dot .gv .graphml .gexf .json .csv); - or none: DOT on stdout")
	fs.StringVar(&o.format, "format", "", "output format: dot, graphml, gexf, json or csv (overrides the extension)")
	fs.StringVar(&o.window, "window", "document", "co-mention window: document, paragraph, sentence, or N for a window of N consecutive sentences")
	fs.StringVar(&o.types, "types", "person,organization,event", "entity types to keep, comma separated: person, organization, event, place (or all)")
	fs.Float64Var(&o.minWeight, "min-weight", 1, "drop edges whose weight is below `N`")
	fs.IntVar(&o.minMentions, "min-mentions", 1, "drop entities mentioned fewer than `N` times")
	fs.IntVar(&o.top, "top", 0, "keep only the `N` entities with the highest PageRank (0: all)")
	fs.Uint64Var(&o.seed, "seed", 1, "seed for community detection and sampling")
	fs.StringVar(&o.aliases, "aliases", "", "aliases `FILE` that merges, renames, drops or keeps apart names (see README, and 'cograph aliases suggest')")
	addRunFlags(fs, &o.runOptions)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `Usage: cograph build [flags] PATH...

Reads the articles under PATH (files, directories, or - for stdin), finds the
people, organizations, events and places they mention, and writes the graph in
which two entities are linked when they occur in the same window; an edge's
weight is the number of windows in which both occur.

Examples:
  cograph build -o graph.gexf articles/
  cograph build --window sentence --types all -o graph.graphml news.jsonl
  cograph build --top 50 articles/ | sfdp -Tsvg > graph.svg

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
	format := o.format
	if format == "" && o.out != "" && o.out != "-" {
		if format, err = export.FormatFromPath(o.out); err != nil {
			return 0, nil, "", usagef("build: -o: %v; or name the format with --format", err)
		}
	}
	if format == "" {
		format = "dot"
	}
	if _, err := export.ForFormat(format); err != nil {
		return 0, nil, "", usagef("build: --format: %v", err)
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
	st, err := processArticles(e, paths, ro, func(d *extract.Document) error {
		b.Add(d)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if st.articles.Load() == 0 {
		return nil, nil, fmt.Errorf("no article could be read from %s", strings.Join(paths, " "))
	}
	return b, st, nil
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
	b, st, err := buildFrom(e, paths, o.runOptions, win, o.aliases)
	if err != nil {
		return 0, err
	}
	g := b.Graph(graph.Filter{Types: types, MinWeight: o.minWeight, MinMentions: o.minMentions, Top: o.top, Seed: o.seed})
	dest := o.out
	if dest == "" || dest == "-" {
		w, _ := export.ForFormat(format)
		err = w.Write(e.stdout, g)
		dest = "stdout"
	} else {
		err = export.WriteFile(o.out, format, g)
	}
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", dest, err)
	}
	if !o.quiet {
		e.errorf("%s; graph: %s nodes, %s edges (%s window) -> %s", st.summary(),
			group(int64(len(g.Nodes))), group(int64(len(g.Edges))), win, dest)
	}
	if st.skipped.Load() > 0 {
		return exitPartial, nil
	}
	return exitOK, nil
}
