package corpus

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path"
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
// no panic, only *ParseError or *SkipError, positions inside the input,
// well-formed articles, and io.EOF at the end.
func fuzzReader(t *testing.T, data []byte, format Format) {
	r := NewReader(bytes.NewReader(data), "fuzz", format, Options{MaxLineSize: 1 << 12})
	for range 10_000 {
		a, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			checkReadError(t, err, data)
			continue
		}
		checkArticle(t, a)
	}
	t.Fatal("Read did not reach io.EOF")
}

// checkReadError checks that err is a *ParseError whose 1-based line and
// byte column lie inside data (one past the end of a line at most), or a
// *SkipError.
func checkReadError(t *testing.T, err error, data []byte) {
	t.Helper()
	var pe *ParseError
	var se *SkipError
	switch {
	case errors.As(err, &pe):
		lines := bytes.Split(data, []byte("\n"))
		if pe.Line < 1 || pe.Line > len(lines) || pe.Column < 1 || pe.Column > len(lines[pe.Line-1])+1 {
			t.Fatalf("position of %v outside the input (%d lines)", pe, len(lines))
		}
	case errors.As(err, &se):
	default:
		t.Fatalf("Read returned %T %v, want *ParseError or *SkipError", err, err)
	}
}

func FuzzJSONL(f *testing.F) {
	addFixtures(f, ".jsonl")
	f.Add([]byte(`{"id": 1, "text": "x"}` + "\n{bad\n" + strings.Repeat("z", 5000)))
	f.Add([]byte("\f {\"text\": \"caf\xe9\", \"author\": [\"a\", 1]}\r\n\t{\"text\": \"<p>x</p>\", \"id\": 1e400}"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, data, FormatJSONL) })
}

func FuzzHTML(f *testing.F) {
	addFixtures(f, ".html", ".htm")
	f.Add([]byte("<p>unclosed <b>bold<script>x</scr"))
	f.Add([]byte("<article><article></article><p>a</p><main role=main><p>b"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, data, FormatHTML) })
}

func FuzzText(f *testing.F) {
	addFixtures(f, ".txt")
	f.Add([]byte("Title\n\nBy A B\n\n4 May 2025\n\nLONDON - Text here. GT"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, data, FormatText) })
}

// FuzzMarkdown covers parseMarkdown, which has its own front matter and
// markup rules before the cleaning shared with plain text.
func FuzzMarkdown(f *testing.F) {
	addFixtures(f, ".md")
	f.Add([]byte("---\ntitle: \"T\"\ndate: 2024-02-30\n---\n# H1 #\n\nSetext\n===\n\n> - *a* __b__ `c` [l](u) ![i](j) \\*x\\*\n\n```\ncode\n"))
	f.Add([]byte("| a | b |\n|---|:-:|\n[ref]: http://x\n<div>t</div> <https://a.b> ~~s~~ 1) item\n***\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, data, FormatMarkdown) })
}

// FuzzWalk builds a directory from fuzzed names and contents and walks it,
// with the last file also named explicitly and standard input sniffed. names
// holds one slash-separated path per line; "NAME->TARGET" makes a
// symbolic link. Contents are split on the byte 0x1E, one per name.
func FuzzWalk(f *testing.F) {
	f.Add("a.txt\nb/c.md\nd.jsonl\ne.HTML\nf", []byte("Body.\x1e# T\n\nB.\x1e{\"text\": \"j\"}\n{\x1e<p>h</p>\x1e{\"text\": \"sniffed\"}"))
	f.Add("x/y.txt\nx/loop->\nx/z.htm->x/y.txt\nbroken.md->nowhere\n.hidden.txt", []byte("One.\x1e\x1e\x1e\x1eHidden."))
	f.Add("empty/\nbin.txt\nbig.md", []byte("\x1eNUL\x00\x1e"+strings.Repeat("big ", 1100)))
	f.Fuzz(func(t *testing.T, names string, contents []byte) {
		dir := t.TempDir()
		parts := bytes.Split(contents, []byte{0x1e})
		var explicit string
		for i, name := range strings.Split(names, "\n") {
			if i == 8 {
				break
			}
			name, target, link := strings.Cut(name, "->")
			isDir := strings.HasSuffix(name, "/")
			// Names and link targets stay inside dir: a link to / would
			// walk the whole machine.
			name, target = inside(name), inside(target)
			if name == "" || strings.ContainsRune(name, 0) || len(name) > 200 || strings.ContainsRune(target, 0) {
				continue
			}
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				continue // a file is in the way
			}
			switch {
			case link:
				os.Symlink(filepath.Join(dir, filepath.FromSlash(target)), p)
			case isDir:
				os.MkdirAll(p, 0o755)
			default:
				var b []byte
				if i < len(parts) {
					b = parts[i]
				}
				if os.WriteFile(p, b, 0o644) == nil {
					explicit = p
				}
			}
		}
		var stdin []byte
		if len(parts) > 0 {
			stdin = parts[len(parts)-1]
		}
		paths := []string{dir, "-"}
		if explicit != "" {
			paths = append(paths, explicit)
		}
		// read walks the tree one file at a time or with workers, and with
		// known every whole file is deferred and parsed after Read: all
		// ways must give the same log.
		read := func(workers int, known bool) string {
			opts := Options{MaxFileSize: 1 << 12, MaxLineSize: 1 << 10, Stdin: bytes.NewReader(stdin), Workers: workers}
			if known {
				opts.Known = func([32]byte) bool { return true }
			}
			w := Open(paths, opts)
			defer w.Close()
			var log strings.Builder
			for range 10_000 {
				a, err := w.Read()
				if err == io.EOF {
					return log.String()
				}
				if err != nil {
					var pe *ParseError
					var se *SkipError
					if !errors.As(err, &pe) && !errors.As(err, &se) {
						t.Fatalf("Read returned %T %v, want *ParseError or *SkipError", err, err)
					}
					if pe != nil && (pe.Line < 1 || pe.Column < 1) {
						t.Fatalf("bad position in %v", pe)
					}
					log.WriteString(strings.ReplaceAll(err.Error(), dir, "DIR") + "\n")
					continue
				}
				if a.Deferred() {
					if a, err = a.Parse(); err != nil {
						log.WriteString(strings.ReplaceAll(err.Error(), dir, "DIR") + "\n")
						continue
					}
				}
				checkArticle(t, a)
				log.WriteString(a.ID + "\n" + a.Title + "\n" + a.Text + "\n")
			}
			t.Fatal("Read did not reach io.EOF")
			return ""
		}
		first := read(0, false)
		for _, w := range []struct {
			workers int
			known   bool
		}{{0, false}, {3, false}, {0, true}, {3, true}} {
			if again := read(w.workers, w.known); again != first {
				t.Fatalf("walks of the same tree differ (%d workers, known %v):\n%s\n---\n%s", w.workers, w.known, first, again)
			}
		}
	})
}

// inside cleans a slash-separated path into one relative to the fuzz
// directory, without "..": "" for the directory itself.
func inside(name string) string { return path.Clean("/" + name)[1:] }

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
