package corpus

// An Article is one news article after page furniture has been removed.
// Text is valid UTF-8; every span produced downstream is a byte-offset pair
// into Text.
type Article struct {
	ID     string // stable identifier: the JSONL id, or the path relative to the root given
	Title  string // headline, "" when unknown
	Date   string // publication date as YYYY-MM-DD, "" when unknown
	URL    string
	Source string // publisher or the file the article came from
	Author string // byline, when one was found; never part of Text
	Text   string // body text; paragraphs separated by blank lines ("\n\n")

	// Digest identifies the input a whole-file article (text, Markdown,
	// HTML) was read from: a SHA-256 of the reader's version, the format
	// and the file's bytes. It is set only when Options.Known is, for
	// caches keyed on input files; zero otherwise.
	Digest [32]byte

	deferred *deferredFile // see Deferred
}

// deferredFile is what Parse needs to read a deferred article.
type deferredFile struct {
	s   streamReader
	raw []byte
}

// Deferred reports whether the article was returned unread because
// Options.Known knew its Digest: only ID, Source and Digest are set, and
// Parse reads it.
func (a *Article) Deferred() bool { return a.deferred != nil }

// Parse returns a deferred article read as the Walker would have read it
// (without reporting warnings again), or the article itself when it is not
// deferred. The error is a *SkipError, as Read's would have been.
func (a *Article) Parse() (*Article, error) {
	if a.deferred == nil {
		return a, nil
	}
	s := a.deferred.s
	s.opts.Warn = nil
	p, err := s.parseWhole(a.deferred.raw, s.format) // a deferred file is never binary
	if p != nil {
		p.Digest = a.Digest
	}
	return p, err
}

// RawSize is the size in bytes of a deferred article's file, and of the
// title and text of any other.
func (a *Article) RawSize() int {
	if a.deferred != nil {
		return len(a.deferred.raw)
	}
	return len(a.Title) + len(a.Text)
}
