package extract

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"cograph/internal/view"
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

// TestCompiledLexicon holds the embedded compiled lexicon to the tables:
// compiling data/ now must give it byte for byte; read back (viewed in
// place, or decoded from a misaligned copy) it must encode the same; and
// the lexicon built from it must answer as one built from the tables.
func TestCompiledLexicon(t *testing.T) {
	const rebuild = "rebuild it: go run ./internal/gen/lexicon"
	fresh, err := CompileLexicon(os.DirFS("."), "data")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fresh, compiledLexicon) {
		t.Fatalf("lexicon.bin is not what data/ compiles to; %s", rebuild)
	}
	fromDisk, err := LoadLexicon(os.DirFS("."), "data")
	if err != nil {
		t.Fatal(err)
	}
	misaligned := append(make([]byte, 4, len(compiledLexicon)+4), compiledLexicon...)[4:]
	for _, data := range [][]byte{compiledLexicon, misaligned} {
		lx := &Lexicon{dir: "data"}
		digest, err := viewLexicon(lx, data)
		if err != nil {
			t.Fatal(err)
		}
		if digest != fromDisk.Digest() {
			t.Errorf("lexicon.bin records digest %s, the tables have %s; %s", digest, fromDisk.Digest(), rebuild)
		}
		lx.texts = fromDisk.texts // for the digest, which compile records
		again, err := lx.compile()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(again, compiledLexicon) {
			t.Error("lexicon.bin read back does not encode the same")
		}
	}
	embedded, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if view.LittleEndian && !inside(unsafe.Pointer(&embedded.common.slots[0]), compiledLexicon) {
		t.Error("the embedded lexicon's arrays were copied, not used where they lie")
	}
	if embedded.Digest() != fromDisk.Digest() || !reflect.DeepEqual(embedded.offices, fromDisk.offices) ||
		!reflect.DeepEqual(embedded.orgHeads, fromDisk.orgHeads) || !reflect.DeepEqual(embedded.eventHeads, fromDisk.eventHeads) ||
		!reflect.DeepEqual(embedded.demonyms, fromDisk.demonyms) {
		t.Error("the embedded lexicon's digest or maps differ from the tables'")
	}
	values := tableValues(t)
	for _, v := range values {
		for _, w := range []string{v, strings.ToLower(v), strings.ToUpper(v)} {
			toks := strings.Fields(w)
			if a, b := embedded.Match(nil, toks), fromDisk.Match(nil, toks); !reflect.DeepEqual(a, b) {
				t.Fatalf("Match(%q): compiled %v, from the tables %v", w, a, b)
			}
			for i, p := range embedded.sets() {
				if (*p).has(w) != (*fromDisk.sets()[i]).has(w) {
					t.Fatalf("set %d has(%q) differs", i, w)
				}
			}
			a, aok := embedded.Lookup(w)
			b, bok := fromDisk.Lookup(w)
			if a != b || aok != bok {
				t.Fatalf("Lookup(%q): compiled %v %v, from the tables %v %v", w, a, aok, b, bok)
			}
		}
	}
	for _, bad := range [][]byte{nil, compiledLexicon[:40], compiledLexicon[:len(compiledLexicon)-8],
		append([]byte("CGLEY"), compiledLexicon[5:]...), append(append([]byte("CGLEX"), 9), compiledLexicon[6:]...)} {
		if _, err := viewLexicon(&Lexicon{}, bad); err == nil {
			t.Errorf("a damaged compiled lexicon of %d bytes was read", len(bad))
		}
	}
}

// inside reports whether p points into b.
func inside(p unsafe.Pointer, b []byte) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return uintptr(p) >= start && uintptr(p) < start+uintptr(len(b))
}
