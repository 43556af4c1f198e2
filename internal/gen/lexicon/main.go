// Command lexicon compiles the lexicon tables of extract/data into
// extract/lexicon.bin, which the program embeds and uses where it lies
// (see extract/lexiconfile.go). Rerun it whenever a table changes
// (TestCompiledLexicon fails until then).
//
// Usage (from the repository root; under a second):
//
//	go run ./internal/gen/lexicon
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"cograph/extract"
	"cograph/internal/atomicfile"
)

func main() {
	dir := flag.String("dir", "extract/data", "the tables' `DIR`")
	out := flag.String("o", "extract/lexicon.bin", "output `FILE`")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: lexicon [-dir DIR] [-o FILE]")
		os.Exit(2)
	}
	// The tables are read as data/ (their folder's name is part of the
	// lexicon's digest).
	b, err := extract.CompileLexicon(os.DirFS(filepath.Dir(*dir)), filepath.Base(*dir))
	if err == nil {
		err = atomicfile.WriteFile(*out, func(w io.Writer) error {
			_, err := io.Copy(w, bytes.NewReader(b))
			return err
		})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "lexicon:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "lexicon: %s: %d bytes\n", *out, len(b))
}
