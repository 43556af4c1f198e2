package cache

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"cograph/corpus"
	"cograph/export"
	"cograph/extract"
	"cograph/graph"
)

// articles are texts written for the test: people, places, an acronym, a
// relation and a sentence naming several entities (evidence).
var articles = []*corpus.Article{
	{ID: "a", Title: "Talks in Beijing", Date: "2024-05-02", URL: "https://example.org/a",
		Text: "Chinese President Xi Jinping met Vladimir Putin in Beijing on Thursday.\n\nPutin later flew to Moscow. The Shanghai Cooperation Organization (SCO) will meet in June."},
	{ID: "b", Title: "Summit ends", Date: "2024-06-10",
		Text: "Leaders of the SCO met in Astana. Xi Jinping and Kassym-Jomart Tokayev signed a statement."},
	{ID: "c", Title: "Football", Text: "Arsenal beat Chelsea 2-1 at the Emirates Stadium in London."},
}

func newExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	ex, err := extract.New(extract.RecognizerModel)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// graphOf builds the graph of the documents and writes it as GraphML.
func graphOf(t *testing.T, docs []*extract.Document) []byte {
	t.Helper()
	b := graph.NewBuilder(graph.SentenceWindow)
	for _, d := range docs {
		b.Add(d)
	}
	var buf bytes.Buffer
	if err := (export.GraphML{}).Write(&buf, b.Graph(graph.Filter{})); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCodecRoundTripGivesTheSameGraph(t *testing.T) {
	ex := newExtractor(t)
	var fresh, decoded []*extract.Document
	for _, a := range articles {
		d := ex.Extract(a)
		fresh = append(fresh, d)
		back, err := decode(encode(nil, d))
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		back.Article = a
		decoded = append(decoded, back)
	}
	if want, got := graphOf(t, fresh), graphOf(t, decoded); !bytes.Equal(want, got) {
		t.Errorf("graph from decoded extractions differs:\n%s\nwant:\n%s", got, want)
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	ex := newExtractor(t)
	blob := encode(nil, ex.Extract(articles[0]))
	for i := range blob {
		for _, b := range []byte{0, 0xff, blob[i] ^ 0x55} {
			damaged := bytes.Clone(blob)
			damaged[i] = b
			decode(damaged) // must not panic; errors are fine
		}
	}
	for _, n := range []int{0, 1, len(blob) / 2, len(blob) - 1} {
		if _, err := decode(blob[:n]); err == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
}

func TestCacheRecallsWhatItRemembers(t *testing.T) {
	ex := newExtractor(t)
	path := filepath.Join(t.TempDir(), "x.db")
	c, err := Open(path, ex.Version())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Recall(articles[0]); ok {
		t.Fatal("an empty cache recalled an article")
	}
	for _, a := range articles[:2] {
		if err := c.Remember(ex.Extract(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	c, err = Open(path, ex.Version())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The same text under another id is the same extraction.
	copyOfA := *articles[0]
	copyOfA.ID = "copy-of-a"
	d, ok := c.Recall(&copyOfA)
	if !ok || d.Article.ID != "copy-of-a" || len(d.Entities) == 0 {
		t.Fatalf("recall: %v %+v", ok, d)
	}
	if _, ok := c.Recall(articles[2]); ok {
		t.Error("recalled an article never remembered")
	}
	edited := *articles[1]
	edited.Text += " Tokayev left."
	if _, ok := c.Recall(&edited); ok {
		t.Error("recalled an article whose text changed")
	}
	if hits, misses := c.Stats(); hits != 1 || misses != 2 {
		t.Errorf("stats %d hits %d misses, want 1 and 2", hits, misses)
	}
	var n int
	if err := c.db.QueryRow(`SELECT count(*) FROM entities WHERE label = 'Xi Jinping' AND type = 'person'`).Scan(&n); err != nil || n != 2 {
		t.Errorf("entities table: %d rows for Xi Jinping (%v), want 2", n, err)
	}
}

func TestCacheKeyedByExtractorVersion(t *testing.T) {
	ex := newExtractor(t)
	path := filepath.Join(t.TempDir(), "x.db")
	c, _ := Open(path, "v1")
	c.Remember(ex.Extract(articles[0]))
	c.Close()
	c, _ = Open(path, "v2")
	defer c.Close()
	if _, ok := c.Recall(articles[0]); ok {
		t.Error("an extraction of another extractor version was used")
	}
	rules, _ := extract.New(extract.RecognizerRules)
	if rules.Version() == ex.Version() {
		t.Error("the rules and the model share a version")
	}
}

func TestOpenRejectsOtherFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte("these are not the droids you are looking for, nor an SQLite database\n"), 0o644)
	if c, err := Open(path, "v"); err == nil {
		c.Close()
		t.Error("opened a text file as a cache")
	}
}
