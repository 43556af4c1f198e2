package extract

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"cograph/corpus"
)

// A Result is one item of a Run: a document, or the error that made the
// reader skip one article.
type Result struct {
	Doc    *Document
	Err    error // a per-article error from the reader; Doc is nil
	Cached bool  // Doc came from the Memo, not from the recognizer
}

// A Memo remembers extractions between runs (package cache keeps them in
// SQLite). Recall is called from the workers, concurrently; Remember from
// one goroutine, in input order, for every document Recall did not give.
// Recall also receives deferred articles (corpus.Options.Known), which it
// finds by their Digest; those it does not give are read and extracted.
type Memo interface {
	Recall(a *corpus.Article) (*Document, bool)
	Remember(d *Document) error
}

// Run reads articles from r, extracts them on jobs workers (all cores when
// jobs < 1) and calls emit for each result in input order, so output does
// not depend on jobs. Reader errors other than io.EOF concern one article
// and are passed to emit as a Result with Err set; processing continues.
// Run stops at the first error emit returns, or when ctx is cancelled, and
// returns that error. At most a few articles per worker are in memory.
func (e *Extractor) Run(ctx context.Context, r corpus.Reader, jobs int, emit func(Result) error) error {
	if jobs < 1 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	type item struct {
		seq int
		art *corpus.Article
		res Result
	}
	window := make(chan struct{}, jobs*4) // bounds articles in flight
	work := make(chan item)
	done := make(chan item, jobs*4)

	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(work)
		for seq := 0; ; seq++ {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			a, err := r.Read()
			if errors.Is(err, io.EOF) {
				<-window
				return
			}
			it := item{seq: seq, art: a, res: Result{Err: err}}
			if err != nil {
				it.art = nil
			}
			select {
			case work <- it:
			case <-ctx.Done():
				return
			}
		}
	})
	var workers sync.WaitGroup
	for range jobs {
		workers.Go(func() {
			for it := range work {
				if it.art != nil {
					it.res.Doc, it.res.Cached, it.res.Err = e.extractOrRecall(it.art)
				}
				select {
				case done <- it:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { workers.Wait(); close(done) }()

	pending := map[int]Result{}
	next := 0
	var err error
	for it := range done {
		if err != nil {
			continue // drain so the workers can exit
		}
		pending[it.seq] = it.res
		for {
			res, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if e.Memo != nil && res.Doc != nil && !res.Cached {
				if err = e.Memo.Remember(res.Doc); err != nil {
					cancel(err)
					break
				}
			}
			if err = emit(res); err != nil {
				cancel(err)
				break
			}
		}
	}
	wg.Wait()
	if err == nil {
		err = context.Cause(ctx)
	}
	return err
}

// extractOrRecall returns the Memo's extraction of a, or extracts it. A
// deferred article (see corpus.Article.Deferred) the Memo cannot give after
// all is read now; that can fail as reading it would have.
func (e *Extractor) extractOrRecall(a *corpus.Article) (*Document, bool, error) {
	if e.Memo != nil {
		if d, ok := e.Memo.Recall(a); ok {
			return d, true, nil
		}
	}
	if a.Deferred() {
		p, err := a.Parse()
		if err != nil {
			return nil, false, err
		}
		a = p
	}
	return e.Extract(a), false, nil
}
