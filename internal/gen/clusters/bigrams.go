package main

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Context symbols that are not vocabulary words. A rare word is not
// clustered, but it is still evidence about its neighbours: a word that
// follows an unknown capitalised word is often a verb of saying or a second
// name part. So rare words are replaced by their shape rather than dropped.
const (
	ctxBoundary = iota // sentence start (as predecessor) or end (as successor)
	ctxUnkTitle        // rare word, capitalised: "Blackburn"
	ctxUnkUpper        // rare word, all capitals: "BRUSSELS"
	ctxUnkLower        // rare word, lower case
	ctxUnkDigit        // rare word with a digit: "1996-08-22"
	ctxUnkOther        // rare word, anything else
	numSpecial
)

var specialNames = [numSpecial]string{"<s>", "<unk:Xx>", "<unk:XX>", "<unk:x>", "<unk:0>", "<unk:other>"}

// shape returns the special context of a rare word.
func shape(w string) int {
	upper, lower, digit := 0, 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digit++
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	first, _ := utf8.DecodeRuneInString(w)
	switch {
	case digit > 0:
		return ctxUnkDigit
	case upper > 0 && lower == 0:
		return ctxUnkUpper
	case unicode.IsUpper(first):
		return ctxUnkTitle
	case lower > 0:
		return ctxUnkLower
	}
	return ctxUnkOther
}

// An adjacency is a compressed sparse row matrix of bigram counts: the
// neighbours of context i are nb[off[i]:off[i+1]] with counts n[...], in
// increasing ID order, so the vocabulary words (IDs below V) come first and
// end at vend[i].
type adjacency struct {
	off  []int64
	vend []int64
	nb   []int32
	n    []int32
}

func (a *adjacency) row(i int32) ([]int32, []int32) {
	return a.nb[a.off[i]:a.off[i+1]], a.n[a.off[i]:a.off[i+1]]
}

// vocabRow returns the neighbours of i that are vocabulary words.
func (a *adjacency) vocabRow(i int32) ([]int32, []int32) {
	return a.nb[a.off[i]:a.vend[i]], a.n[a.off[i]:a.vend[i]]
}

// bigrams holds what clustering needs from the corpus. Context IDs
// 0..V-1 are the vocabulary in rank order (count descending, then
// spelling); V+k is special context k.
type bigrams struct {
	words    []string // vocabulary, by rank
	count    []int64  // occurrences of each vocabulary word
	V        int
	fwd, bwd adjacency // fwd: successors of a context; bwd: predecessors
	tokens   int64     // corpus tokens
	types    int       // distinct words in the corpus
	covered  int64     // tokens that are vocabulary words
	pairs    int       // distinct bigrams kept
}

// numContexts is the number of context IDs.
func (b *bigrams) numContexts() int { return b.V + numSpecial }

// buildBigrams ranks the words of c and counts the bigrams that touch a
// vocabulary word: words with at least minCount occurrences, at most
// maxVocab of them (0: no cap).
func buildBigrams(c *corpus, minCount int64, maxVocab int) *bigrams {
	order := make([]int32, len(c.words))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if r := cmp.Compare(c.counts[b], c.counts[a]); r != 0 {
			return r
		}
		return cmp.Compare(c.words[a], c.words[b])
	})
	V := 0
	for V < len(order) && c.counts[order[V]] >= minCount && (maxVocab <= 0 || V < maxVocab) {
		V++
	}
	b := &bigrams{V: V, tokens: c.tokens, types: len(c.words)}
	ctx := make([]int32, len(c.words))
	for rank, id := range order {
		if rank < V {
			ctx[id] = int32(rank)
			b.words = append(b.words, c.words[id])
			b.count = append(b.count, c.counts[id])
			b.covered += c.counts[id]
		} else {
			ctx[id] = int32(V + shape(c.words[id]))
		}
	}

	// Collect each bigram as one uint64 and sort: faster and smaller than
	// a map for ten million tokens. Pairs with no vocabulary word inform
	// neither side of the model and are skipped.
	bound := int32(V + ctxBoundary)
	keys := make([]uint64, 0, len(c.stream))
	prev := bound
	for _, id := range c.stream {
		cur := bound
		if id >= 0 {
			cur = ctx[id]
		}
		if int(prev) < V || int(cur) < V {
			keys = append(keys, uint64(prev)<<32|uint64(uint32(cur)))
		}
		prev = cur
	}
	slices.Sort(keys)

	C := b.numContexts()
	var xs, ys, ns []int32
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		xs = append(xs, int32(keys[i]>>32))
		ys = append(ys, int32(uint32(keys[i])))
		ns = append(ns, int32(j-i))
		i = j
	}
	b.pairs = len(xs)
	b.fwd = newAdjacency(C, V, xs, ys, ns)
	b.bwd = newAdjacency(C, V, ys, xs, ns)
	return b
}

// newAdjacency builds the rows from triples sorted by (col, row) or
// (row, col): a counting sort by row keeps each row's columns in the input
// order, which is ascending in both uses.
func newAdjacency(C, V int, rows, cols, ns []int32) adjacency {
	a := adjacency{off: make([]int64, C+1), vend: make([]int64, C), nb: make([]int32, len(rows)), n: make([]int32, len(rows))}
	for _, r := range rows {
		a.off[r+1]++
	}
	for i := range C {
		a.off[i+1] += a.off[i]
	}
	next := slices.Clone(a.off[:C])
	for k, r := range rows {
		a.nb[next[r]] = cols[k]
		a.n[next[r]] = ns[k]
		next[r]++
	}
	for i := range C {
		a.vend[i] = a.off[i]
		for a.vend[i] < a.off[i+1] && int(a.nb[a.vend[i]]) < V {
			a.vend[i]++
		}
	}
	return a
}
