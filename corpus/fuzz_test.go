package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addFixtures seeds a fuzz corpus with the files in testdata/formats that
// have one of the given extensions.
func addFixtures(f *testing.F, exts ...string) {
	f.Helper()
	for _, ext := range exts {
		files, _ := filepath.Glob(filepath.Join("testdata", "formats", "*"+ext))
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

// fuzzReader runs one format over data and checks the Reader contract:
// no panic, only *ParseError or *SkipError, and well-formed articles.
func fuzzReader(t *testing.T, data []byte, format Format) {
	r := NewReader(strings.NewReader(string(data)), "fuzz", format, Options{MaxLineSize: 1 << 12})
	for range 10_000 {
		a, err := r.Read()
		if err != nil {
			var pe *ParseError
			var se *SkipError
			switch {
			case err.Error() == "EOF":
				return
			case errors.As(err, &pe):
				if pe.Line < 1 || pe.Column < 1 {
					t.Fatalf("bad position in %v", pe)
				}
			case errors.As(err, &se):
			default:
				t.Fatalf("Read returned %T %v", err, err)
			}
			continue
		}
		checkArticle(t, a)
	}
	t.Fatal("Read did not reach io.EOF")
}

func FuzzJSONL(f *testing.F) {
	addFixtures(f, ".jsonl")
	f.Add([]byte(`{"id": 1, "text": "x"}` + "\n{bad\n" + strings.Repeat("z", 5000)))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, data, FormatJSONL) })
}

func FuzzHTML(f *testing.F) {
	addFixtures(f, ".html", ".htm")
	f.Add([]byte("<p>unclosed <b>bold<script>x</scr"))
	f.Add([]byte("<article><article></article><p>a</p><main role=main><p>b"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, data, FormatHTML) })
}

func FuzzText(f *testing.F) {
	addFixtures(f, ".txt", ".md")
	f.Add([]byte("Title\n\nBy A B\n\n4 May 2025\n\nLONDON - Text here. GT"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzReader(t, data, FormatText)
		fuzzReader(t, data, FormatMarkdown)
		fuzzReader(t, data, FormatAuto)
	})
}

func FuzzClean(f *testing.F) {
	addFixtures(f, ".txt", ".md")
	f.Add([]byte("a\xffb\r\n\u2028c\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := Article{Text: string(data)}
		Clean(&a)
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Author) {
			t.Fatalf("invalid UTF-8 out of Clean: %q", a.Text)
		}
		if strings.Contains(a.Text, "\n\n\n") || strings.HasPrefix(a.Text, "\n") || strings.HasSuffix(a.Text, "\n") {
			t.Fatalf("bad paragraph separation: %q", a.Text)
		}
		for p := range strings.SplitSeq(a.Text, "\n\n") {
			if a.Text != "" && (p == "" || strings.Contains(p, "\n")) {
				t.Fatalf("bad paragraph %q in %q", p, a.Text)
			}
		}
	})
}
