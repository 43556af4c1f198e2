package extract

import (
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
		node := lx.names
		for j := i; j < len(toks); j++ {
			if node = node.next[Fold(toks[j])]; node == nil {
				break
			}
			if node.final {
				dst = append(dst, ner.Match{Start: i, End: j + 1, Type: node.val.Type, Kind: node.val.Kind})
			}
		}
		if _, ok := lx.demonyms[Fold(toks[i])]; ok {
			dst = append(dst, ner.Match{Start: i, End: i + 1, Type: "demonym"})
		}
		node = lx.titles
		for j := i; j < len(toks) && j < i+4; j++ {
			if node, _ = lookupLower(node.next, Fold(toks[j])); node == nil {
				break
			}
			if node.final {
				dst = append(dst, ner.Match{Start: i, End: j + 1, Type: "title", Kind: node.val.Kind})
			}
		}
	}
	return dst
}
