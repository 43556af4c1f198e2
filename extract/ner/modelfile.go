package ner

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"

	"cograph/internal/view"
)

// Model file layout (version 3): the magic "CGNER", a version byte, a
// flags byte (0), then little-endian fields: bits (u8), features (u64),
// label count (u8) and labels (u8 length, bytes), weight scale (f32) and
// cluster count (u32); zeros up to a multiple of 8 bytes from the start
// of the file; the whole weight table, 2^bits rows of nl int16 weights
// times 1/scale; zeros up to a multiple of 8; the cluster keys (u64,
// ascending), the clusters' four levels (4 × u32) per key, and the
// clusters' bucket index (Clusters.start, u32; see indexShape for its
// length), which version 2 (still read) left to be built at every load.
//
// Every table lies at an aligned offset in its final form, so a model in
// memory (the embedded one above all) is used where it lies: loading reads
// only the header. Decoding the tables into fresh memory cost most of a
// small run's start-up, because first touching memory is what costs on a
// virtual machine (~17 µs per 4 KB page here, against ~2.5 µs to map a
// page of the program file).
//
// Version 1 (still read) stored only the non-zero rows, with varint
// deltas, and the clusters as varints; its flags byte 1 meant gzip.
const (
	modelMagic   = "CGNER"
	modelVersion = 3
)

// Save writes the model in its binary format. Output depends only on the
// model.
func (m *Model) Save(w io.Writer) error {
	q, scale := m.q, m.scale
	if q == nil {
		q, scale = quantize(m.w)
	}
	keys, vals := m.clusters.entriesOrNil()
	var b []byte
	b = append(b, modelMagic...)
	b = append(b, modelVersion, 0, uint8(m.bits))
	b = binary.LittleEndian.AppendUint64(b, uint64(m.features))
	b = append(b, uint8(m.nl))
	for _, l := range m.labels {
		b = append(b, uint8(len(l)))
		b = append(b, l...)
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(scale))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(keys)))
	b = pad8(b)
	for _, x := range q {
		b = binary.LittleEndian.AppendUint16(b, uint16(x))
	}
	b = pad8(b)
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	for _, v := range vals {
		for _, x := range v {
			b = binary.LittleEndian.AppendUint32(b, x)
		}
	}
	if len(keys) > 0 {
		c := &Clusters{keys: keys}
		c.index()
		for _, x := range c.start {
			b = binary.LittleEndian.AppendUint32(b, x)
		}
	}
	_, err := w.Write(b)
	return err
}

func pad8(b []byte) []byte {
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	return b
}

func (c *Clusters) entriesOrNil() ([]uint64, [][maxClusterLevels]uint32) {
	if c == nil {
		return nil, nil
	}
	return c.entries()
}

// Load reads a model written by [Model.Save].
func Load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	m, err := loadBytes(data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	m.digest = hex.EncodeToString(sum[:])
	return m, nil
}

// FromBytes reads a model file held in memory (such as [Embedded]) without
// a copy: the model uses its tables where they lie, so data must not
// change afterwards. Its Digest is computed when first asked for.
func FromBytes(data []byte) (*Model, error) {
	m, err := loadBytes(data)
	if err != nil {
		return nil, err
	}
	m.digestOf = data
	return m, nil
}

// loadBytes reads a model file held in memory, whose tables it keeps
// using: data must not change afterwards.
func loadBytes(data []byte) (*Model, error) {
	n := len(modelMagic) + 2
	if len(data) < n || string(data[:len(modelMagic)]) != modelMagic {
		return nil, ErrBadModel
	}
	var m *Model
	var err error
	switch v := data[len(modelMagic)]; v {
	case modelVersion, 2:
		m, err = viewModel(data, n, v == modelVersion)
	case 1:
		m, err = loadV1(data[n:], data[n-1]&1 != 0)
	default:
		return nil, fmt.Errorf("%w %d", ErrVersion, v)
	}
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("%w: truncated", ErrBadModel)
		}
		return nil, err
	}
	if err := m.init(); err != nil {
		return nil, err
	}
	m.useVector()
	return m, nil
}

// viewModel reads a version 3 file (version 2 without indexed) whose
// header starts at data[at:].
func viewModel(data []byte, at int, indexed bool) (*Model, error) {
	if data[at-1] != 0 {
		return nil, fmt.Errorf("%w: flags %d", ErrBadModel, data[at-1])
	}
	in := &decoder{b: data[at:]}
	m, err := decodeHeader(in)
	if err != nil {
		return nil, err
	}
	m.scale = math.Float32frombits(in.u32())
	nc := int(in.u32())
	if in.err != nil {
		return nil, in.err
	}
	off := (len(data) - len(in.b) + 7) &^ 7
	qlen := (1 << m.bits) * m.nl * 2
	klen := nc * 8
	vlen := nc * 4 * maxClusterLevels
	ks := (off + qlen + 7) &^ 7
	ilen := 0
	if indexed && nc > 0 {
		_, size := indexShape(nc)
		ilen = 4 * size
	}
	if end := ks + klen + vlen + ilen; end != len(data) {
		if end > len(data) {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: %d bytes after the tables", ErrBadModel, len(data)-end)
	}
	m.q = view.Int16s(data[off : off+qlen])
	if nc > 0 {
		c := &Clusters{keys: view.Uint64s(data[ks : ks+klen]), vals: levels(data[ks+klen : ks+klen+vlen])}
		if ilen > 0 {
			c.shift, _ = indexShape(nc)
			c.start = view.Uint32s(data[ks+klen+vlen:])
			if !bucketsValid(c.start, nc) {
				return nil, fmt.Errorf("%w: cluster index", ErrBadModel)
			}
		} else {
			c.index()
		}
		m.clusters = c
	}
	return m, nil
}

// decodeHeader reads bits, features and labels, common to both versions.
func decodeHeader(in *decoder) (*Model, error) {
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
	return m, nil
}

// bucketsValid reports whether start can index n keys: ascending, from 0
// to n. (That each bucket holds the right keys is not checked: a wrong
// index misses words, a malformed one would read past the keys.)
func bucketsValid(start []uint32, n int) bool {
	if len(start) == 0 || start[0] != 0 || int(start[len(start)-1]) != n {
		return false
	}
	for i := 1; i < len(start); i++ {
		if start[i] < start[i-1] {
			return false
		}
	}
	return true
}

// levels returns b as rows of cluster levels (see view.Slice).
func levels(b []byte) [][maxClusterLevels]uint32 {
	return view.Slice(b, true, func(f []byte) (v [maxClusterLevels]uint32) {
		for j := range v {
			v[j] = binary.LittleEndian.Uint32(f[4*j:])
		}
		return v
	})
}

// loadV1 decodes the body of a version 1 file.
func loadV1(body []byte, gzipped bool) (*Model, error) {
	if gzipped {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
	}
	in := &decoder{b: body}
	m, err := decodeHeader(in)
	if err != nil {
		return nil, err
	}
	m.scale = math.Float32frombits(in.u32())
	rows := in.u32()
	if in.err != nil {
		return nil, in.err
	}
	nl, nrows := m.nl, 1<<m.bits
	// The table is decoded dense, 2^bits rows, so a damaged header could
	// ask for gigabytes: the rows listed must be in the file, and a
	// trained table has most rows in use (hashed features fill it), so one
	// that lists under 1/64 of them is refused.
	if int(rows) > nrows || int(rows) > len(in.b)/(1+2*nl) || 64*int(rows) < nrows {
		return nil, fmt.Errorf("%w: %d rows of %d", ErrBadModel, rows, nrows)
	}
	m.q = make([]int16, nrows*nl)
	r := 0
	for i := 0; i < int(rows); i++ {
		r += int(in.uvarint())
		row := in.take(2 * nl)
		if in.err != nil {
			return nil, in.err
		}
		if r >= nrows {
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
		// A damaged count ends at the end of the data, not after billions
		// of empty reads.
		for i := 0; i < int(nc) && in.err == nil; i++ {
			k += in.uvarint()
			var v [maxClusterLevels]uint32
			for j := range v {
				v[j] = uint32(in.uvarint())
			}
			m.clusters.put(k, v)
		}
		m.clusters.index()
	}
	return m, in.err
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
