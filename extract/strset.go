package extract

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"cograph/internal/fixhash"
)

// The lexicon's tables are built once, by internal/gen/lexicon, and
// embedded (see lexiconfile.go): building them took a tenth of a run of
// 200 articles, on a virtual machine where first touching memory costs
// more than computing. So strSet and trie hold no Go strings or pointers:
// their keys are spans of one text, their slots and edges flat arrays of
// numbers, which a program uses where they lie in its file, and their
// slots hash with a fixed hash (package fixhash), valid in every process.
// Tables read from other files at run time (LoadLexicon) are built the
// same way. Both are filled once and only read after.

// slotsFor returns a power-of-two slot count that keeps n keys at most
// half full.
func slotsFor(n int) int {
	s := 16
	for s < 2*n {
		s *= 2
	}
	return s
}

// A span is a string as the offset of its first byte in a text (high 32
// bits) and its length.
type span uint64

func (s span) of(text string) string {
	off, n := int(s>>32), int(uint32(s))
	return text[off : off+n]
}

// A spanText collects the strings of a table being built.
type spanText struct{ b []byte }

func (t *spanText) add(s string) span {
	sp := span(uint64(len(t.b))<<32 | uint64(len(s)))
	t.b = append(t.b, s...)
	return sp
}

// text returns the collected strings, which later adds do not change.
func (t *spanText) text() string { return asString(t.b) }

// strSet is a set of strings.
type strSet struct {
	text  string  // the keys, one after another
	keys  []span  // into text, in the order added
	slots []int32 // index+1 into keys; 0 marks an empty slot
	build spanText
}

// newStrSet returns a set made for n keys.
func newStrSet(n int) *strSet {
	return &strSet{keys: make([]span, 0, n), slots: make([]int32, slotsFor(n))}
}

// key returns key i.
func (s *strSet) key(i int32) string { return s.keys[i].of(s.text) }

// find returns the slot of w, or the empty slot where it would go.
func (s *strSet) find(w string) int {
	mask := len(s.slots) - 1
	for i := int(fixhash.String(w)) & mask; ; i = (i + 1) & mask {
		if k := s.slots[i]; k == 0 || s.key(k-1) == w {
			return i
		}
	}
}

// has reports whether w is in the set.
func (s *strSet) has(w string) bool { return s.slots[s.find(w)] != 0 }

// hasLower reports whether the lower-case form of w is in the set,
// without allocating when w is ASCII and short (nearly every token).
func (s *strSet) hasLower(w string) bool {
	var buf [48]byte
	return s.has(lowerKey(buf[:], w))
}

// add puts w in the set.
func (s *strSet) add(w string) {
	i := s.find(w)
	if s.slots[i] != 0 {
		return
	}
	if 2*(len(s.keys)+1) > len(s.slots) {
		s.grow()
		i = s.find(w)
	}
	s.keys = append(s.keys, s.build.add(w))
	s.text = s.build.text()
	s.slots[i] = int32(len(s.keys))
}

func (s *strSet) grow() {
	s.slots = make([]int32, 2*len(s.slots))
	for k := range s.keys {
		s.slots[s.find(s.key(int32(k)))] = int32(k + 1)
	}
}

// all calls f with the keys, in the order they were added.
func (s *strSet) all(f func(string)) {
	for k := range s.keys {
		f(s.key(int32(k)))
	}
}

// asciiLower appends the lower case of w to dst when w is ASCII and fits
// dst's capacity; ok is false otherwise.
func asciiLower(dst []byte, w string) ([]byte, bool) {
	if len(w) > cap(dst) {
		return nil, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// lowerKey returns the lower case of w: in buf's capacity when w is ASCII
// and fits (most words), so that a look-up or comparison allocates
// nothing. The result lives no longer than buf's array.
func lowerKey(buf []byte, w string) string {
	if b, ok := asciiLower(buf[:0], w); ok {
		return asString(b)
	}
	return strings.ToLower(w)
}

// asString returns b as a string without a copy, for look-ups while b does
// not change.
func asString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
