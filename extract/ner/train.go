package ner

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// A Corpus is training data: documents whose Sentence.Tags use the model's
// types (other types are read as O).
type Corpus struct {
	Name      string
	Documents []*Document
	// Domain 0 marks the target domain (news, as CoNLL). Documents of a
	// domain > 0 also train a copy of every feature private to that domain,
	// which absorbs the corpus's own conventions; tagging uses the shared
	// weights only.
	Domain int
	// Weight scales the corpus's updates. Default (0) 1.
	Weight float32
	// Sample is the fraction of the corpus's documents drawn (by the seed)
	// in each epoch. Default (0) 1.
	Sample float64
}

// TrainOptions configures [Train]. The zero value is usable.
type TrainOptions struct {
	Seed     uint64 // shuffling and the holdout draw; default 0
	Runs     int    // models trained and averaged; default 1
	Epochs   int    // maximum epochs; default 12
	Patience int    // stop after this many epochs without a better holdout F1; default 3
	// Holdout is the fraction of the first corpus's documents kept out of
	// training to choose the epoch (early stopping). Default (0) 0.1;
	// negative: no holdout, train all Epochs.
	Holdout  float64
	Bits     uint     // log2 of the number of weight rows; default 21
	Features Features // default FeatAll
	Types    []string // entity types; default Types
	// BILOU makes the model use BILOU labels (begin, inside, last, unit)
	// internally instead of IOB2. Default false: on CoNLL it measured
	// 0.5 to 0.9 F1 worse.
	BILOU bool
	// Gazetteer, when not nil, supplies the gazetteer features; tag with
	// the same one.
	Gazetteer Gazetteer
	// Clusters supplies the cluster features; it is stored in the model.
	Clusters *Clusters
	// Dev, if set, is tagged after every epoch and its F1 reported in
	// EpochStats.DevF1. It is a measurement only and never steers training.
	Dev []*Document
	// DevMap renames predicted types before scoring Dev (EVENT: MISC for
	// CoNLL files).
	DevMap map[string]string
	// Progress, if set, is called after every epoch.
	Progress func(EpochStats)
}

// EpochStats reports one training epoch.
type EpochStats struct {
	Run, Epoch       int
	Tokens, Errors   int
	HoldoutF1, DevF1 float64 // overall F1 in [0, 1]; DevF1 is -1 without Dev
	Best             bool    // the holdout F1 is the best so far
	Elapsed          time.Duration
}

// trainDoc is a prepared training document.
type trainDoc struct {
	d      *docFeatures
	gold   []uint8
	weight float32
}

// Train trains an averaged perceptron with greedy left-to-right decoding on
// the corpora. With opts.Runs > 1 it trains that many models, each with its
// own seed (opts.Seed, opts.Seed+1, …), holdout and shuffling, and averages
// their weights. It is deterministic for a given opts.Seed.
func Train(corpora []Corpus, opts TrainOptions) (*Model, error) {
	runs := max(opts.Runs, 1)
	var sum *Model
	for r := 0; r < runs; r++ {
		o := opts
		o.Seed = opts.Seed + uint64(r)
		if o.Progress != nil {
			o.Progress = func(st EpochStats) {
				st.Run = r + 1
				opts.Progress(st)
			}
		}
		m, err := trainRun(corpora, o)
		if err != nil {
			return nil, err
		}
		if sum == nil {
			sum = m
			continue
		}
		for i, x := range m.w {
			sum.w[i] += x
		}
	}
	if runs > 1 {
		inv := 1 / float32(runs)
		for i := range sum.w {
			sum.w[i] *= inv
		}
	}
	sum.freeze()
	return sum, nil
}

func trainRun(corpora []Corpus, opts TrainOptions) (*Model, error) {
	if len(corpora) == 0 || len(corpora[0].Documents) == 0 {
		return nil, errors.New("train: no training documents")
	}
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.Patience <= 0 {
		opts.Patience = 3
	}
	if opts.Holdout == 0 {
		opts.Holdout = 0.1
	}
	if opts.Bits == 0 {
		opts.Bits = 21
	}
	if opts.Features == 0 {
		opts.Features = FeatAll
	}
	if opts.Types == nil {
		opts.Types = Types
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6e6572))
	m := newModel(opts.Types, opts.Bits, opts.Features, opts.Clusters, opts.BILOU)

	// Hold out part of the first corpus.
	var held []*Document
	var pools [][]trainDoc
	for ci, c := range corpora {
		docs := c.Documents
		if ci == 0 && opts.Holdout > 0 {
			perm := rng.Perm(len(docs))
			nh := int(float64(len(docs))*opts.Holdout + 0.5)
			if nh >= len(docs) {
				return nil, errors.New("train: holdout leaves no training document")
			}
			sel := make([]bool, len(docs))
			for _, i := range perm[:nh] {
				sel[i] = true
			}
			var keep []*Document
			for i, d := range docs {
				if sel[i] {
					held = append(held, d)
				} else {
					keep = append(keep, d)
				}
			}
			docs = keep
		}
		w := c.Weight
		if w == 0 {
			w = 1
		}
		var pool []trainDoc
		for _, d := range docs {
			pool = append(pool, m.prepareTrain(d, opts.Gazetteer, uint64(c.Domain), w))
		}
		pools = append(pools, pool)
	}
	heldPrep := make([]trainDoc, len(held))
	for i, d := range held {
		heldPrep[i] = m.prepareTrain(d, opts.Gazetteer, 0, 1)
	}

	tr := &trainer{m: m, u: make([]float64, len(m.w)), c: 1}
	avg := newModel(opts.Types, opts.Bits, opts.Features, opts.Clusters, opts.BILOU)
	var best []float32
	bestF1, bestEpoch := -1.0, 0
	t := m.getTagger()
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		start := time.Now()
		var order []*trainDoc
		for ci, pool := range pools {
			frac := corpora[ci].Sample
			for i := range pool {
				if frac > 0 && frac < 1 && rng.Float64() >= frac {
					continue
				}
				order = append(order, &pool[i])
			}
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		st := EpochStats{Epoch: epoch, DevF1: -1}
		for _, td := range order {
			n, e := tr.trainDoc(t, td)
			st.Tokens += n
			st.Errors += e
		}
		tr.average(avg.w)
		if len(heldPrep) > 0 {
			st.HoldoutF1 = avg.scorePrepared(heldPrep)
		}
		if opts.Dev != nil {
			ev := Evaluator{MapPred: opts.DevMap}
			for _, d := range opts.Dev {
				pred := avg.TagDocument(d.Tokens(), opts.Gazetteer)
				for i, s := range d.Sentences {
					ev.Add(s.Tags, pred[i])
				}
			}
			st.DevF1 = ev.Result().Overall.F1()
		}
		if len(heldPrep) == 0 || st.HoldoutF1 > bestF1 {
			bestF1, bestEpoch = st.HoldoutF1, epoch
			best = append(best[:0], avg.w...)
			st.Best = true
		}
		st.Elapsed = time.Since(start)
		if opts.Progress != nil {
			opts.Progress(st)
		}
		if epoch-bestEpoch >= opts.Patience {
			break
		}
	}
	copy(avg.w, best)
	return avg, nil
}

// prepareTrain extracts the static features of a training document.
func (m *Model) prepareTrain(doc *Document, gaz Gazetteer, domain uint64, w float32) trainDoc {
	d := &docFeatures{}
	sents := doc.Tokens()
	m.prepare(d, sents, gaz, domain)
	// Shrink the buffers to their length: thousands of these are kept.
	d.feats = append([]uint32(nil), d.feats...)
	d.offs = append([]int32(nil), d.offs...)
	d.infos = append([]tokInfo(nil), d.infos...)
	d.gaz, d.gtok, d.ts = nil, nil, tokScratch{}
	gold := make([]uint8, 0, len(d.infos))
	for _, s := range doc.Sentences {
		if s.Tags == nil {
			gold = append(gold, make([]uint8, len(s.Tokens))...)
			continue
		}
		gold = m.goldLabels(gold, s.Tags)
	}
	return trainDoc{d: d, gold: gold, weight: w}
}

// scorePrepared returns the overall F1 of the model on prepared documents.
func (m *Model) scorePrepared(docs []trainDoc) float64 {
	t := m.getTagger()
	var ev Evaluator
	var g, p []string
	for i := range docs {
		td := &docs[i]
		t.d = td.d
		m.decodeDoc(t, false)
		d := td.d
		for si := 0; si+1 < len(d.sents); si++ {
			a, b := d.sents[si], d.sents[si+1]
			g, p = g[:0], p[:0]
			for k := a; k < b; k++ {
				g = append(g, m.out[m.toOut[td.gold[k]]])
				p = append(p, m.out[m.toOut[t.labels[k]]])
			}
			ev.Add(g, p)
		}
	}
	return ev.Result().Overall.F1()
}

// trainer holds the perceptron's sums for averaging: the average weight is
// w - u/c, where u accumulates every update times the step c it happened at.
type trainer struct {
	m *Model
	u []float64
	c float64
}

// trainDoc runs one perceptron pass over a document and returns the
// number of tokens and of wrong guesses.
func (tr *trainer) trainDoc(t *tagger, td *trainDoc) (tokens, errs int) {
	m := tr.m
	t.d = td.d
	d := td.d
	second := m.features&FeatDocTags != 0
	if second {
		m.decodeDoc(t, false) // the first pass as tagging would run it
		m.countTags(d, t.labels)
	} else {
		n := len(d.infos)
		if cap(t.labels) < n {
			t.labels = make([]uint8, n)
		}
		t.labels = t.labels[:n]
	}
	for si := 0; si+1 < len(d.sents); si++ {
		a, b := int(d.sents[si]), int(d.sents[si+1])
		t1, t2 := m.nl, m.nl
		for k := a; k < b; k++ {
			t.rows = m.tokenRows(t.rows[:0], d, k, a, si, t1, t2, second, t.labels)
			y := m.best(t.scores, t.rows, t1)
			g := int(td.gold[k])
			if y != g {
				tr.update(t.rows, g, y, td.weight)
				errs++
			}
			tr.c++
			if !second {
				t.labels[k] = uint8(y)
			}
			t2, t1 = t1, y
		}
	}
	return len(d.infos), errs
}

func (tr *trainer) update(rows []uint32, gold, guess int, s float32) {
	nl := tr.m.nl
	w, u := tr.m.w, tr.u
	cs := tr.c * float64(s)
	for _, r := range rows {
		o := int(r) * nl
		w[o+gold] += s
		u[o+gold] += cs
		w[o+guess] -= s
		u[o+guess] -= cs
	}
}

// average writes the averaged weights into dst.
func (tr *trainer) average(dst []float32) {
	inv := 1 / tr.c
	for i, x := range tr.m.w {
		dst[i] = float32(float64(x) - tr.u[i]*inv)
	}
}

// String describes the model.
func (m *Model) String() string {
	return fmt.Sprintf("ner model: %d tags, 2^%d rows, features %s, %d cluster words", m.nl, m.bits, m.features, m.clusters.Len())
}
