package graph

import (
	"slices"
	"strings"

	"cograph/extract"
	"cograph/internal/spaces"
)

// maxEvidenceBytes bounds one evidence sentence: a run-on "sentence" from a
// table or a list should not bloat every export.
const maxEvidenceBytes = 600

// addEvidence keeps, on each edge, up to b.Evidence sentences of the
// document in which both entities are named. Sentences are cited whatever
// the window: they are what a reader checks.
func (b *Builder) addEvidence(doc *extract.Document, ent, men []int32) {
	ids := b.scratch[:0]
	for lo := 0; lo < len(doc.Mentions); {
		si := doc.Mentions[lo].Sentence
		hi := lo
		ids = ids[:0]
		for ; hi < len(doc.Mentions) && doc.Mentions[hi].Sentence == si; hi++ {
			id := ent[doc.Mentions[hi].Entity]
			if men != nil {
				id = men[hi]
			}
			if id >= 0 {
				ids = append(ids, id)
			}
		}
		lo = hi
		b.citeSentence(doc, si, ids)
	}
	b.scratch = ids
}

// citeSentence adds sentence si to the edges between the nodes ids that
// still want evidence; the text is copied once, so that the document's
// text can be freed.
func (b *Builder) citeSentence(doc *extract.Document, si int, ids []int32) {
	if len(ids) < 2 {
		return
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	ids = ids[:min(len(ids), MaxWindowEntities)]
	text := int32(-1) // index into b.texts, once copied
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			k, ok := b.edges.get(pair{ids[i], ids[j]}.key())
			if !ok {
				continue
			}
			e := b.edgeList.at(k)
			if int(e.evidence.n) >= b.Evidence || e.evidence.n > 0 && b.lists.last(e.evidence) == text {
				continue
			}
			if text < 0 {
				t := sentenceText(doc, si)
				if t == "" {
					return
				}
				text = int32(len(b.texts))
				b.texts = append(b.texts, t)
			}
			b.lists.push(&e.evidence, text)
		}
	}
}

// sentenceText returns a sentence of the document on one line, cut at a
// word boundary when very long.
func sentenceText(doc *extract.Document, si int) string {
	sp := doc.Sentences[si].Span
	t := spaces.Collapse(doc.Text[sp.Start:sp.End])
	if len(t) > maxEvidenceBytes {
		cut := strings.LastIndexByte(t[:maxEvidenceBytes], ' ')
		if cut < maxEvidenceBytes/2 {
			cut = maxEvidenceBytes
		}
		t = strings.ToValidUTF8(t[:cut], "") + " …"
	}
	return strings.Clone(t)
}
