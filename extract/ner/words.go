package ner

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"unsafe"

	"cograph/internal/fixhash"
	"cograph/internal/view"
)

// A wordTable holds, for the commonest words of news, what the word memo
// would compute for them (see wordMemo): the hot part of the analysis, the
// sum of the word's own feature rows and the sums it gives its neighbours
// at each offset. Every tagger reads the same table. A small run meets
// most of its word types for the first time, so without it each of its
// workers would analyse each word and sum some 30 rows for it, cache
// misses in a table larger than the processor's caches: a run of 200
// articles spent about a tenth of its time on that.
//
// Its slots hash words with a fixed hash (package fixhash), so that they
// hold in every process. The table of the embedded model is computed by
// internal/gen/wordtable and embedded beside it; it is valid for that
// model only (see [Model.words]). Its entries are in the order of the
// words' frequency, so that a small run touches few of its pages.
type wordTable struct {
	// Open addressing over slots of the entry index + 1 (low 16 bits; 0
	// marks a free slot) and 16 bits of the word's hash, compared before
	// the entry is read: a word that is not in the table costs one slot,
	// not a page of entries.
	slots []uint32
	// Entry i is words[i] and sums[i]: what every token reads apart from
	// what scoring reads, so that the commonest words' first parts share
	// a few pages and stay in the processor's caches.
	words []wordHot
	sums  []wordSums
}

// maxWordTable is the most entries a table can index.
const maxWordTable = 1<<16 - 1

// wordKey is the longest word a wordTable holds: nearly every common
// word, and short enough for a wordHot to be 64 bytes.
const wordKey = 19

// wordHot is the first part of an entry: the word, to compare, and the
// fields of tokHot that the features of other tokens read, which prepare
// copies. tokHot's suf2 and npre are left out: only the word's own
// neighbour features read them, and their sums are in its wordSums. Its
// layout is the table file's (see wordHotLayout).
type wordHot struct {
	n                        uint8 // the word's length
	key                      [wordKey]byte
	flags                    uint16
	runes                    int16
	clus12                   [2]uint32
	word, lower, norm, short uint64
}

// wordSums is the second part of an entry: the sums scoring reads.
type wordSums struct {
	own [11]int32                       // as wordEntry.own
	nbr [len(neighborOffsets)][11]int32 // as wordEntry.nbr, for every offset
}

// tokHot returns the tokHot of e's word.
func (e *wordHot) tokHot() tokHot {
	return tokHot{word: e.word, lower: e.lower, norm: e.norm, short: e.short, clus12: e.clus12, flags: e.flags, runes: e.runes}
}

// lookup returns the entry index of tok, or -1.
func (t *wordTable) lookup(tok string) int32 {
	if t == nil || len(tok) > wordKey {
		return -1
	}
	h := fixhash.String(tok)
	mask := len(t.slots) - 1
	tag := uint32(h >> 48)
	for s := int(h) & mask; ; s = (s + 1) & mask {
		v := t.slots[s]
		if v == 0 {
			return -1
		}
		if v>>16 == tag {
			i := int32(v&0xFFFF) - 1
			if e := &t.words[i]; int(e.n) == len(tok) && string(e.key[:e.n]) == tok {
				return i
			}
		}
	}
}

// newWordTable computes the table of m for the first n of words (the
// commonest first) of at most wordKey bytes; repeats are left out, and at
// most maxWordTable are kept.
func (m *Model) newWordTable(words []string, n int) *wordTable {
	t := &wordTable{}
	seen := map[string]bool{}
	var sc tokScratch
	var rows []uint32
	var d docFeatures // what the features of other parts read, unused
	d.stats.reset(1)
	for _, w := range words {
		if len(t.words) == min(n, maxWordTable) {
			break
		}
		if len(w) == 0 || len(w) > wordKey || seen[w] {
			continue
		}
		seen[w] = true
		var ti tokInfo
		m.analyzeToken(&ti, w, &sc)
		e := wordHot{n: uint8(len(w)), flags: ti.flags, runes: ti.runes, clus12: ti.clus12,
			word: ti.word, lower: ti.lower, norm: ti.norm, short: ti.short}
		copy(e.key[:], w)
		var sums wordSums
		rows = m.tokenFeatures(rows[:0], []tokInfo{ti}, 0, 0, &d, nil, partOwn)
		m.acc11(&sums.own, rows)
		for p, pos := range neighborOffsets {
			rows = m.neighborFeatures(rows[:0], &ti, pos)
			m.acc11(&sums.nbr[p], rows)
		}
		t.words = append(t.words, e)
		t.sums = append(t.sums, sums)
	}
	t.index()
	return t
}

// index fills the slots from the entries: a power of two at least twice
// their number.
func (t *wordTable) index() {
	n := 16
	for n < 2*len(t.words) {
		n *= 2
	}
	t.slots = make([]uint32, n)
	mask := n - 1
	for i := range t.words {
		e := &t.words[i]
		h := fixhash.String(string(e.key[:e.n]))
		s := int(h) & mask
		for t.slots[s] != 0 {
			s = (s + 1) & mask
		}
		t.slots[s] = uint32(h>>48)<<16 | uint32(i+1)
	}
}

// Word table file layout: the magic "CGWORDS", a version byte, the
// SHA-256 of the model file it was computed for, the number of entries
// and of slots (u32), zeros up to byte 64; the slots (u32); zeros up to a
// multiple of 8; the entries' wordHot, wordHotSize bytes each, then their
// wordSums, wordSumsSize bytes each, little-endian, at the offsets of
// the structures in memory (see wordHotLayout), so that an embedded table
// is used where it lies, like the model's weights.
const (
	wordsMagic   = "CGWORDS"
	wordsVersion = 2
	wordsHeader  = 64
	wordHotSize  = 64
	wordSumsSize = 4 * 11 * (1 + len(neighborOffsets))
)

// wordHotLayout is the offset of each field of wordHot in the file: n,
// key, flags, runes, clus12, word, lower, norm, short. A wordSums is
// own, then nbr, every int32 in order.
var wordHotLayout = [...]uintptr{0, 1, 20, 22, 24, 32, 40, 48, 56}

// viewable reports whether wordHot and wordSums in memory are laid out as
// in the file.
func viewable() bool {
	var e wordHot
	var s wordSums
	got := [...]uintptr{unsafe.Offsetof(e.n), unsafe.Offsetof(e.key), unsafe.Offsetof(e.flags), unsafe.Offsetof(e.runes),
		unsafe.Offsetof(e.clus12), unsafe.Offsetof(e.word), unsafe.Offsetof(e.lower), unsafe.Offsetof(e.norm),
		unsafe.Offsetof(e.short)}
	return view.LittleEndian && got == wordHotLayout && unsafe.Sizeof(e) == wordHotSize &&
		unsafe.Sizeof(s) == uintptr(wordSumsSize) && unsafe.Offsetof(s.nbr) == 44
}

// ErrBadWords reports a word table file that cannot be read.
var ErrBadWords = errors.New("not a cograph word table")

// encode returns the table's file, for a model whose file has the digest
// sum.
func (t *wordTable) encode(sum [32]byte) []byte {
	b := make([]byte, wordsHeader, wordsHeader+4*len(t.slots)+8+(wordHotSize+wordSumsSize)*len(t.words))
	copy(b, wordsMagic)
	b[len(wordsMagic)] = wordsVersion
	copy(b[8:], sum[:])
	le := binary.LittleEndian
	le.PutUint32(b[40:], uint32(len(t.words)))
	le.PutUint32(b[44:], uint32(len(t.slots)))
	for _, v := range t.slots {
		b = le.AppendUint32(b, v)
	}
	b = pad8(b)
	for i := range t.words {
		b = appendWordHot(b, &t.words[i])
	}
	for i := range t.sums {
		for _, v := range t.sums[i].own {
			b = le.AppendUint32(b, uint32(v))
		}
		for _, nb := range t.sums[i].nbr {
			for _, v := range nb {
				b = le.AppendUint32(b, uint32(v))
			}
		}
	}
	return b
}

// appendWordHot appends e at the offsets of wordHotLayout.
func appendWordHot(b []byte, e *wordHot) []byte {
	at := len(b)
	b = append(b, make([]byte, wordHotSize)...)
	le, f, o := binary.LittleEndian, b[at:], wordHotLayout
	f[o[0]] = e.n
	copy(f[o[1]:], e.key[:])
	le.PutUint16(f[o[2]:], e.flags)
	le.PutUint16(f[o[3]:], uint16(e.runes))
	le.PutUint32(f[o[4]:], e.clus12[0])
	le.PutUint32(f[o[4]+4:], e.clus12[1])
	for i, v := range [...]uint64{e.word, e.lower, e.norm, e.short} {
		le.PutUint64(f[o[5+i]:], v)
	}
	return b
}

// decodeWordHot reads an entry written by appendWordHot.
func decodeWordHot(f []byte) wordHot {
	var e wordHot
	le, o := binary.LittleEndian, wordHotLayout
	e.n = f[o[0]]
	copy(e.key[:], f[o[1]:])
	e.flags = le.Uint16(f[o[2]:])
	e.runes = int16(le.Uint16(f[o[3]:]))
	e.clus12 = [2]uint32{le.Uint32(f[o[4]:]), le.Uint32(f[o[4]+4:])}
	for i, p := range [...]*uint64{&e.word, &e.lower, &e.norm, &e.short} {
		*p = le.Uint64(f[o[5+i]:])
	}
	return e
}

// decodeWordSums reads sums as encode writes them.
func decodeWordSums(f []byte) wordSums {
	var s wordSums
	for j := range s.own {
		s.own[j] = int32(binary.LittleEndian.Uint32(f[4*j:]))
	}
	for p := range s.nbr {
		for j := range s.nbr[p] {
			s.nbr[p][j] = int32(binary.LittleEndian.Uint32(f[44+44*p+4*j:]))
		}
	}
	return s
}

// viewWordTable reads a word table file held in memory, where its tables
// are used when the machine allows (data must not change afterwards),
// and returns it with the digest of the model it was computed for. It
// checks the layout, not the slots or entries (their reads are bounds
// checked): a table is trusted to be what newWordTable computed, as
// TestWordTableCurrent holds the embedded one to be.
func viewWordTable(data []byte) (*wordTable, [32]byte, error) {
	var sum [32]byte
	if len(data) < wordsHeader || string(data[:len(wordsMagic)]) != wordsMagic {
		return nil, sum, ErrBadWords
	}
	if v := data[len(wordsMagic)]; v != wordsVersion {
		return nil, sum, fmt.Errorf("%w: version %d", ErrBadWords, v)
	}
	copy(sum[:], data[8:40])
	ne := int(binary.LittleEndian.Uint32(data[40:]))
	ns := int(binary.LittleEndian.Uint32(data[44:]))
	hs := (wordsHeader + 4*ns + 7) &^ 7
	ss := hs + wordHotSize*ne
	if ne > maxWordTable || ns < 2*ne || ns&(ns-1) != 0 || len(data) != ss+wordSumsSize*ne {
		return nil, sum, fmt.Errorf("%w: %d entries, %d slots in %d bytes", ErrBadWords, ne, ns, len(data))
	}
	t := &wordTable{slots: view.Uint32s(data[wordsHeader : wordsHeader+4*ns])}
	t.words = view.Slice(data[hs:ss], viewable(), decodeWordHot)
	t.sums = view.Slice(data[ss:], viewable(), decodeWordSums)
	return t, sum, nil
}

// WordTable computes the word table of m for the first n of words (the
// commonest first) as a file, to embed beside the model (see
// internal/gen/wordtable). m must have been read from a file, whose
// digest the table records.
func (m *Model) WordTable(words []string, n int) ([]byte, error) {
	sum, err := m.digestSum()
	if err != nil {
		return nil, err
	}
	return m.newWordTable(words, n).encode(sum), nil
}

// digestSum returns the SHA-256 of m's file.
func (m *Model) digestSum() ([32]byte, error) {
	var sum [32]byte
	b, err := hex.DecodeString(m.Digest())
	if err != nil || len(b) != len(sum) {
		return sum, errors.New("the model was not read from a file")
	}
	copy(sum[:], b)
	return sum, nil
}
