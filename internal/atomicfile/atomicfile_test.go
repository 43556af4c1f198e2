package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// leftovers returns temporary files WriteFile left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func TestWriteFileCreates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := WriteFile(path, writeString("hello\n")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "hello\n" {
		t.Fatalf("read back %q, %v", got, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestWriteFileReplacesKeepingMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, writeString("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(got) != "new" || fi.Mode().Perm() != 0o640 {
		t.Errorf("got %q mode %v, want \"new\" mode 0640", got, fi.Mode().Perm())
	}
}

// TestWriteFileFailureKeepsOld checks the promise: a failed write (by error
// or panic, early or after much output) leaves the old file byte-identical
// and no temporary file behind.
func TestWriteFileFailureKeepsOld(t *testing.T) {
	errBoom := errors.New("boom")
	failures := map[string]func(io.Writer) error{
		"error at once": func(io.Writer) error { return errBoom },
		"error after output": func(w io.Writer) error {
			buf := make([]byte, 1<<20) // beyond any buffer: reaches the temp file
			if _, err := w.Write(buf); err != nil {
				return err
			}
			return errBoom
		},
		"panic": func(w io.Writer) error {
			io.WriteString(w, "partial")
			panic(errBoom)
		},
	}
	for name, write := range failures {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "graph.json")
			old := []byte("previous version\n")
			if err := os.WriteFile(path, old, 0o644); err != nil {
				t.Fatal(err)
			}
			err := func() (err error) {
				defer func() {
					if r := recover(); r != nil {
						err = r.(error)
					}
				}()
				return WriteFile(path, write)
			}()
			if !errors.Is(err, errBoom) {
				t.Errorf("error %v, want %v", err, errBoom)
			}
			got, _ := os.ReadFile(path)
			if string(got) != string(old) {
				t.Errorf("old file changed to %d bytes", len(got))
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

func TestWriteFileCreateTempFails(t *testing.T) {
	errNoSpace := errors.New("no space")
	defer func(f func(string, string) (*os.File, error)) { createTemp = f }(createTemp)
	createTemp = func(string, string) (*os.File, error) { return nil, errNoSpace }
	err := WriteFile(filepath.Join(t.TempDir(), "x"), writeString("x"))
	if !errors.Is(err, errNoSpace) {
		t.Errorf("error %v, want %v", err, errNoSpace)
	}
}

func TestWriteFileMissingDir(t *testing.T) {
	err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "dir", "x"), writeString("x"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want ErrNotExist", err)
	}
}

func TestWriteFileRelativePath(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := WriteFile("rel.txt", writeString("x")); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile("rel.txt"); err != nil || string(got) != "x" {
		t.Errorf("read back %q, %v", got, err)
	}
}

// TestWriteFileLarge writes a file of several writeback chunks, in writes
// of odd sizes, and reads it back whole.
func TestWriteFileLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.txt")
	want := make([]byte, 3*writebackChunk+12345)
	for i := range want {
		want[i] = byte('a' + i%26)
	}
	err := WriteFile(path, func(w io.Writer) error {
		for rest := want; len(rest) > 0; {
			n := min(len(rest), 1+len(rest)%70001)
			if _, err := w.Write(rest[:n]); err != nil {
				return err
			}
			rest = rest[n:]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("read back %d bytes (err %v), wrote %d", len(got), err, len(want))
	}
}
