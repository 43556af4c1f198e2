package ner

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"sync"
)

// A Model is a trained tagger: hashed feature weights for each tag, the
// feature groups it was trained with and its word clusters. A Model is
// read-only after loading or training and safe for concurrent use.
type Model struct {
	labels   []string // labels[0] is "O"; then B-t, I-t (and L-t, U-t with BILOU) for each type
	nl       int
	out      []string // IOB2 tags: "O", then B-t, I-t for each type
	toOut    []uint8  // label -> index into out
	lType    []uint8  // label -> type number, 0 for O
	allowed  []bool   // allowed[prev*nl+y]: y may follow prev (prev nl: sentence start)
	bits     uint
	features Features
	w        []float32 // (1<<bits) rows of nl weights, while training
	q        []int16   // the same quantized (weight = q*scale), after training
	scale    float32
	vec      bool // acc11 adds rows in vector registers (see useVector)
	clusters *Clusters
	digest   string // SHA-256 of the bytes Load read, hex; "" for a model trained in this process
	// The embedded model is hashed only when Digest is asked for (by the
	// extraction cache): start-up does not pay for it.
	digestOf   []byte
	digestOnce sync.Once
	types      []string

	// Precomputed rows of the tag-history features.
	rowT1  []uint32 // [prev]
	rowT12 []uint32 // [prev2*(nl+1)+prev]
	tagIdx map[string]int
	// words holds the memo's sums of the commonest words, computed for
	// this model (see wordTable): the embedded table with the embedded
	// model, else an empty table.
	words  *wordTable
	idleMu sync.Mutex
	idle   []*tagger // for reuse (see getTagger)
}

// Features selects groups of features (see [TrainOptions]).
type Features uint64

// Feature groups.
const (
	FeatLexical   Features = 1 << iota // the word and its lower-case form
	FeatAffix                          // prefixes and suffixes of 1 to 4 letters
	FeatShape                          // Xxxx-dd shapes of the word
	FeatContext                        // words at ±1, ±2 and shapes at ±1
	FeatBigram                         // word bigrams with the neighbours
	FeatSentence                       // position in the sentence; headline sentences
	FeatCluster                        // word clusters at ±1
	FeatGazetteer                      // gazetteer matches
	FeatDocument                       // how the word is written elsewhere in the document
	FeatDocTags                        // second pass: tags given to the word elsewhere
	FeatHistory                        // the two previous tags (with the word's shape)

	// FeatAll is every group.
	FeatAll = FeatLexical | FeatAffix | FeatShape | FeatContext | FeatBigram | FeatSentence |
		FeatCluster | FeatGazetteer | FeatDocument | FeatDocTags | FeatHistory
)

var featureNames = []struct {
	f    Features
	name string
}{
	{FeatLexical, "lexical"}, {FeatAffix, "affix"}, {FeatShape, "shape"}, {FeatContext, "context"},
	{FeatBigram, "bigram"}, {FeatSentence, "sentence"}, {FeatCluster, "cluster"},
	{FeatGazetteer, "gazetteer"}, {FeatDocument, "document"}, {FeatDocTags, "doctags"},
	{FeatHistory, "history"},
}

// ParseFeatures reads a comma-separated list of group names ("lexical",
// "affix", "shape", "context", "bigram", "sentence", "cluster",
// "gazetteer", "document", "doctags", "history"), "all", or "all,-name" to
// remove one.
func ParseFeatures(s string) (Features, error) {
	var f Features
	for _, part := range splitComma(s) {
		neg := false
		if part[0] == '-' {
			neg, part = true, part[1:]
		}
		var g Features
		if part == "all" {
			g = FeatAll
		}
		for _, fn := range featureNames {
			if fn.name == part {
				g = fn.f
			}
		}
		if g == 0 {
			return 0, fmt.Errorf("unknown feature group %q", part)
		}
		if neg {
			f &^= g
		} else {
			f |= g
		}
	}
	return f, nil
}

// String lists the groups of f.
func (f Features) String() string {
	var b []byte
	for _, fn := range featureNames {
		if f&fn.f != 0 {
			if len(b) > 0 {
				b = append(b, ',')
			}
			b = append(b, fn.name...)
		}
	}
	return string(b)
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if p := trimSpace(s[start:i]); p != "" {
				out = append(out, p)
			}
			start = i + 1
		}
	}
	return out
}

func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// Labels returns the IOB2 tags the model predicts, "O" first.
func (m *Model) Labels() []string { return append([]string(nil), m.out...) }

// Features returns the feature groups the model uses.
func (m *Model) Features() Features { return m.features }

func newModel(types []string, bits uint, f Features, cl *Clusters, bilou bool) *Model {
	m := &Model{bits: bits, features: f, clusters: cl}
	m.labels = append(m.labels, "O")
	for _, t := range types {
		m.labels = append(m.labels, "B-"+t, "I-"+t)
		if bilou {
			m.labels = append(m.labels, "L-"+t, "U-"+t)
		}
	}
	m.nl = len(m.labels)
	m.w = make([]float32, (1<<bits)*m.nl)
	if err := m.init(); err != nil {
		panic("ner: " + err.Error())
	}
	return m
}

// init computes the derived tables.
func (m *Model) init() error {
	if m.nl > 32 {
		return fmt.Errorf("%w: %d labels (at most 32)", ErrBadModel, m.nl)
	}
	m.tagIdx = map[string]int{}
	m.out = []string{"O"}
	outIdx := map[string]int{"O": 0}
	typeNum := map[string]int{}
	m.toOut = make([]uint8, m.nl)
	m.lType = make([]uint8, m.nl)
	for i, l := range m.labels {
		m.tagIdx[l] = i
		pre, typ := splitTag(l)
		if i == 0 {
			if l != "O" {
				return fmt.Errorf("%w: first label %q", ErrBadModel, l)
			}
			continue
		}
		if typ == "" || (pre != "B" && pre != "I" && pre != "L" && pre != "U") {
			return fmt.Errorf("%w: label %q", ErrBadModel, l)
		}
		if _, ok := typeNum[typ]; !ok {
			typeNum[typ] = len(typeNum) + 1
			m.types = append(m.types, typ)
			outIdx["B-"+typ] = len(m.out)
			outIdx["I-"+typ] = len(m.out) + 1
			m.out = append(m.out, "B-"+typ, "I-"+typ)
		}
		m.lType[i] = uint8(typeNum[typ])
		if pre == "B" || pre == "U" {
			m.toOut[i] = uint8(outIdx["B-"+typ])
		} else {
			m.toOut[i] = uint8(outIdx["I-"+typ])
		}
	}
	// Transitions: inside a name (after B or I) only I or L of its type;
	// elsewhere only O, B or U.
	m.allowed = make([]bool, (m.nl+1)*m.nl)
	for p := 0; p <= m.nl; p++ {
		open := false
		pt := uint8(0)
		if p < m.nl {
			pre, _ := splitTag(m.labels[p])
			open = m.bilou() && (pre == "B" || pre == "I")
			pt = m.lType[p]
		}
		for y := 0; y < m.nl; y++ {
			pre, _ := splitTag(m.labels[y])
			cont := pre == "I" || pre == "L"
			var ok bool
			switch {
			case open:
				ok = cont && m.lType[y] == pt
			case m.bilou():
				ok = !cont
			default: // IOB2: I-x only after B-x or I-x
				ok = !cont || (p < m.nl && m.lType[y] == pt && pt != 0)
			}
			m.allowed[p*m.nl+y] = ok
		}
		// A label set that leaves no way on from p (no L-x after B-x,
		// only I-x at a sentence start) is not one training makes, but a
		// damaged or hand-made model file can hold it: then any label
		// may follow, rather than none.
		if row := m.allowed[p*m.nl : (p+1)*m.nl]; !slices.Contains(row, true) {
			for y := range row {
				row[y] = true
			}
		}
	}
	n := m.nl + 1 // + sentence start
	m.rowT1 = make([]uint32, n)
	m.rowT12 = make([]uint32, n*n)
	for a := 0; a < n; a++ {
		m.rowT1[a] = m.bucket(feat1(tmplT1, uint64(a)))
		for b := 0; b < n; b++ {
			m.rowT12[a*n+b] = m.bucket(feat2(tmplT12, uint64(a), uint64(b)))
		}
	}
	return nil
}

// bilou reports whether the model uses BILOU labels internally.
func (m *Model) bilou() bool { return m.nl > 1+2*len(m.types) }

// goldLabels appends the labels of an IOB2 tag sequence; unknown types
// are O.
func (m *Model) goldLabels(dst []uint8, tags []string) []uint8 {
	start := len(dst)
	for range tags {
		dst = append(dst, 0)
	}
	out := dst[start:]
	for _, c := range Chunks(nil, tags) {
		b, ok := m.tagIdx["B-"+c.Type]
		if !ok {
			continue
		}
		if m.bilou() {
			if c.End-c.Start == 1 {
				out[c.Start] = uint8(b + 3)
				continue
			}
			out[c.End-1] = uint8(b + 2)
			for k := c.Start + 1; k < c.End-1; k++ {
				out[k] = uint8(b + 1)
			}
		} else {
			for k := c.Start + 1; k < c.End; k++ {
				out[k] = uint8(b + 1)
			}
		}
		out[c.Start] = uint8(b)
	}
	return dst
}

func (m *Model) bucket(h uint64) uint32 { return uint32(h >> (64 - m.bits)) }

// Digest identifies the model's weights: the SHA-256 of the file it was
// loaded from ("" for a model trained in this process). Caches of
// extractions are keyed by it.
func (m *Model) Digest() string {
	m.digestOnce.Do(func() {
		if m.digestOf != nil {
			sum := sha256.Sum256(m.digestOf)
			m.digest = hex.EncodeToString(sum[:])
		}
	})
	return m.digest
}

// quantize returns w as int16 multiples of a scale: max|w|/32767. The
// tagger sums int16 rows, which halves the table's memory traffic.
func quantize(w []float32) ([]int16, float32) {
	var maxAbs float32
	for _, x := range w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	q := make([]int16, len(w))
	for i, x := range w {
		q[i] = int16(math.Round(float64(x / scale)))
	}
	return q, scale
}

// freeze replaces the float weights by their quantized form.
func (m *Model) freeze() {
	m.q, m.scale = quantize(m.w)
	m.w = nil
	m.useVector()
}

// useVector sets m.vec: the vector code of acc11 does not check bounds,
// so it runs only on a table of 11 weights for every bucket, which every
// row (a bucket) then lies in.
func (m *Model) useVector() {
	m.vec = m.nl == 11 && len(m.q) == 11<<m.bits && haveAVX2()
}

//go:embed model/ner.model
var embedded []byte

// embeddedWords is the word table of the embedded model (see wordTable),
// built by internal/gen/wordtable.
//
//go:embed model/words.table
var embeddedWords []byte

// Embedded returns the bytes of the model embedded in the package, for
// benchmarks of loading; Default reads them once.
func Embedded() []byte { return embedded }

var (
	defaultModel     *Model
	defaultModelErr  error
	defaultModelOnce sync.Once
)

// Default returns the model embedded in the package (trained as doc.go
// describes). It is loaded once; later calls return the same value.
func Default() (*Model, error) {
	defaultModelOnce.Do(func() {
		m, err := FromBytes(embedded)
		if err == nil {
			m.words, _, err = viewWordTable(embeddedWords)
		}
		if err != nil {
			defaultModelErr = fmt.Errorf("load embedded ner model: %w", err)
			return
		}
		defaultModel = m
	})
	return defaultModel, defaultModelErr
}
