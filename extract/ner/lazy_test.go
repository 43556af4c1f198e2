package ner

import (
	"fmt"
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
