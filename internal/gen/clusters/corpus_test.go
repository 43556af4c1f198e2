package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestShape(t *testing.T) {
	for _, tc := range []struct {
		word string
		want int
	}{
		{"Blackburn", ctxUnkTitle},
		{"BRUSSELS", ctxUnkUpper},
		{"U.S.", ctxUnkUpper},
		{"ratchet", ctxUnkLower},
		{"iPhone", ctxUnkLower},
		{"1996-08-22", ctxUnkDigit},
		{"G7", ctxUnkDigit},
		{"Élysée", ctxUnkTitle},
		{"--", ctxUnkOther},
	} {
		if got := shape(tc.word); got != tc.want {
			t.Errorf("shape(%q) = %s, want %s", tc.word, specialNames[got], specialNames[tc.want])
		}
	}
}

func collect(tb testing.TB, read func(sent func([]string) bool) error) [][]string {
	tb.Helper()
	var got [][]string
	if err := read(func(toks []string) bool {
		got = append(got, toks)
		return true
	}); err != nil {
		tb.Fatal(err)
	}
	return got
}

func TestReadCoNLL(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       [][]string
	}{
		{"conll", "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n",
			[][]string{{"EU", "rejects"}, {"Peter"}}},
		{"tab separators", "@paulwalk\tO\nIt\tO\n\t\n's\tO\n", [][]string{{"@paulwalk", "It"}, {"'s"}}},
		{"crlf and folding", "\u201cYes\u201d\tO\r\nno\tO\r\n\r\n", [][]string{{"\"Yes\"", "no"}}},
		{"no final newline", "a\tO\nb\tO", [][]string{{"a", "b"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := collect(t, func(sent func([]string) bool) error { return readCoNLL("x", tc.text, sent) })
			if !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestReadGMB(t *testing.T) {
	raw := "Sentence #,Word,POS,Tag\r\nSentence: 1,Thousands,NNS,O\r\n,of,IN,O\r\n,\"\"\"\",``,O\r\n" +
		"Sentence: 2,caf\xe9,NN,O\r\n,\x93hi\x94,NN,O\r\n"
	got := collect(t, func(sent func([]string) bool) error { return readGMB("x", decodeCP1252([]byte(raw)), sent) })
	want := [][]string{{"Thousands", "of", "\""}, {"café", "\"hi\""}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\u00a3 valid", "\u00a3 valid"},
		{"\xa3 5", "\u00a3 5"},         // Latin-1 pound sign
		{"\x93q\x94", "\u201cq\u201d"}, // Windows-1252 quotes
	} {
		if got := decode([]byte(tc.in)); got != tc.want {
			t.Errorf("decode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDocLinesSplitTitle(t *testing.T) {
	// Reuters-21578 and AG News lines are TITLE<TAB>BODY; the title has no
	// final period and must not run into the body's first sentence.
	path := filepath.Join(t.TempDir(), "news.txt")
	if err := os.WriteFile(path, []byte("Oil prices fall\tPrices fell on Monday.\n\nSecond doc.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var sents []string
	err := readSource(source{path, docLines}, func(doc string) bool {
		for _, s := range segment(doc) {
			sents = append(sents, strings.Join(s, " "))
		}
		return true
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Oil prices fall", "Prices fell on Monday .", "Second doc ."}
	if !slices.Equal(sents, want) {
		t.Errorf("sentences %q, want %q", sents, want)
	}
}
