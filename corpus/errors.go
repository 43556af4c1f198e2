package corpus

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors carried in [ParseError.Err], [SkipError.Err] or passed to
// [Options.Warn]. Match them with errors.Is.
var (
	// ErrBinary: the file has NUL bytes or many control characters in its
	// first 8 KiB, so it is not text.
	ErrBinary = errors.New("binary file (not text)")
	// ErrTooLong: a JSONL line is longer than Options.MaxLineSize.
	ErrTooLong = errors.New("line too long")
	// ErrTooLarge: a whole-file article is larger than Options.MaxFileSize.
	ErrTooLarge = errors.New("file too large")
	// ErrEmpty: no body text remained after furniture was removed.
	ErrEmpty = errors.New("no article text")
	// ErrMalformedJSON: a JSONL line is not a JSON object with string fields.
	ErrMalformedJSON = errors.New("malformed JSON")
	// ErrNoArticles: a directory holds no file with a known extension.
	ErrNoArticles = errors.New("no articles found")

	// ErrWindows1252 is a warning: the input was not valid UTF-8 and the
	// invalid bytes were decoded as Windows-1252.
	ErrWindows1252 = errors.New("invalid UTF-8, decoded as Windows-1252")
	// ErrVisited is a warning: a directory was reached a second time through
	// a symbolic link (a loop or a duplicate link) and was not read again.
	ErrVisited = errors.New("directory already visited (symlink loop or duplicate), skipped")
)

// extList names the extensions a directory walk looks for, for messages.
var extList = strings.Join(knownExts, " ")

// A ParseError reports malformed input inside one file: one JSONL line or
// one article. Line and Column are 1-based; Column counts bytes. The next
// Read continues after it.
type ParseError struct {
	Path         string
	Line, Column int
	Err          error // a sentinel such as ErrTooLong, possibly wrapped
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Line, e.Column, e.Err)
}

// Unwrap returns e.Err so that errors.Is(err, ErrTooLong) works.
func (e *ParseError) Unwrap() error { return e.Err }

// A SkipError reports a whole input that was not read: a missing or
// unreadable file, a binary or oversized file, an article with no text, or a
// directory without articles. The next Read continues with the next input.
type SkipError struct {
	Path string
	Err  error // a sentinel such as ErrBinary, or an *fs.PathError
}

func (e *SkipError) Error() string {
	if errors.Is(e.Err, ErrNoArticles) {
		return fmt.Sprintf("no articles found in %s (looked for %s)", e.Path, extList)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap returns e.Err so that errors.Is(err, fs.ErrPermission) works.
func (e *SkipError) Unwrap() error { return e.Err }
