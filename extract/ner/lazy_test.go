package ner

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestLazyFeaturesMatchEager tags documents with features computed on
// demand from the word memo (as tagging does) and all up front (as
// training does), twice in a row on one pooled tagger, so that the second
// round reads every word from the memo: the labels must be the same every
// time.
func TestLazyFeaturesMatchEager(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := [][][]string{
		{strings.Fields("Chinese President Xi Jinping met Vladimir Putin in Moscow on Monday ."),
			strings.Fields("The talks at the Kremlin lasted three hours , officials of the Russian Foreign Ministry said .")},
		{strings.Fields("Arsenal beat Chelsea 2-1 at the Emirates Stadium in London ."),
			strings.Fields("Bukayo Saka scored twice for the Gunners .")},
	}
	tagWith := func(lazy bool, doc [][]string) []uint8 {
		tg := m.getTagger()
		defer m.putTagger(tg)
		tg.d = &tg.own
		tg.d.lazy = lazy
		tg.d.memo = nil
		if lazy {
			tg.d.memo = &tg.memo // as tag does
		}
		m.prepare(tg.d, doc, nil, 0)
		m.decodeDoc(tg, false)
		return slices.Clone(tg.labels)
	}
	for round := 0; round < 3; round++ {
		if round == 2 {
			// A memo a few entries short of its limit: it must not start
			// over within a document, whose tokens hold entry indexes.
			tg := m.getTagger()
			var ti tokInfo
			for tg.memo.n < memoLimit-1 {
				tg.memo.add(fmt.Sprintf("filler%d", tg.memo.n), &ti)
			}
			m.putTagger(tg)
			// New words after known ones: a memo starting over here would
			// give the new words the entries the known ones point to.
			docs = append(docs, [][]string{strings.Fields(
				"Chinese President Xi Jinping met Alpha Bravo , Charlie Delta and Echo Foxtrot of Golf Hotel in Moscow ."),
				strings.Fields("Vladimir Putin and India Juliet of the Kremlin greeted Kilo Lima .")})
		}
		for i, doc := range docs {
			if lazy, eager := tagWith(true, doc), tagWith(false, doc); !slices.Equal(lazy, eager) {
				t.Errorf("round %d doc %d: lazy %v, eager %v", round, i, lazy, eager)
			}
		}
	}
}

// TestWordMemo checks the memo's index against a map: tokens of every
// length around the longest a slot holds (longer ones go to a map), the
// empty token, non-ASCII ones, enough of them to make the slots grow
// several times, and absent tokens that share a prefix or a length with
// present ones.
func TestWordMemo(t *testing.T) {
	var w wordMemo
	w.startDocument()
	want := map[string]int32{}
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "abcXYZ-.é0"
	for len(want) < 100_000 {
		n := r.IntN(slotKey + 8)
		b := make([]byte, 0, n+1)
		for len(b) < n {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		tok := string(b)
		if _, ok := want[tok]; ok {
			if got := w.lookup(tok); got != want[tok] {
				t.Fatalf("lookup(%q) = %d, want %d", tok, got, want[tok])
			}
			continue
		}
		if got := w.lookup(tok); got != -1 {
			t.Fatalf("lookup(%q) = %d before it was added", tok, got)
		}
		var ti tokInfo
		ti.runes = int16(len(want))
		want[tok] = w.add(tok, &ti)
	}
	for tok, i := range want {
		if got := w.lookup(tok); got != i {
			t.Fatalf("lookup(%q) = %d, want %d", tok, got, i)
		}
		if got := w.entry(i).info.runes; got != int16(i) {
			t.Fatalf("entry %d of %q holds the analysis of entry %d", i, tok, got)
		}
		if _, ok := want[tok+"!"]; !ok && w.lookup(tok+"!") != -1 {
			t.Fatalf("lookup(%q) found a token never added", tok+"!")
		}
	}
	for w.n < memoLimit {
		w.add(fmt.Sprintf("filler%d", w.n), &tokInfo{})
	}
	w.startDocument() // a full memo starts over
	if w.n != 0 || w.lookup("filler7") != -1 {
		t.Fatalf("a full memo kept its entries: n = %d", w.n)
	}
	for tok := range want {
		if got := w.lookup(tok); got != -1 {
			t.Fatalf("lookup(%q) = %d after the memo started over", tok, got)
		}
	}
}
