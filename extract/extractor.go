package extract

import (
	"strings"
	"unicode"

	"cograph/corpus"
)

// An Extractor turns articles into documents. It is safe for concurrent
// use: Extract keeps no state between calls.
type Extractor struct {
	Recognizer Recognizer
}

// New returns an Extractor using the rule recognizer over the embedded
// lexicon.
func New() (*Extractor, error) {
	lx, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	return &Extractor{Recognizer: &Rules{Lex: lx}}, nil
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
	return doc
}
