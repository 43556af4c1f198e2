package extract

import (
	"maps"
	"os"
	"path/filepath"
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
	for _, file := range slices.Sorted(maps.Keys(embeddedTables)) {
		for line := range strings.Lines(embeddedTables[file]) {
			for f := range strings.SplitSeq(strings.TrimRight(line, "\r\n"), "\t") {
				values = append(values, strings.Split(f, "|")...)
			}
		}
	}
	return values
}

// TestEmbeddedTables checks that every file of data/ is embedded, as it is
// on disk, and that LoadLexicon reading them from disk builds the same
// lexicon (the same digest and the same answers).
func TestEmbeddedTables(t *testing.T) {
	entries, err := os.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
		b, err := os.ReadFile(filepath.Join("data", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if embeddedTables[e.Name()] != string(b) {
			t.Errorf("data/%s is not embedded as it is on disk", e.Name())
		}
	}
	if want := slices.Sorted(maps.Keys(embeddedTables)); !slices.Equal(files, want) {
		t.Errorf("data/ holds %v, embedded %v", files, want)
	}
	fromDisk, err := LoadLexicon(os.DirFS("."), "data")
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if fromDisk.Digest() != embedded.Digest() {
		t.Errorf("digest from disk %s, embedded %s", fromDisk.Digest(), embedded.Digest())
	}
	for _, w := range []string{"Kremlin", "Xi Jinping", "said", "Ministry"} {
		a, aok := fromDisk.Lookup(w)
		b, bok := embedded.Lookup(w)
		if a != b || aok != bok {
			t.Errorf("Lookup(%q): %v %v from disk, %v %v embedded", w, a, aok, b, bok)
		}
	}
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
