package ner

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"unsafe"

	"cograph/internal/fixhash"
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
// hold in every process. The table of the embedded model is computed by internal/gen/wordtable
// and embedded beside it; it is valid for that model only (see
// [Model.words]). Its entries are in the order of the words' frequency, so
// that a small run touches few of its pages.
type wordTable struct {
	// Open addressing over slots of the entry index + 1 (low 16 bits; 0
	// marks a free slot) and 16 bits of the word's hash, compared before
	// the entry is read: a word that is not in the table costs one slot,
	// not a page of entries.
	slots   []uint32
	entries []wordSums
}

// maxWordTable is the most entries a table can index.
const maxWordTable = 1<<16 - 1

// wordSums is an entry of a wordTable. Its layout is the table file's
// (see wordSumsSize).
type wordSums struct {
	hot tokHot
	own [11]int32                       // as wordEntry.own
	nbr [len(neighborOffsets)][11]int32 // as wordEntry.nbr, for every offset
	n   uint8                           // the word's length
	key [slotKey]byte
}

// lookup returns the entry index of tok, or -1.
func (t *wordTable) lookup(tok string) int32 {
	if t == nil || len(tok) > slotKey {
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
			if e := &t.entries[i]; int(e.n) == len(tok) && string(e.key[:e.n]) == tok {
				return i
			}
		}
	}
}

// newWordTable computes the table of m for the first n of words (the
// commonest first) that fit a slot's key; repeats are left out, and at
// most maxWordTable are kept.
func (m *Model) newWordTable(words []string, n int) *wordTable {
	t := &wordTable{}
	seen := map[string]bool{}
	var sc tokScratch
	var rows []uint32
	var d docFeatures // what the features of other parts read, unused
	d.stats.reset(1)
	for _, w := range words {
		if len(t.entries) == min(n, maxWordTable) {
			break
		}
		if len(w) == 0 || len(w) > slotKey || seen[w] {
			continue
		}
		seen[w] = true
		var ti tokInfo
		m.analyzeToken(&ti, w, &sc)
		e := wordSums{hot: ti.tokHot, n: uint8(len(w))}
		copy(e.key[:], w)
		rows = m.tokenFeatures(rows[:0], []tokInfo{ti}, 0, 0, &d, nil, partOwn)
		m.acc11(&e.own, rows)
		for p, pos := range neighborOffsets {
			rows = m.neighborFeatures(rows[:0], &ti, pos)
			m.acc11(&e.nbr[p], rows)
		}
		t.entries = append(t.entries, e)
	}
	t.index()
	return t
}

// index fills the slots from the entries: a power of two at least twice
// their number.
func (t *wordTable) index() {
	n := 16
	for n < 2*len(t.entries) {
		n *= 2
	}
	t.slots = make([]uint32, n)
	mask := n - 1
	for i := range t.entries {
		e := &t.entries[i]
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
// multiple of 8; the entries, wordSumsSize bytes each, little-endian, at
// the offsets of wordSums in memory (see wordSumsLayout), so that an
// embedded table is used where it lies, like the model's weights.
const (
	wordsMagic   = "CGWORDS"
	wordsVersion = 1
	wordsHeader  = 64
	wordSumsSize = 304
)

// wordSumsLayout is the offset of each field of wordSums in a file's
// entry: hot's fields, own, nbr, n, key.
var wordSumsLayout = [...]uintptr{0, 8, 16, 24, 32, 40, 48, 50, 52, 56, 100, 276, 277}

// viewable reports whether wordSums in memory is laid out as in the file.
func viewable() bool {
	var e wordSums
	h := &e.hot
	got := [...]uintptr{
		unsafe.Offsetof(e.hot) + unsafe.Offsetof(h.word), unsafe.Offsetof(h.lower), unsafe.Offsetof(h.norm),
		unsafe.Offsetof(h.short), unsafe.Offsetof(h.suf2), unsafe.Offsetof(h.clus12), unsafe.Offsetof(h.flags),
		unsafe.Offsetof(h.runes), unsafe.Offsetof(h.npre), unsafe.Offsetof(e.own), unsafe.Offsetof(e.nbr),
		unsafe.Offsetof(e.n), unsafe.Offsetof(e.key)}
	return littleEndian && got == wordSumsLayout && unsafe.Sizeof(e) == wordSumsSize
}

// ErrBadWords reports a word table file that cannot be read.
var ErrBadWords = errors.New("not a cograph word table")

// encode returns the table's file, for a model whose file has the digest
// sum.
func (t *wordTable) encode(sum [32]byte) []byte {
	b := make([]byte, wordsHeader, wordsHeader+4*len(t.slots)+8+wordSumsSize*len(t.entries))
	copy(b, wordsMagic)
	b[len(wordsMagic)] = wordsVersion
	copy(b[8:], sum[:])
	binary.LittleEndian.PutUint32(b[40:], uint32(len(t.entries)))
	binary.LittleEndian.PutUint32(b[44:], uint32(len(t.slots)))
	for _, v := range t.slots {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = pad8(b)
	for i := range t.entries {
		b = appendWordSums(b, &t.entries[i])
	}
	return b
}

// appendWordSums appends e at the offsets of wordSumsLayout.
func appendWordSums(b []byte, e *wordSums) []byte {
	at := len(b)
	b = append(b, make([]byte, wordSumsSize)...)
	le := binary.LittleEndian
	h, f, o := &e.hot, b[at:], wordSumsLayout
	for i, v := range [...]uint64{h.word, h.lower, h.norm, h.short, h.suf2} {
		le.PutUint64(f[o[i]:], v)
	}
	le.PutUint32(f[o[5]:], h.clus12[0])
	le.PutUint32(f[o[5]+4:], h.clus12[1])
	le.PutUint16(f[o[6]:], h.flags)
	le.PutUint16(f[o[7]:], uint16(h.runes))
	f[o[8]] = uint8(h.npre)
	for j, v := range e.own {
		le.PutUint32(f[o[9]+uintptr(4*j):], uint32(v))
	}
	for p := range e.nbr {
		for j, v := range e.nbr[p] {
			le.PutUint32(f[o[10]+uintptr(44*p+4*j):], uint32(v))
		}
	}
	f[o[11]] = e.n
	copy(f[o[12]:], e.key[:])
	return b
}

// decodeWordSums reads an entry written by appendWordSums.
func decodeWordSums(f []byte) wordSums {
	var e wordSums
	le, h, o := binary.LittleEndian, &e.hot, wordSumsLayout
	for i, p := range [...]*uint64{&h.word, &h.lower, &h.norm, &h.short, &h.suf2} {
		*p = le.Uint64(f[o[i]:])
	}
	h.clus12 = [2]uint32{le.Uint32(f[o[5]:]), le.Uint32(f[o[5]+4:])}
	h.flags = le.Uint16(f[o[6]:])
	h.runes = int16(le.Uint16(f[o[7]:]))
	h.npre = int8(f[o[8]])
	for j := range e.own {
		e.own[j] = int32(le.Uint32(f[o[9]+uintptr(4*j):]))
	}
	for p := range e.nbr {
		for j := range e.nbr[p] {
			e.nbr[p][j] = int32(le.Uint32(f[o[10]+uintptr(44*p+4*j):]))
		}
	}
	e.n = f[o[11]]
	copy(e.key[:], f[o[12]:])
	return e
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
	es := (wordsHeader + 4*ns + 7) &^ 7
	if ne > maxWordTable || ns < 2*ne || ns&(ns-1) != 0 || len(data) != es+wordSumsSize*ne {
		return nil, sum, fmt.Errorf("%w: %d entries, %d slots in %d bytes", ErrBadWords, ne, ns, len(data))
	}
	t := &wordTable{}
	sb, eb := data[wordsHeader:wordsHeader+4*ns], data[es:]
	if aligned(sb, 4) {
		t.slots = unsafe.Slice((*uint32)(unsafe.Pointer(&sb[0])), ns)
	} else {
		t.slots = make([]uint32, ns)
		for i := range t.slots {
			t.slots[i] = binary.LittleEndian.Uint32(sb[4*i:])
		}
	}
	if ne == 0 {
		return t, sum, nil
	}
	if viewable() && aligned(eb, 8) {
		t.entries = unsafe.Slice((*wordSums)(unsafe.Pointer(&eb[0])), ne)
	} else {
		t.entries = make([]wordSums, ne)
		for i := range t.entries {
			t.entries[i] = decodeWordSums(eb[wordSumsSize*i:])
		}
	}
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
