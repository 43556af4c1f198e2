package extract

// A trie maps token sequences to values; it finds the longest entry that
// starts at a given token, which is how multi-word names are matched.
type trie struct {
	next  map[string]*trie
	val   Name
	final bool
}

func newTrie() *trie { return &trie{} }

func (t *trie) put(key []string, v Name) {
	n := t
	for _, k := range key {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		c := n.next[k]
		if c == nil {
			c = &trie{}
			n.next[k] = c
		}
		n = c
	}
	n.val, n.final = v, true
}

func (t *trie) get(key []string) (Name, bool) {
	n := t
	for _, k := range key {
		if n = n.next[k]; n == nil {
			return Name{}, false
		}
	}
	return n.val, n.final
}

// longest returns the length of the longest entry matching a prefix of the
// sequence produced by word(i) for i in [0, n), and its value. word may
// transform tokens (lower-casing for titles).
func (t *trie) longest(n int, word func(int) string) (int, Name) {
	best, val := 0, Name{}
	node := t
	for i := 0; i < n; i++ {
		if node = node.next[word(i)]; node == nil {
			break
		}
		if node.final {
			best, val = i+1, node.val
		}
	}
	return best, val
}
