package extract

import (
	_ "embed" // the compiled lexicon
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"unsafe"

	"cograph/internal/view"
)

// The compiled lexicon, lexicon.bin, holds the tries, the sets of words
// and the starts filter built from the tables of data/, as
// internal/gen/lexicon wrote them; the program uses them where they lie
// and builds only the four small maps (demonyms, offices, heads) from
// their tables at start-up. TestCompiledLexicon holds it to the tables.
//
//go:embed lexicon.bin
var compiledLexicon []byte

// File layout: the magic "CGLEX", a version byte, two zero bytes; the
// SHA-256 of the tables (Lexicon.Digest); the length in bytes of each
// of lexSections sections (u32); zeros up to a multiple of 8; then each
// section, followed by zeros up to a multiple of 8. Numbers are
// little-endian; the sections are one text, which every span points
// into, then for each strSet its keys (u64 spans) and slots (i32), for
// each trie its edges (i32 from, i32 val, u64 token span), slots (i32)
// and values (three u64 spans: label, type, kind), and the starts filter
// (bytes).
const (
	lexMagic    = "CGLEX"
	lexVersion  = 1
	lexSections = 1 + 2*6 + 3*2 + 1
)

// ErrBadLexicon reports a compiled lexicon that cannot be read.
var ErrBadLexicon = errors.New("not a compiled cograph lexicon")

// sets and tries list the compiled structures in file order.
func (lx *Lexicon) sets() []**strSet {
	return []**strSet{&lx.modifiers, &lx.given, &lx.givenAmbig, &lx.surnames, &lx.stop, &lx.common}
}

func (lx *Lexicon) tries() []**trie { return []**trie{&lx.names, &lx.titles} }

// CompileLexicon builds the lexicon of the tables in dir of fsys (the
// layout of data/) and returns it as a compiled lexicon file.
func CompileLexicon(fsys fs.FS, dir string) ([]byte, error) {
	lx, err := LoadLexicon(fsys, dir)
	if err != nil {
		return nil, err
	}
	return lx.compile()
}

// compile encodes lx. The spans of every structure are moved into one
// text.
func (lx *Lexicon) compile() ([]byte, error) {
	var text spanText
	moved := func(s span, from string) span { return text.add(s.of(from)) }
	var sections [][]byte
	u64s := func(n int, f func(i int) uint64) []byte {
		b := make([]byte, 0, 8*n)
		for i := range n {
			b = binary.LittleEndian.AppendUint64(b, f(i))
		}
		return b
	}
	i32s := func(v []int32) []byte {
		b := make([]byte, 0, 4*len(v))
		for _, x := range v {
			b = binary.LittleEndian.AppendUint32(b, uint32(x))
		}
		return b
	}
	for _, p := range lx.sets() {
		s := *p
		sections = append(sections, u64s(len(s.keys), func(i int) uint64 { return uint64(moved(s.keys[i], s.text)) }), i32s(s.slots))
	}
	for _, p := range lx.tries() {
		t := *p
		edges := make([]byte, 0, 16*len(t.edges))
		for _, e := range t.edges {
			edges = binary.LittleEndian.AppendUint32(edges, uint32(e.from))
			edges = binary.LittleEndian.AppendUint32(edges, uint32(e.val))
			edges = binary.LittleEndian.AppendUint64(edges, uint64(moved(e.tok, t.text)))
		}
		vals := u64s(len(t.vals), func(i int) uint64 { return uint64(moved(t.vals[i], t.text)) })
		sections = append(sections, edges, i32s(t.slots), vals)
	}
	sections = append([][]byte{text.b}, append(sections, lx.starts)...)
	digest, err := hex.DecodeString(lx.Digest())
	if err != nil || len(digest) != 32 {
		return nil, fmt.Errorf("lexicon digest %q", lx.Digest())
	}
	b := append([]byte(lexMagic), lexVersion, 0, 0)
	b = append(b, digest...)
	for _, s := range sections {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
	}
	for _, s := range sections {
		b = pad8(append(pad8(b), s...))
	}
	return b, nil
}

func pad8(b []byte) []byte {
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	return b
}

// viewLexicon reads a compiled lexicon held in memory into lx's tries,
// sets and starts, using its arrays where they lie when the machine
// allows (data must not change afterwards), and returns the digest of
// the tables it was built from. It checks the layout, not the contents
// (their reads are bounds-checked): a compiled lexicon is trusted to be
// what compile wrote.
func viewLexicon(lx *Lexicon, data []byte) (string, error) {
	head := 8 + 32 + 4*lexSections
	if len(data) < head || string(data[:len(lexMagic)]) != lexMagic {
		return "", ErrBadLexicon
	}
	if v := data[len(lexMagic)]; v != lexVersion {
		return "", fmt.Errorf("%w: version %d", ErrBadLexicon, v)
	}
	sections := make([][]byte, lexSections)
	at := (head + 7) &^ 7
	for i := range sections {
		n := int(binary.LittleEndian.Uint32(data[40+4*i:]))
		if n > len(data)-at {
			return "", fmt.Errorf("%w: truncated", ErrBadLexicon)
		}
		sections[i] = data[at : at+n : at+n]
		at = (at + n + 7) &^ 7
	}
	if at != len(data) {
		return "", fmt.Errorf("%w: %d bytes", ErrBadLexicon, len(data))
	}
	text := asString(sections[0])
	next := sections[1:]
	take := func() []byte { b := next[0]; next = next[1:]; return b }
	for _, p := range lx.sets() {
		*p = &strSet{text: text, keys: spans(take()), slots: view.Int32s(take())}
	}
	for _, p := range lx.tries() {
		*p = &trie{text: text, edges: trieEdges(take()), slots: view.Int32s(take()), vals: spans(take())}
	}
	lx.starts = take()
	if len(lx.starts) != startSlots {
		return "", fmt.Errorf("%w: starts of %d bytes", ErrBadLexicon, len(lx.starts))
	}
	return hex.EncodeToString(data[8:40]), nil
}

// trieEdges reads edges (see view.Slice).
func trieEdges(b []byte) []trieEdge {
	var e trieEdge
	layout := unsafe.Sizeof(e) == 16 && unsafe.Offsetof(e.val) == 4 && unsafe.Offsetof(e.tok) == 8
	return view.Slice(b, layout, func(f []byte) trieEdge {
		return trieEdge{from: int32(binary.LittleEndian.Uint32(f)), val: int32(binary.LittleEndian.Uint32(f[4:])),
			tok: span(binary.LittleEndian.Uint64(f[8:]))}
	})
}

// spans reads spans (see view.Slice).
func spans(b []byte) []span {
	return view.Slice(b, true, func(f []byte) span { return span(binary.LittleEndian.Uint64(f)) })
}
