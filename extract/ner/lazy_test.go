package ner

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"
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

// TestNeighborFeatures checks that tagging's split of a token's static
// rows loses or adds none: its own rows, the joint context rows and
// neighborFeatures of the tokens at ±1 and ±2 (or past the sentence's
// ends) make up, as a multiset, the rows training uses.
func TestNeighborFeatures(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := [][]string{
		strings.Fields("Chinese President Xi Jinping met Vladimir Putin in Moscow on Monday ."),
		{"Hi"},
		{"OK", "."},
		strings.Fields("THE KREMLIN SAID ON TUESDAY THAT 2,000 TROOPS HAD LEFT ."),
		strings.Fields("A 12-year-old boy , Ivan , e-mailed the U.N. about Gazprom's pipeline , officials said ."),
	}
	d := &docFeatures{lazy: true}
	m.prepare(d, sents, nil, 0)
	for si := range sents {
		a, b := int(d.sents[si]), int(d.sents[si+1])
		infos := d.infos[a:b]
		gtok := d.gtoks[d.gofs[si]:d.gofs[si+1]]
		for i := range infos {
			want := m.tokenFeatures(nil, infos, i, d.sflags[si], d, gtok, partAll)
			got := m.tokenFeatures(nil, infos, i, d.sflags[si], d, gtok, partOwn)
			got = m.tokenFeatures(got, infos, i, d.sflags[si], d, gtok, partJoint)
			for _, pos := range neighborOffsets {
				var nt *tokInfo
				if j := i + pos; j >= 0 && j < len(infos) {
					nt = &infos[j]
				}
				got = m.neighborFeatures(got, nt, pos)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("sentence %d token %d %q: %d rows split, %d in all", si, i, sents[si][i], len(got), len(want))
			}
		}
	}
}

// TestWordEntryLayout checks the sizes the memo's comments rely on: an
// entry of 384 bytes (blocks of entries stay page-aligned) whose hot part,
// at its start, fits one cache line.
func TestWordEntryLayout(t *testing.T) {
	if n := unsafe.Sizeof(wordEntry{}); n != 384 {
		t.Errorf("wordEntry is %d bytes, want 384 (adjust its padding)", n)
	}
	if n := unsafe.Sizeof(tokHot{}); n > 64 {
		t.Errorf("tokHot is %d bytes, more than a cache line", n)
	}
}
