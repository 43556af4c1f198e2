package textdirs

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestEachDocument reads the lines of the .txt files of two folders, in
// path order within each, and skips other files.
func TestEachDocument(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write := func(path, text string) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(a, "z.txt"), "z1\nz2\n")
	write(filepath.Join(a, "sub", "m.txt"), "m1")
	write(filepath.Join(a, "notes.md"), "skipped")
	write(filepath.Join(b, "a.txt"), "b1\n")
	var got []string
	if err := EachDocument([]string{a, b}, func(doc string) { got = append(got, doc) }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"m1", "z1", "z2", "b1"}; !slices.Equal(got, want) {
		t.Errorf("documents %q, want %q", got, want)
	}
	if err := EachDocument([]string{filepath.Join(a, "missing")}, func(string) {}); err == nil {
		t.Error("a missing folder gave no error")
	}
}
