package ner

import (
	"bufio"
	"errors"
	"io"
	"strings"
)

// A Document is a run of sentences read from a CoNLL-style file, with the
// input lines they came from so that they can be written back (see
// [Writer]).
type Document struct {
	Sentences []Sentence
	// Lines holds every input line of the document, in order and without its
	// line terminator: the -DOCSTART- line, blank separators and token lines.
	Lines []string
	// FirstLine is the 1-based line number of Lines[0] in the input.
	FirstLine int
}

// A Sentence is the tokens of one sentence. Tags, when the input was read
// with [Reader.Tagged], holds the last column of each token line, in IOB2.
// Line holds, for each token, the index of its line in Document.Lines.
type Sentence struct {
	Tokens []string
	Tags   []string
	Line   []int
}

// Tokens returns the tokens of every sentence of d; the slices are d's own.
func (d *Document) Tokens() [][]string {
	out := make([][]string, len(d.Sentences))
	for i := range d.Sentences {
		out[i] = d.Sentences[i].Tokens
	}
	return out
}

// Tags returns the gold tags of every sentence of d; the slices are d's own.
func (d *Document) Tags() [][]string {
	out := make([][]string, len(d.Sentences))
	for i := range d.Sentences {
		out[i] = d.Sentences[i].Tags
	}
	return out
}

// DefaultMaxSentences is the default for [Reader.MaxSentences].
const DefaultMaxSentences = 500

// maxLine bounds the length of one input line.
const maxLine = 1 << 20

// A Reader reads CoNLL-style files one document at a time: the token is the
// first column; columns are separated by a tab when the line has one, else
// by runs of spaces; a blank or white-space-only line ends a sentence; a
// line whose first column is -DOCSTART- starts a document. Set the exported
// fields before the first Read.
type Reader struct {
	// Tagged makes the last column of each token line its gold tag, stored
	// in Sentence.Tags after conversion to IOB2 (IOB1 and IOBES are
	// accepted). A token line with a single column, or a tag that is not O
	// or B-, I-, E-, S- and a type, is a *ParseError. Default false.
	Tagged bool
	// Path names the input in errors. Default "" ("<input>").
	Path string
	// MaxSentences ends a document after this many sentences when the
	// input has no -DOCSTART- lines, which bounds the memory one document
	// takes; the tagger uses a document as context. 0 means
	// DefaultMaxSentences; negative means no limit.
	MaxSentences int

	sc      *bufio.Scanner
	line    int
	pending *string // a -DOCSTART- line read by the previous Read
	pendAt  int
	err     error
}

// NewReader returns a Reader that reads from r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	return &Reader{sc: sc}
}

// Read returns the next document. At the end of the input it returns nil,
// io.EOF. A malformed line stops reading with a *ParseError.
func (r *Reader) Read() (*Document, error) {
	if r.err != nil {
		return nil, r.err
	}
	d := &Document{}
	var cur Sentence
	endSentence := func() {
		if len(cur.Tokens) > 0 {
			if r.Tagged {
				ToIOB2(cur.Tags)
			}
			d.Sentences = append(d.Sentences, cur)
			cur = Sentence{}
		}
	}
	addLine := func(s string, at int) {
		if len(d.Lines) == 0 {
			d.FirstLine = at
		}
		d.Lines = append(d.Lines, s)
	}
	max := r.MaxSentences
	if max == 0 {
		max = DefaultMaxSentences
	}
	sawDocStart := false
	if r.pending != nil {
		addLine(*r.pending, r.pendAt)
		r.pending = nil
		sawDocStart = true
	}
	for r.sc.Scan() {
		r.line++
		s := strings.TrimRight(r.sc.Text(), "\r")
		if isDocStart(s) {
			endSentence()
			if len(d.Sentences) > 0 || sawDocStart {
				ds := s
				r.pending, r.pendAt = &ds, r.line
				return d, nil
			}
			sawDocStart = true
			addLine(s, r.line)
			continue
		}
		if strings.TrimSpace(s) == "" {
			addLine(s, r.line)
			endSentence()
			if !sawDocStart && max > 0 && len(d.Sentences) >= max {
				return d, nil
			}
			continue
		}
		cols := splitColumns(s)
		cur.Tokens = append(cur.Tokens, cols[0])
		cur.Line = append(cur.Line, len(d.Lines))
		if r.Tagged {
			if len(cols) < 2 {
				r.err = &ParseError{Path: r.Path, Line: r.line, Err: ErrNoTag, Text: s}
				return nil, r.err
			}
			tag := cols[len(cols)-1]
			if !validTag(tag) {
				r.err = &ParseError{Path: r.Path, Line: r.line, Column: strings.LastIndex(s, tag) + 1, Err: ErrBadTag, Text: tag}
				return nil, r.err
			}
			cur.Tags = append(cur.Tags, tag)
		}
		addLine(s, r.line)
	}
	if err := r.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = &ParseError{Path: r.Path, Line: r.line + 1, Err: ErrTooLong}
		}
		r.err = err
		return nil, err
	}
	endSentence()
	r.err = io.EOF
	if len(d.Lines) == 0 {
		return nil, io.EOF
	}
	return d, nil
}

// ReadAll reads every document; it stops at the first error.
func (r *Reader) ReadAll() ([]*Document, error) {
	var out []*Document
	for {
		d, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, d)
	}
}

func isDocStart(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return strings.HasPrefix(s, "-DOCSTART-") && (len(s) == len("-DOCSTART-") || s[len("-DOCSTART-")] == ' ' || s[len("-DOCSTART-")] == '\t')
}

// splitColumns splits a token line at tabs when it has one (tokens may then
// hold spaces), else at runs of spaces.
func splitColumns(s string) []string {
	if strings.IndexByte(s, '\t') >= 0 {
		cols := strings.Split(strings.Trim(s, "\t"), "\t")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		return cols
	}
	return strings.Fields(s)
}

// A Writer writes documents back with one more column on each token line:
// the predicted tag. Writes are buffered; the first error is kept and
// returned by every later call and by Flush.
type Writer struct {
	w   *bufio.Writer
	err error
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriterSize(w, 1<<16)} }

// Write writes every line of d; tags[i][j] is appended to the line of token j
// of sentence i, after a tab when the line holds one, else after a space.
// A -DOCSTART- line gets "O", so that every non-blank line has the same
// number of columns; blank lines are kept as they are.
func (w *Writer) Write(d *Document, tags [][]string) error {
	if w.err != nil {
		return w.err
	}
	extra := make([]string, len(d.Lines))
	for i, s := range d.Sentences {
		for j, l := range s.Line {
			extra[l] = tags[i][j]
		}
	}
	for i, l := range d.Lines {
		w.w.WriteString(l)
		switch {
		case extra[i] != "":
			w.sep(l)
			w.w.WriteString(extra[i])
		case isDocStart(l):
			w.sep(l)
			w.w.WriteString("O")
		}
		if err := w.w.WriteByte('\n'); err != nil {
			w.err = err
			return err
		}
	}
	return nil
}

func (w *Writer) sep(line string) {
	if strings.IndexByte(line, '\t') >= 0 {
		w.w.WriteByte('\t')
	} else {
		w.w.WriteByte(' ')
	}
}

// Flush writes any buffered data and returns the first error.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	w.err = w.w.Flush()
	return w.err
}
