package graph

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"cograph/extract"
)

// A Suggestion is a merge cograph did not make on its own but that the
// evidence supports. A person reviews it and copies Line into an aliases
// file; nothing is merged automatically.
type Suggestion struct {
	Kind       string        // Acronym, Spelling, ShortName or ContainedName
	Keep       SuggestedNode // the node whose label stays
	Merge      SuggestedNode // the node that would join it
	Score      float64       // 0..1, higher is surer; suggestions are sorted by it
	Similarity float64       // Jaro-Winkler similarity of the two labels' keys
	Context    float64       // cosine similarity of the two nodes' weighted neighbours
	Shared     []string      // up to five neighbours both have, heaviest first
	Others     []string      // for a short name: the other nodes it may stand for
	Line       string        // the aliases-file line that makes the merge
}

// SuggestedNode describes one side of a suggestion.
type SuggestedNode struct {
	Label, Type         string
	Mentions, Documents int
	Examples            []string // ids of articles that mention it
}

// Kinds of suggestion.
const (
	Acronym       = "acronym"        // "CFPA" and the name whose initials it is
	Spelling      = "spelling"       // "Zelensky" and "Zelenskyy"
	ShortName     = "short name"     // a person's short name that fits several people
	ContainedName = "contained name" // "Tottenham" and "Tottenham Hotspur"
)

// SuggestOptions bound the list.
type SuggestOptions struct {
	MinScore float64 // leave out suggestions scoring below this
	Max      int     // at most this many; 0 for all
}

// maxBlock bounds the nodes compared pairwise under one shared word, so
// that common words ("United", "John") do not make the search quadratic.
const maxBlock = 200

// SuggestAliases lists likely merges among the nodes built so far.
func (b *Builder) SuggestAliases(o SuggestOptions) []Suggestion {
	r := b.resolve()
	s := &suggester{r: r, aliases: b.aliases, adj: adjacency(r)}
	for i := range r.nodes {
		n := &r.nodes[i]
		s.label = append(s.label, n.label())
		s.typ = append(s.typ, n.typ())
		s.words = append(s.words, strings.Fields(n.key))
	}
	var out []Suggestion
	for _, p := range s.candidates() {
		if sg, ok := s.judge(p.a, p.b); ok && sg.Score >= o.MinScore {
			out = append(out, sg)
		}
	}
	slices.SortFunc(out, func(x, y Suggestion) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		return cmp.Compare(x.Line, y.Line)
	})
	if o.Max > 0 && len(out) > o.Max {
		out = out[:o.Max]
	}
	return out
}

type suggester struct {
	r          *resolved
	aliases    *Aliases
	adj        [][]neighbour
	label, typ []string           // each node's label and type, worked out once
	words      [][]string         // each node's key split into words
	people     map[string][]int32 // first word or final words -> people, built on first use
}

type neighbour struct {
	id     int32
	weight float64
}

// adjacency lists each node's neighbours sorted by id.
func adjacency(r *resolved) [][]neighbour {
	adj := make([][]neighbour, len(r.nodes))
	for _, e := range r.edges {
		adj[e.a] = append(adj[e.a], neighbour{e.b, e.weight})
		adj[e.b] = append(adj[e.b], neighbour{e.a, e.weight})
	}
	for _, l := range adj {
		slices.SortFunc(l, func(x, y neighbour) int { return cmp.Compare(x.id, y.id) })
	}
	return adj
}

// candidates returns the pairs worth judging: nodes that share a word, a
// word's first four letters or all its letters but the first, and
// acronyms with the names whose initials they are.
func (s *suggester) candidates() []pair {
	blocks := map[string][]int32{}
	initials := map[string][]int32{}
	for i := range s.r.nodes {
		for _, w := range s.words[i] {
			if len(w) < 3 || stopWord(w) {
				continue
			}
			blocks["w:"+w] = appendOnce(blocks["w:"+w], int32(i))
			if len(w) >= 5 {
				blocks["p:"+w[:4]] = appendOnce(blocks["p:"+w[:4]], int32(i))
				_, size := utf8.DecodeRuneInString(w)
				blocks["s:"+w[size:]] = appendOnce(blocks["s:"+w[size:]], int32(i))
			}
		}
		if in := extract.Initials(s.label[i]); len(in) >= 2 && s.typ[i] != Person {
			initials[in] = append(initials[in], int32(i))
		}
	}
	seen := map[uint64]bool{}
	var out []pair
	add := func(x, y int32) {
		p := pair{min(x, y), max(x, y)}
		if x != y && !seen[p.key()] {
			seen[p.key()] = true
			out = append(out, p)
		}
	}
	for _, ids := range blocks {
		if len(ids) > maxBlock {
			continue
		}
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				add(ids[i], ids[j])
			}
		}
	}
	for i, l := range s.label {
		if extract.IsAcronym(l) {
			for _, j := range initials[strings.ToUpper(strings.ReplaceAll(l, ".", ""))] {
				add(int32(i), j)
			}
		}
	}
	slices.SortFunc(out, func(x, y pair) int { return cmp.Compare(x.key(), y.key()) })
	return out
}

// judge decides whether two nodes look like one entity, and how surely.
func (s *suggester) judge(x, y int32) (Suggestion, bool) {
	if len(s.words[x]) > len(s.words[y]) || len(s.words[x]) == len(s.words[y]) && len(s.r.nodes[x].key) > len(s.r.nodes[y].key) {
		x, y = y, x // x is the shorter name
	}
	nx, ny := &s.r.nodes[x], &s.r.nodes[y]
	if s.aliases.forbids(nx.key, ny.key) {
		return Suggestion{}, false
	}
	lx, ly, tx, ty := s.label[x], s.label[y], s.typ[x], s.typ[y]
	sg := Suggestion{Similarity: jaroWinkler(nx.key, ny.key)}
	keep, merge := y, x
	switch {
	case extract.IsAcronym(lx) && ty != Person && extract.Initials(ly) == strings.ReplaceAll(lx, ".", ""):
		sg.Kind = Acronym
	case tx == Person && ty == Person && extract.Abbreviates(lx, ly):
		sg.Kind = ShortName
		sg.Others = s.otherPeople(x, y)
	case containsWords(ny.key, nx.key) && compatible(tx, ty):
		sg.Kind = ContainedName
	case tx == ty && similarWords(s.words[x], s.words[y]):
		sg.Kind = Spelling
		if nx.mentions > ny.mentions || nx.mentions == ny.mentions && x < y {
			keep, merge = x, y // the commoner spelling, else the first seen
		}
	default:
		return Suggestion{}, false
	}
	sg.Context, sg.Shared = s.context(x, y)
	switch sg.Kind {
	case Acronym:
		sg.Score = 0.6 + 0.4*sg.Context
	case ShortName:
		sg.Score = 0.3 + 0.7*sg.Context
	case ContainedName:
		sg.Score = 0.2 + 0.6*sg.Context
	case Spelling:
		sg.Score = 0.6*sg.Similarity + 0.4*sg.Context
	}
	sg.Score = math.Round(sg.Score*1000) / 1000
	sg.Keep, sg.Merge = s.describe(keep), s.describe(merge)
	sg.Line = fmt.Sprintf("merge %s = %s", s.label[keep], s.label[merge])
	return sg, true
}

// similarWords reports whether two names of as many words differ only in
// the spelling of one word ("Zelensky", "Zelenskyy"), not in a whole word
// ("Bournemouth East", "Bournemouth West").
func similarWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	differ := 0
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		differ++
		if differ > 1 || min(len(a[i]), len(b[i])) < 4 || jaroWinkler(a[i], b[i]) < 0.9 {
			return false
		}
	}
	return differ == 1 && len(strings.Join(a, " ")) >= 5
}

// compatible reports whether a name of type x may be a shorter form of a
// name of type y: the same type, or an organization named after a place.
func compatible(x, y string) bool {
	return x == y || x == Place && y == Organization || x == Organization && y == Place
}

// containsWords reports whether the words of short occur in long as a run.
func containsWords(long, short string) bool {
	return strings.Contains(" "+long+" ", " "+short+" ")
}

// otherPeople lists the other people whose names the short name x fits.
func (s *suggester) otherPeople(x, y int32) []string {
	var out []string
	if s.people == nil {
		s.people = map[string][]int32{}
		for i, w := range s.words {
			if s.typ[i] != Person || len(w) < 2 {
				continue
			}
			s.people[w[0]] = appendOnce(s.people[w[0]], int32(i))
			for j := 1; j < len(w); j++ {
				k := strings.Join(w[j:], " ")
				s.people[k] = appendOnce(s.people[k], int32(i))
			}
		}
	}
	for _, i := range s.people[s.r.nodes[x].key] {
		if i != y && i != x {
			out = append(out, s.label[i])
			if len(out) == 5 {
				break
			}
		}
	}
	return out
}

// context returns the cosine similarity of the neighbours of x and y
// (each other left out) and the neighbours they share, heaviest first.
func (s *suggester) context(x, y int32) (float64, []string) {
	ax, ay := s.adj[x], s.adj[y]
	var dot, nx, ny float64
	type shared struct {
		id int32
		w  float64
	}
	var common []shared
	i, j := 0, 0
	for i < len(ax) || j < len(ay) {
		switch {
		case j == len(ay) || i < len(ax) && ax[i].id < ay[j].id:
			if ax[i].id != y {
				nx += ax[i].weight * ax[i].weight
			}
			i++
		case i == len(ax) || ay[j].id < ax[i].id:
			if ay[j].id != x {
				ny += ay[j].weight * ay[j].weight
			}
			j++
		default:
			wx, wy := ax[i].weight, ay[j].weight
			dot += wx * wy
			nx += wx * wx
			ny += wy * wy
			common = append(common, shared{ax[i].id, min(wx, wy)})
			i++
			j++
		}
	}
	if dot == 0 {
		return 0, nil
	}
	slices.SortFunc(common, func(a, b shared) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	var names []string
	for _, c := range common[:min(5, len(common))] {
		names = append(names, s.label[c.id])
	}
	return math.Round(dot/math.Sqrt(nx*ny)*1000) / 1000, names
}

func (s *suggester) describe(i int32) SuggestedNode {
	n := &s.r.nodes[i]
	return SuggestedNode{Label: s.label[i], Type: s.typ[i], Mentions: n.mentions, Documents: n.documents, Examples: n.examples}
}

// stopWord reports the function words that join names without telling
// them apart.
func stopWord(w string) bool {
	switch w {
	case "the", "and", "for", "von", "van", "der", "den", "des", "del", "della", "bin", "ibn":
		return true
	}
	return false
}

// jaroWinkler returns the Jaro-Winkler similarity of a and b in [0,1].
func jaroWinkler(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	window := max(len(ra), len(rb))/2 - 1
	matchA, matchB := make([]bool, len(ra)), make([]bool, len(rb))
	matches := 0
	for i := range ra {
		for j := max(0, i-window); j < min(len(rb), i+window+1); j++ {
			if !matchB[j] && ra[i] == rb[j] {
				matchA[i], matchB[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	transpositions, k := 0, 0
	for i := range ra {
		if !matchA[i] {
			continue
		}
		for !matchB[k] {
			k++
		}
		if ra[i] != rb[k] {
			transpositions++
		}
		k++
	}
	m := float64(matches)
	jaro := (m/float64(len(ra)) + m/float64(len(rb)) + (m-float64(transpositions)/2)/m) / 3
	prefix := 0
	for prefix < min(4, len(ra), len(rb)) && ra[prefix] == rb[prefix] {
		prefix++
	}
	return jaro + float64(prefix)*0.1*(1-jaro)
}
