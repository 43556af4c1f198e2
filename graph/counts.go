package graph

// counts is a small multiset of strings: a node's labels, types or
// surface forms. Nodes have a few of each, and thousands of nodes each
// had three maps: an allocation and a few hundred bytes apiece, copied
// again when nodes merge. A slice searched in order is smaller and, for
// a few entries, faster.
type counts []countEntry

type countEntry struct {
	key string
	n   int
}

// index returns the position of key, or -1.
func (c counts) index(key string) int {
	for i := range c {
		if c[i].key == key {
			return i
		}
	}
	return -1
}

// has reports whether key is counted.
func (c counts) has(key string) bool { return c.index(key) >= 0 }

// add adds n to key's count. A new key is stored as keep(key), so that
// callers copy only the strings they keep.
func (c *counts) add(key string, n int, keep func(string) string) {
	if i := c.index(key); i >= 0 {
		(*c)[i].n += n
		return
	}
	if keep != nil {
		key = keep(key)
	}
	*c = append(*c, countEntry{key, n})
}

// majority returns the key with the highest count, ties broken by prefer.
func (c counts) majority(prefer func(a, b string) bool) string {
	best, n := "", -1
	for _, e := range c {
		if e.n > n || e.n == n && prefer(e.key, best) {
			best, n = e.key, e.n
		}
	}
	return best
}
