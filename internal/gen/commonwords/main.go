// Command commonwords derives extract/data/common_words.txt from unlabelled
// news text: the words that writers mostly spell in lower case when they are
// not at the start of a sentence. The recognizer uses the list to tell names
// ("Jou Junqian") from capitalised ordinary words ("Red Silk", "Global
// South") and to discard sentence-initial words.
//
// Usage (from the repository root):
//
//	go run ./internal/gen/commonwords -o extract/data/common_words.txt ../shared/data/unlabeled
//
// Every *.txt file under the given directories is read, one document per line.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"cograph/extract"
	"cograph/internal/gen/textdirs"
)

type counts struct{ lower, upper int }

func main() {
	out := flag.String("o", "extract/data/common_words.txt", "output file")
	minLower := flag.Int("min", 3, "minimum lower-case occurrences")
	share := flag.Float64("share", 0.5, "minimum share of lower-case occurrences")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: commonwords [-o FILE] DIR...")
		os.Exit(2)
	}
	stats := map[string]*counts{}
	err := textdirs.EachDocument(flag.Args(), func(doc string) {
		for _, s := range extract.Segment(doc) {
			countSentence(s, stats)
		}
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "commonwords:", err)
		os.Exit(1)
	}
	if err := write(*out, stats, *minLower, *share); err != nil {
		fmt.Fprintln(os.Stderr, "commonwords:", err)
		os.Exit(1)
	}
}

// countSentence counts each word's lower-case and capitalised uses, skipping
// the first word and all-capitals sentences, where case says nothing.
func countSentence(s extract.Sentence, stats map[string]*counts) {
	if allCaps(s) {
		return
	}
	for i, t := range s.Tokens {
		r, _ := utf8.DecodeRuneInString(t.Norm)
		if i == 0 || !unicode.IsLetter(r) || (i > 0 && isQuote(s.Tokens[i-1].Norm)) {
			continue
		}
		w := strings.ToLower(t.Norm)
		c := stats[w]
		if c == nil {
			c = &counts{}
			stats[w] = c
		}
		if unicode.IsUpper(r) {
			c.upper++
		} else if t.Norm == w {
			c.lower++
		}
	}
}

func isQuote(s string) bool { return s == "\"" || s == "'" || s == "(" || s == ":" }

func allCaps(s extract.Sentence) bool {
	letters, upper := 0, 0
	for _, t := range s.Tokens {
		for _, r := range t.Norm {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	return letters > 0 && upper*2 > letters
}

func write(path string, stats map[string]*counts, minLower int, share float64) error {
	var words []string
	for w, c := range stats {
		if c.lower >= minLower && float64(c.lower) >= share*float64(c.lower+c.upper) {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	var b strings.Builder
	b.WriteString("# Words that news text mostly writes in lower case mid-sentence.\n")
	b.WriteString("# Derived from unlabelled news text by internal/gen/commonwords; do not edit.\n")
	b.WriteString("# Rebuild: go run ./internal/gen/commonwords -o extract/data/common_words.txt ../shared/data/unlabeled\n")
	for _, w := range words {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
