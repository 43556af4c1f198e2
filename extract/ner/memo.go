package ner

import "strings"

// wordMemo remembers, per token string, what tagging computes from the
// token alone: its analysis (hashes of its forms, flags, clusters) and the
// summed weights of the features that depend on nothing else (the word,
// its shapes, affixes and clusters). News repeats its words: after a few
// documents nearly every token is found here, which spares its analysis,
// three cluster look-ups and a third of the weight rows the tagger would
// otherwise fetch from a table larger than the processor's fast caches.
// Each tagger has its own memo, so it needs no locking.
//
// Entries live in blocks of memoBlock, so that a growing memo never
// copies what it holds: a copy would touch twice the memory, and first
// touching memory is a large part of a small run's time.
type wordMemo struct {
	index  map[string]int32
	blocks [][]wordEntry
	n      int32 // entries in use
}

const memoBlock = 1024

type wordEntry struct {
	info   tokInfo
	own    [11]int32 // the quantized sum of the token's own feature rows
	summed bool      // whether own is computed
}

// memoLimit bounds a memo's entries; a full memo starts over before the
// next document (never within one, whose tokens hold entry indexes). Word
// types in news grow slowly with the text, so the limit is reached only
// on very large or unusual corpora, and starting over costs only speed.
const memoLimit = 1 << 18

// startDocument empties a full memo.
func (w *wordMemo) startDocument() {
	if w.index == nil || w.n >= memoLimit {
		w.index = make(map[string]int32, 4096)
		w.n = 0
	}
}

// lookup returns the entry index of tok, or -1.
func (w *wordMemo) lookup(tok string) int32 {
	if i, ok := w.index[tok]; ok {
		return i
	}
	return -1
}

// add stores the analysis of tok and returns its entry index.
func (w *wordMemo) add(tok string, ti *tokInfo) int32 {
	i := w.n
	if int(i/memoBlock) == len(w.blocks) {
		w.blocks = append(w.blocks, make([]wordEntry, memoBlock))
	}
	w.n++
	// The token is a slice of the article's text: a copy lets the text go.
	w.index[strings.Clone(tok)] = i
	*w.entry(i) = wordEntry{info: *ti}
	return i
}

// entry returns entry i.
func (w *wordMemo) entry(i int32) *wordEntry { return &w.blocks[i/memoBlock][i%memoBlock] }
