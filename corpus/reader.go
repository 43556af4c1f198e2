package corpus

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"

	"cograph/internal/spaces"
)

// A Reader yields articles one at a time; at the end Read returns nil,
// io.EOF. A *ParseError or *SkipError concerns one article or one file
// only: the next Read continues. Readers are not safe for concurrent use.
type Reader interface {
	Read() (*Article, error)
}

// Default limits, used when the Options fields are zero. Extraction needs
// about fifty times an article's size in memory (tokens, features, mentions)
// and a news article is rarely over 100 kB: a 16 MB "article" is a dump of
// something else, better split into its articles than read whole.
const (
	DefaultMaxFileSize = 16 << 20 // bytes in one whole-file article
	DefaultMaxLineSize = 16 << 20 // bytes in one JSONL line
)

// Options configure a Reader. The zero value is ready to use. Set fields
// before the first Read.
type Options struct {
	// StdinFormat is the format of standard input ("-"). The default,
	// FormatAuto, reads JSONL when the first non-space byte is '{', HTML
	// when it is '<', and plain text otherwise.
	StdinFormat Format

	// Stdin is read for the path "-". Nil means os.Stdin.
	Stdin io.Reader

	// MaxFileSize limits a whole-file article (text, Markdown, HTML) in
	// bytes; a larger file is skipped with ErrTooLarge. JSONL is streamed
	// and has no file limit. Zero means DefaultMaxFileSize.
	MaxFileSize int64

	// MaxLineSize limits one JSONL line in bytes; a longer line is a
	// *ParseError wrapping ErrTooLong and reading goes on with the next
	// line. Zero means DefaultMaxLineSize.
	MaxLineSize int

	// Warn, if not nil, receives non-fatal problems that change nothing the
	// caller must act on, such as ErrWindows1252 or ErrVisited (match with
	// errors.Is). path names the file or directory concerned. It is called
	// from Read, on the caller's goroutine.
	Warn func(path string, err error)

	// Known, if not nil, is asked about the Digest of every whole file
	// (text, Markdown, HTML) before it is parsed; a file it knows is
	// returned unparsed (see Article.Deferred), which spares reading it
	// again into an article when a cache holds what was made of it. It
	// may be called from several goroutines at once.
	Known func(digest [32]byte) bool

	// Workers is how many whole files (text, Markdown, HTML) a Walker
	// reads and parses at once, ahead of Read; articles, errors and
	// warnings still come in walk order. 0 or 1 reads one file at a time,
	// in Read. Close (or reading to io.EOF) ends the workers.
	Workers int
}

func (o *Options) maxFileSize() int64 {
	if o.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return o.MaxFileSize
}

func (o *Options) maxLineSize() int {
	if o.MaxLineSize <= 0 {
		return DefaultMaxLineSize
	}
	return o.MaxLineSize
}

func (o *Options) warn(path string, err error) {
	if o.Warn != nil {
		o.Warn(path, err)
	}
}

// NewReader returns a Reader for one input r in format f. name is used as
// the article ID (JSONL lines without an id become "name:LINE"), as the
// Source when the input names no publisher, and as the path in errors.
// For text, Markdown and HTML the whole input is one article; JSONL yields
// one article per non-blank line.
func NewReader(r io.Reader, name string, f Format, opts Options) Reader {
	return &streamReader{r: r, path: name, id: name, source: name, format: f, opts: opts}
}

var _ Reader = (*streamReader)(nil)

// A streamReader reads one input: a file, stdin or any io.Reader.
type streamReader struct {
	r      io.Reader
	closer io.Closer // closed when the input is done; may be nil
	path   string    // for errors and warnings
	id     string    // article ID, or the base of per-line IDs
	source string    // Article.Source unless the input names a publisher
	format Format
	opts   Options
	jsonl  *jsonlReader
	done   bool
}

// Read returns the next article of the input. A *SkipError ends the input.
func (s *streamReader) Read() (*Article, error) {
	if s.done {
		return nil, io.EOF
	}
	if s.jsonl == nil {
		if a, err := s.start(); a != nil || err != nil {
			return a, err
		}
	}
	a, err := s.jsonl.Read()
	var skip *SkipError
	if err == io.EOF || errors.As(err, &skip) {
		s.finish()
	}
	return a, err
}

// start inspects the beginning of the input. It returns the article for a
// whole-file format, or sets s.jsonl and returns nothing for JSONL.
func (s *streamReader) start() (*Article, error) {
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(s.r, head)
	head = head[:n]
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, s.skip(err)
	}
	if isBinary(head) {
		return nil, s.skip(ErrBinary)
	}
	f := s.format
	if f == FormatAuto {
		f = sniffFormat(head)
	}
	rest := io.MultiReader(bytes.NewReader(head), s.r)
	if f == FormatJSONL {
		s.jsonl = newJSONLReader(rest, s)
		return nil, nil
	}
	defer s.finish()
	return s.whole(rest, f)
}

// whole reads a whole-file article.
func (s *streamReader) whole(r io.Reader, f Format) (*Article, error) {
	limit := s.opts.maxFileSize()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &SkipError{Path: s.path, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &SkipError{Path: s.path, Err: fmt.Errorf("%w: more than the %d MB an article may have; split it into its articles", ErrTooLarge, limit>>20)}
	}
	return s.fromFile(data, f)
}

// fromFile is the article of a whole file (format f, not FormatAuto, and
// not binary) read into data: deferred when Options.Known knows it, else
// parsed, with its digest when Options.Known is set.
func (s *streamReader) fromFile(data []byte, f Format) (*Article, error) {
	a, d := s.known(data, f)
	if a != nil {
		return a, nil
	}
	a, err := s.parseWhole(data, f)
	if a != nil {
		a.Digest = d
	}
	return a, err
}

// readerVersion changes whenever reading a file into an article changes,
// so that digests made by an older reader are not taken for this one's.
const readerVersion = "cograph-corpus-2026-11-25"

// digest is Article.Digest for data read in format f.
func digest(f Format, data []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte(readerVersion))
	h.Write([]byte{0, byte(f)})
	h.Write(data)
	return [32]byte(h.Sum(nil))
}

// known returns the deferred article for data when Options.Known knows
// it, else nil and the digest to give the parsed article (zero without
// Options.Known).
func (s *streamReader) known(data []byte, f Format) (*Article, [32]byte) {
	if s.opts.Known == nil {
		return nil, [32]byte{}
	}
	d := digest(f, data)
	if !s.opts.Known(d) {
		return nil, d
	}
	keep := *s
	keep.r, keep.closer, keep.jsonl = nil, nil, nil
	keep.format = f
	// A copy: data may be a reader's buffer, which the next file reuses.
	return &Article{ID: s.id, Source: s.source, Digest: d, deferred: &deferredFile{keep, bytes.Clone(data)}}, d
}

// parseWhole decodes and parses a whole-file article.
func (s *streamReader) parseWhole(data []byte, f Format) (*Article, error) {
	text, bad := decodeText(data)
	if bad > 0 {
		s.opts.warn(s.path, fmt.Errorf("%w (%d bytes)", ErrWindows1252, bad))
	}
	a := &Article{ID: s.id, Source: s.source}
	switch f {
	case FormatHTML:
		parseHTML(a, text)
	case FormatMarkdown:
		parseMarkdown(a, text)
	default:
		parseText(a, text)
	}
	tidyFields(a)
	if a.Text == "" {
		return nil, &SkipError{Path: s.path, Err: ErrEmpty}
	}
	return a, nil
}

// skip ends the input with a *SkipError.
func (s *streamReader) skip(err error) error {
	s.finish()
	return &SkipError{Path: s.path, Err: err}
}

func (s *streamReader) finish() {
	s.done = true
	if s.closer != nil {
		s.closer.Close() // read-only: a close error loses nothing
		s.closer = nil
	}
}

// tidyFields makes the one-line fields single-spaced valid UTF-8.
func tidyFields(a *Article) {
	for _, p := range []*string{&a.ID, &a.Title, &a.Date, &a.URL, &a.Source, &a.Author} {
		if strings.ContainsFunc(*p, func(r rune) bool { return r < ' ' || r == 0xFFFD || r > 0x7E }) || strings.Contains(*p, "  ") {
			*p = spaces.Collapse(normalize(*p))
		}
	}
}
