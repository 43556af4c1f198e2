package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"

	"cograph/graph"
	"cograph/internal/atomicfile"
)

// suggestOptions are the flags of 'cograph aliases suggest'.
type suggestOptions struct {
	out, window, aliases string
	minScore             float64
	max                  int
	runOptions
}

func runAliases(e *env, args []string) int {
	if len(args) == 0 || args[0] != "suggest" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(e.stdout, "Usage: cograph aliases suggest [flags] PATH...\n\nRun 'cograph aliases suggest --help' for its flags.\n")
			return exitOK
		}
		e.errorf("usage: cograph aliases suggest [flags] PATH...")
		return exitUsage
	}
	var o suggestOptions
	fs := flag.NewFlagSet("aliases suggest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.out, "o", "", "write the suggestions to `FILE` (default: stdout)")
	fs.StringVar(&o.window, "window", "document", "co-mention window for the shared-context evidence: document, paragraph or sentence")
	fs.StringVar(&o.aliases, "aliases", "", "aliases `FILE` to apply first; its forbid lines also silence suggestions")
	fs.Float64Var(&o.minScore, "min-score", 0.3, "leave out suggestions scoring below `S` (0..1)")
	fs.IntVar(&o.max, "n", 200, "list at most `N` suggestions (0: all)")
	addRunFlags(fs, &o.runOptions)
	addCacheFlag(fs, &o.runOptions)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `Usage: cograph aliases suggest [flags] PATH...

Reads the articles under PATH as 'cograph build' does and lists the merges of
names it did not make but that look likely: acronyms and the names whose
initials they are, spelling variants, a person's short name that fits several
people, and names contained in longer names. Each comes with its evidence
(string similarity, neighbours the two share, articles) and the aliases-file
line that makes it. Nothing is merged: review the list and copy the lines you
accept into the file you pass to 'cograph build --aliases'.

Example:
  cograph aliases suggest articles/ > suggested.aliases

Flags:
`)
		fs.PrintDefaults()
	}
	return e.runWith(fs, args[1:], func(paths []string) (int, error) { return suggest(e, &o, paths) })
}

func suggest(e *env, o *suggestOptions, paths []string) (int, error) {
	if len(paths) == 0 {
		return 0, usagef("aliases suggest: no input; give files, directories or - for stdin")
	}
	win, err := graph.ParseWindow(o.window)
	if err != nil {
		return 0, usagef("aliases suggest: --window: %v", err)
	}
	b, st, err := buildFrom(e, paths, o.runOptions, win, o.aliases)
	if err != nil {
		return 0, err
	}
	list := b.SuggestAliases(graph.SuggestOptions{MinScore: o.minScore, Max: o.max})
	write := func(w io.Writer) error { return writeSuggestions(w, list, st.articles.Load()) }
	if o.out == "" || o.out == "-" {
		err = write(e.stdout)
	} else {
		err = atomicfile.WriteFile(o.out, write)
	}
	if err != nil {
		return 0, err
	}
	if !o.quiet {
		e.errorf("%s; %d suggestions", st.summary(), len(list))
	}
	if st.skipped.Load() > 0 {
		return exitPartial, nil
	}
	return exitOK, nil
}

// writeSuggestions prints the list in the aliases-file format, the
// evidence as comments above each line.
func writeSuggestions(w io.Writer, list []graph.Suggestion, articles int64) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# cograph aliases suggest: %d likely merges over %s articles, surest first.\n", len(list), group(articles))
	fmt.Fprintf(bw, "# Review each; copy the lines you accept into your aliases file, or write\n# 'forbid A != B' to keep two names apart for good.\n")
	for _, s := range list {
		fmt.Fprintf(bw, "\n# %s, score %.2f: %s / %s\n", s.Kind, s.Score, side(s.Merge), side(s.Keep))
		var why []string
		if s.Kind == graph.Spelling {
			why = append(why, fmt.Sprintf("similarity %.2f", s.Similarity))
		}
		if len(s.Shared) > 0 {
			why = append(why, fmt.Sprintf("shared context %.2f (%s)", s.Context, strings.Join(s.Shared, ", ")))
		} else {
			why = append(why, "no shared context")
		}
		if len(s.Others) > 0 {
			why = append(why, "may also be "+strings.Join(s.Others, ", "))
		}
		fmt.Fprintf(bw, "#   %s\n%s\n", strings.Join(why, "; "), s.Line)
	}
	return bw.Flush()
}

// side describes one node: label, type, articles and example ids.
func side(n graph.SuggestedNode) string {
	return fmt.Sprintf("%q (%s, %d mentions in %d articles, e.g. %s)", n.Label, n.Type, n.Mentions, n.Documents, strings.Join(n.Examples, ", "))
}
