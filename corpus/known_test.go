package corpus

import (
	"fmt"
	"testing"
)

// readWith reads every article under dir with opts, failing on errors.
func readWith(t *testing.T, dir string, opts Options) []*Article {
	t.Helper()
	w := Open([]string{dir}, opts)
	defer w.Close()
	arts, errs := readAll(t, w)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return arts
}

// TestKnownDefersParsing checks Options.Known: files it knows come back
// unparsed with their digest, Parse makes of them what reading would have,
// and digests tell formats apart.
func TestKnownDefersParsing(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"same.txt":   "Headline\n\nThe same bytes, read as text.",
		"same.md":    "Headline\n\nThe same bytes, read as text.",
		"page.html":  "<title>Page</title><p>A paragraph.</p>",
		"cp1252.txt": "Caf\xe9 owners met.",
		"feed.jsonl": "{\"text\": \"A line.\"}\n",
	}
	for i := range 12 {
		files[fmt.Sprintf("n/%02d.txt", i)] = fmt.Sprintf("Story %d\n\nBody %d.", i, i)
	}
	writeFiles(t, dir, files)
	for _, workers := range []int{0, 3} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			first := readWith(t, dir, Options{Workers: workers, Known: func([32]byte) bool { return false }})
			byID := map[string]*Article{}
			known := map[[32]byte]bool{}
			for i, a := range first {
				byID[a.ID] = a
				if a.ID == "feed.jsonl:1" {
					if a.Digest != ([32]byte{}) {
						t.Errorf("a JSONL line has a digest")
					}
					continue
				}
				if a.Digest == ([32]byte{}) {
					t.Errorf("%s has no digest", a.ID)
				}
				if i%2 == 0 {
					known[a.Digest] = true
				}
			}
			if byID["same.txt"].Digest == byID["same.md"].Digest {
				t.Error("the same bytes as text and as Markdown have one digest")
			}
			second := readWith(t, dir, Options{Workers: workers, Known: func(d [32]byte) bool { return known[d] }})
			if len(second) != len(first) {
				t.Fatalf("%d articles, then %d", len(first), len(second))
			}
			deferred := 0
			for _, a := range second {
				want := byID[a.ID]
				if a.Deferred() != known[a.Digest] || a.Digest != want.Digest {
					t.Errorf("%s: deferred %v, known %v", a.ID, a.Deferred(), known[a.Digest])
				}
				if !a.Deferred() {
					continue
				}
				deferred++
				if a.Title != "" || a.Text != "" || a.Source != want.Source {
					t.Errorf("%s deferred with title %q, text %q, source %q", a.ID, a.Title, a.Text, a.Source)
				}
				p, err := a.Parse()
				if err != nil {
					t.Fatal(err)
				}
				if *p != *want {
					t.Errorf("%s parsed:\n%+v\nread:\n%+v", a.ID, *p, *want)
				}
			}
			if deferred == 0 {
				t.Error("no article was deferred")
			}
		})
	}
}
