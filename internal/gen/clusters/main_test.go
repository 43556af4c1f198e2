package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// writeData lays out a miniature shared data folder. Each source has a
// word of its own (Alphaville … Fargo), twice, and every dev split holds
// "Zebulon", which must never reach the output.
func writeData(tb testing.TB) string {
	tb.Helper()
	root := tb.TempDir()
	files := map[string]string{
		"unlabeled/x/news.txt": "Prices in Alphaville rose.\tAlphaville shares fell on Monday.\n" +
			"Prices in Alphaville rose.\tAlphaville shares fell on Monday.\n" + // duplicate, skipped
			"The mayor of Alphaville said on Tuesday that prices rose.\n",
		"unlabeled/x/SOURCE.md":           "Zebulon Zebulon Zebulon\n", // not *.txt
		"news/bbc/business/001.txt":       "Brixton market\n\nShares in Brixton rose on Monday.\n\nThe mayor said prices fell in Brixton.\n",
		"ner/conll2003/train.txt":         "-DOCSTART- -X- -X- O\n\nCardiff NNP B-NP B-LOC\nrose VBD B-VP O\n. . O O\n\nCardiff NNP B-NP B-LOC\nfell VBD B-VP O\n",
		"ner/conll2003/dev.txt":           "Zebulon NNP B-NP B-PER\nZebulon NNP B-NP B-PER\nZebulon NNP B-NP B-PER\n",
		"ner/gmb/train.csv":               "Sentence #,Word,POS,Tag\r\nSentence: 1,Dubrovnik,NNP,B-geo\r\n,rose,VBD,O\r\nSentence: 2,Dubrovnik,NNP,B-geo\r\n,fell,VBD,O\r\n",
		"ner/crossner-politics/train.txt": "Edinburgh\tB-location\nrose\tO\n\nEdinburgh\tB-location\nfell\tO\n",
		"ner/crossner-politics/dev.txt":   "Zebulon\tB-person\nZebulon\tB-person\n",
		"ner/wnut17/train.txt":            "Fargo\tB-location\nrose\tO\n\t\nFargo\tB-location\nfell\tO\n\t\n#Fargo\tO\n#Fargo\tO\n",
		"ner/wnut17/dev.txt":              "Zebulon\tB-person\nZebulon\tB-person\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return root
}

func runClusters(tb testing.TB, args ...string) (int, string) {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stderr.String()
}

func TestRun(t *testing.T) {
	root := writeData(t)
	out := filepath.Join(t.TempDir(), "clusters.tsv")
	code, stderr := runClusters(t, "-k", "2,4", "-min=2", "-probe=Alphaville,Nowhere", "-j", "2", "-o", out, root)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "probe Alphaville K=4") || !strings.Contains(stderr, "probe Nowhere: not in the vocabulary") {
		t.Errorf("stderr lacks the probes:\n%s", stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}

	var words []string
	for line := range strings.Lines(string(got)) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "#") {
			if strings.Contains(line, "\t") {
				t.Errorf("comment line with a TAB: %q", line)
			}
			if len(words) > 0 {
				t.Errorf("comment after the data: %q", line)
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("want word and 2 classes: %q", line)
		}
		for k, s := range f[1:] {
			if c, err := strconv.Atoi(s); err != nil || c < 0 || c >= []int{2, 4}[k] {
				t.Errorf("bad class %q in %q", s, line)
			}
		}
		words = append(words, f[0])
	}
	if !slices.IsSorted(words) || len(slices.Compact(slices.Clone(words))) != len(words) {
		t.Errorf("words not sorted and unique: %q", words)
	}
	for _, w := range []string{"Alphaville", "Brixton", "Cardiff", "Dubrovnik", "Edinburgh", "Fargo", "rose", "fell"} {
		if !slices.Contains(words, w) {
			t.Errorf("%s missing from %q", w, words)
		}
	}
	for _, w := range []string{"Zebulon", "#Fargo", "Tuesday"} { // dev only; '#'; once only
		if slices.Contains(words, w) {
			t.Errorf("%s listed", w)
		}
	}
	header := string(got)
	for _, want := range []string{
		"#   go run ./internal/gen/clusters -k=2,4 -min=2 -o " + out + " " + filepath.ToSlash(root) + "\n",
		"#   word<TAB>c2<TAB>c4\n",
		"1 exact duplicates skipped",
		"1 clustered words that begin with '#'\n# are left out",
	} {
		if !strings.Contains(header, want) {
			t.Errorf("output lacks %q:\n%s", want, header)
		}
	}

	// The same flags with one worker and into stdout: the same bytes.
	var stdout, errb bytes.Buffer
	if code := run(context.Background(), []string{"-k", "2,4", "-min=2", "-j", "1", "-q", "-o", out, root}, &stdout, &errb); code != exitOK {
		t.Fatalf("-j 1: exit %d: %s", code, errb.String())
	}
	again, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, got) {
		t.Error("-j 1 and -j 2 outputs differ")
	}
	if errb.Len() != 0 {
		t.Errorf("-q still wrote to stderr: %s", errb.String())
	}
}

func TestRunErrors(t *testing.T) {
	root := writeData(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"no data dir", nil, exitUsage},
		{"two data dirs", []string{root, root}, exitUsage},
		{"k not a multiple", []string{"-k", "64,100", root}, exitUsage},
		{"k decreasing", []string{"-k", "256,64", root}, exitUsage},
		{"k too small", []string{"-k", "1", root}, exitUsage},
		{"bad context", []string{"-context", "up", root}, exitUsage},
		{"bad min", []string{"-min", "0", root}, exitUsage},
		{"bad jobs", []string{"-j", "0", root}, exitUsage},
		{"help", []string{"-h"}, exitOK},
		{"missing corpus", []string{filepath.Join(root, "nowhere")}, exitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".tsv")
			code, stderr := runClusters(t, append([]string{"-q", "-o", out}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("output written")
			}
		})
	}
}

func TestRunMissingSource(t *testing.T) {
	root := writeData(t)
	if err := os.Remove(filepath.Join(root, "ner", "wnut17", "train.txt")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "clusters.tsv")
	code, stderr := runClusters(t, "-q", "-k", "2", "-min=2", "-o", out, root)
	if code != exitError || !strings.Contains(stderr, "wnut17/train.txt") {
		t.Errorf("exit %d, stderr %q; want %d naming the missing file", code, stderr, exitError)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written from a partial corpus")
	}
}

func TestRunInterrupted(t *testing.T) {
	root := writeData(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "clusters.tsv")
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"-q", "-k", "2", "-min=2", "-o", out, root}, &stdout, &stderr); code != exitInterrupted {
		t.Errorf("exit %d, want %d", code, exitInterrupted)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written after an interrupt")
	}
}
