package corpus

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir returns a directory under ../../shared, skipping the test when
// it is missing locally and failing it in CI, where shared/ must be present.
func sharedDir(tb testing.TB, elem ...string) string {
	tb.Helper()
	dir := filepath.Join(append([]string{"..", "..", "shared"}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing in CI: %v", dir, err)
		}
		tb.Skipf("%s not found (%v); skipping the test on real articles", dir, err)
	}
	return dir
}

// firstLine returns the first line of a file with the normalisation that
// Clean applies, so it can be compared with a Title.
func firstLine(tb testing.TB, path string) string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan()
	return strings.TrimSpace(normalize(sc.Text()))
}

// TestSeeds checks general properties of the five sample articles: page
// furniture is gone, and metadata found in the text is where it belongs.
func TestSeeds(t *testing.T) {
	dir := sharedDir(t, "seeds")
	arts, errs := readAll(t, Open([]string{dir}, Options{}))
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	if len(arts) == 0 {
		t.Fatal("no articles")
	}
	byPrefix := map[string]*Article{}
	for _, a := range arts {
		checkArticle(t, a)
		byPrefix[a.ID[:3]] = a
		for line := range strings.SplitSeq(a.Text, "\n\n") {
			for _, bad := range []string{"Share this article", "Related Articles", "Leave a Comment", "By Trending", "News & Politics", "Related article"} {
				if strings.Contains(line, bad) {
					t.Errorf("%s: furniture %q left in %q", a.ID, bad, line)
				}
			}
		}
		if strings.Contains(a.Text, "https://") {
			t.Errorf("%s: a URL is left in the text", a.ID)
		}
		if strings.HasSuffix(a.Text, " GT") {
			t.Errorf("%s: agency signature left at the end", a.ID)
		}
	}
	if a := byPrefix["004"]; a == nil {
		t.Error("sample 004 missing")
	} else {
		if a.Author != "Shahrokh Saei" || a.Date != "2025-05-04" || a.Title != "Russia and China to cement strategic partnership" {
			t.Errorf("004: Author %q, Date %q, Title %q", a.Author, a.Date, a.Title)
		}
		if strings.Contains(a.Text, "BEIJING-") {
			t.Error("004: dateline BEIJING- left in the text")
		}
	}
	if a := byPrefix["000"]; a == nil {
		t.Error("sample 000 missing")
	} else {
		if a.Date != "2025-08-28" {
			t.Errorf("000: Date %q, want 2025-08-28", a.Date)
		}
		if want := firstLine(t, filepath.Join(dir, a.ID)); a.Title != want {
			t.Errorf("000: Title %q, want the first line %q", a.Title, want)
		}
	}
	if a := byPrefix["003"]; a == nil {
		t.Error("sample 003 missing")
	} else {
		if a.Title != "" {
			t.Errorf("003: Title %q, want none (the first line is a sentence)", a.Title)
		}
		// Re-joined: every paragraph ends a sentence; none stops mid-line.
		for p := range strings.SplitSeq(a.Text, "\n\n") {
			if !endsSentence(p) {
				t.Errorf("003: paragraph not re-joined: %q", p)
			}
		}
	}
	if a := byPrefix["001"]; a == nil || a.Title == "" {
		t.Error("001: want a title")
	}
	if a := byPrefix["002"]; a == nil || a.Title != "" {
		t.Error("002: want no title (the first line is a paragraph)")
	}
}

// TestBBC reads the BBC corpus, whose files have the headline on the first
// line: every article must come back with a title and text.
func TestBBC(t *testing.T) {
	dir := sharedDir(t, "data", "news", "bbc")
	if testing.Short() {
		t.Skip("skipping 2,183 files in -short mode")
	}
	var warned []string
	arts, errs := readAll(t, Open([]string{dir}, Options{Warn: func(p string, _ error) { warned = append(warned, p) }}))
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	n := 0
	for _, a := range arts {
		if !strings.Contains(a.ID, "/") {
			continue // README.TXT and SOURCE.md describe the data set
		}
		n++
		checkArticle(t, a)
		if a.Title == "" {
			t.Errorf("%s: no title", a.ID)
		} else if want := firstLine(t, filepath.Join(dir, a.ID)); a.Title != want && !strings.Contains(want, "\uFFFD") {
			t.Errorf("%s: Title %q, want the first line %q", a.ID, a.Title, want)
		}
	}
	if n != 2183 {
		t.Errorf("read %d articles in categories, want 2183", n)
	}
	if len(warned) != 1 {
		t.Logf("Windows-1252 warnings: %v", warned)
	}
}

// BenchmarkBBC measures reading and cleaning the whole BBC corpus.
func BenchmarkBBC(b *testing.B) {
	dir := sharedDir(b, "data", "news", "bbc")
	var size int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	b.SetBytes(size)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		arts, _ := readAll(b, Open([]string{dir}, Options{}))
		n = len(arts)
	}
	b.ReportMetric(float64(n), "articles/op")
}

// BenchmarkClean measures Clean alone on the BBC texts held in memory,
// without file-system cost.
func BenchmarkClean(b *testing.B) {
	dir := sharedDir(b, "data", "news", "bbc")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	var texts []string
	size, words := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
		words += len(strings.Fields(string(data)))
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, s := range texts {
			a := Article{Text: s}
			Clean(&a)
		}
		n++
	}
	b.ReportMetric(float64(n*words)/b.Elapsed().Seconds(), "words/s")
}
