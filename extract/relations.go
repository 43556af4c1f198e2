package extract

import "strings"

// A Relation says that a person holds a role in an organization or place,
// as the text states it: "Russian State Duma Chairman Vyacheslav Volodin",
// "Sergei Shoigu, secretary of the Russian Federation Security Council",
// "Chinese President Xi Jinping". Person and Target index Document.Entities.
type Relation struct {
	Person, Target int
	Role           string // lower case, e.g. "chairman", "vice chairman"
}

// findRelations reads title constructions around each person mention:
// an institution, place or nationality written just before the title
// ("State Duma Chairman", "Chinese President", "China's President"), and
// appositions after the name (", secretary of the …", ", an expert from
// the …", following "of" chains to the bodies above).
func findRelations(doc *Document, lx *Lexicon) {
	r := &Rules{Lex: lx}
	var seen map[Relation]bool
	add := func(rel Relation) {
		if seen == nil {
			seen = map[Relation]bool{}
		}
		if rel.Person != rel.Target && !seen[rel] {
			seen[rel] = true
			doc.Relations = append(doc.Relations, rel)
		}
	}
	// Mentions are in text order, so each sentence's mentions are a run.
	for lo := 0; lo < len(doc.Mentions); {
		hi := lo
		for hi < len(doc.Mentions) && doc.Mentions[hi].Sentence == doc.Mentions[lo].Sentence {
			hi++
		}
		ms := doc.Mentions[lo:hi]
		ix := indexSentence(ms)
		for _, m := range ms {
			if m.Type != Person {
				continue
			}
			toks := doc.Sentences[m.Sentence].Tokens
			if m.First > 0 && toks[m.First-1].Norm != "," {
				if role, t := r.titleEndingAt(toks, m.First); role != "" {
					targets := affiliationBefore(doc, lx, ix, toks, t)
					if len(targets) == 0 {
						targets = officeHeld(doc, lx, m.Entity, role)
					}
					for _, target := range targets {
						add(Relation{Person: m.Entity, Target: target, Role: role})
					}
				}
			}
			if m.Last < len(toks) && toks[m.Last].Norm == "," {
				role, targets := apposition(r, ix, toks, m.Last)
				for _, target := range targets {
					add(Relation{Person: m.Entity, Target: target, Role: role})
				}
			}
		}
		lo = hi
	}
}

// titleEndingAt returns the longest title whose tokens end just before k,
// and the index of its first token.
func (r *Rules) titleEndingAt(toks []Token, k int) (string, int) {
	for t := max(0, k-5); t < k; t++ {
		if title := r.titleAt(toks, t, k); title != "" && len(strings.Fields(title)) == k-t {
			return title, t
		}
	}
	return "", k
}

// affiliationBefore returns the organization or place named just before
// token t: a mention ending there (also before a possessive "'s"), or an
// adjective of nationality whose country the article mentions.
func affiliationBefore(doc *Document, lx *Lexicon, ix sentenceIndex, toks []Token, t int) []int {
	end := t
	if end > 0 && toks[end-1].Norm == "'s" {
		end--
	}
	if m, ok := ix.bodyEndingAt[end]; ok {
		return []int{m.Entity}
	}
	if t > 0 {
		if country, ok := lx.Demonym(toks[t-1].Norm); ok {
			key := CanonicalKey(country)
			for e := range doc.Entities {
				if doc.Entities[e].Key == key {
					return []int{e}
				}
			}
		}
	}
	return nil
}

// officeHeld returns, for a person the text titles without saying of
// what ("President Donald Trump"), the country or body where the office
// table says the person held that title, if the article mentions it.
func officeHeld(doc *Document, lx *Lexicon, person int, role string) []int {
	var out []int
	for _, o := range lx.OfficesOf(doc.Entities[person].Key) {
		if o.Title != roleKey(role) {
			continue
		}
		key := CanonicalKey(o.Target)
		for e := range doc.Entities {
			if doc.Entities[e].Key == key {
				out = append(out, e)
			}
		}
	}
	return out
}

// sentenceIndex finds a sentence's mentions by position, so that reading
// relations stays linear in a sentence with thousands of names.
type sentenceIndex struct {
	bodyEndingAt map[int]Mention // the first organization or place ending at a token
	startingAt   map[int]Mention // the last mention starting at a token
}

func indexSentence(ms []Mention) sentenceIndex {
	ix := sentenceIndex{bodyEndingAt: map[int]Mention{}, startingAt: map[int]Mention{}}
	for _, m := range ms {
		if _, ok := ix.bodyEndingAt[m.Last]; !ok && (m.Type == Organization || m.Type == Place) {
			ix.bodyEndingAt[m.Last] = m
		}
		ix.startingAt[m.First] = m
	}
	return ix
}

// apposition reads ", [a|an|the] [modifiers] TITLE of|from|at [the] ORG
// [of [the] ORG …]" after a name ending at token k.
func apposition(r *Rules, ix sentenceIndex, toks []Token, k int) (string, []int) {
	if k >= len(toks) || toks[k].Norm != "," {
		return "", nil
	}
	p := k + 1
	for p < len(toks) && p-k <= 3 && isDeterminer(toks[p].Norm) {
		p++
	}
	role := ""
	for q := p; q < len(toks) && q-p < 4; q++ {
		if role = r.titleAt(toks, q, len(toks)); role != "" {
			p = q + len(strings.Fields(role))
			break
		}
		if toks[q].Norm == "," || isCapWord(toks[q].Norm) {
			return "", nil
		}
	}
	if role == "" {
		return "", nil
	}
	var targets []int
	for p < len(toks) {
		switch strings.ToLower(toks[p].Norm) {
		case "of", "from", "at", "in", "with", "for":
		default:
			return role, targets
		}
		p++
		if p < len(toks) && toks[p].Norm == "the" {
			p++
		}
		m, ok := ix.startingAt[p]
		if !ok {
			return role, targets
		}
		if m.Type == Organization || len(targets) == 0 && m.Type == Place {
			targets = append(targets, m.Entity)
		}
		p = m.Last
	}
	return role, targets
}

func isDeterminer(w string) bool {
	switch strings.ToLower(w) {
	case "a", "an", "the", "its", "his", "her", "their":
		return true
	}
	return false
}
