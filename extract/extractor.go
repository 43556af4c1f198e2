package extract

import (
	"crypto/sha256"
	"encoding/hex"
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
	Memo       Memo     // remembers extractions between runs; nil for none
}

// Recognizer names, for New.
const (
	RecognizerModel = "model" // the trained tagger with the rules (default)
	RecognizerRules = "rules" // the rules alone
)

// New returns an Extractor using the named recognizer ("" means
// RecognizerModel) over the embedded lexicon and model.
func New(recognizer string) (*Extractor, error) {
	if recognizer != RecognizerRules && recognizer != RecognizerModel && recognizer != "" {
		return nil, fmt.Errorf("unknown recognizer %q (want %s or %s)", recognizer, RecognizerModel, RecognizerRules)
	}
	// The tables and the tagger load in parallel: together they are most
	// of the start-up time of a small run.
	var m *ner.Model
	var merr error
	loaded := make(chan struct{})
	if recognizer != RecognizerRules {
		go func() {
			defer close(loaded)
			m, merr = ner.Default()
		}()
	} else {
		close(loaded)
	}
	lx, err := DefaultLexicon()
	<-loaded
	if err != nil {
		return nil, err
	}
	rules := &Rules{Lex: lx}
	if recognizer == RecognizerRules {
		return &Extractor{Recognizer: rules, Lexicon: lx}, nil
	}
	if merr != nil {
		return nil, merr
	}
	return &Extractor{Recognizer: &Statistical{Model: m, Rules: rules}, Lexicon: lx}, nil
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
	doc.seg = segPool.Get().(*segArrays)
	doc.Sentences = doc.seg.segment(doc.Text)
	for _, s := range doc.Sentences {
		for _, t := range s.Tokens {
			if unicode.IsLetter(firstRune(t.Norm)) || unicode.IsDigit(firstRune(t.Norm)) {
				doc.Words++
			}
		}
	}
	doc.Mentions = dedupMentions(e.Recognizer.Recognize(doc.seg.mentions[:0], doc))
	switch e.Recognizer.(type) {
	case *Statistical, *Rules:
		// They append to the array given (or to a fresh one): the
		// document's mentions may go back with the rest (Release).
		doc.seg.mentions = doc.Mentions
	}
	resolve(doc)
	if e.Lexicon != nil {
		findRelations(doc, e.Lexicon)
	}
	return doc
}

// RulesVersion names the behaviour of this package's code: bump it when a
// change to segmentation, the rules or resolution changes what Extract
// returns, so that caches of old extractions are not reused.
const RulesVersion = "2026-11-25.3"

// Version identifies what Extract returns for a given text: the code
// (RulesVersion), the tables of the lexicon and the tagger's weights.
// Caches of extractions are keyed by it.
func (e *Extractor) Version() string {
	h := sha256.New()
	fmt.Fprintf(h, "rules %s\n", RulesVersion)
	if e.Lexicon != nil {
		fmt.Fprintf(h, "lexicon %s\n", e.Lexicon.Digest())
	}
	switch r := e.Recognizer.(type) {
	case *Statistical:
		fmt.Fprintf(h, "model %s\n", r.Model.Digest())
	case *Rules:
		fmt.Fprintf(h, "rules only\n")
	default:
		fmt.Fprintf(h, "recognizer %T\n", r)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
