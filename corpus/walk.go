package corpus

import (
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// A Walker reads the articles under a list of paths, one at a time. It
// implements [Reader]; every error it returns is a *ParseError or a
// *SkipError concerning one input, and the next Read continues.
//
// Order is deterministic: the paths in the order given, each directory
// depth-first with entries in lexical byte order. Symbolic links are
// followed; a directory reached a second time within one argument (a loop
// or a second link to it) is skipped with an ErrVisited warning. Names starting with "." are
// skipped inside directories, and so are files with other extensions than
// those listed in [FormatOf] (see [Walker.Ignored]). A file named
// explicitly is read whatever its extension, its format sniffed when the
// extension is unknown.
//
// Article.ID is the slash-separated path relative to the directory given
// for files found in a directory, the file name for a file named
// explicitly, and "stdin" for standard input; JSONL lines use their id
// field or ID:LINE. Article.Source is the file's path unless the input
// names a publisher.
type Walker struct {
	opts    Options
	roots   []string
	cur     *streamReader // the input being read, or nil
	stack   []*dirFrame   // directories being walked, innermost last
	root    string        // the directory argument being walked
	found   int           // article files found under root
	ignored int
	visited map[int64][]os.FileInfo // directories seen, by modification time

	// With Options.Workers > 1 (see prefetch.go).
	queue  []*task    // inputs walked but not yet returned, in order
	whole  *task      // set by openFile for a whole file to prefetch
	jobs   chan *task // whole files for the workers
	walked bool       // the walk is over
}

// A dirFrame is one directory being walked.
type dirFrame struct {
	path  string // on disk
	rel   string // relative to the root, slash-separated
	names []string
	types []fs.FileMode // of names, as the directory lists them
	next  int
}

var _ Reader = (*Walker)(nil)

// Open returns a Walker over paths: files, directories, or "-" for
// opts.Stdin. Nothing is opened until the first Read. The caller should
// Close the Walker if it stops before io.EOF.
func Open(paths []string, opts Options) *Walker {
	return &Walker{opts: opts, roots: paths, visited: map[int64][]os.FileInfo{}}
}

// Read returns the next article, or nil, io.EOF after the last one.
func (w *Walker) Read() (*Article, error) {
	if w.prefetching() {
		return w.readPrefetched()
	}
	for {
		if a, ok, err := w.fromCurrent(); ok {
			return a, err
		}
		if err := w.advance(); err != nil {
			return nil, err
		}
	}
}

// fromCurrent reads from the current input. ok is false, and w.cur nil,
// when there is none or it is exhausted.
func (w *Walker) fromCurrent() (a *Article, ok bool, err error) {
	if w.cur == nil {
		return nil, false, nil
	}
	if a, err = w.cur.Read(); err == io.EOF {
		w.cur = nil
		return nil, false, nil
	}
	return a, true, err
}

// Ignored returns how many files were passed over inside directories
// because their extension names no known format.
func (w *Walker) Ignored() int { return w.ignored }

// Close releases the file being read, if any. Read after Close continues
// with the next input. Files are opened read-only, so Close cannot lose
// data and always returns nil.
func (w *Walker) Close() error {
	if w.cur != nil {
		w.cur.finish()
		w.cur = nil
	}
	for _, t := range w.queue {
		if t.stream != nil {
			t.stream.finish()
		}
	}
	w.stopWorkers()
	return nil
}

// advance sets w.cur to the next input. It returns a *SkipError for an
// input that cannot be opened and io.EOF when there is nothing left.
func (w *Walker) advance() error {
	for len(w.stack) > 0 {
		top := w.stack[len(w.stack)-1]
		if top.next == len(top.names) {
			w.stack = w.stack[:len(w.stack)-1]
			if len(w.stack) == 0 && w.found == 0 {
				return &SkipError{Path: w.root, Err: ErrNoArticles}
			}
			continue
		}
		name, typ := top.names[top.next], top.types[top.next]
		top.next++
		if strings.HasPrefix(name, ".") {
			continue // .git, .DS_Store, editor swap files
		}
		if err := w.visit(filepath.Join(top.path, name), path.Join(top.rel, name), typ); err != nil || w.cur != nil || w.whole != nil {
			return err
		}
	}
	if len(w.roots) == 0 {
		return io.EOF
	}
	root := w.roots[0]
	w.roots = w.roots[1:]
	return w.openRoot(root)
}

// visit handles one directory entry, whose type the directory listed.
func (w *Walker) visit(p, rel string, typ fs.FileMode) error {
	if typ.IsRegular() && w.prefetching() {
		// A regular file needs no stat of its own: the workers check
		// its size as they read it.
		f, known := FormatOf(p)
		if !known {
			w.ignored++
			return nil
		}
		w.found++
		return w.openFile(p, rel, f, nil)
	}
	fi, err := os.Stat(p) // follows symbolic links
	if err != nil {
		if _, known := FormatOf(p); known {
			w.found++
		}
		return &SkipError{Path: p, Err: err}
	}
	if fi.IsDir() {
		return w.pushDir(p, rel, fi)
	}
	f, known := FormatOf(p)
	if !fi.Mode().IsRegular() {
		return nil // devices, sockets and pipes are not articles
	}
	if !known {
		w.ignored++
		return nil
	}
	w.found++
	return w.openFile(p, rel, f, fi)
}

func (w *Walker) openRoot(root string) error {
	if root == "-" {
		in := w.opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		w.cur = &streamReader{r: in, path: "stdin", id: "stdin", source: "stdin", format: w.opts.StdinFormat, opts: w.opts}
		return nil
	}
	fi, err := os.Stat(root)
	if err != nil {
		return &SkipError{Path: root, Err: err}
	}
	if fi.IsDir() {
		// Each argument is walked on its own: a directory named twice, or
		// inside another argument, is read again, as asked.
		w.root, w.found = root, 0
		clear(w.visited)
		return w.pushDir(root, "", fi)
	}
	f, _ := FormatOf(root) // FormatAuto when unknown: the user asked for this file
	return w.openFile(root, filepath.Base(root), f, fi)
}

// pushDir starts walking directory p unless it was walked already.
func (w *Walker) pushDir(p, rel string, fi os.FileInfo) error {
	// Only directories with the same modification time can be the same
	// directory, so os.SameFile compares few candidates.
	key := fi.ModTime().UnixNano()
	for _, v := range w.visited[key] {
		if os.SameFile(v, fi) {
			w.opts.warn(p, ErrVisited)
			return nil
		}
	}
	w.visited[key] = append(w.visited[key], fi)
	entries, err := os.ReadDir(p) // sorted by name
	if err != nil {
		return &SkipError{Path: p, Err: err}
	}
	names := make([]string, len(entries))
	types := make([]fs.FileMode, len(entries))
	for i, e := range entries {
		names[i], types[i] = e.Name(), e.Type()
	}
	w.stack = append(w.stack, &dirFrame{path: p, rel: rel, names: names, types: types})
	return nil
}

// openFile makes file p the current input.
// fi may be nil for a regular file found in a directory when prefetching.
func (w *Walker) openFile(p, id string, f Format, fi os.FileInfo) error {
	if fi != nil && f != FormatJSONL && f != FormatAuto && fi.Size() > w.opts.maxFileSize() {
		return tooLarge(p, fi.Size(), w.opts.maxFileSize())
	}
	if w.prefetching() && (f == FormatText || f == FormatMarkdown || f == FormatHTML) {
		w.whole = &task{path: p, id: id, format: f, done: make(chan struct{})}
		return nil
	}
	file, err := os.Open(p)
	if err != nil {
		return &SkipError{Path: p, Err: err}
	}
	w.cur = &streamReader{r: file, closer: file, path: p, id: id, source: p, format: f, opts: w.opts}
	return nil
}
