package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"cograph/extract/ner"
)

const tagHelp = `Usage: cograph tag [flags] [FILE|-]

Reads CoNLL-style lines (the token in the first column, any other columns
kept, a blank line between sentences, -DOCSTART- lines between documents)
and writes every line back with one more column: the predicted IOB2 tag
(B-PER, I-ORG, B-LOC, B-MISC, B-EVENT, ..., O). Columns are separated by a
tab when the line has one, else by a space. The tokens are used as given;
each document is tagged as a whole, so its other sentences serve as
context. Without FILE, or with -, standard input is read.

Flags:
`

// runTag tags a CoNLL file; see tagHelp.
func runTag(e *env, args []string) int {
	fs := flag.NewFlagSet("tag", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	modelPath := fs.String("model", "", "model `FILE` (default: the embedded model)")
	noGaz := fs.Bool("no-gazetteer", false, "tag without the gazetteer features")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, tagHelp)
		fs.PrintDefaults()
		fmt.Fprint(e.stderr, "\nEXIT STATUS\n  0 ok, 1 error (a malformed line is reported as FILE:LINE), 2 bad usage,\n  130 interrupted.\n")
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) > 1 {
		return e.exitCode(usagef("tag: want at most one FILE, got %d", len(pos)))
	}
	m, gaz, err := loadTagger(*modelPath, *noGaz)
	if err != nil {
		return e.exitCode(err)
	}
	in, name, closeIn, err := openInput(e, pos)
	if err != nil {
		return e.exitCode(err)
	}
	defer closeIn()
	r := ner.NewReader(in)
	r.Path = name
	w := ner.NewWriter(e.stdout)
	var tags [][]string
	for {
		if err := e.ctx.Err(); err != nil {
			return e.exitCode(err)
		}
		d, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			w.Flush()
			return e.exitCode(err)
		}
		tags = m.TagDocumentTo(tags, d.Tokens(), gaz)
		if err := w.Write(d, tags); err != nil {
			return e.exitCode(err)
		}
	}
	return e.exitCode(w.Flush())
}

// loadTagger returns the model at path, or the embedded one, and the
// gazetteer unless noGaz.
func loadTagger(path string, noGaz bool) (*ner.Model, ner.Gazetteer, error) {
	var m *ner.Model
	var err error
	if path == "" {
		m, err = ner.Default()
	} else {
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return nil, nil, fmt.Errorf("load model: %w", err)
		}
		m, err = ner.Load(bufio.NewReader(f))
		f.Close()
		if err != nil {
			err = fmt.Errorf("load model %s: %w", path, err)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if noGaz {
		return m, nil, nil
	}
	gaz, err := gazetteer()
	if err != nil {
		return nil, nil, err
	}
	return m, gaz, nil
}

// openInput opens the one positional argument, or standard input for none
// or "-".
func openInput(e *env, pos []string) (io.Reader, string, func(), error) {
	if len(pos) == 0 || pos[0] == "-" {
		return e.stdin, "<stdin>", func() {}, nil
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return nil, "", nil, err
	}
	return f, pos[0], func() { f.Close() }, nil
}
