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
type wordMemo struct {
	index   map[string]int32
	entries []wordEntry
}

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
	if w.index == nil || len(w.entries) >= memoLimit {
		w.index = make(map[string]int32, 4096)
		w.entries = w.entries[:0]
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
	i := int32(len(w.entries))
	// The token is a slice of the article's text: a copy lets the text go.
	w.index[strings.Clone(tok)] = i
	w.entries = append(w.entries, wordEntry{info: *ti})
	return i
}
