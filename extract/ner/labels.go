package ner

import "strings"

// Entity types the tagger predicts. Tags are IOB2: "B-PER", "I-PER", "O".
const (
	PER   = "PER"
	ORG   = "ORG"
	LOC   = "LOC"
	MISC  = "MISC"
	EVENT = "EVENT"
)

// Types lists the entity types in the order the model numbers them.
var Types = []string{PER, ORG, LOC, MISC, EVENT}

// splitTag returns the prefix ("B", "I", "E", "S" or "O") and type of an
// IOB tag; tags without a hyphen are "O".
func splitTag(t string) (pre, typ string) {
	i := strings.IndexByte(t, '-')
	if i < 0 {
		return "O", ""
	}
	return t[:i], t[i+1:]
}

// validTag reports whether t is O or a prefix B, I, E or S followed by a
// hyphen and a non-empty type.
func validTag(t string) bool {
	if t == "O" {
		return true
	}
	pre, typ := splitTag(t)
	return typ != "" && (pre == "B" || pre == "I" || pre == "E" || pre == "S")
}

// MapTypes renames the entity types of tags in place: a type found in m is
// replaced by m[type]; a type mapped to "" becomes O. Tags whose type is not
// in m are kept. It returns tags.
func MapTypes(tags []string, m map[string]string) []string {
	for i, t := range tags {
		pre, typ := splitTag(t)
		if typ == "" {
			continue
		}
		nt, ok := m[typ]
		switch {
		case !ok:
		case nt == "":
			tags[i] = "O"
		default:
			tags[i] = pre + "-" + nt
		}
	}
	return tags
}

// ToIOB2 rewrites IOB1 (an entity may start with I-) and IOBES tags in place
// as IOB2, with the chunk boundaries conlleval reads from them. It returns
// tags.
func ToIOB2(tags []string) []string {
	cs := Chunks(nil, tags)
	for i := range tags {
		tags[i] = "O"
	}
	for _, c := range cs {
		tags[c.Start] = "B-" + c.Type
		for k := c.Start + 1; k < c.End; k++ {
			tags[k] = "I-" + c.Type
		}
	}
	return tags
}

// A Chunk is one entity of a tag sequence: tokens [Start, End) of type Type.
type Chunk struct {
	Start, End int
	Type       string
}

// Chunks appends to dst the entities of an IOB1, IOB2 or IOBES tag sequence,
// with the rules of conlleval: an entity begins at B- or S-, or at I- whose
// type differs from the open entity's; it ends before O, before a new
// beginning or a type change, and after E- or S-.
func Chunks(dst []Chunk, tags []string) []Chunk {
	start, typ, open := 0, "", false
	for i := 0; i <= len(tags); i++ {
		pre, ty := "O", ""
		if i < len(tags) {
			t := tags[i]
			if t != "O" && t != "" && strings.IndexByte(t, '-') >= 0 {
				pre, ty = splitTag(t)
			}
		}
		begins := pre == "B" || (pre == "I" && (!open || ty != typ)) || pre == "S"
		if open && (pre == "O" || begins || ty != typ) {
			dst = append(dst, Chunk{start, i, typ})
			open = false
		}
		if (pre == "B" || pre == "I" || pre == "S") && begins {
			start, typ, open = i, ty, true
		}
		if (pre == "E" || pre == "S") && open {
			dst = append(dst, Chunk{start, i + 1, typ})
			open = false
		}
	}
	return dst
}
