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
}
