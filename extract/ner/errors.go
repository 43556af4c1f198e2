package ner

import (
	"errors"
	"fmt"
)

// Sentinel errors carried by a [ParseError].
var (
	ErrTooLong  = errors.New("line too long")
	ErrBadTag   = errors.New("malformed IOB tag")
	ErrNoTag    = errors.New("token line has no tag column")
	ErrBadModel = errors.New("not a ner model file")
	ErrVersion  = errors.New("unsupported model version")
)

// A ParseError reports malformed input. Line and Column are 1-based; Column
// counts bytes and is 0 when the whole line is at fault.
type ParseError struct {
	Path         string
	Line, Column int
	Err          error // a sentinel such as ErrBadTag
	Text         string
}

func (e *ParseError) Error() string {
	path := e.Path
	if path == "" {
		path = "<input>"
	}
	msg := e.Err.Error()
	if e.Text != "" {
		msg = fmt.Sprintf("%v: %q", e.Err, e.Text)
	}
	if e.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", path, e.Line, e.Column, msg)
	}
	return fmt.Sprintf("%s:%d: %s", path, e.Line, msg)
}

func (e *ParseError) Unwrap() error { return e.Err }
