package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"cograph/internal/spaces"
)

// sortMentions orders mentions by position and drops exact duplicates (a
// recognizer may reach the same name by two rules).
func sortMentions(ms []Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		if ms[i].End != ms[j].End {
			return ms[i].End > ms[j].End
		}
		return ms[i].Label < ms[j].Label
	})
}

func dedupMentions(ms []Mention) []Mention {
	out := ms[:0]
	for i, m := range ms {
		if i > 0 && m.Span == ms[i-1].Span && m.Label == ms[i-1].Label {
			continue
		}
		out = append(out, m)
	}
	return out
}

var keyReplacer = strings.NewReplacer(".", "", "-", " ", "'", "", ",", " ")

// CanonicalKey returns the key under which names merge, within an article
// and across articles: case, dots, hyphens, a leading "the" and a final
// possessive do not distinguish entities ("U.S." and "US", "Anti-Fascist"
// and "Anti‑Fascist").
func CanonicalKey(name string) string {
	var buf [64]byte
	return string(appendKey(buf[:0], name))
}

// appendKey appends CanonicalKey(name) to b: without allocating for an
// ASCII name that fits b's capacity, so that a caller holding b on its
// stack can look the key up or test it before making it a string.
func appendKey(b []byte, name string) []byte {
	if key, ok := asciiKey(b, name); ok {
		return key
	}
	return append(b, generalKey(name)...)
}

// generalKey is CanonicalKey for any name.
func generalKey(name string) string {
	s := strings.ToLower(Fold(name))
	s = strings.TrimSuffix(s, "'s")
	s = keyReplacer.Replace(s)
	s = spaces.Collapse(s)
	return strings.TrimPrefix(s, "the ")
}

// asciiKey is generalKey for a name of ASCII bytes only (most of them),
// in one pass appended to b, which the caller may hold on its stack
// (generalKey allocates five times): lower case, a final possessive
// dropped, dots and apostrophes dropped, hyphens, commas and runs of
// white space made one space, a leading "the " dropped. ok is false for
// any other name.
func asciiKey(b []byte, name string) ([]byte, bool) {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return nil, false
		}
	}
	s := name
	if n := len(s); n >= 2 && s[n-2] == '\'' && (s[n-1] == 's' || s[n-1] == 'S') {
		s = s[:n-2]
	}
	space := false // a separator is pending: written before the next byte kept
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '.', '\'':
			continue
		case '-', ',', ' ', '\t', '\n', '\v', '\f', '\r':
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	if len(b) >= 4 && string(b[:4]) == "the " {
		b = b[4:]
	}
	return b, true
}

// resolve groups the document's mentions into entities. A one-word
// personal name joins the full name it abbreviates ("Putin" → "Vladimir
// Putin"), preferring the closest full name mentioned before it; other
// mentions join by CanonicalKey of their label.
func resolve(doc *Document) {
	ms := doc.Mentions[:0]
	for _, m := range doc.Mentions {
		if m.Label == "" {
			m.Label = m.Text
		}
		// A span of punctuation and a possessive (",'s", from text such
		// as "0 ,'s's 0") has an empty key: it names nothing, and an
		// entity without a key would merge with every other such one.
		var buf [64]byte
		if len(appendKey(buf[:0], m.Label)) > 0 {
			ms = append(ms, m)
		}
	}
	doc.Mentions = ms
	bindShortNames(ms)
	bindAcronyms(ms)
	// The entities are counted before they are made, and their mention
	// lists share one array: grown one by one, the entities and their
	// lists were a tenth of what extraction allocated.
	byKey := map[string]int{}
	var keys []string
	count := make([]int, len(ms)) // mentions per entity
	var buf [64]byte
	for i := range ms {
		// Most keys repeat: looked up in place, a key is allocated only
		// for a new entity.
		kb := appendKey(buf[:0], ms[i].Label)
		e, ok := byKey[string(kb)]
		if !ok {
			key := string(kb)
			e = len(keys)
			byKey[key] = e
			keys = append(keys, key)
		}
		ms[i].Entity = e
		count[e]++
	}
	doc.Entities = slices.Grow(doc.Entities, len(keys))
	all := make([]int, len(ms))
	at := 0
	for e, key := range keys {
		doc.Entities = append(doc.Entities, Entity{Key: key, Mentions: all[at : at : at+count[e]]})
		at += count[e]
	}
	for i := range ms {
		e := &doc.Entities[ms[i].Entity]
		e.Mentions = append(e.Mentions, i)
	}
	for i := range doc.Entities {
		finishEntity(&doc.Entities[i], ms)
	}
}

// bindShortNames relabels partial person mentions with the full name
// they abbreviate: the first word ("Xi" for "Xi Jinping") or a final part
// ("Putin", "von der Leyen").
func bindShortNames(ms []Mention) {
	// Index the full names by every short form they allow (first word,
	// final runs of words), lower case, so that each mention looks up its
	// candidates instead of trying every full name: a list of thousands of
	// names must not make this quadratic.
	byShort := map[string][]int{}
	for i, m := range ms {
		if m.Type != Person || !strings.Contains(m.Label, " ") {
			continue
		}
		words := strings.Fields(strings.ToLower(m.Label))
		byShort[words[0]] = append(byShort[words[0]], i)
		for k := 1; k < len(words); k++ {
			tail := strings.Join(words[k:], " ")
			if tail != words[0] {
				byShort[tail] = append(byShort[tail], i)
			}
		}
	}
	if len(byShort) == 0 {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.Type != Person {
			continue
		}
		best := -1
		for _, f := range byShort[strings.ToLower(spaces.Collapse(m.Label))] {
			if !Abbreviates(m.Label, ms[f].Label) {
				continue
			}
			if best < 0 || (f < i && (best > i || f > best)) {
				best = f
			}
		}
		if best >= 0 {
			m.Label = ms[best].Label
		}
	}
}

// bindAcronyms relabels a name written in capitals with the one name of
// the article whose initials it spells ("NUJ" and "National Union of
// Journalists"), an article's way of introducing an acronym without
// parentheses. People are left out: "MC" is rarely Maria Cruz.
func bindAcronyms(ms []Mention) {
	byInitials := map[string]string{}
	for _, m := range ms {
		if m.Type == Person {
			continue
		}
		if in := Initials(m.Label); len(in) >= 3 {
			if prev, ok := byInitials[in]; ok && CanonicalKey(prev) != CanonicalKey(m.Label) {
				byInitials[in] = "" // two names fit: leave the acronym alone
			} else if !ok {
				byInitials[in] = m.Label
			}
		}
	}
	if len(byInitials) == 0 {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.Type == Person || !IsAcronym(m.Label) {
			continue
		}
		if full := byInitials[strings.ReplaceAll(m.Label, ".", "")]; full != "" {
			m.Label = full
		}
	}
}

// Initials returns the initials of a name's capitalised words
// ("Shanghai Cooperation Organization" -> "SCO"), or "" for one word.
func Initials(label string) string {
	words := strings.FieldsFunc(label, func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IsAcronym reports whether a name is one word written in capitals, like
// "BRI" or "U.S.".
func IsAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) || unicode.IsSpace(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// Abbreviates reports whether short names the person full by its first
// word or by a final run of its words, ignoring case.
func Abbreviates(short, full string) bool {
	// The words are walked in place (strings.Fields allocated two slices
	// a call, a fifth of what resolving allocated).
	ns, nf := countFields(short), countFields(full)
	if ns >= nf {
		return false
	}
	if ns == 1 {
		s, _ := nextField(short, 0)
		if f, _ := nextField(full, 0); strings.EqualFold(s, f) {
			return true
		}
	}
	i, j := 0, 0
	for range nf - ns {
		_, j = nextField(full, j)
	}
	for range ns {
		var s, f string
		s, i = nextField(short, i)
		f, j = nextField(full, j)
		if !strings.EqualFold(s, f) {
			return false
		}
	}
	return true
}

// nextField returns the first word of s[i:] as strings.Fields splits
// (around runs of unicode.IsSpace), and the offset just past it.
func nextField(s string, i int) (string, int) {
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	start := i
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return s[start:i], i
}

// countFields returns len(strings.Fields(s)) without making the slice.
func countFields(s string) int {
	n := 0
	for i := 0; ; n++ {
		var w string
		if w, i = nextField(s, i); w == "" {
			return n
		}
	}
}

// finishEntity sets an entity's label (the most frequent label, the
// longer on a tie), its type (the majority of its mentions) and aliases.
func finishEntity(e *Entity, ms []Mention) {
	if len(e.Mentions) == 1 { // most entities: no counting to do
		m := &ms[e.Mentions[0]]
		e.Label, e.Type = m.Label, m.Type
		e.Aliases = append(e.Aliases, m.Text)
		return
	}
	labels := map[string]int{}
	types := map[string]int{}
	seen := map[string]bool{}
	for _, i := range e.Mentions {
		m := ms[i]
		labels[m.Label]++
		types[m.Type]++
		if !seen[m.Text] {
			seen[m.Text] = true
			e.Aliases = append(e.Aliases, m.Text)
		}
	}
	e.Label = argmax(labels, func(a, b string) bool { return len(a) > len(b) || len(a) == len(b) && a < b })
	first := ms[e.Mentions[0]].Type
	e.Type = argmax(types, func(a, b string) bool { return a == first })
}

// argmax returns the key with the highest count; better breaks ties.
func argmax(counts map[string]int, better func(a, b string) bool) string {
	best, n := "", -1
	for k, c := range counts {
		if c > n || c == n && better(k, best) {
			best, n = k, c
		}
	}
	return best
}
