// Command clusters learns the word clusters that the NER tagger
// (extract/ner) uses as features and writes extract/ner/data/clusters.tsv.
// A word's class generalises what the tagger learned about the words that
// share it: a surname never seen in labelled data still shares a class with
// "Smith", a company with "IBM".
//
// Usage, from the repository root:
//
//	go run ./internal/gen/clusters -o extract/ner/data/clusters.tsv ../shared/data
//
// # Input
//
// The argument is the shared data folder. Raw news (unlabeled/*/*.txt, one
// document per line; news/bbc/*/*.txt, one article per file) is tokenized
// with extract.Segment, exactly as the tagger tokenizes; exact duplicate
// documents are read once. The labelled corpora contribute their token
// column as given, folded with extract.Fold: ner/conll2003/train.txt,
// ner/gmb/train.csv (Windows-1252), ner/crossner-politics/train.txt and
// ner/wnut17/train.txt. Only train splits are read: the dev and test splits
// measure the tagger. A missing input is an error, so that the output always
// matches the rebuild command in its header.
//
// # Algorithm
//
// Predictive exchange clustering (Uszkoreit & Brants 2008, after Kneser &
// Ney's and Och's exchange algorithm). Each word w gets one class c(w) so as
// to maximise the likelihood of the class bigram model
//
//	P(w | v) = P(w | c(w)) · P(c(w) | v)
//
// where v is the word before w; we add the mirror model with v the word
// after w and maximise the sum, since names are marked by both sides ("Mr.
// ___", "___ said"). Starting from a seeded random assignment, each pass
// visits the words by descending frequency and moves each to the class
// that raises the likelihood most, until a pass moves fewer than -tol of the
// words or -iter passes are done. The levels (-k 64,256,1024) are run coarse
// to fine; each starts from the previous level's classes split at random,
// then lets words move freely. Words below -min occurrences are not
// clustered; as neighbours they count by shape (capitalised, all capitals,
// lower case, digits, other) rather than vanish.
//
// Why exchange and not Brown clustering: Brown's agglomerative algorithm,
// even with Liang's window of C = 1000 active clusters, costs about V·C² =
// 7·10¹⁰ steps for the V = 72,128 words here, hours rather than minutes. A
// predictive exchange pass costs, per (context, word) bigram type, the
// number of classes the context co-occurs with, at most K: 0.63·10⁹
// operations per side at K = 1024 on this corpus (1.69 M bigram types), a
// few seconds. The class counts of a context form a row of K counts; rows
// are stored only for contexts with at least K/4 distinct neighbours (about
// 800 per side at K = 1024, 14,000 at K = 64) and recomputed from the
// bigrams for the rest, which is cheaper than keeping 72,000 × K counts up
// to date.
//
// # Determinism and parallelism
//
// Word IDs come from sorting by count and spelling, never from map order or
// reading order. Words are evaluated in chunks (the 32 most frequent one at
// a time, then up to 64): the -j workers evaluate a chunk's words against
// the same frozen statistics, then the moves are applied in word order,
// each re-checked against the statistics as changed by the moves before it.
// The output is therefore the same for any -j (tested), and the likelihood
// never falls. Floating-point sums run in a fixed order and products are
// kept from fusing into FMA instructions, so the output depends only on the
// inputs and the flags, -seed included.
//
// # Measurements
//
// On the shared data (8,933,713 tokens, 192,131 distinct words; 72,128
// words with at least 3 occurrences cover 98.35% of the tokens), on this
// 2-core machine when idle: reading and segmenting 4.4 s; a pass takes
// 0.9 s at K = 64, 1.9 s at K = 256 and 4 s at K = 1024; 12–14 passes per
// level; 84 s in all with go run's compilation (133 s of CPU: the two
// workers overlap), peak resident memory 314 MB. While other jobs shared
// the CPU it took up to 3.5 minutes. The output is 1.4 MB.
//
// Choices were measured by how much a class tells about the entity type of
// a CoNLL-2003 train token: the conditional entropy H(type | class) in bits,
// over all 203,621 tokens and over the 25,188 tokens of words seen at most
// 3 times there (where the tagger needs the classes). Without classes it is
// 0.974 and 1.539 bits. Two seeds differ by about 0.01 bits. The variants
// ran with -tol 0.002; the default -tol 0.005 saves a third of the passes at
// no measurable cost.
//
//	                                 K=64          K=256         K=1024
//	default (-tol 0.005)          0.434 0.974   0.335 0.880   0.279 0.807
//	left and right, -tol 0.002    0.433 0.972   0.333 0.880   0.284 0.812
//	  seed 2                      0.448 0.993   0.341 0.890   0.274 0.809
//	left only (Uszkoreit-Brants)  0.429 0.996   0.368 0.947   0.304 0.874
//	right only                    0.516 1.076   0.410 1.008   0.326 0.893
//	lower-cased words             0.470 1.005   0.379 0.930   0.311 0.830
//	each level from random        0.433 0.972   0.341 0.882   0.276 0.821
//	-min 2 (99,581 words)         0.429 0.898   0.328 0.803   0.257 0.701
//
// Both sides beat either side alone. Words keep their case: lower-casing
// merges "Bank" with "bank" and "May" with "may" and loses information even
// though it covers a few more tokens; the tagger already falls back to a
// word's lower-case entry when the word itself is not listed. Starting a
// level from the previous one or at random makes no measurable difference.
// -min 2 scores better mostly by covering more tokens, but the measure is
// taken on text that was itself clustered, which flatters rare words; the
// default stays at 3 until the tagger's dev score says otherwise.
//
// Exit status: 0 ok; 1 error, nothing written; 2 usage; 130 interrupted.
package main
