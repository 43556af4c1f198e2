package ner

import "strings"

// Type maps from the labels of public NER corpora to the tagger's types,
// for [MapTypes] before training. Types missing from a map are kept; types
// mapped to "" become O.
var (
	// CrossNERTypes maps CrossNER (politics) labels.
	CrossNERTypes = map[string]string{
		"person": PER, "politician": PER, "organisation": ORG, "politicalparty": ORG,
		"location": LOC, "country": LOC, "election": EVENT, "event": EVENT, "misc": MISC,
	}
	// GMBTypes maps the GMB-derived corpus read by [ReadGMB]: geo-political
	// nouns are places, their adjectives MISC (as CoNLL tags them), times
	// are not names.
	GMBTypes = map[string]string{
		"per": PER, "org": ORG, "geo": LOC, "gpe": LOC, "gpeadj": MISC,
		"tim": "", "art": MISC, "eve": EVENT, "nat": MISC,
	}
	// WNUTTypes maps WNUT-2017 labels.
	WNUTTypes = map[string]string{
		"person": PER, "location": LOC, "corporation": ORG, "group": ORG,
		"product": MISC, "creative-work": MISC,
	}
)

// eventHeads are last words that make a MISC name an event in CoNLL-style
// data ("World Cup", "U.S. Open", "Gulf War"); CoNLL has no event type.
var eventHeads = map[string]bool{
	"cup": true, "open": true, "war": true, "games": true, "olympics": true, "olympiad": true,
	"championship": true, "championships": true, "prix": true, "rally": true, "classic": true,
	"masters": true, "series": true, "tournament": true, "convention": true, "conference": true,
	"summit": true, "marathon": true, "festival": true, "election": true, "elections": true,
	"trophy": true, "stakes": true, "derby": true, "regatta": true, "revolution": true,
	"uprising": true, "massacre": true, "crisis": true, "talks": true,
	"slam": true, "tour": true, "referendum": true, "primary": true, "primaries": true,
	"paralympics": true, "jubilee": true, "expo": true, "forum": true,
}

// MarkEvents relabels, in place, the spans of type from (MISC in CoNLL)
// that name events as EVENT: those whose last word is an event word ("Cup",
// "Open", "War", "Games", "Championship", "Rally"…), that start with
// "Tour", or that gaz matches exactly as an "event". gaz may be nil.
func MarkEvents(docs []*Document, from string, gaz Gazetteer) {
	var ms []Match
	for _, d := range docs {
		for _, s := range d.Sentences {
			if gaz != nil {
				ms = gaz.Match(ms[:0], s.Tokens)
			}
			for _, c := range Chunks(nil, s.Tags) {
				if c.Type != from {
					continue
				}
				ev := eventHeads[strings.ToLower(s.Tokens[c.End-1])] || strings.EqualFold(s.Tokens[c.Start], "tour")
				for _, m := range ms {
					if m.Start == c.Start && m.End == c.End && m.Type == "event" {
						ev = true
					}
				}
				if ev {
					s.Tags[c.Start] = "B-" + EVENT
					for k := c.Start + 1; k < c.End; k++ {
						s.Tags[k] = "I-" + EVENT
					}
				}
			}
		}
	}
}

// TrimSpans removes, in place, the leading words of spans of type typ for
// which drop is true (GMB tags "President Bush" as a person where CoNLL
// tags "Bush").
func TrimSpans(docs []*Document, typ string, drop func(word string) bool) {
	for _, d := range docs {
		for _, s := range d.Sentences {
			for _, c := range Chunks(nil, s.Tags) {
				if c.Type != typ {
					continue
				}
				k := c.Start
				for k < c.End-1 && drop(s.Tokens[k]) {
					s.Tags[k] = "O"
					k++
				}
				if k > c.Start {
					s.Tags[k] = "B-" + typ
				}
			}
		}
	}
}

// MapDocuments applies [MapTypes] with m to the tags of every sentence.
func MapDocuments(docs []*Document, m map[string]string) {
	for _, d := range docs {
		for _, s := range d.Sentences {
			MapTypes(s.Tags, m)
		}
	}
}
