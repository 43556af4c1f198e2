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
	"bufio"
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"cograph/extract"
	"cograph/extract/ner"
	"cograph/internal/atomicfile"
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
	for _, dir := range dirs {
		if err := countDir(dir, counts); err != nil {
			return err
		}
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

func countDir(dir string, counts map[string]int) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	slices.Sort(files)
	for _, f := range files {
		if err := countFile(f, counts); err != nil {
			return err
		}
	}
	return nil
}

func countFile(path string, counts map[string]int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		for _, s := range extract.Segment(sc.Text()) {
			for _, t := range s.Tokens {
				counts[t.Norm]++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
