package extract

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// tableValues returns every tab-separated field of every embedded table,
// split at "|" (aliases), comments and headers included: the strings the
// lexicon's code paths meet.
func tableValues(t *testing.T) []string {
	t.Helper()
	var values []string
	err := fs.WalkDir(dataFS, "data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dataFS, path)
		for line := range strings.Lines(string(b)) {
			for f := range strings.SplitSeq(strings.TrimRight(line, "\r\n"), "\t") {
				values = append(values, strings.Split(f, "|")...)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return values
}

// TestPlainWordsMatchTokenizer checks the keyer's shortcut for plain names
// against the tokenizer it stands for, on every value of every embedded
// table and on spacing the tables do not have. A shortcut that split
// differently would make the lexicon miss names in text.
func TestPlainWordsMatchTokenizer(t *testing.T) {
	values := append([]string{"New York", "  New   York ", "G20", "", "   ", "a", "Abc123 x9"}, tableValues(t)...)
	plain := 0
	var fast, slow keyer
	for _, v := range values {
		got, ok := fast.plainWords(v)
		if !ok {
			continue
		}
		plain++
		want := slow.tokenized(v)
		if !slices.Equal(got, want) {
			t.Errorf("%q: plain words %q, tokenizer %q", v, got, want)
		}
	}
	if plain < len(values)/2 {
		t.Errorf("only %d of %d table values take the shortcut", plain, len(values))
	}
}
