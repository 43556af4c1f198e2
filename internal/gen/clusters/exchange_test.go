package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// corpusOf builds a corpus from sentences of space-separated tokens.
func corpusOf(tb testing.TB, sents []string) *corpus {
	tb.Helper()
	c := newCorpus(false)
	for _, s := range sents {
		c.add(strings.Fields(s))
	}
	return c
}

var (
	animals = []string{"cat", "dog", "cow", "pig", "hen", "fox"}
	colours = []string{"red", "blue", "green", "pink", "gray", "teal"}
)

// alternating returns sentences in which animals and colours alternate
// ("dog teal cat red"): each class is the only thing that follows the
// other, so with two classes the likelihood is highest when they are
// exactly the animals and the colours.
func alternating(seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 0))
	var sents []string
	for range 300 {
		var toks []string
		odd := rng.IntN(2)
		for i := range 2 + rng.IntN(8) {
			if (i+odd)%2 == 0 {
				toks = append(toks, animals[rng.IntN(len(animals))])
			} else {
				toks = append(toks, colours[rng.IntN(len(colours))])
			}
		}
		sents = append(sents, strings.Join(toks, " "))
	}
	return sents
}

// templates returns sentences like "the cow ran ." and "very pink indeed
// .": animals and colours have different neighbours, among function words
// that need classes of their own.
func templates(seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 0))
	var sents []string
	for range 600 {
		if rng.IntN(2) == 0 {
			sents = append(sents, "the "+animals[rng.IntN(len(animals))]+" ran .")
		} else {
			sents = append(sents, "very "+colours[rng.IntN(len(colours))]+" indeed .")
		}
	}
	return sents
}

// zipfText returns a random corpus with a Zipfian vocabulary and some
// sequential structure (each word's successor depends on its parity), big
// enough that both stored and recomputed rows occur.
func zipfText(seed uint64, sents int) []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	z := rand.NewZipf(rng, 1.1, 2, 1500)
	var out []string
	for range sents {
		var b strings.Builder
		prev := uint64(0)
		for range 5 + rng.IntN(15) {
			w := z.Uint64()
			if prev%2 == 1 && w%2 == 0 {
				w++ // odd words tend to follow odd words
			}
			fmt.Fprintf(&b, "w%d ", w)
			prev = w
		}
		out = append(out, b.String())
	}
	return out
}

func testOptions(ks []int, dirs, jobs int, seed uint64) *options {
	return &options{ks: ks, min: 1, iter: 20, tol: 0, dirs: dirs, seed: seed, jobs: jobs, warm: true}
}

func clusterCorpus(tb testing.TB, c *corpus, opt *options) *result {
	tb.Helper()
	res := &result{b: buildBigrams(c, opt.min, opt.maxVocab), ks: opt.ks}
	if err := clusterLevels(context.Background(), res, opt, func(string, ...any) {}); err != nil {
		tb.Fatal(err)
	}
	return res
}

func classOf(res *result, level int) map[string]int32 {
	class := map[string]int32{}
	for r, w := range res.b.words {
		class[w] = res.classes[level][r]
	}
	return class
}

func TestSeparatesTwoClasses(t *testing.T) {
	for _, dirs := range []int{dirLeft, dirRight, dirBoth} {
		for seed := uint64(1); seed <= 5; seed++ {
			t.Run(fmt.Sprintf("dirs%d/seed%d", dirs, seed), func(t *testing.T) {
				res := clusterCorpus(t, corpusOf(t, alternating(seed)), testOptions([]int{2}, dirs, 2, seed))
				class := classOf(res, 0)
				for _, group := range [][]string{animals, colours} {
					for _, w := range group[1:] {
						if class[w] != class[group[0]] {
							t.Errorf("%s in class %d, %s in class %d", w, class[w], group[0], class[group[0]])
						}
					}
				}
				if class[animals[0]] == class[colours[0]] {
					t.Errorf("animals and colours share class %d", class[animals[0]])
				}
			})
		}
	}
}

// TestSeparatesAmongFunctionWords checks that no class mixes animals and
// colours. (A class may be split: when its words share one context
// distribution the predictive model is indifferent to splitting it.)
func TestSeparatesAmongFunctionWords(t *testing.T) {
	for _, dirs := range []int{dirLeft, dirRight, dirBoth} {
		for seed := uint64(1); seed <= 5; seed++ {
			t.Run(fmt.Sprintf("dirs%d/seed%d", dirs, seed), func(t *testing.T) {
				res := clusterCorpus(t, corpusOf(t, templates(seed)), testOptions([]int{8}, dirs, 2, seed))
				class := classOf(res, 0)
				for _, a := range animals {
					for _, c := range colours {
						if class[a] == class[c] {
							t.Errorf("%s and %s share class %d", a, c, class[a])
						}
					}
				}
			})
		}
	}
}

// TestDeterministic checks that a seed fixes the result, whatever the
// number of workers, and that another seed gives another result.
func TestDeterministic(t *testing.T) {
	c := corpusOf(t, zipfText(7, 3000))
	var first *result
	for _, jobs := range []int{1, 2, 3, 1} {
		res := clusterCorpus(t, c, testOptions([]int{4, 16, 64}, dirBoth, jobs, 42))
		if first == nil {
			first = res
			continue
		}
		for lv := range res.classes {
			if !slices.Equal(res.classes[lv], first.classes[lv]) {
				t.Fatalf("-j %d: level %d differs from -j 1", jobs, lv)
			}
		}
	}
	other := clusterCorpus(t, c, testOptions([]int{4, 16, 64}, dirBoth, 2, 43))
	if slices.Equal(other.classes[2], first.classes[2]) {
		t.Error("seeds 42 and 43 gave the same clustering")
	}
}

// TestDeltaMatchesLikelihood checks the incremental bookkeeping: the gain
// that evaluate and delta predict for a move equals the change of the
// log-likelihood computed from scratch, with stored rows (small K) and
// recomputed ones (large K).
func TestDeltaMatchesLikelihood(t *testing.T) {
	c := corpusOf(t, zipfText(3, 1500))
	b := buildBigrams(c, 1, 0)
	for _, K := range []int{4, 64} {
		for _, dirs := range []int{dirLeft, dirRight, dirBoth} {
			e := newExchanger(b, K, dirs, 1, initClasses(b.V, K, nil, 0, 1))
			s := e.newScratch()
			rng := rand.New(rand.NewPCG(9, 9))
			for range 200 {
				w := int32(rng.IntN(b.V))
				to := int32(rng.IntN(K))
				if m := e.evaluate(w, s); m.to != e.class[w] {
					if d := e.delta(w, m.to); math.Abs(d-m.gain) > 1e-6*(1+math.Abs(d)) {
						t.Fatalf("K=%d dirs=%d: evaluate says %g, delta %g", K, dirs, m.gain, d)
					}
					to = m.to
				}
				if to == e.class[w] {
					continue
				}
				before := total(e.logLikelihood())
				d := e.delta(w, to)
				e.apply(w, to)
				after := total(e.logLikelihood())
				if math.Abs(after-before-d) > 1e-6*(1+math.Abs(d)) {
					t.Fatalf("K=%d dirs=%d: moving %s: delta %g, likelihood change %g", K, dirs, b.words[w], d, after-before)
				}
			}
		}
	}
}

func total(ll []float64) float64 {
	t := 0.0
	for _, l := range ll {
		t += l
	}
	return t
}

// TestPassImproves checks that every pass raises the likelihood: moves are
// chosen on a snapshot but re-checked before they are applied.
func TestPassImproves(t *testing.T) {
	b := buildBigrams(corpusOf(t, zipfText(5, 2000)), 1, 0)
	e := newExchanger(b, 32, dirBoth, 2, initClasses(b.V, 32, nil, 0, 1))
	prev := math.Inf(-1)
	for range 5 {
		if _, err := e.pass(context.Background()); err != nil {
			t.Fatal(err)
		}
		if l := total(e.logLikelihood()); l < prev-1e-6*math.Abs(prev) {
			t.Fatalf("likelihood fell from %g to %g", prev, l)
		} else {
			prev = l
		}
	}
}

func TestPassCancelled(t *testing.T) {
	b := buildBigrams(corpusOf(t, zipfText(5, 200)), 1, 0)
	e := newExchanger(b, 8, dirBoth, 2, initClasses(b.V, 8, nil, 0, 1))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.pass(ctx); err == nil {
		t.Fatal("pass ignored a cancelled context")
	}
}

func TestInitClassesNested(t *testing.T) {
	parent := initClasses(1000, 16, nil, 0, 1)
	child := initClasses(1000, 64, parent, 16, 1)
	for w := range child {
		if child[w]/4 != parent[w] {
			t.Fatalf("word %d: class %d is not a subclass of %d", w, child[w], parent[w])
		}
	}
	if slices.Equal(initClasses(1000, 16, nil, 0, 2), parent) {
		t.Error("seeds 1 and 2 gave the same assignment")
	}
}

func TestRenumber(t *testing.T) {
	got := renumber([]int32{5, 5, 2, 7, 2, 0})
	if want := []int32{0, 0, 1, 2, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("renumber = %v, want %v", got, want)
	}
}

func BenchmarkPass(b *testing.B) {
	bg := buildBigrams(corpusOf(b, zipfText(5, 20000)), 1, 0)
	e := newExchanger(bg, 256, dirBoth, 1, initClasses(bg.V, 256, nil, 0, 1))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.pass(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(bg.V)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
