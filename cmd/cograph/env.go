package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// env carries the process's streams and context to the subcommands.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	mu             sync.Mutex // serialises stderr between progress and messages
}

func (e *env) errorf(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	clearLine(e.stderr)
	fmt.Fprintf(e.stderr, "cograph: "+format+"\n", args...)
}

func (e *env) warnf(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	clearLine(e.stderr)
	fmt.Fprintf(e.stderr, "cograph: warning: "+format+"\n", args...)
}

// isTerminal reports whether w is a character device: progress is drawn
// only there, never into a file or pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func clearLine(w io.Writer) {
	if isTerminal(w) {
		fmt.Fprint(w, "\r\033[K")
	}
}

// parseInterspersed parses flags wherever they appear among the arguments
// ("cograph build news/ -o g.gexf"), as users expect; "--" ends flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// runWith parses the flags and paths of a command and runs it, mapping
// flag errors, --help and the command's error to the exit code.
func (e *env) runWith(fs *flag.FlagSet, args []string, cmd func(paths []string) (int, error)) int {
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	code, err := cmd(paths)
	if err != nil {
		return e.exitCode(err)
	}
	return code
}

// usageError marks errors in the command line (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// exitCode maps an error from a subcommand to the process exit code.
func (e *env) exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		e.errorf("%v", err)
		return exitUsage
	case errors.Is(err, context.Canceled) || e.ctx.Err() != nil:
		e.errorf("interrupted; no output was written (any previous output file is unchanged)")
		return exitInterrupted
	}
	e.errorf("%v", err)
	return exitError
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `cograph builds the co-mention graph of the people, organizations, events and
places that news articles mention, for Graphviz and Gephi.

Usage:
  cograph build [flags] PATH...     write the graph (DOT, GraphML, GEXF, JSON, CSV; SVG/PNG/PDF)
  cograph extract [flags] PATH...   write the entities of each article as JSON Lines
  cograph aliases suggest PATH...   list likely merges of names, for an aliases file
  cograph explain A B PATH...       print the sentences where A and B occur together
  cograph tag [FILE|-]              add a predicted IOB2 NER tag to each CoNLL token line
  cograph eval --conll FILE         score the NER tagger on a gold CoNLL file
  cograph train -o FILE             train the NER tagger on ../shared/data/ner
  cograph version                   print the version
  cograph help COMMAND              show a command's flags

PATH is a file (.txt .md .html .htm .jsonl .ndjson), a directory (searched
recursively) or - for standard input.

Exit status:
  0    success
  1    error; no output written
  2    bad command line
  3    finished, but some inputs were skipped (each is reported on stderr)
  130  interrupted; no output written
`)
}
