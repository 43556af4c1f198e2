package ner

import (
	"unicode"
	"unicode/utf8"

	"cograph/internal/fold"
)

// Token flags.
const (
	tInitCap   = 1 << iota // first letter is upper case
	tAllCaps               // every letter is upper case, and there is one
	tHasDigit              // a digit somewhere
	tHasLetter             // a letter somewhere
	tLowerInit             // first rune is a lower-case letter
	tPunct                 // no letter and no digit
	tHasHyphen
	tHasPeriod
)

// A tokInfo holds the hashes of one token's forms that features combine.
// Tagging copies the hot part of a word's analysis from its memo entry for
// every token, and reads the cold part only to sum the word's own features
// once (see sumStatic); the hot part fills one cache line of the entry.
type tokInfo struct {
	tokHot
	tokCold
}

// tokHot is what the features of a token's neighbours, the sentence and
// the document read.
type tokHot struct {
	word   uint64    // the token, typographic variants folded
	lower  uint64    // lower case
	norm   uint64    // lower case, digits as 0
	short  uint64    // the shape with repeats collapsed: Xx-d
	suf2   uint64    // suf[2], the suffix neighbours read
	clus12 [2]uint32 // clus[1] and clus[2], the levels neighbours read
	flags  uint16
	runes  int16
	npre   int8 // number of prefixes/suffixes (≤ rune count - 1)
}

// tokCold is what only the token's own features read.
type tokCold struct {
	shape uint64 // Xxxx-dd: letters and digits by class
	pre   [4]uint64
	suf   [4]uint64
	clus  [maxClusterLevels]uint32
}

// foldRune maps typographic variants onto ASCII as package extract does
// (see package fold): seed articles use curly quotes and U+2011 hyphens
// where CoNLL has ASCII.
func foldRune(r rune) rune { return fold.Rune(r) }

// tokScratch holds the buffers analyze reuses, and the hash it computes
// only for looking up clusters.
type tokScratch struct {
	word, lower, norm, shape, short []byte
	starts                          []int  // rune start offsets in lower
	title                           uint64 // Title case of an all-capitals word ("BRUSSELS" -> "Brussels"), else 0
}

// analyze fills ti from token tok.
func analyze(ti *tokInfo, tok string, sc *tokScratch) {
	sc.word, sc.lower, sc.norm = sc.word[:0], sc.lower[:0], sc.norm[:0]
	sc.shape, sc.short, sc.starts = sc.shape[:0], sc.short[:0], sc.starts[:0]
	var flags uint16
	upper, letters := 0, 0
	first := true
	var last byte
	for i := 0; i < len(tok); {
		r, n := rune(tok[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(tok[i:])
			r = foldRune(r)
		}
		i += n
		sc.word = utf8.AppendRune(sc.word, r)
		lr := r
		var cls byte
		switch {
		case r >= 'a' && r <= 'z':
			cls = 'x'
			letters++
		case r >= 'A' && r <= 'Z':
			cls = 'X'
			lr = r + 'a' - 'A'
			letters++
			upper++
		case r >= '0' && r <= '9':
			cls = 'd'
			flags |= tHasDigit
		case r < utf8.RuneSelf:
			cls = byte(r)
			if r == '-' {
				flags |= tHasHyphen
			} else if r == '.' {
				flags |= tHasPeriod
			}
		case unicode.IsUpper(r):
			cls = 'X'
			lr = unicode.ToLower(r)
			letters++
			upper++
		case unicode.IsLetter(r):
			cls = 'x'
			letters++
		case unicode.IsDigit(r):
			cls = 'd'
			flags |= tHasDigit
		default:
			cls = 'o'
		}
		if first {
			if cls == 'X' {
				flags |= tInitCap
			} else if cls == 'x' {
				flags |= tLowerInit
			}
			first = false
		}
		sc.starts = append(sc.starts, len(sc.lower))
		sc.lower = utf8.AppendRune(sc.lower, lr)
		if cls == 'd' {
			sc.norm = append(sc.norm, '0')
		} else {
			sc.norm = utf8.AppendRune(sc.norm, lr)
		}
		if len(sc.shape) < 16 {
			sc.shape = append(sc.shape, cls)
		}
		if cls != last {
			sc.short = append(sc.short, cls)
			last = cls
		}
	}
	if letters > 0 {
		flags |= tHasLetter
		if upper == letters {
			flags |= tAllCaps
		}
	} else if flags&tHasDigit == 0 {
		flags |= tPunct
	}
	ti.flags = flags
	ti.word = fnvBytes(sc.word)
	ti.lower = fnvBytes(sc.lower)
	ti.norm = fnvBytes(sc.norm)
	ti.shape = fnvBytes(sc.shape)
	ti.short = fnvBytes(sc.short)
	sc.title = 0
	if flags&tAllCaps != 0 && len(sc.starts) > 1 {
		sc.title = titleHash(sc)
	}
	nr := len(sc.starts)
	ti.runes = int16(min(nr, 1<<14))
	np := min(nr-1, 4)
	if np < 0 {
		np = 0
	}
	ti.npre = int8(np)
	for k := 0; k < np; k++ {
		ti.pre[k] = fnvBytes(sc.lower[:sc.starts[k+1]])
		ti.suf[k] = fnvBytes(sc.lower[sc.starts[nr-1-k]:])
	}
	ti.suf2 = ti.suf[2]
	ti.clus = [maxClusterLevels]uint32{}
	ti.clus12 = [2]uint32{}
}

// titleHash hashes the lower-case form with its first letter capitalised:
// headlines in capitals ("BRUSSELS") then find the clusters of the words
// they spell.
func titleHash(sc *tokScratch) uint64 {
	r, n := utf8.DecodeRune(sc.lower)
	sc.short = utf8.AppendRune(sc.short[:0], unicode.ToUpper(r))
	sc.short = append(sc.short, sc.lower[n:]...)
	return fnvBytes(sc.short)
}
