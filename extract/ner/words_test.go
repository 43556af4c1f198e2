package ner

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestWordTableCurrent holds the embedded word table to the embedded
// model: it must record the model file's digest and hold exactly what
// newWordTable computes for its words now, and be used where it lies.
func TestWordTableCurrent(t *testing.T) {
	const rebuild = "rebuild it: go run ./internal/gen/wordtable ../shared/data/unlabeled"
	tab, sum, err := viewWordTable(embeddedWords)
	if err != nil {
		t.Fatalf("embedded word table: %v; %s", err, rebuild)
	}
	if sum != sha256.Sum256(Embedded()) {
		t.Fatalf("the embedded word table was computed for another model; %s", rebuild)
	}
	if len(tab.words) < 1000 || len(tab.sums) != len(tab.words) {
		t.Fatalf("the embedded word table has %d entries; %s", len(tab.words), rebuild)
	}
	if !viewable() {
		t.Errorf("wordHot and wordSums are not laid out as the file (%d and %d bytes): the table is copied at every start",
			unsafe.Sizeof(wordHot{}), unsafe.Sizeof(wordSums{}))
	} else if !inside(unsafe.Pointer(&tab.words[0]), embeddedWords) || !inside(unsafe.Pointer(&tab.sums[0]), embeddedWords) {
		t.Error("the embedded word table's entries were copied, not viewed")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.words == nil || len(m.words.words) != len(tab.words) {
		t.Error("Default does not use the embedded word table")
	}
	words := make([]string, len(tab.words))
	for i, e := range tab.words {
		words[i] = string(e.key[:e.n])
	}
	fresh := m.newWordTable(words, len(words))
	if !slices.Equal(fresh.slots, tab.slots) {
		t.Errorf("slots differ from a fresh computation; %s", rebuild)
	}
	for i := range fresh.words {
		if fresh.words[i] != tab.words[i] || fresh.sums[i] != tab.sums[i] {
			t.Fatalf("entry %d (%q) differs from a fresh computation; %s", i, words[i], rebuild)
		}
	}
}

// inside reports whether p points into b.
func inside(p unsafe.Pointer, b []byte) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return uintptr(p) >= start && uintptr(p) < start+uintptr(len(b))
}

// TestWordTableFile writes a table and reads it back, viewed and decoded,
// and looks up every word in it and words that are not.
func TestWordTableFile(t *testing.T) {
	m, err := FromBytes(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", wordKey+1)
	words := []string{"the", "The", "THE", "Putin", "said", "", "the", long, strings.Repeat("y", wordKey),
		"Zürich", "2-1", "U.S.", "Xi", ",", "."}
	for i := range 3000 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	data, err := m.WordTable(words, 2000)
	if err != nil {
		t.Fatal(err)
	}
	tab, sum, err := viewWordTable(data)
	if err != nil {
		t.Fatal(err)
	}
	if sum != sha256.Sum256(Embedded()) {
		t.Error("the table does not record the model's digest")
	}
	if len(tab.words) != 2000 || len(tab.sums) != 2000 {
		t.Fatalf("%d entries, want 2000 (the first 2000 distinct words that fit a slot)", len(tab.words))
	}
	sums := data[len(data)-wordSumsSize*len(tab.words):]
	hots := data[len(data)-(wordHotSize+wordSumsSize)*len(tab.words) : len(data)-wordSumsSize*len(tab.words)]
	for i := range tab.words {
		if d := decodeWordHot(hots[wordHotSize*i:]); d != tab.words[i] {
			t.Fatalf("entry %d decodes as %+v, views as %+v", i, d, tab.words[i])
		}
		if d := decodeWordSums(sums[wordSumsSize*i:]); d != tab.sums[i] {
			t.Fatalf("entry %d's sums decode as %+v, view as %+v", i, d, tab.sums[i])
		}
	}
	want := m.newWordTable(words, 2000)
	if !reflect.DeepEqual(tab.words, want.words) || !reflect.DeepEqual(tab.sums, want.sums) || !slices.Equal(tab.slots, want.slots) {
		t.Fatal("the table read back differs from the one computed")
	}
	for i, e := range tab.words {
		w := string(e.key[:e.n])
		if got := tab.lookup(w); got != int32(i) {
			t.Errorf("lookup(%q) = %d, want %d", w, got, i)
		}
	}
	for _, w := range []string{"", long, "th", "thee", "Th", "the ", "w2000", "w1999x", "Zurich", "xx"} {
		if got := tab.lookup(w); got >= 0 {
			t.Errorf("lookup(%q) = %d, want -1", w, got)
		}
	}
	var none *wordTable
	if none.lookup("the") != -1 {
		t.Error("a model without a table finds words")
	}
	for _, bad := range [][]byte{nil, data[:wordsHeader-1], append([]byte("CGWORDX"), data[7:]...), data[:len(data)-1],
		append(slices.Clone(data[:7]), append([]byte{9}, data[8:]...)...)} {
		if _, _, err := viewWordTable(bad); err == nil {
			t.Errorf("a damaged table of %d bytes was read", len(bad))
		}
	}
}

// TestWordTableTags tags the repository's sample articles with the
// embedded model and its word table, and with the same model without a
// table: the tags must be the same.
func TestWordTableTags(t *testing.T) {
	with, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	without, err := FromBytes(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if with.words == nil || without.words != nil {
		t.Fatal("the test needs one model with the table and one without")
	}
	files, _ := filepath.Glob("../../examples/articles/*")
	if len(files) == 0 {
		t.Fatal("no sample articles in ../../examples/articles")
	}
	hits := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc [][]string
		for line := range strings.Lines(string(b)) {
			if s := strings.Fields(line); len(s) > 0 {
				doc = append(doc, s)
				for _, w := range s {
					if with.words.lookup(w) >= 0 {
						hits++
					}
				}
			}
		}
		for round := range 2 { // the second with warm memos
			if a, b := with.TagDocument(doc, nil), without.TagDocument(doc, nil); !reflect.DeepEqual(a, b) {
				t.Errorf("%s, round %d: tags differ with the word table", f, round)
			}
		}
	}
	if hits < 100 {
		t.Errorf("only %d tokens of the samples are in the word table: the test tests little", hits)
	}
}
