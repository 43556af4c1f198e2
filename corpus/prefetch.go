package corpus

import "io"

// Prefetching: with Options.Workers > 1 the Walker reads and parses whole
// files (text, Markdown, HTML) on that many goroutines, ahead of Read,
// while Read still returns the articles, errors and warnings in walk order.
// Reading and cleaning a file costs about a tenth of extracting it; done
// one file at a time it becomes the bottleneck of any run that extracts
// little (a rebuild from the extraction cache). Streams (JSONL, standard
// input, files of unknown format) are read by Read itself, in turn.

// A task is one input in walk order.
type task struct {
	err    error         // a walk error, returned as is
	stream *streamReader // an input Read reads itself
	// A whole file, parsed by a worker.
	path, id string
	format   Format
	done     chan struct{} // closed when a, aerr and warnings are set
	a        *Article
	aerr     error
	warnings []error
}

// prefetchWindow is how many inputs per worker the Walker looks ahead.
const prefetchWindow = 4

func (w *Walker) prefetching() bool { return w.opts.Workers > 1 }

// Start begins reading ahead when the Walker prefetches (see
// Options.Workers): the first files are read and cleaned while the caller
// still prepares, such as loading a tagger. Without prefetching it does
// nothing.
func (w *Walker) Start() {
	if w.prefetching() {
		w.fill()
	}
}

// readPrefetched is Read with prefetching.
func (w *Walker) readPrefetched() (*Article, error) {
	for {
		if a, ok, err := w.fromCurrent(); ok {
			return a, err
		}
		w.fill()
		if len(w.queue) == 0 {
			w.stopWorkers()
			return nil, io.EOF
		}
		t := w.queue[0]
		w.queue[0] = nil
		w.queue = w.queue[1:]
		switch {
		case t.err != nil:
			return nil, t.err
		case t.stream != nil:
			w.cur = t.stream
		default:
			<-t.done
			for _, err := range t.warnings {
				w.opts.warn(t.path, err)
			}
			return t.a, t.aerr
		}
	}
}

// fill walks ahead until the queue holds a window of inputs or the walk
// is over, handing whole files to the workers.
func (w *Walker) fill() {
	window := prefetchWindow * w.opts.Workers
	for len(w.queue) < window && !w.walked {
		err := w.advance()
		switch {
		case err == io.EOF:
			w.walked = true
		case err != nil:
			w.queue = append(w.queue, &task{err: err})
		case w.whole != nil:
			t := w.whole
			w.whole = nil
			w.queue = append(w.queue, t)
			w.startWorkers()
			w.jobs <- t // never blocks: the channel holds a window
		case w.cur != nil:
			w.queue = append(w.queue, &task{stream: w.cur})
			w.cur = nil
		}
	}
}

func (w *Walker) startWorkers() {
	if w.jobs != nil {
		return
	}
	w.jobs = make(chan *task, prefetchWindow*w.opts.Workers)
	for range w.opts.Workers {
		go func(jobs <-chan *task) {
			var buf []byte
			for t := range jobs {
				buf = t.run(w.opts, buf)
			}
		}(w.jobs)
	}
}

// stopWorkers lets the workers end once they have finished the files in
// hand; their results are dropped.
func (w *Walker) stopWorkers() {
	if w.jobs != nil {
		close(w.jobs)
		w.jobs = nil
	}
	w.queue = nil
}

// run reads and parses the task's file, reading into buf, and returns the
// buffer for the worker's next file. Reading every file into a buffer of
// its own cost more than the reading: a fresh 8 KB object each (most
// articles are shorter), each on a span of its own, whose bookkeeping
// the runtime keeps on pages of its own (the articles' text is copied
// out of the buffer, which is free again once parsed).
func (t *task) run(opts Options, buf []byte) []byte {
	defer close(t.done)
	// Warnings wait for Read, which reports them in walk order.
	opts.Warn = func(_ string, err error) { t.warnings = append(t.warnings, err) }
	if buf == nil {
		buf = make([]byte, 0, 64<<10)
	}
	data, err := readWhole(t.path, opts.maxFileSize(), buf)
	if err != nil {
		t.aerr = err
		return buf
	}
	if cap(data) <= maxKeptBuffer {
		buf = data
	}
	if isBinary(data) {
		t.aerr = &SkipError{Path: t.path, Err: ErrBinary}
		return buf
	}
	s := &streamReader{path: t.path, id: t.id, source: t.path, format: t.format, opts: opts}
	t.a, t.aerr = s.fromFile(data, t.format)
	return buf
}

// maxKeptBuffer is the largest read buffer a worker keeps for its next
// file; one grown for an exceptional file is left to the collector.
const maxKeptBuffer = 1 << 20
