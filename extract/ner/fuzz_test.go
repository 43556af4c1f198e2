package ner

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
)

// FuzzGMB checks ReadGMB's contract: no panic, errors are *ParseError or
// *csv.ParseError with a 1-based line, and documents hold at most docSize
// non-empty sentences with one IOB2 tag per token.
func FuzzGMB(f *testing.F) {
	f.Add("Sentence #,Word,POS,Tag\r\nSentence: 1,Iraqi,JJ,B-gpe\r\n,caf\xe9,NN,O\r\n,\x93,``,O\r\nSentence: 2,Iraq,NNP,B-gpe\r\n,Monday,NNP,B-tim\r\n", uint8(1))
	f.Add("Sentence #,Word,POS,Tag\n\"Sentence: 1\",\"a\"\"b\",NN,I-per\n,c,NN,E-per\n,d,NN,S-\n", uint8(0))
	f.Add("x,Word\n", uint8(3))
	f.Fuzz(func(t *testing.T, in string, docSize uint8) {
		docs, err := ReadGMB(strings.NewReader(in), "gmb.csv", int(docSize))
		if err != nil {
			var pe *ParseError
			var ce *csv.ParseError
			switch {
			case errors.As(err, &pe):
				if pe.Line < 1 {
					t.Fatalf("bad line in %v", pe)
				}
			case errors.As(err, &ce):
				if ce.Line < 1 {
					t.Fatalf("bad line in %v", ce)
				}
			default:
				t.Fatalf("error %T %v is neither *ParseError nor *csv.ParseError", err, err)
			}
			return
		}
		limit := int(docSize)
		if limit == 0 {
			limit = 20
		}
		for _, d := range docs {
			if len(d.Sentences) == 0 || len(d.Sentences) > limit {
				t.Fatalf("document of %d sentences (docSize %d)", len(d.Sentences), docSize)
			}
			for _, s := range d.Sentences {
				if len(s.Tokens) == 0 || len(s.Tags) != len(s.Tokens) {
					t.Fatalf("%d tokens, %d tags", len(s.Tokens), len(s.Tags))
				}
				for _, tag := range s.Tags {
					if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
						t.Fatalf("tag %q is not IOB2 in %q", tag, s.Tags)
					}
				}
			}
		}
	})
}

// FuzzClusters checks that ReadClusters never panics, reports a malformed
// line as a *ParseError and a line over the limit as bufio.ErrTooLong, and
// that every word it stores can be looked up.
func FuzzClusters(f *testing.F) {
	f.Add("# comment\nParis\t3\t17\t200\nLondon\t3\t17\t201\nsaid\t9\t40\t300\n")
	f.Add("Paris\t0110100\nLondon\t0110101\nsaid\t111\n\u201cq\u201d\t1\r\n")
	f.Add("a\t\t\nb\t01010101010101010101010101010101010101\nc\t4294967296\n")
	f.Fuzz(func(t *testing.T, in string) {
		c, err := ReadClusters(strings.NewReader(in), "c.tsv")
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				if pe.Line < 1 {
					t.Fatalf("bad line in %v", pe)
				}
			} else if !errors.Is(err, bufio.ErrTooLong) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
			return
		}
		if n := strings.Count(in, "\n") + 1; c.Len() > n {
			t.Fatalf("%d words from %d lines", c.Len(), n)
		}
		ks, _ := c.entries()
		for _, k := range ks {
			if _, ok := c.get(k); !ok {
				t.Fatalf("key %x stored but not found", k)
			}
		}
	})
}

// FuzzModel checks what a model file given with --model can do: an error
// that wraps ErrBadModel or ErrVersion, or a model that tags any sentence
// with one tag per token, never a panic. The seeds are a small trained
// model in both layouts.
func FuzzModel(f *testing.F) {
	m, err := Train([]Corpus{{Name: "synthetic", Documents: synthetic()}}, TrainOptions{Seed: 1, Epochs: 1, Bits: 8})
	if err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add(saveV1(m))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrBadModel) && !errors.Is(err, ErrVersion) {
				t.Fatalf("error %v is neither ErrBadModel nor ErrVersion", err)
			}
			return
		}
		toks := strings.Fields("Wei Chen flew to Oslo for Reuters on Monday .")
		if tags := m.TagDocument([][]string{toks}, nil); len(tags) != 1 || len(tags[0]) != len(toks) {
			t.Fatalf("tags %v for %d tokens", tags, len(toks))
		}
	})
}
