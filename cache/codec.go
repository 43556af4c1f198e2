package cache

import (
	"encoding/binary"
	"errors"
	"strings"

	"cograph/extract"
)

// The extraction of one article is stored as one blob in a compact binary
// form: what building a graph needs (sentence paragraphs, mentions,
// entities, relations, word count) and the text of the sentences that name
// two entities or more, the only ones an edge may cite as evidence. Token
// spans, the rest of the text and the article's metadata are not stored:
// the metadata comes from the article as read, so that copies of one text
// under two names share an entry.

// codecVersion is the first byte of every blob; a blob of another version
// is treated as absent.
const codecVersion = 1

var errCorrupt = errors.New("cache: corrupt entry")

// types numbers the entity types in a blob.
var types = []string{extract.Person, extract.Organization, extract.Event, extract.Place, extract.Misc}

func typeCode(t string) byte {
	for i, s := range types {
		if s == t {
			return byte(i)
		}
	}
	return byte(len(types)) // unknown: decoded as ""
}

// encode appends the blob of d to dst.
func encode(dst []byte, d *extract.Document) []byte {
	w := writer{b: append(dst, codecVersion)}
	w.uint(d.Words)
	cite := citable(d)
	w.uint(len(d.Sentences))
	for i, s := range d.Sentences {
		w.uint(s.Paragraph)
		if cite[i] {
			w.str(d.Text[s.Start:s.End])
		} else {
			w.str("")
		}
	}
	w.uint(len(d.Mentions))
	for _, m := range d.Mentions {
		w.uint(m.Sentence)
		w.b = append(w.b, typeCode(m.Type))
		w.str(m.Text)
		w.str(m.Label)
		w.str(m.Role)
		w.uint(m.Entity)
	}
	w.uint(len(d.Entities))
	for _, e := range d.Entities {
		w.str(e.Label)
		w.str(e.Key)
		w.b = append(w.b, typeCode(e.Type))
		w.uint(len(e.Aliases))
		for _, a := range e.Aliases {
			w.str(a)
		}
		w.uint(len(e.Mentions))
		for _, m := range e.Mentions {
			w.uint(m)
		}
	}
	w.uint(len(d.Relations))
	for _, r := range d.Relations {
		w.uint(r.Person)
		w.uint(r.Target)
		w.str(r.Role)
	}
	return w.b
}

// citable marks the sentences that hold mentions of two entities or more.
func citable(d *extract.Document) []bool {
	out := make([]bool, len(d.Sentences))
	first := make([]int, len(d.Sentences))
	for i := range first {
		first[i] = -1
	}
	for _, m := range d.Mentions {
		switch f := first[m.Sentence]; {
		case f < 0:
			first[m.Sentence] = m.Entity
		case f != m.Entity:
			out[m.Sentence] = true
		}
	}
	return out
}

// decode rebuilds a document from a blob. Its Text holds the stored
// sentences one per line, and their spans point there; other sentences
// have empty spans.
func decode(blob []byte) (*extract.Document, error) {
	if len(blob) == 0 || blob[0] != codecVersion {
		return nil, errCorrupt
	}
	r := reader{b: blob[1:]}
	d := &extract.Document{Words: r.uint()}
	var text strings.Builder
	d.Sentences = make([]extract.Sentence, r.count())
	for i := range d.Sentences {
		s := &d.Sentences[i]
		s.Paragraph = r.uint()
		if t := r.str(); t != "" {
			s.Start = text.Len()
			text.WriteString(t)
			s.End = text.Len()
			text.WriteByte('\n')
		}
	}
	d.Text = text.String()
	d.Mentions = make([]extract.Mention, r.count())
	for i := range d.Mentions {
		m := &d.Mentions[i]
		m.Sentence = r.uint()
		m.Type = r.typ()
		m.Text, m.Label, m.Role = r.str(), r.str(), r.str()
		m.Entity = r.uint()
	}
	d.Entities = make([]extract.Entity, r.count())
	for i := range d.Entities {
		e := &d.Entities[i]
		e.Label, e.Key = r.str(), r.str()
		e.Type = r.typ()
		e.Aliases = make([]string, r.count())
		for j := range e.Aliases {
			e.Aliases[j] = r.str()
		}
		e.Mentions = make([]int, r.count())
		for j := range e.Mentions {
			e.Mentions[j] = r.uint()
		}
	}
	d.Relations = make([]extract.Relation, r.count())
	for i := range d.Relations {
		d.Relations[i] = extract.Relation{Person: r.uint(), Target: r.uint(), Role: r.str()}
	}
	if r.err != nil || len(r.b) != 0 || !consistent(d) {
		return nil, errCorrupt
	}
	return d, nil
}

// consistent reports whether every index in d points inside it, so that
// a damaged entry can never make the graph builder index out of range.
func consistent(d *extract.Document) bool {
	for _, m := range d.Mentions {
		if m.Sentence < 0 || m.Sentence >= len(d.Sentences) || m.Entity < 0 || m.Entity >= len(d.Entities) {
			return false
		}
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if m < 0 || m >= len(d.Mentions) {
				return false
			}
		}
	}
	for _, r := range d.Relations {
		if r.Person < 0 || r.Person >= len(d.Entities) || r.Target < 0 || r.Target >= len(d.Entities) {
			return false
		}
	}
	return true
}

type writer struct{ b []byte }

func (w *writer) uint(x int) { w.b = binary.AppendUvarint(w.b, uint64(x)) }

func (w *writer) str(s string) {
	w.uint(len(s))
	w.b = append(w.b, s...)
}

// reader decodes a blob; the first error sticks and later reads return
// zero values, so decode checks once at the end.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uint() int {
	x, n := binary.Uvarint(r.b)
	if n <= 0 || x > 1<<31 {
		r.err = errCorrupt
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return int(x)
}

// count reads a length, refusing one longer than the bytes left: every
// element takes at least one byte, so a damaged length cannot make decode
// allocate gigabytes.
func (r *reader) count() int {
	n := r.uint()
	if n > len(r.b) {
		r.err = errCorrupt
		r.b = nil
		return 0
	}
	return n
}

func (r *reader) str() string {
	n := r.count()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) typ() string {
	if len(r.b) == 0 {
		r.err = errCorrupt
		return ""
	}
	c := r.b[0]
	r.b = r.b[1:]
	if int(c) < len(types) {
		return types[c]
	}
	return ""
}
