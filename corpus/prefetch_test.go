package corpus

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// walkTrace reads everything the Walker returns, warnings included, as
// lines in the order they come.
func walkTrace(t *testing.T, paths []string, opts Options) []string {
	t.Helper()
	var trace []string
	opts.Warn = func(path string, err error) { trace = append(trace, fmt.Sprintf("warn %s: %v", path, err)) }
	w := Open(paths, opts)
	defer w.Close()
	for range 100_000 {
		a, err := w.Read()
		switch {
		case err == io.EOF:
			return trace
		case err != nil:
			trace = append(trace, "error "+err.Error())
		default:
			trace = append(trace, fmt.Sprintf("article %s %q %q %q %d", a.ID, a.Title, a.Date, a.Source, len(a.Text)))
		}
	}
	t.Fatal("Read never returned io.EOF")
	return nil
}

// TestPrefetchKeepsOrder checks that a Walker with several workers returns
// the same articles, errors and warnings, in the same order, as one that
// reads one file at a time, over every kind of input and failure.
func TestPrefetchKeepsOrder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.txt":       "A good article.",
		"empty.txt":      "",
		"furniture.txt":  "Share this article\nLeave a Comment",
		"big.md":         strings.Repeat("Long text. ", 200),
		"bin.txt":        "text\x00with NUL",
		"cp.txt":         "Caf\xe9 society.",
		"lines.jsonl":    "{\"text\": \"Line one.\"}\nnot json\n{\"id\": \"named\", \"text\": \"Line two.\"}\n",
		"emptydir/x.pdf": "ignored",
	}
	for i := range 40 {
		files[fmt.Sprintf("many/%02d.txt", i)] = fmt.Sprintf("Headline %d\n\nBody number %d of the story.", i, i)
		files[fmt.Sprintf("many/%02d.html", i)] = fmt.Sprintf("<title>Page %d</title><p>Paragraph %d.</p>", i, i)
	}
	writeFiles(t, dir, files)
	paths := []string{
		dir, filepath.Join(dir, "missing.txt"), filepath.Join(dir, "emptydir"),
		filepath.Join("testdata", "formats"), filepath.Join("testdata", "encoding"),
		filepath.Join(dir, "good.txt"),
	}
	want := walkTrace(t, paths, Options{MaxFileSize: 1000})
	if len(want) < 90 {
		t.Fatalf("only %d results; the test corpus is not being read", len(want))
	}
	for _, workers := range []int{2, 3, 8} {
		got := walkTrace(t, paths, Options{MaxFileSize: 1000, Workers: workers})
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d workers:\n%s\n\none at a time:\n%s", workers, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestPrefetchClose checks that closing a prefetching Walker half way
// returns and that reading on continues with the next inputs.
func TestPrefetchClose(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 30 {
		files[fmt.Sprintf("%02d.txt", i)] = fmt.Sprintf("Body %d.", i)
	}
	writeFiles(t, dir, files)
	w := Open([]string{dir}, Options{Workers: 4})
	for range 3 {
		if _, err := w.Read(); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	arts, errs := readAll(t, w)
	if len(errs) != 0 {
		t.Errorf("errors after Close: %v", errs)
	}
	if len(arts) == 0 || len(arts) > 27 {
		t.Errorf("%d articles after Close, want the ones not yet walked", len(arts))
	}
}
