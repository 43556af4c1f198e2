package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"cograph/extract"
	"cograph/internal/atomicfile"
)

// extractRecord is one line of 'cograph extract' output.
type extractRecord struct {
	ID       string         `json:"id"`
	Title    string         `json:"title,omitempty"`
	Date     string         `json:"date,omitempty"`
	URL      string         `json:"url,omitempty"`
	Source   string         `json:"source,omitempty"`
	Author   string         `json:"author,omitempty"`
	Words    int            `json:"words"`
	Entities []entityRecord `json:"entities"`
	Text     string         `json:"text,omitempty"`
}

type entityRecord struct {
	Label     string           `json:"label"`
	Type      string           `json:"type"`
	Key       string           `json:"key"`
	Aliases   []string         `json:"aliases"`
	Mentions  []mentionRecord  `json:"mentions"`
	Relations []relationRecord `json:"relations,omitempty"`
}

// relationRecord: the entity holds Role in Target (another entity's label).
type relationRecord struct {
	Role   string `json:"role"`
	Target string `json:"target"`
}

// mentionRecord: Start and End are byte offsets into the record's text.
type mentionRecord struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"sentence"`
	Text     string `json:"text"`
	Role     string `json:"role,omitempty"`
}

func runExtract(e *env, args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "output `FILE` (JSON Lines); - or none: stdout")
	noText := fs.Bool("no-text", false, "leave out each article's text (mention offsets point into it)")
	var ro runOptions
	addRunFlags(fs, &ro)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `Usage: cograph extract [flags] PATH...

Writes one JSON object per article (JSON Lines): id, title, date, url, source,
author, words, text, and its entities with type, canonical label, aliases and
every mention (start and end are byte offsets into text, sentence is the
0-based sentence index).

Flags:
`)
		fs.PrintDefaults()
		fmt.Fprint(e.stderr, "\nExit status: 0 ok, 1 error, 2 bad usage, 3 some inputs skipped, 130 interrupted.\n")
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(paths) == 0 {
		return e.exitCode(usagef("extract: no input; give files, directories or - for stdin"))
	}
	var st *stats
	write := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		st, err = processArticles(e, paths, ro, func(d *extract.Document) error {
			return enc.Encode(newExtractRecord(d, !*noText))
		})
		if err != nil {
			return err
		}
		return bw.Flush()
	}
	if *out == "" || *out == "-" {
		err = write(e.stdout)
	} else {
		err = atomicfile.WriteFile(*out, write)
	}
	if err != nil {
		return e.exitCode(err)
	}
	if !ro.quiet {
		e.errorf("%s", st.summary())
	}
	if st.skipped.Load() > 0 {
		return exitPartial
	}
	return exitOK
}

func newExtractRecord(d *extract.Document, withText bool) extractRecord {
	a := d.Article
	r := extractRecord{ID: a.ID, Title: a.Title, Date: a.Date, URL: a.URL, Source: a.Source,
		Author: a.Author, Words: d.Words, Entities: []entityRecord{}}
	if withText {
		r.Text = d.Text
	}
	for _, en := range d.Entities {
		er := entityRecord{Label: en.Label, Type: en.Type, Key: en.Key, Aliases: en.Aliases}
		for _, mi := range en.Mentions {
			m := d.Mentions[mi]
			er.Mentions = append(er.Mentions, mentionRecord{Start: m.Start, End: m.End, Sentence: m.Sentence, Text: m.Text, Role: m.Role})
		}
		r.Entities = append(r.Entities, er)
	}
	for _, rel := range d.Relations {
		er := &r.Entities[rel.Person]
		er.Relations = append(er.Relations, relationRecord{Role: rel.Role, Target: d.Entities[rel.Target].Label})
	}
	return r
}
