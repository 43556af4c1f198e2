package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"cograph/extract"
	"cograph/extract/ner"
	"cograph/internal/atomicfile"
)

const trainHelp = `Usage: cograph train [flags]

Trains the named-entity tagger on the corpora under --data and writes the
model file. Training is deterministic for a given --seed. Part of the first
corpus (CoNLL-2003 train) is held out to choose the number of epochs; --dev
only reports the F1 of a development file after each epoch and never steers
training.

Corpora (--corpora, comma-separated NAME[:WEIGHT[:SAMPLE]]):
  conll      conll2003/train.txt; MISC names of events become EVENT
  gmb        gmb/train.csv, mapped to CoNLL conventions
  crossner   crossner-politics/train.txt (event, election -> EVENT)
  wnut       wnut17/train.txt
WEIGHT scales the corpus's updates (default 1); SAMPLE is the fraction of
its documents drawn per epoch (default 1). Corpora other than conll train
private copies of the features as well (--domains).

Flags:
`

// runTrain trains a model; see trainHelp.
func runTrain(e *env, args []string) int {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data", "ner"), "corpora `DIR`")
	out := fs.String("o", "", "model `FILE` to write (required)")
	seed := fs.Uint64("seed", 1, "random seed (shuffling, holdout)")
	epochs := fs.Int("epochs", 12, "maximum epochs")
	runs := fs.Int("runs", 8, "models to train (seeds seed, seed+1, …) and average")
	patience := fs.Int("patience", 3, "stop after `N` epochs without a better holdout F1")
	holdout := fs.Float64("holdout", 0.1, "fraction of CoNLL train documents held out for early stopping (negative: none)")
	corpora := fs.String("corpora", defaultCorpora, "corpora to train on, NAME[:WEIGHT[:SAMPLE]],...")
	features := fs.String("features", defaultFeatures, "feature groups, e.g. all,-doctags")
	bits := fs.Uint("bits", 17, "log2 of the number of weight rows")
	clusters := fs.String("clusters", filepath.Join("extract", "ner", "data", "clusters.tsv"), "word-cluster `FILE` (stored in the model); empty: none")
	noGaz := fs.Bool("no-gazetteer", false, "train without gazetteer features")
	bilou := fs.Bool("bilou", false, "BILOU labels inside the model instead of IOB2")
	domains := fs.Bool("domains", true, "give corpora other than conll private feature copies")
	dev := fs.String("dev", "", "CoNLL `FILE` to score after each epoch (EVENT counted as MISC); measurement only")
	quiet := fs.Bool("q", false, "no progress")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, trainHelp)
		fs.PrintDefaults()
		fmt.Fprint(e.stderr, "\nEXIT STATUS\n  0 model written, 1 error (no model written), 2 bad usage.\n")
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) > 0 {
		return e.exitCode(usagef("train: unexpected argument %q", pos[0]))
	}
	if *out == "" {
		return e.exitCode(usagef("train: -o FILE is required"))
	}
	feats, err := ner.ParseFeatures(*features)
	if err != nil {
		return e.exitCode(usagef("train: --features: %v", err))
	}
	specs, err := parseCorpora(*corpora)
	if err != nil {
		return e.exitCode(usagef("train: --corpora: %v", err))
	}
	start := time.Now()
	var gaz ner.Gazetteer
	if !*noGaz {
		if gaz, err = gazetteer(); err != nil {
			return e.exitCode(err)
		}
		gaz = newCachedGazetteer(gaz)
	}
	opts := ner.TrainOptions{
		Seed: *seed, Runs: *runs, Epochs: *epochs, Patience: *patience, Holdout: *holdout,
		Bits: *bits, Features: feats, BILOU: *bilou, Gazetteer: gaz, DevMap: map[string]string{ner.EVENT: ner.MISC},
	}
	if *clusters != "" {
		if opts.Clusters, err = readClusters(*clusters); err != nil {
			return e.exitCode(err)
		}
	}
	var cs []ner.Corpus
	for _, sp := range specs {
		c, err := loadCorpus(*data, sp, gaz)
		if err != nil {
			return e.exitCode(err)
		}
		if !*domains {
			c.Domain = 0
		}
		cs = append(cs, c)
		if !*quiet {
			e.errorf("train: %s: %d documents", c.Name, len(c.Documents))
		}
	}
	if *dev != "" {
		if opts.Dev, err = readConllFile(*dev); err != nil {
			return e.exitCode(err)
		}
	}
	if !*quiet {
		opts.Progress = func(st ner.EpochStats) {
			msg := fmt.Sprintf("train: run %d epoch %d: %d tokens, %d errors, holdout F1 %.2f", st.Run, st.Epoch, st.Tokens, st.Errors, 100*st.HoldoutF1)
			if st.DevF1 >= 0 {
				msg += fmt.Sprintf(", dev F1 %.2f", 100*st.DevF1)
			}
			if st.Best {
				msg += " *"
			}
			e.errorf("%s (%.1fs)", msg, st.Elapsed.Seconds())
		}
	}
	m, err := ner.Train(cs, opts)
	if err != nil {
		return e.exitCode(err)
	}
	err = atomicfile.WriteFile(*out, func(w io.Writer) error { return m.Save(w) })
	if err != nil {
		return e.exitCode(fmt.Errorf("write model: %w", err))
	}
	if !*quiet {
		e.errorf("train: wrote %s (%s) in %.0fs", *out, m, time.Since(start).Seconds())
	}
	return exitOK
}

// Defaults chosen by the ablations in extract/ner/doc.go.
const (
	defaultCorpora  = "conll,crossner"
	defaultFeatures = "all,-history,-document"
)

type corpusSpec struct {
	name           string
	weight, sample float64
}

func parseCorpora(s string) ([]corpusSpec, error) {
	var out []corpusSpec
	for _, f := range splitList(s) {
		parts := strings.Split(f, ":")
		sp := corpusSpec{name: parts[0], weight: 1, sample: 1}
		switch sp.name {
		case "conll", "gmb", "crossner", "wnut":
		default:
			return nil, fmt.Errorf("unknown corpus %q (want conll, gmb, crossner or wnut)", sp.name)
		}
		for i, p := range parts[1:] {
			x, err := strconv.ParseFloat(p, 64)
			if err != nil || x <= 0 || i > 1 || (i == 1 && x > 1) {
				return nil, fmt.Errorf("bad weight or sample in %q", f)
			}
			if i == 0 {
				sp.weight = x
			} else {
				sp.sample = x
			}
		}
		out = append(out, sp)
	}
	if len(out) == 0 || out[0].name != "conll" {
		return nil, errors.New("the first corpus must be conll (it supplies the holdout)")
	}
	return out, nil
}

// loadCorpus reads one corpus and maps its labels to the tagger's types.
func loadCorpus(dir string, sp corpusSpec, gaz ner.Gazetteer) (ner.Corpus, error) {
	c := ner.Corpus{Name: sp.name, Weight: float32(sp.weight), Sample: sp.sample}
	var err error
	switch sp.name {
	case "conll":
		c.Documents, err = readConllFile(filepath.Join(dir, "conll2003", "train.txt"))
		if err == nil {
			ner.MarkEvents(c.Documents, ner.MISC, gaz)
		}
	case "gmb":
		c.Domain = 1
		path := filepath.Join(dir, "gmb", "train.csv")
		var f *os.File
		if f, err = os.Open(path); err == nil {
			c.Documents, err = ner.ReadGMB(f, path, 20)
			f.Close()
		}
		if err == nil {
			ner.MapDocuments(c.Documents, ner.GMBTypes)
			ner.TrimSpans(c.Documents, ner.PER, isTitleWord)
		}
	case "crossner":
		c.Domain = 2
		c.Documents, err = readConllFile(filepath.Join(dir, "crossner-politics", "train.txt"))
		if err == nil {
			ner.MapDocuments(c.Documents, ner.CrossNERTypes)
		}
	case "wnut":
		c.Domain = 3
		c.Documents, err = readConllFile(filepath.Join(dir, "wnut17", "train.txt"))
		if err == nil {
			ner.MapDocuments(c.Documents, ner.WNUTTypes)
		}
	}
	if err != nil {
		return c, fmt.Errorf("train: corpus %s: %w", sp.name, err)
	}
	return c, nil
}

// isTitleWord reports whether w is a title or honorific that CoNLL leaves
// out of person names but GMB includes ("President", "Mr.").
func isTitleWord(w string) bool {
	switch strings.TrimSuffix(strings.ToLower(w), ".") {
	case "mr", "mrs", "ms", "dr", "president", "prime", "minister", "general", "gen", "secretary",
		"senator", "sen", "king", "queen", "prince", "princess", "pope", "chancellor", "premier",
		"governor", "gov", "vice", "foreign", "defense", "defence", "interior", "finance", "chief",
		"lieutenant", "colonel", "col", "captain", "capt", "commander", "admiral", "sergeant", "sgt",
		"rev", "reverend", "sheikh", "ayatollah", "cardinal", "archbishop", "bishop", "judge",
		"justice", "ambassador", "envoy", "representative", "rep", "congressman", "congresswoman",
		"mayor", "state", "deputy", "former", "leader", "spokesman", "spokeswoman", "director",
		"emperor", "sir", "lord", "lady", "dame", "major", "maj", "brigadier", "marshal", "field",
		"attorney", "speaker", "crown", "grand", "ayatullah", "imam", "mullah", "rabbi", "of", "the":
		return true
	}
	return false
}

// readConllFile reads a tagged CoNLL file.
func readConllFile(path string) ([]*ner.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := ner.NewReader(f)
	r.Tagged = true
	r.Path = path
	return r.ReadAll()
}

func readClusters(path string) (*ner.Clusters, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read clusters: %w", err)
	}
	defer f.Close()
	return ner.ReadClusters(f, path)
}

// gazetteer returns the lexicon the tagger's gazetteer features come from:
// the rule recognizer's lexicon, which implements ner.Gazetteer. The
// embedded model was trained with it.
func gazetteer() (ner.Gazetteer, error) {
	lx, err := extract.DefaultLexicon()
	if err != nil {
		return nil, err
	}
	return lx, nil
}

// cachedGazetteer remembers the matches of each sentence: training and
// the per-epoch development scores look the same sentences up many times.
type cachedGazetteer struct {
	g  ner.Gazetteer
	mu sync.Mutex
	m  map[string][]ner.Match
}

func newCachedGazetteer(g ner.Gazetteer) *cachedGazetteer {
	return &cachedGazetteer{g: g, m: map[string][]ner.Match{}}
}

func (c *cachedGazetteer) Match(dst []ner.Match, toks []string) []ner.Match {
	key := strings.Join(toks, "\x00")
	c.mu.Lock()
	ms, ok := c.m[key]
	c.mu.Unlock()
	if !ok {
		ms = c.g.Match(nil, toks)
		c.mu.Lock()
		c.m[key] = ms
		c.mu.Unlock()
	}
	return append(dst, ms...)
}
