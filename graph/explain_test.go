package graph

import (
	"errors"
	"reflect"
	"testing"

	"cograph/corpus"
	"cograph/extract"
)

// explainText has Putin in sentences 1, 3 and 5, Scholz in 1 and 4, over
// three paragraphs after the title (sentence 0).
const explainText = `Vladimir Putin met Olaf Scholz in Moscow on Monday. The talks lasted three hours.

Later, Putin said the U.S. had been informed. Scholz flew home on Tuesday. Emmanuel Macron called Putin in the evening.

Joe Biden spoke about the United States economy. Xi Jinping stayed in Beijing.`

const (
	s1 = "Vladimir Putin met Olaf Scholz in Moscow on Monday."
	s3 = "Later, Putin said the U.S. had been informed."
	s4 = "Scholz flew home on Tuesday."
	s5 = "Emmanuel Macron called Putin in the evening."
	s6 = "Joe Biden spoke about the United States economy."
)

// extractText extracts text as the body of an article titled "Talks in
// Moscow".
func extractText(tb testing.TB, text string) *extract.Document {
	tb.Helper()
	ex, err := extract.New(extract.RecognizerModel)
	if err != nil {
		tb.Fatal(err)
	}
	return ex.Extract(&corpus.Article{ID: "talks", Title: "Talks in Moscow", Text: text})
}

func TestExplainPassages(t *testing.T) {
	doc := extractText(t, explainText)
	cases := []struct {
		name   string
		a, b   string
		window Window
		want   []string
		sents  [][]int
	}{
		{"sentence", "Vladimir Putin", "Olaf Scholz", SentenceWindow, []string{s1}, [][]int{{1}}},
		{"zero window is sentence", "Vladimir Putin", "Olaf Scholz", 0, []string{s1}, [][]int{{1}}},
		{"alias", "Putin", "Scholz", SentenceWindow, []string{s1}, [][]int{{1}}},
		{"alias case and dots", "u.s.", "JOE BIDEN", SentenceWindow, []string{s6}, [][]int{{6}}},
		{"dotless acronym", "US", "Joe Biden", SentenceWindow, []string{s6}, [][]int{{6}}},
		{"paragraph", "Putin", "Scholz", ParagraphWindow,
			[]string{s1 + " The talks lasted three hours.", s3 + " " + s4 + " " + s5}, [][]int{{1, 2}, {3, 4, 5}}},
		// Windows [0,2) and [1,3) merge and are cut to sentence 1;
		// [3,5) and [4,6) merge into 3-5.
		{"two sentences", "Putin", "Scholz", Window(2), []string{s1, s3 + " " + s4 + " " + s5}, [][]int{{1}, {3, 4, 5}}},
		{"three sentences merge", "Putin", "Scholz", Window(3),
			[]string{s1 + " The talks lasted three hours. " + s3 + " " + s4 + " " + s5}, [][]int{{1, 2, 3, 4, 5}}},
		{"document", "Putin", "Scholz", DocumentWindow, []string{s1 + " … " + s3 + " " + s4 + " " + s5}, [][]int{{1, 3, 4, 5}}},
		{"never together", "Xi Jinping", "Scholz", SentenceWindow, nil, nil},
		{"together in the document only", "Xi Jinping", "Scholz", ParagraphWindow, nil, nil},
		{"unknown name", "Angela Merkel", "Scholz", DocumentWindow, nil, nil},
		{"surname the text never uses alone", "Biden", "United States", SentenceWindow, []string{s6}, [][]int{{6}}},
		{"first name is no surname", "Vladimir", "Scholz", DocumentWindow, nil, nil},
		{"only persons have surnames", "States", "Joe Biden", DocumentWindow, nil, nil},
		{"one entity both names", "Putin", "Vladimir Putin", DocumentWindow, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := NewPair(c.a, c.b)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var sents [][]int
			for _, ps := range p.Passages(doc, c.window) {
				got = append(got, ps.Text)
				sents = append(sents, ps.Sentences)
				if ps.Start != doc.Sentences[ps.Sentences[0]].Start || ps.End != doc.Sentences[ps.Sentences[len(ps.Sentences)-1]].End {
					t.Errorf("span %v does not run from sentence %d to %d", ps.Span, ps.Sentences[0], ps.Sentences[len(ps.Sentences)-1])
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("passages:\n got %q\nwant %q", got, c.want)
			}
			if !reflect.DeepEqual(sents, c.sents) {
				t.Errorf("sentences: got %v, want %v", sents, c.sents)
			}
		})
	}
}

func TestExplainLabels(t *testing.T) {
	doc := extractText(t, explainText)
	p, err := NewPair("Scholz", "Putin")
	if err != nil {
		t.Fatal(err)
	}
	ps := p.Passages(doc, SentenceWindow)
	if len(ps) != 1 || ps[0].A != "Olaf Scholz" || ps[0].B != "Vladimir Putin" {
		t.Fatalf("got %+v, want one passage with A Olaf Scholz, B Vladimir Putin", ps)
	}
}

func TestNewPairRefuses(t *testing.T) {
	cases := []struct {
		name, a, b string
		want       error
	}{
		{"same", "Putin", "Putin", ErrSameName},
		{"same key", "the U.S.", "US", ErrSameName},
		{"empty", "Putin", " ", ErrEmptyName},
		{"punctuation only", "...", "Putin", ErrEmptyName},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := NewPair(c.a, c.b); !errors.Is(err, c.want) {
				t.Errorf("NewPair(%q, %q) = %v, want %v", c.a, c.b, err, c.want)
			}
		})
	}
}

func TestExplainEntities(t *testing.T) {
	doc := extractText(t, explainText)
	p, _ := NewPair("Putin", "Vladimir Putin")
	a, b := p.Entities(doc)
	if len(a) != 1 || !reflect.DeepEqual(a, b) || doc.Entities[a[0]].Label != "Vladimir Putin" {
		t.Errorf("Entities = %v, %v; want the one entity Vladimir Putin for both", a, b)
	}
}

// TestExplainBadIndexes: a hand-built document with mentions pointing
// nowhere must not panic.
func TestExplainBadIndexes(t *testing.T) {
	doc := doc("x", [][]string{{"pA", "pB"}})
	doc.Text = "A met B."
	doc.Sentences[0].Span = extract.Span{Start: 0, End: len(doc.Text)}
	doc.Mentions = append(doc.Mentions, extract.Mention{Sentence: 7, Entity: 0}, extract.Mention{Sentence: 0, Entity: 9})
	p, _ := NewPair("pA", "pB")
	if ps := p.Passages(doc, SentenceWindow); len(ps) != 1 || ps[0].Text != "A met B." {
		t.Errorf("got %+v, want the one sentence", ps)
	}
}

func TestClosest(t *testing.T) {
	labels := []string{"Vladimir Putin", "Vyacheslav Volodin", "Xi Jinping", "Olaf Scholz", "Bank of England"}
	cases := []struct {
		name string
		want []string
	}{
		{"Vladimir Volodyn", []string{"Vyacheslav Volodin", "Vladimir Putin"}},
		{"Xi Jinpin", []string{"Xi Jinping"}},
		{"Volodin", []string{"Vyacheslav Volodin"}},
		{"Olaf Scholz", nil}, // found as is: nothing to suggest
		{"Angela Merkel", nil},
		{"Bank of Japan", []string{"Bank of England"}},
		{"Council of Europe", nil}, // "of" alone is no resemblance
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Closest(c.name, labels, 5); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Closest(%q) = %q, want %q", c.name, got, c.want)
			}
		})
	}
	if got := Closest("Vladimir Volodyn", labels, 1); len(got) != 1 {
		t.Errorf("n = 1 gave %q", got)
	}
}
