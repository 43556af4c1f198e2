package extract

import (
	"hash/maphash"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The lexicon's tables are built at every start, a good part of a small
// run: Go maps of strings cost about 40 bytes a key and an allocation per
// growth, and on a virtual machine first touching memory costs more than
// computing. strSet and trie hold their keys as strings that point into
// the tables' text, in flat arrays indexed by open-addressing slots of 4
// bytes. Both are filled once and only read after.

// tableSeed seeds the hashes of every table of the process.
var tableSeed = maphash.MakeSeed()

// slotsFor returns a power-of-two slot count that keeps n keys at most
// half full.
func slotsFor(n int) int {
	s := 16
	for s < 2*n {
		s *= 2
	}
	return s
}

// strSet is a set of strings.
type strSet struct {
	keys  []string
	slots []int32 // index+1 into keys; 0 marks an empty slot
}

// newStrSet returns a set made for n keys.
func newStrSet(n int) *strSet {
	return &strSet{keys: make([]string, 0, n), slots: make([]int32, slotsFor(n))}
}

// find returns the slot of w, or the empty slot where it would go.
func (s *strSet) find(w string) int {
	mask := len(s.slots) - 1
	for i := int(maphash.String(tableSeed, w)) & mask; ; i = (i + 1) & mask {
		if k := s.slots[i]; k == 0 || s.keys[k-1] == w {
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
	if b, ok := asciiLower(buf[:0], w); ok {
		return s.has(view(b))
	}
	return s.has(strings.ToLower(w))
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
	s.keys = append(s.keys, w)
	s.slots[i] = int32(len(s.keys))
}

func (s *strSet) grow() {
	s.slots = make([]int32, 2*len(s.slots))
	for k, w := range s.keys {
		s.slots[s.find(w)] = int32(k + 1)
	}
}

// all returns the keys, in the order they were added.
func (s *strSet) all() []string { return s.keys }

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

// view returns b as a string without a copy, for look-ups while b does
// not change.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
