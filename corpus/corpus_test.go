package corpus

import (
	"errors"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden")

// readAll drains r, returning the articles and the errors in order.
func readAll(tb testing.TB, r Reader) ([]*Article, []error) {
	tb.Helper()
	var arts []*Article
	var errs []error
	for range 1_000_000 {
		a, err := r.Read()
		if err == io.EOF {
			return arts, errs
		}
		if err != nil {
			var pe *ParseError
			var se *SkipError
			if !errors.As(err, &pe) && !errors.As(err, &se) {
				tb.Fatalf("Read returned %T %v, want *ParseError or *SkipError", err, err)
			}
			errs = append(errs, err)
			continue
		}
		arts = append(arts, a)
	}
	tb.Fatal("Read never returned io.EOF")
	return nil, nil
}

// render prints an article in the golden-file format.
func render(a *Article) string {
	return fmt.Sprintf("ID: %s\nTitle: %s\nDate: %s\nAuthor: %s\nURL: %s\nSource: %s\n\n%s\n", a.ID, a.Title, a.Date, a.Author, a.URL, a.Source, a.Text)
}

// checkArticle asserts the invariants every returned article keeps.
func checkArticle(tb testing.TB, a *Article) {
	tb.Helper()
	for name, v := range map[string]string{"ID": a.ID, "Title": a.Title, "Date": a.Date, "Author": a.Author, "Text": a.Text} {
		if !utf8.ValidString(v) {
			tb.Errorf("%s: %s is not valid UTF-8", a.ID, name)
		}
		if name != "Text" && strings.ContainsAny(v, "\n\r") {
			tb.Errorf("%s: %s has a line break: %q", a.ID, name, v)
		}
	}
	if a.Text == "" {
		tb.Errorf("%s: empty Text", a.ID)
	}
	for p := range strings.SplitSeq(a.Text, "\n\n") {
		if p == "" || strings.Contains(p, "\n") || p != strings.TrimSpace(p) {
			tb.Errorf("%s: bad paragraph %q", a.ID, p)
		}
	}
	if a.Date != "" {
		if d, ok := ParseDate(a.Date); !ok || d != a.Date {
			tb.Errorf("%s: Date %q is not YYYY-MM-DD", a.ID, a.Date)
		}
	}
}

// TestGolden reads every fixture under testdata/formats and
// testdata/encoding and compares the articles, errors and warnings with
// testdata/golden/<dir>.golden.
func TestGolden(t *testing.T) {
	for _, dir := range []string{"formats", "encoding"} {
		t.Run(dir, func(t *testing.T) {
			var sb strings.Builder
			opts := Options{Warn: func(path string, err error) {
				fmt.Fprintf(&sb, "WARNING %s: %v\n\n", filepath.ToSlash(path), err)
			}}
			w := Open([]string{filepath.Join("testdata", dir)}, opts)
			for {
				a, err := w.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					fmt.Fprintf(&sb, "ERROR %v\n\n", filepath.ToSlash(err.Error()))
					continue
				}
				checkArticle(t, a)
				a.Source = filepath.ToSlash(a.Source)
				sb.WriteString(render(a) + "\n")
			}
			compareGolden(t, filepath.Join("testdata", "golden", dir+".golden"), sb.String())
		})
	}
}

func compareGolden(tb testing.TB, golden, got string) {
	tb.Helper()
	if *update { // review the diff before committing
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", golden, got)
	}
}

// TestImports keeps corpus at the bottom of the dependency flow: it may
// import only the standard library and cograph's internal helpers below
// every stage (such as internal/spaces), not the generators.
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if first, _, _ := strings.Cut(path, "/"); !strings.Contains(first, ".") && first != "cograph" {
				continue // standard library
			}
			if path == "cograph/corpus" && strings.HasSuffix(name, "_test.go") {
				continue // external tests and examples use the package itself
			}
			if strings.HasPrefix(path, "cograph/internal/") && !strings.HasPrefix(path, "cograph/internal/gen/") {
				continue // a helper below every stage
			}
			t.Errorf("%s imports %s; corpus must import only the standard library and internal helpers", name, path)
		}
	}
}
