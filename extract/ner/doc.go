// Package ner tags named entities — people (PER), organizations (ORG),
// places (LOC), events (EVENT) and other names (MISC) — in tokenized text
// with a statistical sequence labeller, in IOB2 ("B-PER", "I-PER", "O").
//
// # Model
//
// An averaged perceptron over hashed features, decoded greedily from left
// to right under IOB2 transition constraints, in two passes per document:
// the second pass adds, for each capitalised word, the tags the first pass
// gave the same word elsewhere in the document. Features of a token: the
// word and its lower-case/digit-folded form, prefixes and suffixes of 1–4
// letters, shapes (Xxxx, X.X.), words at ±1 and ±2 and their shapes, word
// bigrams, position in the sentence and headline/results-table sentences,
// word clusters (three granularities) of the word and its neighbours,
// gazetteer matches (see [Gazetteer]) and the document feature above.
// Features are hashed (FNV-1a and a 64-bit mixer, no string building) into
// a table of 2^17 rows of int16 weights; tagging allocates nothing per
// token. Rules after decoding name events: "[Month] YEAR … election" and MISC
// names ending in an event word ("World Cup", "Gulf War") become EVENT.
//
// The shipped model (model/ner.model, embedded; [Default]) averages eight
// perceptrons trained with seeds 1–8 on CoNLL-2003 train (MISC names of
// events relabelled EVENT) and CrossNER politics train (election and event
// as EVENT), each stopped early on its own 10% of CoNLL train documents.
// Rebuild it from the repository root (about a minute on one core):
//
//	go run ./cmd/cograph train --data ../shared/data/ner --seed 1 \
//	    --clusters extract/ner/data/clusters.tsv -o extract/ner/model/ner.model
//
// (defaults: --corpora conll,crossner --features all,-history,-document
// --bits 17 --runs 8; the gazetteer is package extract's lexicon.) Then
// rebuild its word table (model/words.table: the word memo's sums for the
// commonest words of news, computed for that model; TestWordTableCurrent
// fails until it is):
//
//	go run ./internal/gen/wordtable ../shared/data/unlabeled
//
// # Measurements
//
// CoNLL-2003 dev, EVENT scored as MISC (conlleval.py): F1 92.15 (PER 95.42,
// LOC 95.04, ORG 87.17, MISC 86.90) with the gazetteer, 89.89 without.
// Tagging takes a lower-case word after O as O without scoring it (a name
// almost never begins in lower case): that costs 0.08 F1 and spares most
// tokens of running text; training scores every token.
// CrossNER politics dev: EVENT F1 82.51 (P 89.79, R 76.33). BenchmarkTag
// (CoNLL dev, one core, no gazetteer): about 1.4–1.7 million tokens/s, 0
// allocations per token; 2^17 weight rows tag as accurately as 2^18 and
// 2^20 and keep the table (2.9 MB) closer to the cache. The model file
// holds the weight table and the word clusters in their final form (see
// modelfile.go), so the embedded model is used where it lies: loading it
// reads a header, in well under a millisecond.
//
// Ablations (two averaged runs, CoNLL dev F1 / CrossNER EVENT F1, before
// clusters): all groups 89.78/82.11; without history features 90.11; without
// history and the document-case feature 90.51/83.22; without the gazetteer
// 88.58; without document tags 88.81; without affixes 87.98; without bigrams
// 88.96; BILOU labels 89.56. Corpora: CoNLL only 89.57/81.78; +CrossNER
// 89.78/82.11; +WNUT 89.10; +GMB at weight 0.3 86.93 (GMB's conventions —
// titles inside person names, gpe — hurt even with corpus-private feature
// copies). Word clusters then added 0.9, cluster bigrams and ±2 clusters
// 0.4, averaging eight runs instead of two 0.3–0.6.
package ner
