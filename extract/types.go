package extract

import "cograph/corpus"

// A Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// A Token is one word or punctuation mark. Norm is the token text with
// typographic variants folded (curly quotes to ASCII, non-breaking and other
// Unicode hyphens to "-"), which is what lexicons and models look up.
type Token struct {
	Span
	Norm string
}

// A Sentence is a run of tokens. Paragraph is the 0-based index of the
// paragraph that holds it; Heading marks a paragraph written in Title Case
// (a headline or section label), where capitalisation says nothing about
// names.
type Sentence struct {
	Span
	Paragraph int
	Heading   bool
	Tokens    []Token
}

// Entity types produced by recognizers. They match the node types of package
// graph; Misc mentions (nationalities, products, slogans) never become nodes.
const (
	Person       = "person"
	Organization = "organization"
	Event        = "event"
	Place        = "place"
	Misc         = "misc"
)

// A Mention is one occurrence of a name in the text. Tokens [First, Last) of
// sentence Sentence cover it. Role holds the title or apposition that
// introduced a person ("president", "chairman"), if any.
type Mention struct {
	Span
	Sentence    int
	First, Last int
	Type        string
	Text        string // the surface form, folded as Token.Norm
	Label       string // canonical name: a lexicon's label, else Text
	Role        string
	Entity      int // index into Document.Entities, set by resolution
}

// An Entity is one real-world entity as named within one article: its
// canonical Label, Type and the indexes of its mentions.
type Entity struct {
	Label    string
	Key      string // the merge key across articles; see CanonicalKey
	Type     string
	Aliases  []string // distinct surface forms, in order of first use
	Mentions []int    // indexes into Document.Mentions
}

// A Document is an article after extraction. Text is the title (when known)
// followed by a blank line and the article body; all spans point into it.
type Document struct {
	Article   *corpus.Article
	Text      string
	Sentences []Sentence
	Mentions  []Mention
	Entities  []Entity
	Relations []Relation // roles the text gives people in institutions and places
	Words     int        // number of word tokens (punctuation excluded)

	seg *segArrays // the arrays of Sentences, their Tokens and Mentions, for Release
}

// Release gives the arrays of the document's Sentences, their Tokens and
// its Mentions to later extractions, which would otherwise allocate their
// own (for a program that merges each document into a graph and drops
// it, the largest allocations of an extraction). The document's Sentences
// and Mentions are cleared; nothing must use them, or slices of them,
// afterwards. A document that is kept need not be released.
func (d *Document) Release() {
	a := d.seg
	if a == nil {
		return
	}
	d.seg, d.Sentences, d.Mentions = nil, nil, nil
	// Cleared, so that the pool holds no article's text.
	clear(a.tokens)
	clear(a.sents)
	clear(a.mentions)
	segPool.Put(a)
}
