package main

import (
	"errors"
	"flag"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"cograph/cache"
	"cograph/corpus"
	"cograph/extract"
)

// runOptions are the flags every article-reading command shares.
type runOptions struct {
	jobs       int
	quiet      bool
	recognizer string
	model      string
	cache      string
}

func addRunFlags(fs *flag.FlagSet, o *runOptions) {
	fs.IntVar(&o.jobs, "jobs", runtime.GOMAXPROCS(0), "extraction workers; the output is the same for any number")
	fs.BoolVar(&o.quiet, "q", false, "no progress line and no summary")
	fs.StringVar(&o.recognizer, "recognizer", extract.RecognizerModel, "entity recognizer: model (the trained tagger with rules) or rules (rules alone)")
	fs.StringVar(&o.model, "model", "", "tagger model `FILE` from 'cograph train' (default: the embedded model)")
}

// addCacheFlag adds --cache, for the commands that only need what the
// cache keeps (entities, not their offsets in the text).
func addCacheFlag(fs *flag.FlagSet, o *runOptions) {
	fs.StringVar(&o.cache, "cache", "", "extraction cache `FILE` (SQLite): articles extracted before are read from it, new ones added")
}

// newExtractor returns the extractor the flags ask for.
func newExtractor(o runOptions) (*extract.Extractor, error) {
	if o.model == "" {
		return extract.New(o.recognizer)
	}
	if o.recognizer != extract.RecognizerModel {
		return nil, usagef("--model needs --recognizer %s", extract.RecognizerModel)
	}
	m, _, err := loadTagger(o.model, true)
	if err != nil {
		return nil, err
	}
	return extract.NewWithModel(m)
}

// stats counts what a run read, for the progress line and the summary.
type stats struct {
	articles, skipped, words, bytes atomic.Int64
	start                           time.Time
	cache                           *cache.Cache // nil without --cache
}

// processArticles streams the articles under paths through the extractor
// and hands each document to use, in input order. Per-article problems are
// reported and counted; the returned error is fatal (or an interruption).
func processArticles(e *env, paths []string, opts runOptions, use func(*extract.Document) error) (*stats, error) {
	st := &stats{start: time.Now()}
	copts := corpus.Options{
		Stdin:   e.stdin,
		Warn:    func(path string, err error) { e.warnf("%s: %v", path, err) },
		Workers: opts.jobs, // files are read and cleaned on as many cores as extracted
	}
	var r *corpus.Walker
	if opts.cache == "" {
		// The first files are read and cleaned while the tables and the
		// tagger load. (With a cache, reading waits for it: it tells
		// which files need not be read.)
		r = corpus.Open(paths, copts)
		defer r.Close()
		r.Start()
	}
	ex, err := newExtractor(opts)
	if err != nil {
		return nil, err
	}
	if opts.cache != "" {
		c, err := cache.Open(opts.cache, ex.Version())
		if err != nil {
			return nil, err
		}
		st.cache, ex.Memo = c, c
		copts.Known = c.Known // files the cache knows are not read into articles
		r = corpus.Open(paths, copts)
		defer r.Close()
	}
	stopProgress := startProgress(e, st, opts.quiet)
	defer stopProgress()
	err = ex.Run(e.ctx, r, opts.jobs, func(res extract.Result) error {
		if res.Err != nil {
			st.skipped.Add(1)
			e.errorf("skipped %v", res.Err)
			return nil
		}
		st.articles.Add(1)
		st.words.Add(int64(res.Doc.Words))
		st.bytes.Add(int64(res.Doc.Article.RawSize()))
		return use(res.Doc)
	})
	if st.cache != nil {
		// Close writes what is pending, also after an interruption: the
		// articles extracted so far are not extracted again.
		err = errors.Join(err, st.cache.Close())
	}
	return st, err
}

// startProgress draws a status line on stderr every 200 ms while the run
// lasts, only when stderr is a terminal and not quiet. The returned
// function stops it and clears the line.
func startProgress(e *env, st *stats, quiet bool) func() {
	if quiet || !isTerminal(e.stderr) {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				e.mu.Lock()
				fmt.Fprintf(e.stderr, "\r\033[K%s", st.line())
				e.mu.Unlock()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		e.mu.Lock()
		clearLine(e.stderr)
		e.mu.Unlock()
	}
}

// line is the progress line: counts so far and the current rate.
func (st *stats) line() string {
	secs := time.Since(st.start).Seconds()
	return fmt.Sprintf("%s articles, %s skipped, %.1f MB, %s words/s",
		group(st.articles.Load()), group(st.skipped.Load()), float64(st.bytes.Load())/1e6,
		group(int64(float64(st.words.Load())/max(secs, 1e-9))))
}

// summary is the closing paragraph printed on stderr.
func (st *stats) summary() string {
	secs := time.Since(st.start).Seconds()
	s := fmt.Sprintf("read %s articles (%s skipped), %s words, %.1f MB in %.2f s: %s words/s, %.1f MB/s",
		group(st.articles.Load()), group(st.skipped.Load()), group(st.words.Load()),
		float64(st.bytes.Load())/1e6, secs, group(int64(float64(st.words.Load())/max(secs, 1e-9))),
		float64(st.bytes.Load())/1e6/max(secs, 1e-9))
	if st.cache != nil {
		hits, misses := st.cache.Stats()
		s += fmt.Sprintf(" (cache: %s read, %s extracted)", group(hits), group(misses))
	}
	return s
}

// group formats n with thousands separators.
func group(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + group(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
