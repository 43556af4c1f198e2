package ner

import (
	"slices"
	"strings"
)

// Rules for named events, applied after decoding. Newswire corpora (CoNLL)
// have no event type, so the statistical model learns events from small
// corpora only; these patterns name the frequent kinds outright.

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
}

// electionWords end an election name: "2004 Canadian federal election".
var electionWords = map[string]bool{
	"election": true, "elections": true, "by-election": true, "by-elections": true,
	"primary": true, "primaries": true, "referendum": true, "caucus": true, "caucuses": true,
}

// electionModifiers may stand, in lower case, between the year and the
// election word.
var electionModifiers = map[string]bool{
	"general": true, "federal": true, "presidential": true, "parliamentary": true,
	"legislative": true, "state": true, "local": true, "municipal": true, "provincial": true,
	"regional": true, "senate": true, "gubernatorial": true, "mayoral": true, "leadership": true,
	"national": true, "constituent": true, "assembly": true, "congressional": true,
	"midterm": true, "snap": true, "party": true, "independence": true, "constitutional": true,
	"-": true, "city": true, "council": true, "european": true, "house": true,
}

// lower returns w in ASCII lower case in buf; map lookups with
// string(lower(...)) do not allocate.
func lower(buf *[24]byte, w string) []byte {
	if len(w) > len(buf) {
		return nil
	}
	b := buf[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}

func isYear(w string) bool {
	if len(w) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return (w[0] == '1' && w[1] >= '5') || (w[0] == '2' && w[1] == '0')
}

func isCapitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// electionAt returns the end of an election name starting at toks[i]
// ("[Month] YEAR [Names and modifiers] election"), or -1.
func electionAt(toks []string, i int) (start, end int) {
	var buf [24]byte
	start = i
	// A year, or a month and a year; the month is looked up only before
	// a year, since this runs for every token.
	if !isYear(toks[i]) {
		if i+1 >= len(toks) || !isYear(toks[i+1]) || !months[string(lower(&buf, toks[i]))] {
			return -1, -1
		}
		i++
	}
	for j := i + 1; j < len(toks) && j <= i+7; j++ {
		w := toks[j]
		lw := lower(&buf, w)
		if electionWords[string(lw)] {
			return start, j + 1
		}
		if !isCapitalised(w) && !electionModifiers[string(lw)] {
			break
		}
	}
	return -1, -1
}

// eventWord reports whether a MISC name ending in w (lower case) is an
// event: "World Cup", "Gulf War", "Tour de France" are MISC in CoNLL.
func eventName(toks []string, start, end int) bool {
	var buf [24]byte
	if eventHeads[string(lower(&buf, toks[end-1]))] || strings.EqualFold(toks[start], "tour") {
		return true
	}
	// "World War II", "War of 1812"
	for k := start; k < end; k++ {
		if toks[k] == "War" || toks[k] == "WAR" {
			return true
		}
	}
	return false
}

// applyRules rewrites the IOB2 labels (indexes into m.out) of one sentence: election names become
// EVENT, and MISC names that are events become EVENT.
func (m *Model) applyRules(toks []string, labels []uint8) {
	bEv := slices.Index(m.out, "B-"+EVENT)
	if bEv < 0 {
		return
	}
	iEv := bEv + 1
	bMisc := slices.Index(m.out, "B-"+MISC)
	okM := bMisc >= 0
	// Retype MISC names.
	if okM {
		for k := 0; k < len(labels); {
			if int(labels[k]) != bMisc {
				k++
				continue
			}
			e := k + 1
			for e < len(labels) && int(labels[e]) == bMisc+1 {
				e++
			}
			if eventName(toks, k, e) {
				labels[k] = uint8(bEv)
				for j := k + 1; j < e; j++ {
					labels[j] = uint8(iEv)
				}
			}
			k = e
		}
	}
	for i := 0; i < len(toks); i++ {
		s, e := electionAt(toks, i)
		if s < 0 {
			continue
		}
		// Overwrite the names inside and cut a name that goes on after it.
		labels[s] = uint8(bEv)
		for j := s + 1; j < e; j++ {
			labels[j] = uint8(iEv)
		}
		if e < len(labels) && labels[e] != 0 && labels[e]%2 == 0 {
			labels[e]-- // I-x to B-x
		}
		i = e - 1
	}
}
