package extract

import (
	"strings"
	"unicode/utf8"

	"cograph/extract/ner"
)

var _ ner.Gazetteer = (*Lexicon)(nil)

// Match implements ner.Gazetteer: it appends every lexicon name that
// matches a run of toks (nested and overlapping matches included), with
// Type person, organization, place or event; adjectives of nationality as
// Type "demonym"; and titles that may precede a name as Type "title".
// Tokens are compared folded (see Fold); titles ignore case.
func (lx *Lexicon) Match(dst []ner.Match, toks []string) []ner.Match {
	for i := range toks {
		w := toks[i]
		// Most words begin no name, demonym or title: one probe of
		// lx.starts rules out the three tables at once.
		bits := lx.starts[lowerHash(w)&(startSlots-1)]
		if bits != 0 {
			w = Fold(w)
		}
		if bits&startsName != 0 {
			node := root
			for j := i; j < len(toks); j++ {
				if j > i {
					w = Fold(toks[j])
				}
				var ok bool
				if node, ok = lx.names.next(node, w); !ok {
					break
				}
				if v, ok := lx.names.value(node); ok {
					dst = append(dst, ner.Match{Start: i, End: j + 1, Type: v.Type, Kind: v.Kind})
				}
			}
		}
		if bits&startsDemonym != 0 {
			if _, ok := lx.demonyms[Fold(toks[i])]; ok {
				dst = append(dst, ner.Match{Start: i, End: i + 1, Type: "demonym"})
			}
		}
		if bits&startsTitle != 0 {
			node := root
			for j := i; j < len(toks) && j < i+4; j++ {
				var ok bool
				if node, ok = lx.titles.nextLower(node, Fold(toks[j])); !ok {
					break
				}
				if v, ok := lx.titles.value(node); ok {
					dst = append(dst, ner.Match{Start: i, End: j + 1, Type: "title", Kind: v.Kind})
				}
			}
		}
	}
	return dst
}

// Bits of Lexicon.starts.
const (
	startsName     = 1 << iota // a name's first token
	startsDemonym              // a demonym
	startsTitle                // a title's first word
	startsModifier             // a word that may precede a title ("former")
)

// mayBegin reports whether w may be a word that lx.starts marks with bit;
// false means it certainly is not.
func (lx *Lexicon) mayBegin(w string, bit uint8) bool {
	return lx.starts[lowerHash(w)&(startSlots-1)]&bit != 0
}

// startSlots is the size of Lexicon.starts: a few thousand first words in
// 2^18 slots make a table that stays in the processor's cache and sends
// only a few per cent of other words on to the tables.
const startSlots = 1 << 18

// indexStarts fills lx.starts: for the hash of the lower-case folded form
// of every first token of a name, demonym or title, which of the three it
// may begin. Words that share a slot share their bits, which only costs
// the look-ups the filter would have spared.
func (lx *Lexicon) indexStarts() {
	lx.starts = make([]uint8, startSlots)
	mark := func(k string, bit uint8) { lx.starts[lowerHash(k)&(startSlots-1)] |= bit }
	lx.names.firsts(func(k string) { mark(k, startsName) })
	for k := range lx.demonyms {
		mark(k, startsDemonym)
	}
	lx.titles.firsts(func(k string) { mark(k, startsTitle) })
	lx.modifiers.all(func(k string) { mark(k, startsModifier) })
}

// lowerHash is the FNV-1a hash of Fold(w) in lower case, computed without
// allocating when w is ASCII (nearly every token).
func lowerHash(w string) uint64 {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			w = strings.ToLower(Fold(w))
			break
		}
	}
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
