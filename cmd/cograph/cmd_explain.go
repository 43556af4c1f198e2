package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"cograph/extract"
	"cograph/graph"
)

// explainOptions are the flags of 'cograph explain'.
type explainOptions struct {
	window string
	max    int
	json   bool
	runOptions
}

func runExplain(e *env, args []string) int {
	var o explainOptions
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.window, "window", "sentence", "window in which A and B must both occur: sentence, paragraph, document, or N consecutive sentences")
	fs.IntVar(&o.max, "n", 0, "print at most `N` passages, then stop reading (0: all)")
	fs.BoolVar(&o.json, "json", false, "print JSON Lines, one object per passage (id, title, date, url, window, a, b, text)")
	addRunFlags(fs, &o.runOptions)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `Usage: cograph explain [flags] A B PATH...

Prints every passage of the articles under PATH in which the entities named A
and B occur together, under a line with the article's id, date and title: the
evidence behind the edge A -- B of 'cograph build'. A name matches an entity
whose label or any alias has the same canonical form (case, dots, hyphens and
a leading "the" do not count), so "US" finds "United States" where an article
says "U.S."; a single word also matches a person's surname, so "Putin" finds
"Vladimir Putin".

A passage is the sentence (the default window), the paragraph, the sentences
from A to B within N consecutive sentences, or with --window document the
sentences of the article that name either. When nothing is found, the summary
says whether A and B were named at all and lists similar names seen.

Examples:
  cograph explain "Xi Jinping" "Vyacheslav Volodin" articles/
  cograph explain --window paragraph -n 5 Putin NATO news.jsonl
  cograph explain --json Putin Zelensky articles/ > passages.jsonl

Flags:
`)
		fs.PrintDefaults()
		fmt.Fprint(e.stderr, `
Exit status: 0 at least one passage printed, 1 none found (or an error),
2 bad usage, 3 passages printed but some inputs skipped, 130 interrupted.
`)
	}
	return e.runWith(fs, args, func(pos []string) (int, error) { return explain(e, &o, pos) })
}

// validateExplain checks the arguments and returns the pair to look for
// and the window.
func validateExplain(o *explainOptions, args []string) (*graph.Pair, graph.Window, error) {
	if len(args) < 3 {
		return nil, 0, usagef("explain: want two names and at least one PATH: cograph explain A B PATH... (see cograph explain --help)")
	}
	win, err := graph.ParseWindow(o.window)
	if err != nil {
		return nil, 0, usagef("explain: --window: %v", err)
	}
	if o.max < 0 {
		return nil, 0, usagef("explain: -n must be 0 (all) or more")
	}
	p, err := graph.NewPair(args[0], args[1])
	switch {
	case errors.Is(err, graph.ErrSameName):
		return nil, 0, usagef("explain: %q and %q are the same name; give two different entities", args[0], args[1])
	case err != nil:
		return nil, 0, usagef("explain: %q, %q: %v", args[0], args[1], err)
	}
	return p, win, nil
}

// errEnough stops the run once -n passages are printed.
var errEnough = errors.New("enough passages")

func explain(e *env, o *explainOptions, args []string) (int, error) {
	p, win, err := validateExplain(o, args)
	if err != nil {
		return 0, err
	}
	x := &explainer{pair: p, window: win, max: o.max, json: o.json, w: bufio.NewWriter(e.stdout), seen: map[string]*seenName{}}
	st, err := processArticles(e, args[2:], o.runOptions, x.add)
	if errors.Is(err, errEnough) {
		x.stopped, err = true, nil
	}
	if ferr := x.w.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("write stdout: %w", ferr)
	}
	if err != nil {
		return 0, err
	}
	if st.articles.Load() == 0 {
		return 0, fmt.Errorf("no article could be read from %s", strings.Join(args[2:], " "))
	}
	if !o.quiet {
		e.errorf("%s; %s", st.summary(), x.summary())
		if x.passages == 0 {
			for _, line := range x.diagnose() {
				e.errorf("%s", line)
			}
		}
	}
	switch {
	case x.passages == 0:
		return exitError, nil
	case st.skipped.Load() > 0:
		return exitPartial, nil
	}
	return exitOK, nil
}

// explainer prints the passages of each document in turn and keeps what
// the closing summary and, when nothing matched, the hints need.
type explainer struct {
	pair   *graph.Pair
	window graph.Window
	max    int
	json   bool
	w      *bufio.Writer

	passages, articles int  // passages printed, articles they came from
	stopped            bool // by -n, before the end of the input
	docsA, docsB       int  // articles naming A, B
	docsBoth, docsSame int  // articles naming both; where only one entity matches both
	sameLabel          string
	seen               map[string]*seenName // by canonical key, for hints
}

type seenName struct {
	label string
	docs  int
}

// add prints the passages of one document; it runs on the single
// goroutine that receives documents in input order.
func (x *explainer) add(doc *extract.Document) error {
	x.note(doc)
	ps := x.pair.Passages(doc, x.window)
	if len(ps) == 0 {
		return nil
	}
	x.articles++
	for _, p := range ps {
		if x.max > 0 && x.passages >= x.max {
			break
		}
		if x.json {
			x.writeJSON(doc, p)
		} else {
			x.writeText(doc, p)
		}
		x.passages++
	}
	// Flush per article so passages show up as they are found; a failed
	// write (a closed pipe) stops the run.
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("write stdout: %w", err)
	}
	if x.max > 0 && x.passages >= x.max {
		return errEnough
	}
	return nil
}

// note counts which names the document matches and remembers its labels.
func (x *explainer) note(doc *extract.Document) {
	a, b := x.pair.Entities(doc)
	x.docsA += min(len(a), 1)
	x.docsB += min(len(b), 1)
	if len(a) > 0 && len(b) > 0 {
		x.docsBoth++
		if len(a) == 1 && slices.Equal(a, b) {
			x.docsSame++
			x.sameLabel = doc.Entities[a[0]].Label
		}
	}
	for i := range doc.Entities {
		ent := &doc.Entities[i]
		s := x.seen[ent.Key]
		if s == nil {
			s = &seenName{label: ent.Label}
			x.seen[ent.Key] = s
		}
		s.docs++
	}
}

func (x *explainer) writeText(doc *extract.Document, p graph.Passage) {
	if x.passages > 0 {
		x.w.WriteByte('\n')
	}
	head := []string{"=="}
	if a := doc.Article; a != nil {
		head = append(head, a.ID)
		if a.Date != "" {
			head = append(head, "·", a.Date)
		}
		if a.Title != "" {
			head = append(head, "·", fmt.Sprintf("%q", a.Title))
		}
	}
	fmt.Fprintf(x.w, "%s\n%s\n", strings.Join(head, " "), p.Text)
}

// passageRecord is one line of 'cograph explain --json'.
type passageRecord struct {
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Window string `json:"window"`
	A      string `json:"a"`
	B      string `json:"b"`
	Text   string `json:"text"`
}

func (x *explainer) writeJSON(doc *extract.Document, p graph.Passage) {
	r := passageRecord{Window: x.window.String(), A: p.A, B: p.B, Text: p.Text}
	if a := doc.Article; a != nil {
		r.ID, r.Title, r.Date, r.URL = a.ID, a.Title, a.Date, a.URL
	}
	enc := json.NewEncoder(x.w)
	enc.SetEscapeHTML(false)
	enc.Encode(r) // cannot fail on strings; write errors surface at Flush
}

func (x *explainer) summary() string {
	s := fmt.Sprintf("%s in %s (%s window)", plural(x.passages, "passage"), plural(x.articles, "article"), x.window)
	if x.stopped {
		s += fmt.Sprintf("; stopped at -n %d", x.max)
	}
	return s
}

// diagnose explains why nothing was found, so the user can fix the
// spelling or widen the window.
func (x *explainer) diagnose() []string {
	a, b := x.pair.A, x.pair.B
	var out []string
	if x.docsSame > 0 {
		out = append(out, fmt.Sprintf("%q and %q name the same entity (%s) in %s; give two different entities",
			a, b, x.sameLabel, plural(x.docsSame, "article")))
	}
	if x.docsA == 0 {
		out = append(out, x.notFound(a))
	}
	if x.docsB == 0 {
		out = append(out, x.notFound(b))
	}
	apart := x.docsBoth - x.docsSame // articles naming both as different entities
	switch {
	case x.docsA == 0 && x.docsB > 0:
		out = append(out, fmt.Sprintf("%q is named in %s", b, plural(x.docsB, "article")))
	case x.docsB == 0 && x.docsA > 0:
		out = append(out, fmt.Sprintf("%q is named in %s", a, plural(x.docsA, "article")))
	case x.docsA == 0 || x.docsB == 0:
	case apart > 0:
		msg := fmt.Sprintf("%q is named in %s and %q in %s, both in %s, but never in the same %s",
			a, plural(x.docsA, "article"), b, plural(x.docsB, "article"), plural(apart, "article"), x.window)
		if x.window != graph.DocumentWindow {
			msg += "; try a wider --window (paragraph, document)"
		}
		out = append(out, msg)
	case x.docsSame == 0:
		out = append(out, fmt.Sprintf("%q is named in %s and %q in %s, but never in the same article",
			a, plural(x.docsA, "article"), b, plural(x.docsB, "article")))
	}
	return out
}

// notFound says that name matched no entity and lists similar labels
// seen, the most frequent first among equals.
func (x *explainer) notFound(name string) string {
	names := make([]*seenName, 0, len(x.seen))
	for _, s := range x.seen {
		names = append(names, s)
	}
	slices.SortFunc(names, func(p, q *seenName) int {
		if p.docs != q.docs {
			return q.docs - p.docs
		}
		return strings.Compare(p.label, q.label)
	})
	labels := make([]string, len(names))
	for i, s := range names {
		labels[i] = s.label
	}
	msg := fmt.Sprintf("%q matches no entity's label or alias", name)
	if close := graph.Closest(name, labels, 5); len(close) > 0 {
		return msg + "; similar names seen: " + quoteAll(close)
	}
	return msg + "; no similar name was seen"
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// plural formats n with thousands separators and the noun, plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return group(int64(n)) + " " + noun + "s"
}
