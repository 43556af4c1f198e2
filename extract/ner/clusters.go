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
	if i := find(c.keys, h); i >= 0 {
		return c.vals[i], true
	}
	return [maxClusterLevels]uint32{}, false
}

// find returns the index of h in the ascending keys, or -1. The keys are
// hashes, spread evenly over the uint64 range, so guessing a key's place
// from its value (interpolation) lands next to it: a few probes where
// halving the range took seventeen on 72,000 words, each a likely cache
// miss (and, in a fresh process, a page fault). After a few guesses it
// halves the rest, so that any order of keys stays logarithmic.
func find(keys []uint64, h uint64) int {
	lo, hi := 0, len(keys)-1
	for range 4 {
		if lo > hi || h < keys[lo] || h > keys[hi] {
			return -1
		}
		span := keys[hi] - keys[lo]
		if span == 0 {
			break
		}
		// (h-keys[lo]) × (hi-lo) / span in 128 bits: the high word of
		// the product is below span, as the quotient fits in 64.
		x, y := bits.Mul64(h-keys[lo], uint64(hi-lo))
		q, _ := bits.Div64(x, y, span)
		i := lo + int(q)
		switch k := keys[i]; {
		case k == h:
			return i
		case k < h:
			lo = i + 1
		default:
			hi = i - 1
		}
	}
	if lo > hi {
		return -1
	}
	if i, ok := slices.BinarySearch(keys[lo:hi+1], h); ok {
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
	return c, nil
}
