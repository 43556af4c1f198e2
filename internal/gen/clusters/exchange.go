package main

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
)

// Context directions of the predictive class model. Left predicts a word's
// class from the word before it (Uszkoreit & Brants' model); right from the
// word after it. Both sums the two log-likelihoods, so a class must agree
// on both sides: "Mr. ___" and "___ said" together single out surnames.
const (
	dirLeft  = 1
	dirRight = 2
	dirBoth  = dirLeft | dirRight
)

// A direction holds one side's class statistics. For context x, row x
// counts, per class c, the bigrams (x, w) (left) or (w, x) (right) with w in
// c. The rows of frequent contexts are stored; the rest are recomputed from
// the bigrams when needed, which is cheaper than updating them on every
// move and saves memory.
type direction struct {
	touch *adjacency // touch.row(w): the contexts whose row counts w
	rows  *adjacency // rows.vocabRow(x): the words that row x counts
	dense []int32    // index into table of context x's stored row, or -1
	table []int32    // stored rows, K counts each
}

// denseDivisor sets which rows are stored: those of contexts with at least
// K/denseDivisor distinct vocabulary neighbours. Scanning a stored row
// costs K sequential reads; recomputing one costs a random read per
// neighbour, several times slower, so a stored row pays off well before
// the neighbours outnumber the classes.
const denseDivisor = 4

// An exchanger runs the exchange algorithm for one number of classes.
type exchanger struct {
	b     *bigrams
	K     int
	dirs  []*direction
	class []int32 // class of each vocabulary word
	size  []int64 // occurrences of each class's words
	jobs  int
}

func newExchanger(b *bigrams, K, dirs, jobs int, class []int32) *exchanger {
	e := &exchanger{b: b, K: K, class: class, size: make([]int64, K), jobs: max(jobs, 1)}
	if dirs&dirLeft != 0 {
		e.dirs = append(e.dirs, e.newDirection(&b.bwd, &b.fwd))
	}
	if dirs&dirRight != 0 {
		e.dirs = append(e.dirs, e.newDirection(&b.fwd, &b.bwd))
	}
	for w, c := range class {
		e.size[c] += b.count[w]
	}
	return e
}

func (e *exchanger) newDirection(touch, rows *adjacency) *direction {
	C := e.b.numContexts()
	d := &direction{touch: touch, rows: rows, dense: make([]int32, C)}
	n := int32(0)
	for x := range C {
		d.dense[x] = -1
		if int(rows.vend[x]-rows.off[x])*denseDivisor >= e.K {
			d.dense[x] = n
			n++
		}
	}
	d.table = make([]int32, int(n)*e.K)
	for x := range C {
		if i := d.dense[x]; i >= 0 {
			row := d.table[int(i)*e.K:][:e.K]
			ws, ns := rows.vocabRow(int32(x))
			for j, w := range ws {
				row[e.class[w]] += ns[j]
			}
		}
	}
	return d
}

// xlogx returns x·ln x (0 for 0). The log-likelihood of a class model is a
// sum of such terms over counts; most counts are small, so they come from
// a table. The large case is a separate function so that this one inlines.
func xlogx(x int64) float64 {
	if uint64(x) < uint64(len(xlogxTable)) {
		return xlogxTable[x]
	}
	return xlogxLarge(x)
}

//go:noinline
func xlogxLarge(x int64) float64 {
	f := float64(x)
	// The conversion forbids fusing the product into a caller's sum
	// (FMA on arm64), which would change rounding and so, at near-ties,
	// the clusters: the output must not depend on the platform.
	return float64(f * math.Log(f))
}

var xlogxTable [1 << 16]float64

func init() {
	for i := 1; i < len(xlogxTable); i++ {
		xlogxTable[i] = float64(i) * math.Log(float64(i))
	}
}

// scratch is one worker's buffers.
type scratch struct {
	gain    []float64
	acc     []int32
	touched []int32
}

func (e *exchanger) newScratch() *scratch {
	return &scratch{gain: make([]float64, e.K), acc: make([]int32, e.K)}
}

// A move is the outcome of evaluating one word: its best class and the
// log-likelihood gain of moving it there (0 if it stays).
type move struct {
	to   int32
	gain float64
}

// evaluate finds the class that maximises the log-likelihood when w moves
// to it, all other words staying put. For a context x with count n of
// bigrams with w and row value v in class c, moving w to c adds
// f(v+n) − f(v) to the likelihood, with f(x) = x ln x, and the class
// total adds −(f(N_c+n_w) − f(N_c)). Classes with v = 0 all gain the same
// f(n), so only the non-zero entries of each row are visited: the cost is
// the number of (context, class) pairs, not contexts × K.
func (e *exchanger) evaluate(w int32, s *scratch) move {
	a := e.class[w]
	gain := s.gain
	clear(gain)
	for _, d := range e.dirs {
		xs, ns := d.touch.row(w)
		for k, x := range xs {
			n := int64(ns[k])
			fn := xlogx(n)
			if i := d.dense[x]; i >= 0 {
				row := d.table[int(i)*e.K:][:e.K]
				g := gain[:len(row)] // one bounds check, not K
				for c, v := range row {
					if v != 0 {
						g[c] += xlogx(int64(v)+n) - xlogx(int64(v)) - fn
					}
				}
				// Row a still counts w itself: replace its term with the
				// one for w removed.
				v := int64(row[a])
				gain[a] -= xlogx(v+n) - xlogx(v) - fn
				if v -= n; v != 0 {
					gain[a] += xlogx(v+n) - xlogx(v) - fn
				}
				continue
			}
			ws, ms := d.rows.vocabRow(x)
			for j, y := range ws {
				c := e.class[y]
				if s.acc[c] == 0 {
					s.touched = append(s.touched, c)
				}
				s.acc[c] += ms[j]
			}
			for _, c := range s.touched {
				v := int64(s.acc[c])
				s.acc[c] = 0
				if c == a {
					v -= n
				}
				if v != 0 {
					gain[c] += xlogx(v+n) - xlogx(v) - fn
				}
			}
			s.touched = s.touched[:0]
		}
	}
	nd := float64(len(e.dirs))
	nw := e.b.count[w]
	for c := range gain {
		N := e.size[c]
		if int32(c) == a {
			N -= nw
		}
		gain[c] -= float64(nd * (xlogx(N+nw) - xlogx(N))) // no FMA: see xlogx
	}
	best := a
	for c, g := range gain {
		if g > gain[best] {
			best = int32(c)
		}
	}
	// Staying wins near-ties: rounding must not make words oscillate.
	if g := gain[best] - gain[a]; best != a && g > 1e-9*(1+math.Abs(gain[a])) {
		return move{best, g}
	}
	return move{a, 0}
}

// delta returns the exact log-likelihood change of moving w from its class
// to b in the current state. It re-checks moves chosen against a state
// that other moves of the same chunk have since changed.
func (e *exchanger) delta(w, b int32) float64 {
	a := e.class[w]
	h := func(v, n int64) float64 { return xlogx(v+n) - xlogx(v) }
	g := 0.0
	for _, d := range e.dirs {
		xs, ns := d.touch.row(w)
		for k, x := range xs {
			n := int64(ns[k])
			var va, vb int64
			if i := d.dense[x]; i >= 0 {
				row := d.table[int(i)*e.K:][:e.K]
				va, vb = int64(row[a]), int64(row[b])
			} else {
				ws, ms := d.rows.vocabRow(x)
				for j, y := range ws {
					switch e.class[y] {
					case a:
						va += int64(ms[j])
					case b:
						vb += int64(ms[j])
					}
				}
			}
			g += h(vb, n) - h(va-n, n)
		}
	}
	nw := e.b.count[w]
	g -= float64(float64(len(e.dirs)) * (h(e.size[b], nw) - h(e.size[a]-nw, nw))) // no FMA: see xlogx
	return g
}

// apply moves w to class b, updating the class totals and stored rows.
func (e *exchanger) apply(w, b int32) {
	a := e.class[w]
	if a == b {
		return
	}
	nw := e.b.count[w]
	e.size[a] -= nw
	e.size[b] += nw
	for _, d := range e.dirs {
		xs, ns := d.touch.row(w)
		for k, x := range xs {
			if i := d.dense[x]; i >= 0 {
				row := d.table[int(i)*e.K:][:e.K]
				row[a] -= ns[k]
				row[b] += ns[k]
			}
		}
	}
	e.class[w] = b
}

// maxChunk bounds the words evaluated against one state; see chunkEnd.
const maxChunk = 64

// chunkEnd returns the end of the chunk of words that starts at rank i.
// The words of a chunk are evaluated in parallel against the same state
// and then moved one by one, so the result does not depend on the number
// of workers. Frequent words shift the statistics most and go in small
// chunks (the first 32 alone); rare words barely interact and go in
// chunks of up to maxChunk.
func chunkEnd(i, V int) int {
	return min(V, i+max(1, min(maxChunk, i/32)))
}

// pass visits every word once in rank order and returns how many moved.
func (e *exchanger) pass(ctx context.Context) (int, error) {
	V := e.b.V
	scr := make([]*scratch, e.jobs)
	for j := range scr {
		scr[j] = e.newScratch()
	}
	moves := make([]move, maxChunk)
	moved := 0
	for lo := 0; lo < V; {
		if err := ctx.Err(); err != nil {
			return moved, err
		}
		hi := chunkEnd(lo, V)
		n := hi - lo
		if e.jobs == 1 || n == 1 {
			for k := range n {
				moves[k] = e.evaluate(int32(lo+k), scr[0])
			}
		} else {
			var wg sync.WaitGroup
			for j := range min(e.jobs, n) {
				wg.Go(func() {
					for k := j; k < n; k += e.jobs {
						moves[k] = e.evaluate(int32(lo+k), scr[j])
					}
				})
			}
			wg.Wait()
		}
		changed := false
		for k := range n {
			w := int32(lo + k)
			m := moves[k]
			if m.to == e.class[w] {
				continue
			}
			if changed && e.delta(w, m.to) <= 0 {
				continue
			}
			e.apply(w, m.to)
			changed = true
			moved++
		}
		lo = hi
	}
	return moved, nil
}

// logLikelihood returns, per direction, the log-likelihood of the corpus
// bigrams under the class model: Σ_w f(N_w) − Σ_c f(N_c) + Σ_x Σ_c
// f(N_xc) − Σ_x f(N_x), f(x) = x ln x, N_x counting the bigrams of context
// x with a vocabulary word.
func (e *exchanger) logLikelihood() []float64 {
	s := e.newScratch()
	var ll []float64
	for _, d := range e.dirs {
		l := 0.0
		for w := range e.b.V {
			l += xlogx(e.b.count[w])
		}
		for _, N := range e.size {
			l -= xlogx(N)
		}
		for x := range int32(e.b.numContexts()) {
			ws, ms := d.rows.vocabRow(x)
			tot := int64(0)
			for j, y := range ws {
				c := e.class[y]
				if s.acc[c] == 0 {
					s.touched = append(s.touched, c)
				}
				s.acc[c] += ms[j]
				tot += int64(ms[j])
			}
			for _, c := range s.touched {
				l += xlogx(int64(s.acc[c]))
				s.acc[c] = 0
			}
			s.touched = s.touched[:0]
			l -= xlogx(tot)
		}
		ll = append(ll, l)
	}
	return ll
}

// initClasses returns a seeded random assignment of the V words to K
// classes; with a coarser clustering parent (K a multiple of its class
// count), each word goes to a random subclass of its parent's class.
func initClasses(V, K int, parent []int32, parentK int, seed uint64) []int32 {
	rng := rand.New(rand.NewPCG(seed, uint64(K)))
	class := make([]int32, V)
	for w := range class {
		if parent == nil {
			class[w] = int32(rng.IntN(K))
		} else {
			r := K / parentK
			class[w] = parent[w]*int32(r) + int32(rng.IntN(r))
		}
	}
	return class
}
