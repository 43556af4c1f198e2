package ner

import (
	"hash/maphash"
	"strings"
)

// wordMemo remembers, per token string, what tagging computes from the
// token alone: its analysis (hashes of its forms, flags, clusters), the
// summed weights of the features that depend on nothing else (the word,
// its shapes, affixes and clusters) and of those it gives its neighbours
// (see neighborFeatures). News repeats its words: after a few documents
// nearly every token is found here, which spares its analysis, three
// cluster look-ups and most of the weight rows the tagger would otherwise
// fetch from a table larger than the processor's fast caches.
// Each tagger has its own memo, so it needs no locking.
//
// Entries live in blocks of memoBlock, so that a growing memo never
// copies what it holds: a copy would touch twice the memory, and first
// touching memory is a large part of a small run's time.
type wordMemo struct {
	// The index of the entries, by token: open addressing over slots
	// that hold short tokens themselves, so that finding a token reads
	// one cache line. A Go map of strings read three or four (its
	// control word, the slot, the key's bytes elsewhere): looking up
	// every token was 7% of a large build. Slots hold no pointers, which
	// also spares the collector a string per word type to scan.
	slots  []memoSlot       // a power of two, at most 3/4 used
	long   map[string]int32 // tokens too long for a slot (URLs, long compounds)
	seed   maphash.Seed
	blocks [][]wordEntry
	n      int32 // entries in use
	// edge[p] is what nbr[p] is for a neighbour past the sentence's start
	// or end; edgeDone as nbrDone.
	edge     [len(neighborOffsets)][11]int32
	edgeDone uint8
}

// slotKey is the longest token a slot holds: nearly every token of news.
const slotKey = 22

type memoSlot struct {
	tag uint32 // the high half of the token's hash
	i   int32  // entry index + 1; 0 marks a free slot
	n   uint8  // the token's length
	key [slotKey]byte
}

const memoBlock = 1024

// A wordEntry is 384 bytes, so that the hot part of info, at its start,
// is one cache line (blocks of entries are page-aligned).
type wordEntry struct {
	info    tokInfo
	own     [11]int32 // the quantized sum of the token's own feature rows
	summed  bool      // whether own is computed
	nbrDone uint8     // bit p: nbr[p] is computed
	// nbr[p] is the quantized sum of the rows of neighborFeatures for the
	// word at neighborOffsets[p] from the token scored.
	nbr [len(neighborOffsets)][11]int32
	_   [16]byte
}

// memoLimit bounds a memo's entries; a full memo starts over before the
// next document (never within one, whose tokens hold entry indexes). Word
// types in news grow slowly with the text, so the limit is reached only
// on very large or unusual corpora, and starting over costs only speed.
const memoLimit = 1 << 17

// startDocument empties a full memo.
func (w *wordMemo) startDocument() {
	if w.slots == nil || w.n >= memoLimit {
		w.reset()
	}
}

// reset empties the memo, keeping its entry blocks.
func (w *wordMemo) reset() {
	if w.slots == nil {
		w.seed = maphash.MakeSeed()
	}
	// The commonest words are in the model's word table, not here: a
	// run of a few hundred articles leaves a few thousand words to each
	// memo, and fresh slots cost first touches.
	w.slots = make([]memoSlot, 1<<12)
	w.long = map[string]int32{}
	w.n = 0
}

// lookup returns the entry index of tok, or -1.
func (w *wordMemo) lookup(tok string) int32 {
	if len(tok) > slotKey {
		if i, ok := w.long[tok]; ok {
			return i
		}
		return -1
	}
	s, found := w.find(tok, maphash.String(w.seed, tok))
	if !found {
		return -1
	}
	return w.slots[s].i - 1
}

// find returns the slot of tok (of hash h), or the free slot where it
// would go.
func (w *wordMemo) find(tok string, h uint64) (int, bool) {
	mask := len(w.slots) - 1
	tag := uint32(h >> 32)
	for s := int(h) & mask; ; s = (s + 1) & mask {
		sl := &w.slots[s]
		if sl.i == 0 {
			return s, false
		}
		if sl.tag == tag && int(sl.n) == len(tok) && string(sl.key[:sl.n]) == tok {
			return s, true
		}
	}
}

// add stores the analysis of tok, which lookup did not find, and returns
// its entry index.
func (w *wordMemo) add(tok string, ti *tokInfo) int32 {
	if w.slots == nil {
		w.reset()
	}
	i := w.n
	if int(i/memoBlock) == len(w.blocks) {
		w.blocks = append(w.blocks, make([]wordEntry, memoBlock))
	}
	w.n++
	*w.entry(i) = wordEntry{info: *ti}
	if len(tok) > slotKey {
		// The token is a slice of the article's text: a copy lets the text go.
		w.long[strings.Clone(tok)] = i
		return i
	}
	if used := int(w.n) - len(w.long); 4*used > 3*len(w.slots) { // w.n counts this token already
		w.grow()
	}
	h := maphash.String(w.seed, tok)
	s, _ := w.find(tok, h)
	sl := &w.slots[s]
	sl.tag, sl.i, sl.n = uint32(h>>32), i+1, uint8(len(tok))
	copy(sl.key[:], tok)
	return i
}

// grow doubles the slots. The tokens held are all different, so each
// goes to the first free slot from its hash, without comparing.
func (w *wordMemo) grow() {
	old := w.slots
	w.slots = make([]memoSlot, 2*len(old))
	mask := len(w.slots) - 1
	for k := range old {
		if sl := &old[k]; sl.i != 0 {
			s := int(maphash.Bytes(w.seed, sl.key[:sl.n])) & mask
			for w.slots[s].i != 0 {
				s = (s + 1) & mask
			}
			w.slots[s] = *sl
		}
	}
}

// entry returns entry i.
func (w *wordMemo) entry(i int32) *wordEntry { return &w.blocks[i/memoBlock][i%memoBlock] }
