package extract

import (
	"fmt"
	"strings"
	"unicode"

	"cograph/corpus"
	"cograph/extract/ner"
)

// An Extractor turns articles into documents. It is safe for concurrent
// use: Extract keeps no state between calls.
type Extractor struct {
	Recognizer Recognizer
	Lexicon    *Lexicon // for relations (titles, nationalities); nil skips them
}

// Recognizer names, for New.
const (
	RecognizerModel = "model" // the trained tagger with the rules (default)
	RecognizerRules = "rules" // the rules alone
)

// New returns an Extractor using the named recognizer ("" means
// RecognizerModel) over the embedded lexicon and model.
func New(recognizer string) (*Extractor, error) {
	lx, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	rules := &Rules{Lex: lx}
	switch recognizer {
	case RecognizerRules:
		return &Extractor{Recognizer: rules, Lexicon: lx}, nil
	case RecognizerModel, "":
		m, err := ner.Default()
		if err != nil {
			return nil, err
		}
		return &Extractor{Recognizer: &Statistical{Model: m, Rules: rules}, Lexicon: lx}, nil
	}
	return nil, fmt.Errorf("unknown recognizer %q (want %s or %s)", recognizer, RecognizerModel, RecognizerRules)
}

// NewWithModel returns an Extractor using the tagger m (for example one
// trained with 'cograph train' and read with ner.Load) with the rules over
// the embedded lexicon.
func NewWithModel(m *ner.Model) (*Extractor, error) {
	lx, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	return &Extractor{Recognizer: &Statistical{Model: m, Rules: &Rules{Lex: lx}}, Lexicon: lx}, nil
}

// Extract segments the article, recognizes its mentions and resolves them
// into entities. The article's title, when known, is the first paragraph
// of Document.Text.
func (e *Extractor) Extract(a *corpus.Article) *Document {
	doc := &Document{Article: a, Text: a.Text}
	if t := strings.TrimSpace(a.Title); t != "" {
		doc.Text = t + "\n\n" + a.Text
	}
	doc.Sentences = Segment(doc.Text)
	for _, s := range doc.Sentences {
		for _, t := range s.Tokens {
			if unicode.IsLetter(firstRune(t.Norm)) || unicode.IsDigit(firstRune(t.Norm)) {
				doc.Words++
			}
		}
	}
	doc.Mentions = dedupMentions(e.Recognizer.Recognize(doc.Mentions, doc))
	resolve(doc)
	if e.Lexicon != nil {
		findRelations(doc, e.Lexicon)
	}
	return doc
}
