package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"cograph/internal/atomicfile"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1 // nothing written
	exitUsage       = 2
	exitInterrupted = 130
)

// Defaults, shared by the flags and the rebuild command in the header.
const (
	defaultOut      = "extract/ner/data/clusters.tsv"
	defaultK        = "64,256,1024"
	defaultMin      = 3
	defaultMaxVocab = 100000
	defaultIter     = 20
	defaultTol      = 0.005
	defaultContext  = "both"
	defaultSeed     = 1
	defaultProbes   = "Monday,London,Reuters,Smith,Germany,million,said,bank,John,Microsoft,president,March"
)

// options are the parsed flags.
type options struct {
	out      string
	ks       []int
	min      int64
	maxVocab int
	iter     int
	tol      float64
	dirs     int
	lower    bool
	seed     uint64
	jobs     int
	warm     bool
	probes   []string
	quiet    bool
	root     string
	command  string // the command line that rebuilds the output
}

const usage = `usage: clusters [flags] DATA_DIR

Learns word clusters for the NER tagger from the corpora under DATA_DIR
(the shared data folder: unlabeled/*/*.txt, news/bbc/*/*.txt and the train
splits of ner/conll2003, ner/gmb, ner/crossner-politics, ner/wnut17) and
writes them as word<TAB>class-per-level, sorted by word.

Run from the repository root:

	go run ./internal/gen/clusters -o extract/ner/data/clusters.tsv ../shared/data

EXIT STATUS: 0 ok; 1 error, nothing written; 2 usage; 130 interrupted.

Flags:
`

// run is the tested entry point; it returns the exit code. Data goes to
// the output file (or stdout with -o -); progress and probes to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opt, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "clusters:", err)
		return exitUsage
	}
	logf := func(format string, a ...any) {
		if !opt.quiet {
			fmt.Fprintf(stderr, format+"\n", a...)
		}
	}
	res, err := learn(ctx, opt, logf)
	if err == nil && !opt.quiet {
		err = printProbes(stderr, res, opt.probes)
	}
	if err == nil {
		write := func(w io.Writer) error { return writeClusters(w, res, opt) }
		if opt.out == "-" {
			err = write(stdout)
		} else {
			err = atomicfile.WriteFile(opt.out, write)
		}
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "clusters: interrupted")
		return exitInterrupted
	case err != nil:
		fmt.Fprintln(stderr, "clusters:", err)
		return exitError
	}
	return exitOK
}

func parseArgs(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("clusters", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	opt := &options{}
	fs.StringVar(&opt.out, "o", defaultOut, "output `file` (- for stdout)")
	ks := fs.String("k", defaultK, "numbers of classes, coarse to fine, each a multiple of the previous")
	fs.Int64Var(&opt.min, "min", defaultMin, "minimum occurrences of a clustered word")
	fs.IntVar(&opt.maxVocab, "max-vocab", defaultMaxVocab, "cluster at most this many words, the most frequent (0: no cap)")
	fs.IntVar(&opt.iter, "iter", defaultIter, "maximum exchange passes per level")
	fs.Float64Var(&opt.tol, "tol", defaultTol, "stop a level when a pass moves fewer than this share of the words")
	ctxName := fs.String("context", defaultContext, "context the classes predict from: left, right or both")
	fs.BoolVar(&opt.lower, "lower", false, "fold words to lower case before counting")
	fs.Uint64Var(&opt.seed, "seed", defaultSeed, "seed of the initial assignment")
	fs.IntVar(&opt.jobs, "j", defaultJobs(), "parallel workers (the output does not depend on it)")
	fs.BoolVar(&opt.warm, "warm", true, "start each level from the previous one rather than at random")
	probes := fs.String("probe", defaultProbes, "comma-separated words whose cluster-mates to print")
	fs.BoolVar(&opt.quiet, "q", false, "quiet: no progress or probes on stderr")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return nil, errors.New("want exactly one DATA_DIR")
	}
	opt.root = fs.Arg(0)
	var err error
	if opt.ks, err = parseKs(*ks); err != nil {
		return nil, err
	}
	switch *ctxName {
	case "left":
		opt.dirs = dirLeft
	case "right":
		opt.dirs = dirRight
	case "both":
		opt.dirs = dirBoth
	default:
		return nil, fmt.Errorf("-context %q: want left, right or both", *ctxName)
	}
	switch {
	case opt.min < 1:
		return nil, fmt.Errorf("-min %d: want at least 1", opt.min)
	case opt.maxVocab < 0:
		return nil, fmt.Errorf("-max-vocab %d: want 0 or more", opt.maxVocab)
	case opt.iter < 0:
		return nil, fmt.Errorf("-iter %d: want 0 or more", opt.iter)
	case opt.jobs < 1:
		return nil, fmt.Errorf("-j %d: want at least 1", opt.jobs)
	}
	if *probes != "" {
		opt.probes = strings.Split(*probes, ",")
	}
	opt.command = rebuildCommand(fs)
	return opt, nil
}

// parseKs parses "64,256,1024": increasing, each a multiple of the one
// before, so that a level can start from the previous one's classes.
func parseKs(s string) ([]int, error) {
	var ks []int
	for f := range strings.SplitSeq(s, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 2 {
			return nil, fmt.Errorf("-k %q: want comma-separated class counts of at least 2", s)
		}
		if n := len(ks); n > 0 && (k <= ks[n-1] || k%ks[n-1] != 0) {
			return nil, fmt.Errorf("-k %q: each class count must be a larger multiple of the previous one", s)
		}
		ks = append(ks, k)
	}
	return ks, nil
}

// rebuildCommand returns the command that reproduces the output: the
// flags that change it, as given, plus the data directory. -j, -q and
// -probe do not change the output and are left out.
func rebuildCommand(fs *flag.FlagSet) string {
	parts := []string{"go run ./internal/gen/clusters"}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "j", "q", "probe", "o":
			return
		}
		parts = append(parts, "-"+f.Name+"="+f.Value.String())
	})
	parts = append(parts, "-o", fs.Lookup("o").Value.String(), filepath.ToSlash(fs.Arg(0)))
	return strings.Join(parts, " ")
}

// A result is what learn found: the vocabulary and one class per word and
// level.
type result struct {
	b       *bigrams
	ks      []int
	classes [][]int32 // classes[level][word rank], renumbered (see renumber)
	ppl     [][]float64
	passes  []int
	files   int
	docs    int // raw-text documents clustered
	dups    int // raw-text documents skipped as duplicates
}

// learn reads the corpus and clusters its vocabulary at every level.
func learn(ctx context.Context, opt *options, logf func(string, ...any)) (*result, error) {
	start := time.Now()
	srcs, err := sources(opt.root)
	if err != nil {
		return nil, err
	}
	c := newCorpus(opt.lower)
	if err := c.read(ctx, srcs, opt.jobs); err != nil {
		return nil, err
	}
	b := buildBigrams(c, opt.min, opt.maxVocab)
	res := &result{b: b, ks: opt.ks, docs: c.docs, dups: c.dups, files: len(srcs)}
	logf("read %d files, %d documents (%d duplicates skipped): %d tokens, %d types; %d words clustered (%.2f%% of tokens), %d bigram types; %.1fs",
		len(srcs), res.docs, res.dups, b.tokens, b.types, b.V, 100*float64(b.covered)/float64(b.tokens), b.pairs, time.Since(start).Seconds())
	if err := clusterLevels(ctx, res, opt, logf); err != nil {
		return nil, err
	}
	logf("done in %.1fs", time.Since(start).Seconds())
	return res, nil
}

// clusterLevels clusters the vocabulary of res.b at each level of opt.ks,
// coarse to fine, each level starting from the previous one (with
// opt.warm), and stores the classes in res.
func clusterLevels(ctx context.Context, res *result, opt *options, logf func(string, ...any)) error {
	b := res.b
	var parent []int32
	parentK := 0
	for _, K := range opt.ks {
		if !opt.warm {
			parent = nil
		}
		e := newExchanger(b, K, opt.dirs, opt.jobs, initClasses(b.V, K, parent, parentK, opt.seed))
		var stored []string
		for _, d := range e.dirs {
			stored = append(stored, strconv.Itoa(len(d.table)/K))
		}
		logf("K=%d: %s context rows stored", K, strings.Join(stored, "/"))
		passes := 0
		for passes < opt.iter {
			t := time.Now()
			moved, err := e.pass(ctx)
			if err != nil {
				return err
			}
			passes++
			logf("K=%d pass %d: %d words moved, perplexity %s, %.1fs", K, passes, moved, fmtPPL(e.logLikelihood(), b.tokens), time.Since(t).Seconds())
			if float64(moved) < opt.tol*float64(b.V) {
				break
			}
		}
		res.ppl = append(res.ppl, perplexity(e.logLikelihood(), b.tokens))
		res.passes = append(res.passes, passes)
		res.classes = append(res.classes, e.class)
		parent, parentK = e.class, K
	}
	for i := range res.classes {
		res.classes[i] = renumber(res.classes[i])
	}
	return nil
}

// renumber names classes 0, 1, 2, … in order of their most frequent word,
// so that ids are small, dense and stable against label permutations.
func renumber(class []int32) []int32 {
	id := map[int32]int32{}
	out := make([]int32, len(class))
	for w, c := range class {
		n, ok := id[c]
		if !ok {
			n = int32(len(id))
			id[c] = n
		}
		out[w] = n
	}
	return out
}

func perplexity(ll []float64, tokens int64) []float64 {
	p := make([]float64, len(ll))
	for i, l := range ll {
		p[i] = math.Exp(-l / float64(tokens))
	}
	return p
}

func fmtPPL(ll []float64, tokens int64) string {
	var s []string
	for _, p := range perplexity(ll, tokens) {
		s = append(s, strconv.FormatFloat(p, 'f', 1, 64))
	}
	return strings.Join(s, "/")
}

// printProbes prints, for each probe word, the most frequent other words
// of its class at the two finest levels: a quick check that the classes
// mean something.
func printProbes(w io.Writer, res *result, probes []string) error {
	rank := map[string]int{}
	for i, s := range res.b.words {
		rank[s] = i
	}
	for _, p := range probes {
		r, ok := rank[p]
		if !ok {
			fmt.Fprintf(w, "probe %s: not in the vocabulary\n", p)
			continue
		}
		for lv := max(0, len(res.ks)-2); lv < len(res.ks); lv++ {
			c := res.classes[lv][r]
			var mates []string
			size := 0
			for i, cl := range res.classes[lv] {
				if cl != c {
					continue
				}
				size++
				if i != r && len(mates) < 15 {
					mates = append(mates, res.b.words[i])
				}
			}
			if _, err := fmt.Fprintf(w, "probe %s K=%d class %d (%d words): %s\n", p, res.ks[lv], c, size, strings.Join(mates, " ")); err != nil {
				return err
			}
		}
	}
	return nil
}

// sortedWords returns the vocabulary ranks in byte order of the words.
func sortedWords(b *bigrams) []int {
	idx := make([]int, b.V)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int { return strings.Compare(b.words[x], b.words[y]) })
	return idx
}
