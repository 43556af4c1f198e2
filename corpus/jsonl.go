package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// A jsonlReader reads one article per line. It uses a bufio.Scanner with
// an explicit limit; its split function discards an overlong line instead
// of failing, so one bad line never ends the file.
type jsonlReader struct {
	sc      *bufio.Scanner
	s       *streamReader
	max     int
	line    int
	tooLong bool // the token just returned replaces an overlong line
	discard bool // inside an overlong line, looking for its end
	warned  bool // the Windows-1252 warning was given for this input
}

func newJSONLReader(r io.Reader, s *streamReader) *jsonlReader {
	j := &jsonlReader{s: s, max: s.opts.maxLineSize()}
	j.sc = bufio.NewScanner(r)
	j.sc.Buffer(make([]byte, 0, min(64<<10, j.max+1)), j.max+1)
	j.sc.Split(j.split)
	return j
}

// emptyToken stands for a line whose content was discarded.
var emptyToken = []byte{}

// split is bufio.ScanLines with a length limit that skips rather than
// stops: once a line exceeds j.max bytes its bytes are dropped up to the
// next newline, and an empty token with j.tooLong set takes its place.
func (j *jsonlReader) split(data []byte, atEOF bool) (int, []byte, error) {
	i := bytes.IndexByte(data, '\n')
	switch {
	case j.discard && i >= 0:
		j.discard, j.tooLong = false, true
		return i + 1, emptyToken, nil
	case j.discard && atEOF:
		j.discard, j.tooLong = false, true
		return len(data), emptyToken, bufio.ErrFinalToken
	case j.discard:
		return len(data), nil, nil
	case i > j.max:
		j.tooLong = true
		return i + 1, emptyToken, nil
	case i >= 0:
		return i + 1, bytes.TrimSuffix(data[:i], []byte("\r")), nil
	case len(data) > j.max:
		j.discard = true
		return len(data), nil, nil
	case atEOF && len(data) > 0:
		return len(data), bytes.TrimSuffix(data, []byte("\r")), nil
	}
	return 0, nil, nil
}

// Read returns the article on the next non-blank line.
func (j *jsonlReader) Read() (*Article, error) {
	for j.sc.Scan() {
		j.line++
		if j.tooLong {
			j.tooLong = false
			return nil, &ParseError{Path: j.s.path, Line: j.line, Column: j.max + 1, Err: fmt.Errorf("%w (limit %d bytes)", ErrTooLong, j.max)}
		}
		b := j.sc.Bytes()
		if j.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
		}
		// lead counts what TrimSpace removes (form feeds and NBSPs too),
		// so that columns count from the start of the line.
		lead := len(b) - len(bytes.TrimLeftFunc(b, unicode.IsSpace))
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		return j.article(b, lead)
	}
	if err := j.sc.Err(); err != nil {
		return nil, &SkipError{Path: j.s.path, Err: err}
	}
	return nil, io.EOF
}

// jsonArticle lists the field names that news dumps commonly use.
type jsonArticle struct {
	ID          json.RawMessage `json:"id"`
	Title       string          `json:"title"`
	Headline    string          `json:"headline"`
	Text        string          `json:"text"`
	Body        string          `json:"body"`
	Content     string          `json:"content"`
	Date        string          `json:"date"`
	Published   string          `json:"published"`
	PublishedAt string          `json:"published_at"`
	URL         string          `json:"url"`
	Source      string          `json:"source"`
	Author      json.RawMessage `json:"author"`
}

// article decodes one line; lead is the number of blanks trimmed from its
// start, so columns count from the start of the line.
func (j *jsonlReader) article(b []byte, lead int) (*Article, error) {
	text, bad := decodeText(b)
	if bad > 0 && !j.warned {
		j.warned = true
		j.s.opts.warn(j.s.path, fmt.Errorf("line %d: %w (later lines not reported)", j.line, ErrWindows1252))
	}
	var v jsonArticle
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return nil, j.jsonError(err, b, lead)
	}
	id, ok := jsonID(v.ID)
	author, ok2 := jsonAuthor(v.Author)
	if !ok || !ok2 {
		return nil, &ParseError{Path: j.s.path, Line: j.line, Column: lead + 1, Err: fmt.Errorf("%w: id must be a string or number, author a string or list of strings", ErrMalformedJSON)}
	}
	if id == "" {
		id = fmt.Sprintf("%s:%d", j.s.id, j.line)
	}
	a := &Article{
		ID:     id,
		Title:  firstNonEmpty(v.Title, v.Headline),
		URL:    strings.TrimSpace(v.URL),
		Source: firstNonEmpty(v.Source, j.s.source),
		Author: author,
		Text:   firstNonEmpty(v.Text, v.Body, v.Content),
	}
	if d, ok := ParseDate(firstNonEmpty(v.Date, v.Published, v.PublishedAt)); ok {
		a.Date = d
	}
	if looksLikeHTML(a.Text) {
		a.Text = parseHTMLDoc(a.Text, true).bodyText()
	}
	Clean(a)
	tidyFields(a)
	if a.Text == "" {
		return nil, &ParseError{Path: j.s.path, Line: j.line, Column: lead + 1, Err: ErrEmpty}
	}
	return a, nil
}

// jsonError turns an error decoding line b into a *ParseError with the
// byte column where decoding stopped. The decoder's offset counts the
// decoded text, which is longer than b where b was not UTF-8.
func (j *jsonlReader) jsonError(err error, b []byte, lead int) error {
	col := 1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		col = rawOffset(b, int(syn.Offset))
	case errors.As(err, &typ):
		col = rawOffset(b, int(typ.Offset))
	}
	return &ParseError{Path: j.s.path, Line: j.line, Column: lead + max(col, 1), Err: fmt.Errorf("%w: %v", ErrMalformedJSON, err)}
}

// jsonID accepts a string or a number as an id.
func jsonID(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s), true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	return "", false
}

// jsonAuthor accepts a string or a list of strings as the author.
func jsonAuthor(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s), true
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.Join(list, ", "), true
	}
	return "", false
}
