// Package corpus reads news articles from files, directories and standard
// input, one [Article] at a time, and strips the page furniture (share
// buttons, related-article lists, bylines, datelines, bare URLs) that would
// otherwise turn into false entities downstream.
//
// Formats are chosen by file extension: .txt and .md are plain text and
// Markdown, .html and .htm are HTML, .jsonl and .ndjson hold one JSON object
// per line. Every body goes through [Clean], so paragraphs in Article.Text are
// always separated by exactly "\n\n" and never contain a newline.
//
// Errors come in two kinds, both confined to one input: a [*ParseError] marks
// one malformed article or line (with a 1-based line and byte column), and a
// [*SkipError] marks a whole file that was not read (binary, too large,
// unreadable, empty). Neither stops a [Reader]: the next Read continues.
// Non-fatal observations, such as a file decoded as Windows-1252, go to the
// optional [Options.Warn] callback instead of Read.
package corpus
