package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles creates files under dir; names use forward slashes.
func writeFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

func articleIDs(arts []*Article) string {
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	return strings.Join(ids, " ")
}

func TestWalkOrderAndIDs(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":            "Body of b.",
		"a/z.md":           "# Z title\n\nBody of z.",
		"a/y.HTML":         "<p>Body of y.</p>",
		"a/sub/x.txt":      "Body of x.",
		"c.jsonl":          "{\"text\": \"Line one.\"}\n{\"id\": \"named\", \"text\": \"Line two.\"}\n",
		"notes.pdf":        "not an article",
		"README":           "no extension",
		".git/config.txt":  "hidden directory",
		".hidden.txt":      "hidden file",
		"d.ndjson":         "{\"text\": \"Ndjson line.\"}\n",
		"e.htm":            "<article><p>Body of e.</p></article>",
		"deep/er/most.txt": "Deepest body.",
	})
	w := Open([]string{dir}, Options{})
	defer w.Close()
	arts, errs := readAll(t, w)
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	want := "a/sub/x.txt a/y.HTML a/z.md b.txt c.jsonl:1 named d.ndjson:1 deep/er/most.txt e.htm"
	if got := articleIDs(arts); got != want {
		t.Errorf("IDs:\n got %s\nwant %s", got, want)
	}
	if w.Ignored() != 2 {
		t.Errorf("Ignored() = %d, want 2 (notes.pdf, README)", w.Ignored())
	}
	for _, a := range arts {
		checkArticle(t, a)
		if a.ID == "a/z.md" && a.Title != "Z title" {
			t.Errorf("a/z.md Title = %q", a.Title)
		}
	}
}

func TestWalkSingleFileAndStdin(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"one.txt": "Headline of one\n\nBody one.", "noext": "{\"text\": \"Sniffed JSONL.\"}"})
	tests := []struct {
		name  string
		paths []string
		stdin string
		want  string
	}{
		{"file", []string{filepath.Join(dir, "one.txt")}, "", "one.txt"},
		{"unknown extension named explicitly is sniffed", []string{filepath.Join(dir, "noext")}, "", "noext:1"},
		{"stdin text", []string{"-"}, "Stdin headline\n\nStdin body.", "stdin"},
		{"stdin JSONL", []string{"-"}, "\n  {\"text\": \"a.\"}\n{\"id\": \"k\", \"text\": \"b.\"}", "stdin:2 k"},
		{"stdin HTML", []string{"-"}, "<html><p>Paragraph.</p></html>", "stdin"},
		{"mixed", []string{filepath.Join(dir, "one.txt"), "-"}, "Body.", "one.txt stdin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs := readAll(t, Open(tt.paths, Options{Stdin: strings.NewReader(tt.stdin)}))
			if len(errs) != 0 {
				t.Errorf("errors: %v", errs)
			}
			if got := articleIDs(arts); got != tt.want {
				t.Errorf("IDs = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStdinFormatOption(t *testing.T) {
	// Forced to text, a line of JSON is just text.
	arts, errs := readAll(t, Open([]string{"-"}, Options{Stdin: strings.NewReader(`{"text": "x"}`), StdinFormat: FormatText}))
	if len(errs) != 0 || len(arts) != 1 || arts[0].Text != `{"text": "x"}` {
		t.Errorf("articles %v, errors %v", arts, errs)
	}
}

func TestWalkErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"good.txt":        "A good article.",
		"empty.txt":       "",
		"furniture.txt":   "Share this article\nLeave a Comment",
		"big.md":          strings.Repeat("Long text. ", 20),
		"bin.txt":         "text\x00with NUL",
		"ctrl.txt":        strings.Repeat("\x01\x02\x03abc", 10),
		"emptydir/x.pdf":  "ignored",
		"emptydir2/.keep": "",
	})
	missing := filepath.Join(dir, "missing.txt")
	arts, errs := readAll(t, Open([]string{dir, missing, filepath.Join(dir, "emptydir")}, Options{MaxFileSize: 100}))
	if got := articleIDs(arts); got != "good.txt" {
		t.Errorf("IDs = %q, want good.txt", got)
	}
	want := []struct {
		path string
		err  error
	}{
		{"big.md", ErrTooLarge},
		{"bin.txt", ErrBinary},
		{"ctrl.txt", ErrBinary},
		{"empty.txt", ErrEmpty},
	}
	var got []string
	for _, err := range errs {
		got = append(got, err.Error())
	}
	if len(errs) != 7 {
		t.Fatalf("got %d errors, want 7:\n%s", len(errs), strings.Join(got, "\n"))
	}
	for i, w := range want {
		var se *SkipError
		if !errors.As(errs[i], &se) || filepath.Base(se.Path) != w.path || !errors.Is(errs[i], w.err) {
			t.Errorf("error %d = %v, want %s: %v", i, errs[i], w.path, w.err)
		}
	}
	if !errors.Is(errs[4], ErrEmpty) || !strings.Contains(errs[4].Error(), "furniture.txt") {
		t.Errorf("error 4 = %v, want furniture.txt: ErrEmpty", errs[4])
	}
	if !errors.Is(errs[5], fs.ErrNotExist) {
		t.Errorf("error 5 = %v, want not exist", errs[5])
	}
	wantMsg := "no articles found in " + filepath.Join(dir, "emptydir") + " (looked for .txt .md .html .htm .jsonl .ndjson)"
	if !errors.Is(errs[6], ErrNoArticles) || errs[6].Error() != wantMsg {
		t.Errorf("error 6 = %q, want %q", errs[6], wantMsg)
	}
}

func TestEmptyDir(t *testing.T) {
	dir := t.TempDir()
	_, errs := readAll(t, Open([]string{dir}, Options{}))
	if len(errs) != 1 || !errors.Is(errs[0], ErrNoArticles) || !strings.HasPrefix(errs[0].Error(), "no articles found in "+dir) {
		t.Errorf("errors = %v, want one ErrNoArticles naming %s", errs, dir)
	}
}

func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a/one.txt": "Body one.", "b/two.txt": "Body two."})
	// a/loop points back at the root; b/again points at a sibling.
	if err := os.Symlink(dir, filepath.Join(dir, "a", "loop")); err != nil {
		t.Skipf("cannot create symlinks here: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "b", "again")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "b", "two.txt"), filepath.Join(dir, "b", "three.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "b", "broken.txt")); err != nil {
		t.Fatal(err)
	}
	var warned []string
	opts := Options{Warn: func(path string, err error) {
		if errors.Is(err, ErrVisited) {
			warned = append(warned, filepath.Base(path))
		}
	}}
	arts, errs := readAll(t, Open([]string{dir}, opts))
	if got, want := articleIDs(arts), "a/one.txt b/three.txt b/two.txt"; got != want {
		t.Errorf("IDs = %q, want %q", got, want)
	}
	if strings.Join(warned, " ") != "loop again" {
		t.Errorf("ErrVisited warnings for %v, want loop and again", warned)
	}
	if len(errs) != 1 || !errors.Is(errs[0], fs.ErrNotExist) {
		t.Errorf("errors = %v, want the broken link only", errs)
	}
}

func TestUnreadable(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Readable before.", "b.txt": "Secret.", "c/d.txt": "Readable after.", "e/f.txt": "Locked dir."})
	locked := filepath.Join(dir, "b.txt")
	lockedDir := filepath.Join(dir, "e")
	for _, p := range []string{locked, lockedDir} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	if _, err := os.ReadFile(locked); err == nil {
		t.Skip("permissions are not enforced for this user (root?); cannot test unreadable files")
	}
	arts, errs := readAll(t, Open([]string{dir}, Options{}))
	if got := articleIDs(arts); got != "a.txt c/d.txt" {
		t.Errorf("IDs = %q", got)
	}
	if len(errs) != 2 || !errors.Is(errs[0], fs.ErrPermission) || !errors.Is(errs[1], fs.ErrPermission) {
		t.Errorf("errors = %v, want two permission errors", errs)
	}
}
