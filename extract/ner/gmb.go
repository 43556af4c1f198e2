package ner

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ReadGMB reads the GMB-derived "Annotated Corpus for NER" CSV (header
// "Sentence #,Word,POS,Tag", Windows-1252, one token per row, "Sentence: N"
// in the first column of each sentence's first row). The corpus has no
// document boundaries but keeps the articles' sentence order, so every run
// of docSize sentences becomes one Document (docSize ≤ 0: 20).
//
// Tags keep GMB's types (geo, org, per, gpe, tim, art, eve, nat), except
// that gpe on a word whose POS is not NNP (nationality adjectives and
// plurals: "Iraqi", "Palestinians") becomes "gpeadj", since CoNLL tags
// those MISC. Errors are *ParseError or *csv.ParseError with 1-based lines.
func ReadGMB(r io.Reader, path string, docSize int) ([]*Document, error) {
	if docSize <= 0 {
		docSize = 20
	}
	cr := csv.NewReader(bufio.NewReader(&cp1252Reader{r: r}))
	cr.FieldsPerRecord = 4
	cr.ReuseRecord = true
	var docs []*Document
	var d *Document
	var cur Sentence
	flush := func() {
		if len(cur.Tokens) == 0 {
			return
		}
		if d == nil || len(d.Sentences) >= docSize {
			d = &Document{}
			docs = append(docs, d)
		}
		ToIOB2(cur.Tags)
		d.Sentences = append(d.Sentences, cur)
		cur = Sentence{}
	}
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				pe.Err = fmt.Errorf("%s: %w", path, pe.Err)
			}
			return nil, err
		}
		if n == 0 {
			if rec[1] != "Word" {
				return nil, &ParseError{Path: path, Line: 1, Err: errors.New("missing header Sentence #,Word,POS,Tag")}
			}
			continue
		}
		if strings.HasPrefix(rec[0], "Sentence:") {
			flush()
		}
		tag := rec[3]
		if !validTag(tag) {
			line, _ := cr.FieldPos(3)
			return nil, &ParseError{Path: path, Line: line, Err: ErrBadTag, Text: tag}
		}
		if pre, typ := splitTag(tag); typ == "gpe" && rec[2] != "NNP" {
			tag = pre + "-gpeadj"
		}
		cur.Tokens = append(cur.Tokens, rec[1])
		cur.Tags = append(cur.Tags, tag)
	}
	flush()
	return docs, nil
}

// cp1252Reader decodes Windows-1252 into UTF-8.
type cp1252Reader struct {
	r   io.Reader
	in  []byte
	out []byte
	off int // read position in out
}

var cp1252High = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func (c *cp1252Reader) Read(p []byte) (int, error) {
	for c.off == len(c.out) {
		if cap(c.in) == 0 {
			c.in = make([]byte, 32*1024)
		}
		c.out, c.off = c.out[:0], 0
		n, err := c.r.Read(c.in[:cap(c.in)])
		for _, b := range c.in[:n] {
			switch {
			case b < 0x80:
				c.out = append(c.out, b)
			case b < 0xA0:
				c.out = utf8.AppendRune(c.out, cp1252High[b-0x80])
			default:
				c.out = utf8.AppendRune(c.out, rune(b))
			}
		}
		if len(c.out) == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, c.out[c.off:])
	c.off += n
	return n, nil
}
