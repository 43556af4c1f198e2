package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
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

// Model file layout: the magic "CGNER", a version byte, a flags byte (1:
// the rest is gzip-compressed), then little-endian fields: bits (u8),
// features (u64), label count (u8) and labels (u8 length, bytes), weight
// scale (f32), row count (u32) and for each non-zero row the bucket delta
// (uvarint) and nl int16 weights times 1/scale; then the cluster count
// (u32) and for each the key delta (uvarint) and four uvarint levels.
const (
	modelMagic   = "CGNER"
	modelVersion = 1
)

// Save writes the model in its binary format. Output depends only on the
// model. It is not compressed: loading must be fast (the embedded model
// loads in a few tens of milliseconds), and git compresses it anyway.
func (m *Model) Save(w io.Writer) error {
	if _, err := io.WriteString(w, modelMagic); err != nil {
		return err
	}
	if _, err := w.Write([]byte{modelVersion, 0}); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf [binary.MaxVarintLen64]byte
	u8 := func(x uint8) { bw.WriteByte(x) }
	u32 := func(x uint32) { binary.Write(bw, binary.LittleEndian, x) }
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	u8(uint8(m.bits))
	binary.Write(bw, binary.LittleEndian, uint64(m.features))
	u8(uint8(m.nl))
	for _, l := range m.labels {
		u8(uint8(len(l)))
		bw.WriteString(l)
	}
	q, scale := m.q, m.scale
	if q == nil {
		q, scale = quantize(m.w)
	}
	rows := 0
	for i := 0; i < len(q); i += m.nl {
		for _, x := range q[i : i+m.nl] {
			if x != 0 {
				rows++
				break
			}
		}
	}
	binary.Write(bw, binary.LittleEndian, scale)
	u32(uint32(rows))
	prev := 0
	row := make([]byte, 2*m.nl)
	for r := 0; r < len(q)/m.nl; r++ {
		ws := q[r*m.nl : (r+1)*m.nl]
		nz := false
		for _, x := range ws {
			if x != 0 {
				nz = true
			}
		}
		if !nz {
			continue
		}
		uv(uint64(r - prev))
		prev = r
		for j, x := range ws {
			binary.LittleEndian.PutUint16(row[2*j:], uint16(x))
		}
		bw.Write(row)
	}
	keys, vals := m.clusters.entriesOrNil()
	u32(uint32(len(keys)))
	var pk uint64
	for i, k := range keys {
		uv(k - pk)
		pk = k
		for _, v := range vals[i] {
			uv(uint64(v))
		}
	}
	return bw.Flush()
}

func (c *Clusters) entriesOrNil() ([]uint64, [][maxClusterLevels]uint32) {
	if c == nil {
		return nil, nil
	}
	return c.entries()
}

// Load reads a model written by [Model.Save].
func Load(r io.Reader) (*Model, error) {
	h := sha256.New()
	m, err := load(io.TeeReader(r, h))
	if err != nil {
		return nil, err
	}
	m.digest = hex.EncodeToString(h.Sum(nil))
	return m, nil
}

// load decodes a model, reading r to its end.
func load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return loadBytes(data)
}

// loadBytes decodes a model file held in memory. The embedded model is
// decoded where it lies, without a copy.
func loadBytes(data []byte) (*Model, error) {
	n := len(modelMagic) + 2
	if len(data) < n || string(data[:len(modelMagic)]) != modelMagic {
		return nil, ErrBadModel
	}
	if data[len(modelMagic)] != modelVersion {
		return nil, fmt.Errorf("%w %d", ErrVersion, data[len(modelMagic)])
	}
	body := data[n:]
	if data[n-1]&1 != 0 {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
	}
	m, err := decodeModel(&decoder{b: body})
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("%w: truncated", ErrBadModel)
		}
		return nil, err
	}
	return m, nil
}

// decoder reads the fields of a model file from memory; after the first
// short read every read gives zeros and err is io.ErrUnexpectedEOF.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) take(n int) []byte {
	if d.err != nil || n > len(d.b) {
		if d.err == nil {
			d.err = io.ErrUnexpectedEOF
		}
		return nil
	}
	p := d.b[:n]
	d.b = d.b[n:]
	return p
}

func (d *decoder) u8() uint8 {
	if p := d.take(1); p != nil {
		return p[0]
	}
	return 0
}

func (d *decoder) u32() uint32 {
	if p := d.take(4); p != nil {
		return binary.LittleEndian.Uint32(p)
	}
	return 0
}

func (d *decoder) u64() uint64 {
	if p := d.take(8); p != nil {
		return binary.LittleEndian.Uint64(p)
	}
	return 0
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = io.ErrUnexpectedEOF
		if n < 0 {
			d.err = fmt.Errorf("%w: bad varint", ErrBadModel)
		}
		return 0
	}
	d.b = d.b[n:]
	return x
}

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

func decodeModel(in *decoder) (*Model, error) {
	bits := uint(in.u8())
	feats := in.u64()
	nl := int(in.u8())
	if in.err != nil {
		return nil, in.err
	}
	if bits < 8 || bits > 28 || nl < 1 || nl > 32 {
		return nil, fmt.Errorf("%w: bad header", ErrBadModel)
	}
	m := &Model{bits: bits, features: Features(feats), nl: nl}
	for i := 0; i < nl; i++ {
		b := in.take(int(in.u8()))
		if in.err != nil {
			return nil, in.err
		}
		m.labels = append(m.labels, string(b))
	}
	scale := math.Float32frombits(in.u32())
	rows := in.u32()
	if in.err != nil {
		return nil, in.err
	}
	nrows := 1 << bits
	if int(rows) > nrows {
		return nil, fmt.Errorf("%w: %d rows", ErrBadModel, rows)
	}
	m.q = make([]int16, nrows*nl)
	m.scale = scale
	r := 0
	for i := 0; i < int(rows); i++ {
		r += int(in.uvarint())
		row := in.take(2 * nl)
		if in.err != nil || r >= nrows {
			if in.err != nil {
				return nil, in.err
			}
			return nil, fmt.Errorf("%w: bad row", ErrBadModel)
		}
		ws := m.q[r*nl : (r+1)*nl]
		for j := range ws {
			ws[j] = int16(binary.LittleEndian.Uint16(row[2*j:]))
		}
	}
	nc := in.u32()
	if in.err != nil {
		return nil, in.err
	}
	if nc > 0 {
		m.clusters = newClusters(min(int(nc), 1<<20)) // a damaged count cannot reserve gigabytes
		var k uint64
		for i := 0; i < int(nc); i++ {
			k += in.uvarint()
			var v [maxClusterLevels]uint32
			for j := range v {
				v[j] = uint32(in.uvarint())
			}
			m.clusters.put(k, v)
		}
	}
	if in.err != nil {
		return nil, in.err
	}
	if err := m.init(); err != nil {
		return nil, err
	}
	return m, nil
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
}

//go:embed model/ner.model
var embedded []byte

// Embedded returns the bytes of the model embedded in the package, for
// benchmarks of loading; Default decodes them once.
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
		defaultModel, defaultModelErr = loadBytes(embedded)
		if defaultModelErr != nil {
			defaultModelErr = fmt.Errorf("load embedded ner model: %w", defaultModelErr)
			return
		}
		defaultModel.digestOf = embedded
	})
	return defaultModel, defaultModelErr
}
