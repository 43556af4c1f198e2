package extract

import "cograph/internal/fixhash"

// A trie maps token sequences to values; it finds the longest entry that
// starts at a given token, which is how multi-word names are matched.
//
// It is flat (see strSet): node 0 is the root and node k+1 the end of
// edges[k]; one slot table finds an edge by its start node and token.
type trie struct {
	text  string // the tokens, one after another
	edges []trieEdge
	vals  []span  // the values of final nodes: label, type and kind of each, in text
	slots []int32 // index+1 into edges; 0 marks an empty slot
	build spanText
}

type trieEdge struct {
	from int32 // the node the edge leaves
	val  int32 // index+1 into vals when the edge's end is final
	tok  span  // the token it reads, in text
}

// trieNode is a node of a trie; root is the empty sequence.
type trieNode int32

const root trieNode = 0

// newTrie returns a trie made for n edges.
func newTrie(n int) *trie {
	return &trie{edges: make([]trieEdge, 0, n), vals: make([]span, 0, 3*n/2), slots: make([]int32, slotsFor(n))}
}

func (t *trie) hash(from trieNode, tok string) int {
	return int(fixhash.String(tok) + uint64(from)*0x9E3779B97F4A7C15)
}

// tok returns the token of edge k.
func (t *trie) tok(k int32) string { return t.edges[k].tok.of(t.text) }

// find returns the slot of the edge (from, tok), or the empty slot where
// it would go.
func (t *trie) find(from trieNode, tok string) int {
	mask := len(t.slots) - 1
	for i := t.hash(from, tok) & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			return i
		}
		if e := &t.edges[k-1]; e.from == int32(from) && e.tok.of(t.text) == tok {
			return i
		}
	}
}

// next returns the node after reading tok at n; ok is false when no entry
// continues that way.
func (t *trie) next(n trieNode, tok string) (trieNode, bool) {
	k := t.slots[t.find(n, tok)]
	return trieNode(k), k != 0
}

// nextLower is next for the lower case of tok.
func (t *trie) nextLower(n trieNode, tok string) (trieNode, bool) {
	var buf [48]byte
	return t.next(n, lowerKey(buf[:], tok))
}

// value returns the value of node n, if an entry ends there.
func (t *trie) value(n trieNode) (Name, bool) {
	if n == root {
		return Name{}, false
	}
	if v := t.edges[n-1].val; v != 0 {
		v := t.vals[3*(v-1) : 3*v]
		return Name{Label: v[0].of(t.text), Type: v[1].of(t.text), Kind: v[2].of(t.text)}, true
	}
	return Name{}, false
}

// add stores v for key unless key has a value already (earlier entries
// win).
func (t *trie) add(key []string, v Name) { t.store(key, v, false) }

// put stores v for key (later entries win).
func (t *trie) put(key []string, v Name) { t.store(key, v, true) }

func (t *trie) store(key []string, v Name, replace bool) {
	n := root
	for _, tok := range key {
		i := t.find(n, tok)
		if t.slots[i] == 0 {
			if 2*(len(t.edges)+1) > len(t.slots) {
				t.grow()
				i = t.find(n, tok)
			}
			t.edges = append(t.edges, trieEdge{from: int32(n), tok: t.build.add(tok)})
			t.text = t.build.text()
			t.slots[i] = int32(len(t.edges))
		}
		n = trieNode(t.slots[i])
	}
	if n == root {
		return
	}
	switch e := &t.edges[n-1]; {
	case e.val == 0:
		t.vals = append(t.vals, t.name(v)...)
		e.val = int32(len(t.vals) / 3)
	case replace:
		copy(t.vals[3*(e.val-1):], t.name(v))
	}
}

// name adds the strings of v to the text.
func (t *trie) name(v Name) []span {
	s := []span{t.build.add(v.Label), t.build.add(v.Type), t.build.add(v.Kind)}
	t.text = t.build.text()
	return s
}

func (t *trie) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	for k := range t.edges {
		t.slots[t.find(trieNode(t.edges[k].from), t.tok(int32(k)))] = int32(k + 1)
	}
}

func (t *trie) get(key []string) (Name, bool) {
	n := root
	for _, k := range key {
		var ok bool
		if n, ok = t.next(n, k); !ok {
			return Name{}, false
		}
	}
	return t.value(n)
}

// longest returns the length of the longest entry matching a prefix of the
// sequence produced by word(i) for i in [0, n), and its value. word may
// transform tokens (lower-casing for titles).
func (t *trie) longest(n int, word func(int) string) (int, Name) {
	best, val := 0, Name{}
	node := root
	for i := 0; i < n; i++ {
		var ok bool
		if node, ok = t.next(node, word(i)); !ok {
			break
		}
		if v, ok := t.value(node); ok {
			best, val = i+1, v
		}
	}
	return best, val
}

// firsts calls f with the first token of every entry.
func (t *trie) firsts(f func(tok string)) {
	for k := range t.edges {
		if t.edges[k].from == int32(root) {
			f(t.tok(int32(k)))
		}
	}
}
