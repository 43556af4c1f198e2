// Package fixhash is a fast hash of strings with a fixed seed, for hash
// tables computed once and embedded in the program (the lexicon's, the
// tagger's word table), which must find their keys in every process.
// A fixed hash lets input choose collisions; the tables using it are
// filled only from the program's own data, so input can make no probe
// longer than the longest the table already has.
package fixhash

import "math/bits"

// String returns the hash of s.
func String(s string) uint64 {
	h := uint64(len(s)) * 0x9E3779B97F4A7C15
	for len(s) >= 8 {
		h = mum(h ^ (uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56))
		s = s[8:]
	}
	var tail uint64
	for i := 0; i < len(s); i++ {
		tail |= uint64(s[i]) << (8 * i)
	}
	return mum(h ^ tail)
}

// mum folds the 128-bit product of x and an odd constant.
func mum(x uint64) uint64 {
	hi, lo := bits.Mul64(x^0xA0761D6478BD642F, 0xE7037ED1A0B428DB)
	return hi ^ lo
}
