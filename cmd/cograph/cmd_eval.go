package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"cograph/extract/ner"
)

const evalHelp = `Usage: cograph eval --conll FILE [flags]

Tags a CoNLL file whose last column holds the gold IOB tags and prints
precision, recall and F1 per entity type and overall, with the rules of
conlleval.py (an entity is correct when its tokens and type both match).
The last line is "F1 NN.NN". With --gold-only the file must already have
the predicted tags in its last column and the gold tags before it (the
output of cograph tag on a gold file), and nothing is tagged.

Type mappings rename types before scoring, as conlleval.py's --map-gold
and --map-pred do; a type mapped to nothing is dropped:
  --map EVENT=MISC                          score CoNLL files (no EVENT type)
  --map-gold event=EVENT,election=EVENT,... score CrossNER files
  --preset conll|crossner                   the two mappings above

Flags:
`

// runEval scores the tagger on a gold CoNLL file; see evalHelp.
func runEval(e *env, args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	conll := fs.String("conll", "", "gold CoNLL `FILE` (- for stdin)")
	modelPath := fs.String("model", "", "model `FILE` (default: the embedded model)")
	mapPred := fs.String("map", "", "rename predicted types, `OLD=NEW,...`")
	mapGold := fs.String("map-gold", "", "rename gold types, `OLD=NEW,...`")
	preset := fs.String("preset", "", "mappings for a known corpus: conll or crossner")
	types := fs.String("types", "", "restrict the overall score to these `TYPES` (comma-separated)")
	scored := fs.Bool("scored", false, "the file already holds gold and predicted columns; do not tag")
	noGaz := fs.Bool("no-gazetteer", false, "tag without the gazetteer features")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, evalHelp)
		fs.PrintDefaults()
		fmt.Fprint(e.stderr, "\nEXIT STATUS\n  0 ok, 1 error (a malformed line is reported as FILE:LINE), 2 bad usage.\n")
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if *conll == "" && len(pos) == 1 {
		*conll, pos = pos[0], nil
	}
	if *conll == "" || len(pos) > 0 {
		return e.exitCode(usagef("eval: give one gold file with --conll FILE"))
	}
	ev := ner.Evaluator{Types: splitList(*types)}
	switch *preset {
	case "":
	case "conll":
		ev.MapPred = map[string]string{ner.EVENT: ner.MISC}
	case "crossner":
		ev.MapGold = ner.CrossNERTypes
	default:
		return e.exitCode(usagef("eval: unknown --preset %q (want conll or crossner)", *preset))
	}
	for _, mp := range []struct {
		flag string
		dst  *map[string]string
	}{{*mapPred, &ev.MapPred}, {*mapGold, &ev.MapGold}} {
		if mp.flag == "" {
			continue
		}
		m, err := parseTypeMap(mp.flag)
		if err != nil {
			return e.exitCode(err)
		}
		if *mp.dst == nil {
			*mp.dst = map[string]string{}
		}
		for k, v := range m {
			(*mp.dst)[k] = v
		}
	}
	in, name, closeIn, err := openInput(e, []string{*conll})
	if err != nil {
		return e.exitCode(err)
	}
	defer closeIn()
	var m *ner.Model
	var gaz ner.Gazetteer
	if !*scored {
		if m, gaz, err = loadTagger(*modelPath, *noGaz); err != nil {
			return e.exitCode(err)
		}
	}
	r := ner.NewReader(in)
	r.Path = name
	r.Tagged = true
	var pred [][]string
	for {
		d, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return e.exitCode(err)
		}
		if *scored {
			if err := addScored(&ev, d, name); err != nil {
				return e.exitCode(err)
			}
			continue
		}
		pred = m.TagDocumentTo(pred, d.Tokens(), gaz)
		for i, s := range d.Sentences {
			ev.Add(s.Tags, pred[i])
		}
	}
	res := ev.Result()
	if *asJSON {
		return e.exitCode(writeEvalJSON(e.stdout, res))
	}
	return e.exitCode(res.WriteReport(e.stdout))
}

// addScored scores a sentence whose lines end with gold and predicted tag.
func addScored(ev *ner.Evaluator, d *ner.Document, name string) error {
	for _, s := range d.Sentences {
		gold := make([]string, len(s.Tokens))
		for j, l := range s.Line {
			cols := strings.Fields(d.Lines[l])
			if len(cols) < 3 {
				return &ner.ParseError{Path: name, Line: d.FirstLine + l, Err: ner.ErrNoTag, Text: d.Lines[l]}
			}
			gold[j] = cols[len(cols)-2]
		}
		ev.Add(gold, s.Tags)
	}
	return nil
}

func parseTypeMap(s string) (map[string]string, error) {
	m := map[string]string{}
	for _, kv := range splitList(s) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("eval: bad type mapping %q; want OLD=NEW", kv)
		}
		m[k] = v
	}
	return m, nil
}

func writeEvalJSON(w io.Writer, r ner.Result) error {
	type score struct {
		Precision, Recall, F1 float64
		Gold, Predicted       int
	}
	conv := func(s ner.Score) score {
		return score{100 * s.Precision(), 100 * s.Recall(), 100 * s.F1(), s.Gold, s.Predicted}
	}
	out := struct {
		Tokens int              `json:"tokens"`
		Scores map[string]score `json:"scores"`
	}{r.Tokens, map[string]score{"overall": conv(r.Overall)}}
	for t, s := range r.ByType {
		out.Scores[t] = conv(s)
	}
	return json.NewEncoder(w).Encode(out)
}
