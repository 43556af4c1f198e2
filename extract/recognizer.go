package extract

// A Recognizer appends the entity mentions it finds in doc to dst. It reads
// doc.Text and doc.Sentences and sets each mention's Span, Sentence, First,
// Last, Type, Text and Label; resolution fills in the rest. Implementations
// must be safe for concurrent use by several goroutines.
type Recognizer interface {
	Recognize(dst []Mention, doc *Document) []Mention
}
