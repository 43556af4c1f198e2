package ner

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// maxClusterLevels is the number of cluster granularities a word carries.
const maxClusterLevels = 4

// bitPrefixes are the lengths of the Brown-cluster bit-string prefixes used
// as features when clusters are given as bit strings.
var bitPrefixes = [maxClusterLevels]int{4, 6, 10, 20}

// A Clusters maps words to cluster ids at up to four granularities, learned
// from unlabelled text. Words are keyed by the hash of their folded form, so
// the table holds no strings. It is read-only after loading.
//
// The keys are a sorted array (see find): tagging looks a word up only the
// first time it sees it (see wordMemo), and a dense array costs a third of
// the memory an open-addressing table did and is used where it lies in the
// model file (see modelfile.go).
type Clusters struct {
	keys []uint64 // ascending, no repeats
	vals [][maxClusterLevels]uint32
	// start[b] is the index of the first key whose top bits (key >>
	// shift) are at least b; see index.
	start []uint32
	shift uint8
}

// Len returns the number of words.
func (c *Clusters) Len() int {
	if c == nil {
		return 0
	}
	return len(c.keys)
}

func newClusters(n int) *Clusters {
	return &Clusters{keys: make([]uint64, 0, n), vals: make([][maxClusterLevels]uint32, 0, n)}
}

// put adds an entry; keys must come in ascending order (a repeated key is
// ignored: the first entry wins). Hash 0 stands for 1, as in get.
func (c *Clusters) put(h uint64, v [maxClusterLevels]uint32) {
	if h == 0 {
		h = 1
	}
	if n := len(c.keys); n > 0 && c.keys[n-1] >= h {
		return
	}
	c.keys = append(c.keys, h)
	c.vals = append(c.vals, v)
}

func (c *Clusters) get(h uint64) ([maxClusterLevels]uint32, bool) {
	if c == nil || len(c.keys) == 0 {
		return [maxClusterLevels]uint32{}, false
	}
	if h == 0 {
		h = 1
	}
	if i := c.find(h); i >= 0 {
		return c.vals[i], true
	}
	return [maxClusterLevels]uint32{}, false
}

// index fills start, with about one bucket per key; it must be called once
// the keys are all in place. Model files store it (version 3), so that
// loading one does not build it: 1-2 ms of a small run's start-up.
//
// Looking a word up by the top bits of its hash takes one read of start
// and one of the keys, usually in the same cache line. Interpolation over
// the keys took three or four reads, each a likely cache miss in a fresh
// process, and a 128-bit division per guess: a small run looks up each of
// its thousands of distinct words, and that was 6% of its time.
func (c *Clusters) index() {
	n := len(c.keys)
	if n == 0 {
		return
	}
	var size int
	c.shift, size = indexShape(n)
	c.start = make([]uint32, size)
	j := 0
	for bucket := range c.start {
		for j < n && c.keys[j]>>c.shift < uint64(bucket) {
			j++
		}
		c.start[bucket] = uint32(j)
	}
}

// indexShape returns the shift and the length of start for n keys.
func indexShape(n int) (shift uint8, size int) {
	b := max(bits.Len(uint(n))-1, 1)
	return uint8(64 - b), 1<<b + 1
}

// find returns the index of h in the ascending keys, or -1. The keys are
// hashes of words, spread over the uint64 range but not evenly (FNV puts
// up to 64 of the 72,000 in one bucket of 65,536), so a bucket of more
// than a few keys is halved rather than scanned.
func (c *Clusters) find(h uint64) int {
	if c.start == nil { // not indexed: a table being built
		if i, ok := slices.BinarySearch(c.keys, h); ok {
			return i
		}
		return -1
	}
	b := h >> c.shift
	lo, hi := int(c.start[b]), int(c.start[b+1])
	if hi-lo <= 8 {
		for i := lo; i < hi; i++ {
			if c.keys[i] == h {
				return i
			}
		}
		return -1
	}
	if i, ok := slices.BinarySearch(c.keys[lo:hi], h); ok {
		return lo + i
	}
	return -1
}

// entries returns the table's entries sorted by key, for saving.
func (c *Clusters) entries() ([]uint64, [][maxClusterLevels]uint32) {
	return slices.Clone(c.keys), slices.Clone(c.vals)
}

// ReadClusters reads a word-cluster table. Lines starting with '#' and
// blank lines are skipped. Each other line is a word and, separated by
// tabs, either up to four integer cluster ids from coarse to fine
// ("word\tc64\tc256\tc1024") or one Brown-cluster bit string
// ("word\t0110100"), whose prefixes of 4, 6, 10 and 20 bits become the four
// levels. The word is folded like tokens are (curly quotes to ASCII).
func ReadClusters(r io.Reader, path string) (*Clusters, error) {
	type ent struct {
		h uint64
		v [maxClusterLevels]uint32
	}
	var ents []ent
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	var ts tokScratch
	var ti tokInfo
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) < 2 || f[0] == "" {
			return nil, &ParseError{Path: path, Line: line, Err: fmt.Errorf("want word<TAB>clusters")}
		}
		var v [maxClusterLevels]uint32
		if len(f) == 2 && f[1] != "" && strings.Trim(f[1], "01") == "" {
			b := f[1]
			for k, p := range bitPrefixes {
				l := min(p, len(b))
				x, _ := strconv.ParseUint(b[:l], 2, 32)
				v[k] = uint32(1)<<l | uint32(x)
			}
		} else {
			for k := 1; k < len(f) && k <= maxClusterLevels; k++ {
				x, err := strconv.ParseUint(strings.TrimSpace(f[k]), 10, 31)
				if err != nil {
					return nil, &ParseError{Path: path, Line: line, Err: fmt.Errorf("cluster id %q: %w", f[k], err)}
				}
				v[k-1] = uint32(x) + 1
			}
		}
		analyze(&ti, f[0], &ts)
		ents = append(ents, ent{ti.word, v})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Sorted by key, keeping file order among equal keys: the first entry
	// of a word wins.
	for i := range ents {
		if ents[i].h == 0 {
			ents[i].h = 1
		}
	}
	slices.SortStableFunc(ents, func(a, b ent) int { return cmp.Compare(a.h, b.h) })
	c := newClusters(len(ents))
	for _, e := range ents {
		c.put(e.h, e.v)
	}
	c.index()
	return c, nil
}
