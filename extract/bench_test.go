package extract

import (
	"cograph/extract/ner"
	"io"
	"os"
	"path/filepath"
	"testing"

	"cograph/corpus"
)

// bbcArticles reads the BBC news folder beside the repository, skipping
// the benchmark when it is missing.
func bbcArticles(b *testing.B) []*corpus.Article {
	b.Helper()
	dir := filepath.Join("..", "..", "shared", "data", "news", "bbc")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("%s is missing (shared corpora beside the repository); skipping", dir)
	}
	r := corpus.Open([]string{dir}, corpus.Options{})
	var arts []*corpus.Article
	for {
		a, err := r.Read()
		if err == io.EOF {
			break
		}
		if err == nil {
			arts = append(arts, a)
		}
	}
	return arts
}

// BenchmarkExtractBBC measures segmentation, recognition and resolution on
// one core over the 2,183 BBC articles.
func BenchmarkExtractBBC(b *testing.B) {
	arts := bbcArticles(b)
	ex := newTestExtractor(b)
	var bytes, words int
	for _, a := range arts {
		d := ex.Extract(a)
		bytes += len(d.Text)
		words += d.Words
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, a := range arts {
			ex.Extract(a)
		}
		n++
	}
	b.ReportMetric(float64(n*words)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkSegment measures sentence and token segmentation alone.
func BenchmarkSegment(b *testing.B) {
	arts := bbcArticles(b)
	var bytes, words int
	for _, a := range arts {
		bytes += len(a.Text)
		for _, s := range Segment(a.Text) {
			words += len(s.Tokens)
		}
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, a := range arts {
			Segment(a.Text)
		}
		n++
	}
	b.ReportMetric(float64(n*words)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkStartup measures what a run pays before its first article: the
// lexicon built from its tables and the tagger read from the binary (in
// parallel, as New does):
//
//	go test -run XXX -bench Startup ./extract
func BenchmarkStartup(b *testing.B) {
	for b.Loop() {
		done := make(chan error)
		go func() {
			_, err := ner.FromBytes(ner.Embedded())
			done <- err
		}()
		if _, err := loadEmbedded(); err != nil {
			b.Fatal(err)
		}
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
}
