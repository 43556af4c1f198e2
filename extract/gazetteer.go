package extract

import (
	"strings"

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
		w := Fold(toks[i])
		// Most words begin no name, demonym or title: one look-up in
		// lx.starts rules out the three tables at once.
		bits, _ := lookupLower(lx.starts, w)
		if bits&startsName != 0 {
			node := lx.names
			for j := i; j < len(toks); j++ {
				if j > i {
					w = Fold(toks[j])
				}
				if node = node.next[w]; node == nil {
					break
				}
				if node.final {
					dst = append(dst, ner.Match{Start: i, End: j + 1, Type: node.val.Type, Kind: node.val.Kind})
				}
			}
		}
		if bits&startsDemonym != 0 {
			if _, ok := lx.demonyms[Fold(toks[i])]; ok {
				dst = append(dst, ner.Match{Start: i, End: i + 1, Type: "demonym"})
			}
		}
		if bits&startsTitle != 0 {
			node := lx.titles
			for j := i; j < len(toks) && j < i+4; j++ {
				if node, _ = lookupLower(node.next, Fold(toks[j])); node == nil {
					break
				}
				if node.final {
					dst = append(dst, ner.Match{Start: i, End: j + 1, Type: "title", Kind: node.val.Kind})
				}
			}
		}
	}
	return dst
}

// Bits of Lexicon.starts.
const (
	startsName    = 1 << iota // a name's first token
	startsDemonym             // a demonym
	startsTitle               // a title's first word
)

// indexStarts fills lx.starts: for the lower-case form of every first
// token of a name, demonym or title, which of the three it begins.
func (lx *Lexicon) indexStarts() {
	lx.starts = map[string]uint8{}
	for k := range lx.names.next {
		lx.starts[strings.ToLower(k)] |= startsName
	}
	for k := range lx.demonyms {
		lx.starts[strings.ToLower(k)] |= startsDemonym
	}
	for k := range lx.titles.next {
		lx.starts[strings.ToLower(k)] |= startsTitle
	}
}
