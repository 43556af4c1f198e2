package corpus

import (
	"path/filepath"
	"strings"
)

// A Format is an input format.
type Format int

// The formats a Reader understands.
const (
	// FormatAuto sniffs the content: JSONL when the first non-space byte is
	// '{', HTML when it is '<', plain text otherwise.
	FormatAuto     Format = iota
	FormatText            // plain text: .txt
	FormatMarkdown        // Markdown with optional YAML front matter: .md
	FormatHTML            // HTML page: .html, .htm
	FormatJSONL           // one JSON object per line: .jsonl, .ndjson
)

var formatNames = [...]string{"auto", "text", "markdown", "html", "jsonl"}

// String returns the lowercase name of f ("auto", "text", "markdown",
// "html", "jsonl").
func (f Format) String() string {
	if f < 0 || int(f) >= len(formatNames) {
		return "unknown"
	}
	return formatNames[f]
}

// knownExts lists the extensions a directory walk reads, in message order.
var knownExts = []string{".txt", ".md", ".html", ".htm", ".jsonl", ".ndjson"}

// FormatOf returns the format of path by its extension, compared without
// regard to case (.TXT is text). ok is false for other extensions.
func FormatOf(path string) (f Format, ok bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return FormatText, true
	case ".md", ".markdown":
		return FormatMarkdown, true
	case ".html", ".htm", ".xhtml":
		return FormatHTML, true
	case ".jsonl", ".ndjson":
		return FormatJSONL, true
	}
	return FormatAuto, false
}

// sniffFormat guesses the format from the first bytes of an input.
func sniffFormat(head []byte) Format {
	s := strings.TrimLeft(strings.TrimPrefix(string(head), "\uFEFF"), " \t\r\n\f\v")
	switch {
	case strings.HasPrefix(s, "{"):
		return FormatJSONL
	case strings.HasPrefix(s, "<"):
		return FormatHTML
	}
	return FormatText
}
