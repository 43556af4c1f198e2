package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"cograph/extract"
)

// Source kinds: how a file holds its text.
const (
	docLines    = iota // one document per line; TABs separate title and body
	docFile            // one article per file: headline, blank line, paragraphs
	conllTokens        // one token per line, first column; blank line ends a sentence
	gmbCSV             // the GMB CSV: Windows-1252, "Sentence #,Word,POS,Tag"
)

// A source is one input file.
type source struct {
	path string
	kind int
}

// layout lists the inputs under the shared data directory. Only the train
// splits of the labelled corpora are named: the dev and test splits measure
// the tagger, so no statistic may come from them.
var layout = []struct {
	glob string
	kind int
}{
	{"unlabeled/*/*.txt", docLines},
	{"news/bbc/*/*.txt", docFile},
	{"ner/conll2003/train.txt", conllTokens},
	{"ner/gmb/train.csv", gmbCSV},
	{"ner/crossner-politics/train.txt", conllTokens},
	{"ner/wnut17/train.txt", conllTokens},
}

// errMissing reports an expected input that is not there. The output must
// be reproducible from the command in its header, so a partial corpus is an
// error rather than a warning.
var errMissing = errors.New("no input matches")

// sources returns the input files under root in a fixed order.
func sources(root string) ([]source, error) {
	var srcs []source
	for _, l := range layout {
		paths, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(l.glob)))
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("%s: %w", filepath.Join(root, l.glob), errMissing)
		}
		slices.Sort(paths)
		for _, p := range paths {
			srcs = append(srcs, source{p, l.kind})
		}
	}
	return srcs, nil
}

// A corpus is the token stream of all inputs: interned words, their
// counts, and the sequence of word IDs with -1 between sentences. Word IDs
// follow first occurrence and so depend on reading order; everything built
// from them later sorts by count and spelling instead.
type corpus struct {
	words  []string
	counts []int64
	ids    map[string]int32
	stream []int32
	tokens int64 // tokens in stream, separators excluded
	docs   int   // documents read (raw text) or files (labelled corpora)
	dups   int   // raw-text documents skipped as exact duplicates
	lower  bool  // fold words to lower case
}

func newCorpus(lower bool) *corpus {
	return &corpus{ids: map[string]int32{}, lower: lower}
}

// add appends one sentence.
func (c *corpus) add(toks []string) {
	if len(toks) == 0 {
		return
	}
	for _, w := range toks {
		if c.lower {
			w = strings.ToLower(w)
		}
		id, ok := c.ids[w]
		if !ok {
			id = int32(len(c.words))
			w = strings.Clone(w) // do not pin the document the token came from
			c.ids[w] = id
			c.words = append(c.words, w)
			c.counts = append(c.counts, 0)
		}
		c.counts[id]++
		c.stream = append(c.stream, id)
	}
	c.stream = append(c.stream, -1)
	c.tokens += int64(len(toks))
}

// read reads every source into c. Raw documents are segmented by jobs
// workers; the single consumer appends their sentences in document order,
// so the stream is the same for any number of workers.
func (c *corpus) read(ctx context.Context, srcs []source, jobs int) error {
	type doc struct {
		text string
		out  chan [][]string
	}
	docs := make(chan doc, 4*jobs)
	order := make(chan chan [][]string, 4*jobs)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for d := range docs {
				d.out <- segment(d.text)
			}
		})
	}
	// The producer hands each document to a worker and its result channel
	// to the consumer in the same order.
	var prodErr error
	go func() {
		defer close(order)
		defer close(docs)
		emit := func(text string) bool {
			out := make(chan [][]string, 1)
			select {
			case docs <- doc{text, out}:
			case <-ctx.Done():
				return false
			}
			select {
			case order <- out:
			case <-ctx.Done():
				return false
			}
			return true
		}
		seen := map[[16]byte]bool{}
		for _, s := range srcs {
			err := readSource(s, func(text string) bool {
				// Exact duplicates (BBC and Reuters-21578 repeat some
				// stories) would double-count their bigrams.
				sum := sha256.Sum256([]byte(text))
				h := [16]byte(sum[:16])
				if seen[h] {
					c.dups++
					return true
				}
				seen[h] = true
				c.docs++
				return emit(text)
			}, func(toks []string) bool {
				out := make(chan [][]string, 1)
				out <- [][]string{toks}
				select {
				case order <- out:
					return true
				case <-ctx.Done():
					return false
				}
			})
			if err != nil {
				prodErr = err
				return
			}
			if ctx.Err() != nil {
				return
			}
		}
	}()
	for out := range order {
		for _, s := range <-out {
			c.add(s)
		}
	}
	wg.Wait()
	if prodErr != nil {
		return prodErr
	}
	return ctx.Err()
}

// segment tokenizes raw text as the tagger will, returning each sentence's
// folded tokens.
func segment(text string) [][]string {
	var out [][]string
	for _, s := range extract.Segment(text) {
		toks := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			toks[i] = t.Norm
		}
		out = append(out, toks)
	}
	return out
}

// readSource calls doc for each raw document of s, or sent for each
// sentence of a labelled corpus. Either returns false to stop.
func readSource(s source, doc func(string) bool, sent func([]string) bool) error {
	b, err := os.ReadFile(s.path)
	if err != nil {
		return err
	}
	switch s.kind {
	case docFile:
		doc(decode(b))
	case docLines:
		err = eachLine(s.path, decode(b), func(line string) bool {
			// Titles carry no final period; a paragraph break keeps them
			// from running into the body's first sentence.
			return doc(strings.ReplaceAll(line, "\t", "\n\n"))
		})
	case conllTokens:
		err = readCoNLL(s.path, decode(b), sent)
	case gmbCSV:
		err = readGMB(s.path, decodeCP1252(b), sent)
	default:
		panic("clusters: unknown source kind")
	}
	return err
}

// maxLine bounds one line (one document of the unlabelled corpora).
const maxLine = 16 << 20

func eachLine(path, text string, fn func(string) bool) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	line := 0
	for sc.Scan() {
		line++
		if t := strings.TrimSpace(sc.Text()); t != "" && !fn(t) {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", path, line+1, err)
	}
	return nil
}

// readCoNLL reads the first column of a CoNLL-style file. Lines holding
// only white space end a sentence (WNUT-17 separates sentences with a lone
// TAB); -DOCSTART- lines are markers, not text.
func readCoNLL(path, text string, sent func([]string) bool) error {
	var toks []string
	flush := func() bool {
		ok := true
		if len(toks) > 0 {
			ok = sent(toks)
		}
		toks = nil
		return ok
	}
	err := eachLineRaw(path, text, func(line string) bool {
		f := strings.FieldsFunc(line, func(r rune) bool { return r == '\t' || r == ' ' })
		switch {
		case len(f) == 0:
			return flush()
		case f[0] == "-DOCSTART-":
			return flush()
		}
		toks = append(toks, extract.Fold(f[0]))
		return true
	})
	if err != nil {
		return err
	}
	flush()
	return nil
}

// eachLineRaw is eachLine without skipping blank lines.
func eachLineRaw(path, text string, fn func(string) bool) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 1<<16), maxLine)
	line := 0
	for sc.Scan() {
		line++
		if !fn(strings.TrimRight(sc.Text(), "\r")) {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", path, line+1, err)
	}
	return nil
}

// readGMB reads the Word column of the GMB CSV; a non-empty first column
// ("Sentence: N") starts a sentence.
func readGMB(path, text string, sent func([]string) bool) error {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = 4
	r.ReuseRecord = true
	var toks []string
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if first { // header
			first = false
			continue
		}
		if rec[0] != "" && len(toks) > 0 {
			if !sent(toks) {
				return nil
			}
			toks = nil
		}
		if w := strings.TrimSpace(rec[1]); w != "" {
			toks = append(toks, extract.Fold(w))
		}
	}
	if len(toks) > 0 {
		sent(toks)
	}
	return nil
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252 to runes (the same table
// as package corpus, which does not export it); unassigned bytes map to the
// C1 control of the same value, as the WHATWG Encoding Standard does.
var cp1252 = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

// decode returns b as text: UTF-8 where valid, each invalid byte read as
// Windows-1252 (BBC sport/199.txt has one raw Latin-1 pound sign).
func decode(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			r, n = cp1252Rune(b[0]), 1
		}
		sb.WriteRune(r)
		b = b[n:]
	}
	return sb.String()
}

// decodeCP1252 decodes a file known to be Windows-1252 (the GMB CSV), where
// a byte sequence that happens to be valid UTF-8 must still be read byte by
// byte.
func decodeCP1252(b []byte) string {
	if !slices.ContainsFunc(b, func(c byte) bool { return c >= utf8.RuneSelf }) {
		return string(b)
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(cp1252Rune(c))
	}
	return sb.String()
}

func cp1252Rune(c byte) rune {
	if c >= 0x80 && c <= 0x9F {
		return cp1252[c-0x80]
	}
	return rune(c) // Windows-1252 equals Latin-1 elsewhere
}

// defaultJobs is the default worker count.
func defaultJobs() int { return runtime.GOMAXPROCS(0) }
