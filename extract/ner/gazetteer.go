package ner

// A Gazetteer finds known names (a lexicon of people, organizations, places
// and events) in a tokenized sentence. The tagger uses its matches as
// features, so a model must be used with the gazetteer it was trained with
// (or with none, at a cost in accuracy). Implementations must be safe for
// concurrent use.
type Gazetteer interface {
	// Match appends to dst every lexicon entry that matches a run of toks,
	// including nested and overlapping ones, and returns the extended
	// slice. toks must not be modified.
	Match(dst []Match, toks []string) []Match
}

// A Match is one gazetteer entry found in a sentence: tokens [Start, End)
// (token indexes, half-open), of Type "person", "organization", "place" or
// "event" (other types are allowed and become features too), with Kind a
// finer class from the lexicon ("country", "company", "war"; may be empty).
type Match struct {
	Start, End int
	Type, Kind string
}
