// Command wordtable derives extract/ner/model/words.table, the embedded
// model's sums for the commonest words of news (see ner.Model.WordTable):
// it counts the tokens of unlabelled news text as extract.Segment writes
// them, and has the embedded model compute the table for the most
// frequent ones, the commonest first. Rerun it whenever the model changes
// (TestWordTableCurrent fails until then).
//
// Usage (from the repository root; about 10 s):
//
//	go run ./internal/gen/wordtable ../shared/data/unlabeled
//
// Every *.txt file under the given directories is read, one document per
// line.
package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"cograph/extract"
	"cograph/extract/ner"
	"cograph/internal/atomicfile"
	"cograph/internal/gen/textdirs"
)

func main() {
	out := flag.String("o", "extract/ner/model/words.table", "output `FILE`")
	n := flag.Int("n", 16000, "number of words (at most 65535)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wordtable [-o FILE] [-n N] DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *n, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "wordtable:", err)
		os.Exit(1)
	}
}

func run(out string, n int, dirs []string) error {
	counts := map[string]int{}
	err := textdirs.EachDocument(dirs, func(doc string) {
		for _, s := range extract.Segment(doc) {
			for _, t := range s.Tokens {
				counts[t.Norm]++
			}
		}
	})
	if err != nil {
		return err
	}
	if len(counts) == 0 {
		return fmt.Errorf("no words under %s", strings.Join(dirs, " "))
	}
	m, err := ner.FromBytes(ner.Embedded()) // not Default, which reads the table being replaced
	if err != nil {
		return err
	}
	table, err := m.WordTable(commonest(counts), n)
	if err != nil {
		return err
	}
	err = atomicfile.WriteFile(out, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(table))
		return err
	})
	if err == nil {
		fmt.Fprintf(os.Stderr, "wordtable: %d distinct words counted; %s: %d bytes\n", len(counts), out, len(table))
	}
	return err
}

// commonest returns the words by decreasing count, ties in byte order.
func commonest(counts map[string]int) []string {
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
	return words
}
