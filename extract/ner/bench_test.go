package ner

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// sharedNER returns the shared NER data directory beside the repository,
// skipping the test when it is missing locally and failing it in CI.
func sharedNER(tb testing.TB) string {
	tb.Helper()
	dir, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data", "ner"))
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing; CI must check it out beside the repository", dir)
		}
		tb.Skipf("%s is missing (the shared data set beside the repository); skipping", dir)
	}
	return dir
}

func readTagged(tb testing.TB, path string) []*Document {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f)
	r.Tagged = true
	r.Path = path
	docs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// BenchmarkTag measures TagDocument with the embedded model (no
// gazetteer) over the CoNLL-2003 development set on one core.
func BenchmarkTag(b *testing.B) {
	docs := readTagged(b, filepath.Join(sharedNER(b), "conll2003", "dev.txt"))
	m := benchModel(b)
	sents := make([][][]string, len(docs))
	tokens := 0
	for i, d := range docs {
		sents[i] = d.Tokens()
		for _, s := range sents[i] {
			tokens += len(s)
		}
	}
	out := make([][][]string, len(docs))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i := range sents {
			out[i] = m.TagDocumentTo(out[i], sents[i], nil)
		}
		n++
	}
	b.ReportMetric(float64(n*tokens)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		for i := range sents {
			out[i] = m.TagDocumentTo(out[i], sents[i], nil)
		}
	}))/float64(tokens), "allocs/token")
}

func benchModel(tb testing.TB) *Model {
	tb.Helper()
	if p := os.Getenv("NER_MODEL"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		m, err := Load(f)
		if err != nil {
			tb.Fatal(err)
		}
		return m
	}
	m, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// BenchmarkClusterFind looks up 20,000 words of the embedded clusters in
// random order (as text does), and as many absent ones.
func BenchmarkClusterFind(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	probes := slices.Clone(m.clusters.keys)
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(probes), func(i, j int) { probes[i], probes[j] = probes[j], probes[i] })
	probes = probes[:min(len(probes), 20000)]
	for b.Loop() {
		for _, k := range probes {
			m.clusters.find(k)
			m.clusters.find(k + 1)
		}
	}
}
