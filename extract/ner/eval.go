package ner

import (
	"fmt"
	"io"
	"slices"
)

// A Score counts the entities of one type: in the gold standard, in the
// prediction, and in both (same tokens and type).
type Score struct {
	Gold, Predicted, Correct int
}

// Precision returns Correct/Predicted, or 0 when nothing was predicted.
func (s Score) Precision() float64 {
	if s.Predicted == 0 {
		return 0
	}
	return float64(s.Correct) / float64(s.Predicted)
}

// Recall returns Correct/Gold, or 0 when there is no gold entity.
func (s Score) Recall() float64 {
	if s.Gold == 0 {
		return 0
	}
	return float64(s.Correct) / float64(s.Gold)
}

// F1 returns the harmonic mean of precision and recall, or 0.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (s *Score) add(o Score) {
	s.Gold += o.Gold
	s.Predicted += o.Predicted
	s.Correct += o.Correct
}

// An Evaluator scores predicted tags against gold tags with the rules of
// conlleval.py (the CoNLL shared-task scorer): an entity counts as correct
// only when its tokens and type both match. Set the fields before the first
// Add. The zero value scores every type as it is.
type Evaluator struct {
	// MapGold and MapPred rename entity types before scoring, as
	// conlleval.py's --map-gold and --map-pred do; a type mapped to "" is
	// dropped (read as O).
	MapGold, MapPred map[string]string
	// Types, when not empty, restricts the overall score to these types
	// (conlleval.py --types); the per-type scores are kept for all.
	Types []string

	tokens int
	scores map[string]*Score
	gbuf   []string
	pbuf   []string
	gc, pc []Chunk
}

// Add scores one sentence. gold and pred must have the same length; tags
// may be IOB1, IOB2 or IOBES. Add does not modify its arguments.
func (e *Evaluator) Add(gold, pred []string) {
	if len(gold) != len(pred) {
		panic(fmt.Sprintf("ner: Evaluator.Add: %d gold tags, %d predicted", len(gold), len(pred)))
	}
	if e.scores == nil {
		e.scores = map[string]*Score{}
	}
	e.tokens += len(gold)
	e.gbuf = MapTypes(append(e.gbuf[:0], gold...), e.MapGold)
	e.pbuf = MapTypes(append(e.pbuf[:0], pred...), e.MapPred)
	e.gc = Chunks(e.gc[:0], e.gbuf)
	e.pc = Chunks(e.pc[:0], e.pbuf)
	for _, c := range e.gc {
		e.score(c.Type).Gold++
	}
	for _, c := range e.pc {
		e.score(c.Type).Predicted++
		// Chunks are ordered and disjoint, so a linear search suffices.
		for _, g := range e.gc {
			if g == c {
				e.score(c.Type).Correct++
				break
			}
		}
	}
}

func (e *Evaluator) score(typ string) *Score {
	s := e.scores[typ]
	if s == nil {
		s = &Score{}
		e.scores[typ] = s
	}
	return s
}

// Result returns the scores so far.
func (e *Evaluator) Result() Result {
	r := Result{Tokens: e.tokens, ByType: map[string]Score{}}
	for t, s := range e.scores {
		r.ByType[t] = *s
		if len(e.Types) == 0 || slices.Contains(e.Types, t) {
			r.Overall.add(*s)
		}
	}
	return r
}

// A Result holds the scores of an evaluation.
type Result struct {
	Tokens  int
	ByType  map[string]Score
	Overall Score
}

// TypeNames returns the types of r.ByType in sorted order.
func (r Result) TypeNames() []string {
	var ts []string
	for t := range r.ByType {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}

// Evaluate scores predicted against gold tags, sentence by sentence, with
// the rules of conlleval.py and no type mapping.
func Evaluate(gold, pred [][]string) Result {
	var e Evaluator
	for i := range gold {
		e.Add(gold[i], pred[i])
	}
	return e.Result()
}

// WriteReport prints r in the layout of conlleval.py: a header line, one
// line per type, the overall line and a last line "F1 NN.NN".
func (r Result) WriteReport(w io.Writer) error {
	gold, pred := 0, 0
	for _, s := range r.ByType {
		gold += s.Gold
		pred += s.Predicted
	}
	if _, err := fmt.Fprintf(w, "tokens %d, gold entities %d, predicted %d\n", r.Tokens, gold, pred); err != nil {
		return err
	}
	line := func(name string, s Score) error {
		_, err := fmt.Fprintf(w, "%-10s precision %6.2f recall %6.2f F1 %6.2f  (gold %d, predicted %d)\n",
			name, 100*s.Precision(), 100*s.Recall(), 100*s.F1(), s.Gold, s.Predicted)
		return err
	}
	for _, t := range r.TypeNames() {
		if err := line(t, r.ByType[t]); err != nil {
			return err
		}
	}
	if err := line("overall", r.Overall); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "F1 %.2f\n", 100*r.Overall.F1())
	return err
}
