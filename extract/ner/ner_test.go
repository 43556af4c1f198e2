package ner

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestAnalyze(t *testing.T) {
	var ts tokScratch
	info := func(tok string) tokInfo {
		var ti tokInfo
		analyze(&ti, tok, &ts)
		return ti
	}
	for _, tc := range []struct {
		name, tok, shape, short string
		flags                   uint16
	}{
		{"capitalised", "Paris", "Xxxxx", "Xx", tInitCap | tHasLetter},
		{"abbreviation", "U.S.", "X.X.", "X.X.", tInitCap | tAllCaps | tHasLetter | tHasPeriod},
		{"number", "1996-08-22", "dddd-dd-dd", "d-d-d", tHasDigit | tHasHyphen},
		{"lower", "said", "xxxx", "x", tLowerInit | tHasLetter},
		{"punctuation", ",", ",", ",", tPunct},
		{"accented", "Élysée", "Xxxxxx", "Xx", tInitCap | tHasLetter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ti := info(tc.tok)
			if ti.shape != fnvString(tc.shape) || ti.short != fnvString(tc.short) {
				t.Errorf("shape of %q is not %q/%q", tc.tok, tc.shape, tc.short)
			}
			if ti.flags != tc.flags {
				t.Errorf("flags of %q = %b, want %b", tc.tok, ti.flags, tc.flags)
			}
		})
	}
	// Typographic variants are folded: curly apostrophes, Unicode hyphens.
	if a, b := info("’s"), info("'s"); a.word != b.word || a.norm != b.norm {
		t.Error("’s and 's differ")
	}
	if a, b := info("China\u2011Russia"), info("China-Russia"); a.word != b.word || a.shape != b.shape {
		t.Error("U+2011 hyphen is not folded")
	}
	// The normal form is lower case with digits as 0.
	if a, b := info("Euro96"), info("euro00"); a.norm != b.norm || a.word == b.word {
		t.Error("norm does not fold case and digits")
	}
	if ti := info("Germany"); ti.npre != 4 || ti.suf[0] != fnvString("y") || ti.pre[2] != fnvString("ger") {
		t.Error("wrong prefixes or suffixes")
	}
}

func TestChunks(t *testing.T) {
	for _, tc := range []struct {
		name string
		tags string
		want []Chunk
	}{
		{"iob2", "B-PER I-PER O B-LOC", []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"iob1", "I-PER I-PER B-PER O I-LOC", []Chunk{{0, 2, "PER"}, {2, 3, "PER"}, {4, 5, "LOC"}}},
		{"type change", "B-PER I-ORG", []Chunk{{0, 1, "PER"}, {1, 2, "ORG"}}},
		{"iobes", "S-PER B-ORG E-ORG O", []Chunk{{0, 1, "PER"}, {1, 3, "ORG"}}},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Chunks(nil, strings.Fields(tc.tags))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Chunks(%s) = %v, want %v", tc.tags, got, tc.want)
			}
		})
	}
	tags := strings.Fields("I-PER I-PER O I-LOC B-LOC")
	if got := strings.Join(ToIOB2(tags), " "); got != "B-PER I-PER O B-LOC B-LOC" {
		t.Errorf("ToIOB2 = %s", got)
	}
	tags = strings.Fields("B-event I-event O B-misc")
	MapTypes(tags, map[string]string{"event": EVENT, "misc": ""})
	if got := strings.Join(tags, " "); got != "B-EVENT I-EVENT O O" {
		t.Errorf("MapTypes = %s", got)
	}
}

const sample = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP I-LOC
`

func TestReader(t *testing.T) {
	r := NewReader(strings.NewReader(sample))
	r.Tagged = true
	docs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 2 || len(docs[1].Sentences) != 1 {
		t.Fatalf("got %d documents", len(docs))
	}
	if got := docs[0].Sentences[1].Tokens; !slices.Equal(got, []string{"Peter", "Blackburn"}) {
		t.Errorf("tokens %q", got)
	}
	if got := docs[1].Sentences[0].Tags[0]; got != "B-LOC" {
		t.Errorf("IOB1 tag not converted: %s", got)
	}
	if docs[1].FirstLine != 10 {
		t.Errorf("second document starts at line %d, want 10", docs[1].FirstLine)
	}

	// Writing back adds one column to every non-blank line.
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, d := range docs {
		if err := w.Write(d, d.Tags()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(sample, " O\n", " O O\n")
	want = strings.ReplaceAll(want, "B-ORG\n", "B-ORG B-ORG\n")
	want = strings.ReplaceAll(want, "B-MISC\n", "B-MISC B-MISC\n")
	want = strings.ReplaceAll(want, "B-PER\n", "B-PER B-PER\n")
	want = strings.ReplaceAll(want, "I-PER\n", "I-PER I-PER\n")
	want = strings.ReplaceAll(want, "I-LOC\n", "I-LOC B-LOC\n")
	if buf.String() != want {
		t.Errorf("written:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestReaderTabsAndLimits(t *testing.T) {
	// WNUT separates sentences with lines holding only a tab; tokens may
	// contain spaces in tab-separated files.
	in := "New York\tB-location\n\t\nhi\tO\n\nthere\tO\n"
	r := NewReader(strings.NewReader(in))
	r.Tagged = true
	r.MaxSentences = 2
	docs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 2 || docs[0].Sentences[0].Tokens[0] != "New York" {
		t.Fatalf("got %d documents: %+v", len(docs), docs[0])
	}
}

func TestReaderErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        string
		line, col int
		err       error
	}{
		{"no tag", "EU B-ORG\nrejects\n", 2, 0, ErrNoTag},
		{"bad tag", "EU NNP\n", 1, 4, ErrBadTag},
		{"bad prefix", "\n\nEU X-ORG\n", 3, 4, ErrBadTag},
		{"too long", "EU " + strings.Repeat("x", maxLine+10) + "\n", 1, 0, ErrTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tc.in))
			r.Tagged = true
			r.Path = "f.txt"
			_, err := r.ReadAll()
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if !errors.Is(err, tc.err) || pe.Line != tc.line || pe.Column != tc.col {
				t.Errorf("got %v (line %d col %d), want %v at %d:%d", err, pe.Line, pe.Column, tc.err, tc.line, tc.col)
			}
			if !strings.HasPrefix(err.Error(), fmt.Sprintf("f.txt:%d", tc.line)) {
				t.Errorf("message %q does not name file and line", err)
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	f.Add(sample)
	f.Add("a\tB-x\n\t\n-DOCSTART-\nb c O\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := NewReader(strings.NewReader(in))
		r.Tagged = true
		for {
			d, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v is not a *ParseError", err)
				}
				return
			}
			for _, s := range d.Sentences {
				if len(s.Tags) != len(s.Tokens) || len(s.Line) != len(s.Tokens) {
					t.Fatal("tokens, tags and lines differ in length")
				}
			}
		}
	})
}

func TestReadGMB(t *testing.T) {
	in := "Sentence #,Word,POS,Tag\r\nSentence: 1,Iraqi,JJ,B-gpe\r\n,caf\xe9,NN,O\r\n,\x93,``,O\r\n" +
		"Sentence: 2,Iraq,NNP,B-gpe\r\n,Monday,NNP,B-tim\r\n"
	docs, err := ReadGMB(strings.NewReader(in), "gmb.csv", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	s := docs[0].Sentences[0]
	if !slices.Equal(s.Tokens, []string{"Iraqi", "café", "\u201c"}) || s.Tags[0] != "B-gpeadj" {
		t.Errorf("sentence 1: %q %q", s.Tokens, s.Tags)
	}
	MapDocuments(docs, GMBTypes)
	if got := docs[1].Sentences[0].Tags; !slices.Equal(got, []string{"B-LOC", "O"}) {
		t.Errorf("mapped tags %q", got)
	}
	if _, err := ReadGMB(strings.NewReader(in[:30]+"\n,x,NN,Q-x\n"), "gmb.csv", 1); err == nil {
		t.Error("no error for a bad tag")
	}
}

func TestReadClusters(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"ids", "# comment\nParis\t3\t17\t200\nLondon\t3\t17\t201\nsaid\t9\t40\t300\n"},
		{"bits", "Paris\t0110100\nLondon\t0110101\nsaid\t111\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ReadClusters(strings.NewReader(tc.in), "c.tsv")
			if err != nil {
				t.Fatal(err)
			}
			if c.Len() != 3 {
				t.Fatalf("%d words", c.Len())
			}
			var ts tokScratch
			var a, b tokInfo
			analyze(&a, "Paris", &ts)
			analyze(&b, "London", &ts)
			ca, _ := c.get(a.word)
			cb, _ := c.get(b.word)
			if ca[0] == 0 || ca[0] != cb[0] || ca[2] == cb[2] {
				t.Errorf("levels %v %v", ca, cb)
			}
		})
	}
	if _, err := ReadClusters(strings.NewReader("x\tnope\n"), "c.tsv"); err == nil {
		t.Error("no error for a bad id")
	}
}

func TestRules(t *testing.T) {
	m := newModel(Types, 10, FeatAll, nil, false)
	for _, tc := range []struct{ toks, in, want string }{
		{"the 2004 Canadian federal election was", "O O B-MISC O O O", "O B-EVENT I-EVENT I-EVENT I-EVENT O"},
		{"February 1974 United Kingdom general election", "O O B-LOC I-LOC O O", "B-EVENT I-EVENT I-EVENT I-EVENT I-EVENT I-EVENT"},
		{"the World Cup final", "O B-MISC I-MISC O", "O B-EVENT I-EVENT O"},
		{"the 1990 polls", "O O O", "O O O"},
		{"German voters", "B-MISC O", "B-MISC O"},
	} {
		toks := strings.Fields(tc.toks)
		var labels []uint8
		for _, tag := range strings.Fields(tc.in) {
			labels = append(labels, uint8(slices.Index(m.out, tag)))
		}
		m.applyRules(toks, labels)
		var got []string
		for _, l := range labels {
			got = append(got, m.out[l])
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: got %s, want %s", tc.toks, strings.Join(got, " "), tc.want)
		}
	}
}

// synthetic returns a small made-up corpus: names in fixed frames.
func synthetic() []*Document {
	people := []string{"John Smith", "Maria Lopez", "Wei Chen", "Anna Berg", "Omar Haddad"}
	places := []string{"Paris", "Lagos", "New York", "Lima", "Oslo"}
	orgs := []string{"Acme Corp", "the United Nations", "Reuters", "Globex Inc"}
	var docs []*Document
	for i := 0; i < 40; i++ {
		d := &Document{}
		for j := 0; j < 5; j++ {
			p, l, o := people[(i+j)%len(people)], places[(i*3+j)%len(places)], orgs[(i+2*j)%len(orgs)]
			var s Sentence
			add := func(text, typ string) {
				for k, w := range strings.Fields(text) {
					tag := "O"
					if typ != "" && !(w == "the" && k == 0) {
						tag = "I-" + typ
						if k == 0 || (k == 1 && strings.HasPrefix(text, "the ")) {
							tag = "B-" + typ
						}
					}
					s.Tokens = append(s.Tokens, w)
					s.Tags = append(s.Tags, tag)
				}
			}
			add(p, PER)
			add("flew to", "")
			add(l, LOC)
			add("for", "")
			add(o, ORG)
			add(".", "")
			d.Sentences = append(d.Sentences, s)
		}
		docs = append(docs, d)
	}
	return docs
}

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	opts := TrainOptions{Seed: 7, Epochs: 3, Bits: 14}
	train := func() []byte {
		m, err := Train([]Corpus{{Name: "synthetic", Documents: synthetic()}}, opts)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := train(), train()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings with the same seed differ")
	}
	m, err := Load(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), a) {
		t.Error("save after load differs")
	}
	got := m.TagDocument([][]string{strings.Fields("Wei Chen flew to Oslo for Reuters .")}, nil)
	if want := "B-PER I-PER O O B-LOC O B-ORG O"; strings.Join(got[0], " ") != want {
		t.Errorf("tags %v, want %s", got[0], want)
	}
	if _, err := Load(bytes.NewReader(a[:len(a)/2])); !errors.Is(err, ErrBadModel) {
		t.Errorf("truncated model: %v", err)
	}
	if _, err := Load(strings.NewReader("not a model")); !errors.Is(err, ErrBadModel) {
		t.Errorf("junk model: %v", err)
	}
	// Any byte damaged after the header (whose bits field alone could ask
	// for gigabytes) gives an error or a model, never a panic; every cut
	// is an error. Every 7th byte of the header, then about 300 places in
	// the tables (which are fixed-width numbers).
	step := 7
	for i := len(modelMagic) + 4; i < len(a); i += step {
		if i > 512 {
			step = len(a)/300 + 1
		}
		d := bytes.Clone(a)
		d[i] ^= 0x5a
		Load(bytes.NewReader(d))
		if _, err := Load(bytes.NewReader(a[:i])); err == nil {
			t.Fatalf("model cut at byte %d of %d loaded", i, len(a))
		}
	}
}

// conllDevNoGazF1 is the F1 (without gazetteer) the embedded model measured on CoNLL-2003 dev
// (EVENT scored as MISC), to the hundredth; see doc.go.
const conllDevNoGazF1 = 89.89

// TestEmbeddedModel checks the shipped model's accuracy on CoNLL-2003 dev
// and that Evaluate agrees with the reference scorer conlleval.py.
func TestEmbeddedModel(t *testing.T) {
	dir := sharedNER(t)
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := readTagged(t, filepath.Join(dir, "conll2003", "dev.txt"))
	ev := Evaluator{MapPred: map[string]string{EVENT: MISC}}
	var out bytes.Buffer
	for _, d := range docs {
		pred := m.TagDocument(d.Tokens(), nil)
		for i, s := range d.Sentences {
			ev.Add(s.Tags, pred[i])
			for j, tok := range s.Tokens {
				fmt.Fprintf(&out, "%s %s %s\n", tok, s.Tags[j], pred[i][j])
			}
			out.WriteByte('\n')
		}
	}
	res := ev.Result()
	f1 := 100 * res.Overall.F1()
	t.Logf("CoNLL dev F1 %.2f without gazetteer", f1)
	if f1 < conllDevNoGazF1-1 {
		t.Errorf("CoNLL dev F1 %.2f, want ≥ %.2f", f1, conllDevNoGazF1-1)
	}

	script := filepath.Join(dir, "..", "..", "tools", "conlleval.py")
	python, err := exec.LookPath("python3")
	if _, serr := os.Stat(script); err != nil || serr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 or %s missing", script)
		}
		t.Skipf("python3 or %s missing; not comparing with conlleval.py", script)
	}
	cmd := exec.Command(python, script, "--map-pred", `{"EVENT":"MISC"}`, "-")
	cmd.Stdin = &out
	ref, err := cmd.Output()
	if err != nil {
		t.Fatalf("conlleval.py: %v", err)
	}
	var mine bytes.Buffer
	res.WriteReport(&mine)
	if mine.String() != string(ref) {
		t.Errorf("report differs from conlleval.py:\n%s\nconlleval.py:\n%s", mine.String(), ref)
	}
}

// saveV1 writes m in the version 1 layout (non-zero rows and clusters as
// varints), which models trained by earlier releases use.
func saveV1(m *Model) []byte {
	var b []byte
	b = append(b, modelMagic...)
	b = append(b, 1, 0, uint8(m.bits))
	b = binary.LittleEndian.AppendUint64(b, uint64(m.features))
	b = append(b, uint8(m.nl))
	for _, l := range m.labels {
		b = append(b, uint8(len(l)))
		b = append(b, l...)
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.scale))
	var rows []byte
	n, prev := 0, 0
	for r := 0; r < len(m.q)/m.nl; r++ {
		ws := m.q[r*m.nl : (r+1)*m.nl]
		if !slices.ContainsFunc(ws, func(x int16) bool { return x != 0 }) {
			continue
		}
		n++
		rows = binary.AppendUvarint(rows, uint64(r-prev))
		prev = r
		for _, x := range ws {
			rows = binary.LittleEndian.AppendUint16(rows, uint16(x))
		}
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	b = append(b, rows...)
	keys, vals := m.clusters.entriesOrNil()
	b = binary.LittleEndian.AppendUint32(b, uint32(len(keys)))
	var pk uint64
	for i, k := range keys {
		b = binary.AppendUvarint(b, k-pk)
		pk = k
		for _, v := range vals[i] {
			b = binary.AppendUvarint(b, uint64(v))
		}
	}
	return b
}

// TestLoadVersion1 checks that a model file of the previous layout still
// loads, into the same model.
func TestLoadVersion1(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	old, err := Load(bytes.NewReader(saveV1(m)))
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := m.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := old.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("a version 1 file loads into another model")
	}
	if _, err := Load(bytes.NewReader(saveV1(m)[:1000])); !errors.Is(err, ErrBadModel) {
		t.Errorf("truncated version 1 model: %v", err)
	}
}

// TestLoadVersion2 checks that a file of the layout before the stored
// cluster index loads into the same model, the index built at load as
// version 3 stores it, and that a version 3 file whose index could read
// past the keys is refused.
func TestLoadVersion2(t *testing.T) {
	v3 := Embedded()
	m, err := FromBytes(v3)
	if err != nil {
		t.Fatal(err)
	}
	if v3[len(modelMagic)] != modelVersion || m.clusters.Len() == 0 {
		t.Fatal("the embedded model is not a version 3 file with clusters")
	}
	_, size := indexShape(m.clusters.Len())
	v2 := slices.Clone(v3[:len(v3)-4*size])
	v2[len(modelMagic)] = 2
	old, err := FromBytes(v2)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(old.clusters.start, m.clusters.start) || old.clusters.shift != m.clusters.shift {
		t.Error("the index built from a version 2 file differs from the one version 3 stores")
	}
	var a bytes.Buffer
	if err := old.Save(&a); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), v3) {
		t.Error("a version 2 file loads into another model")
	}
	for _, k := range []int{0, size / 2, size - 1} {
		bad := slices.Clone(v3)
		at := len(bad) - 4*size + 4*k
		binary.LittleEndian.PutUint32(bad[at:], binary.LittleEndian.Uint32(bad[at:])+uint32(m.clusters.Len())+1)
		if _, err := FromBytes(bad); !errors.Is(err, ErrBadModel) {
			t.Errorf("index entry %d past the keys: %v", k, err)
		}
	}
}

// TestClusterFind checks the look-up by top bits against a binary search:
// every key of the embedded model's clusters, values between and beyond
// them, and skewed and repeated-prefix key sets that crowd a few buckets.
func TestClusterFind(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.clusters.start == nil {
		t.Fatal("the embedded clusters are not indexed")
	}
	sets := [][]uint64{m.clusters.keys, {}, {5}, {1, 2, 3}, {0, math.MaxUint64}}
	skewed := make([]uint64, 0, 5000)
	for i := range uint64(5000) {
		skewed = append(skewed, i*i*i*i*i) // bunched at the bottom
	}
	sets = append(sets, skewed, append(slices.Clone(skewed[:100]), math.MaxUint64-1, math.MaxUint64))
	r := rand.New(rand.NewPCG(1, 2))
	for si, keys := range sets {
		c := &Clusters{keys: keys, vals: make([][maxClusterLevels]uint32, len(keys))}
		c.index()
		probes := slices.Clone(keys)
		for _, k := range keys[:min(len(keys), 2000)] {
			probes = append(probes, k-1, k+1)
		}
		for range 2000 {
			probes = append(probes, r.Uint64())
		}
		for _, h := range probes {
			want, ok := slices.BinarySearch(keys, h)
			if !ok {
				want = -1
			}
			if got := c.find(h); got != want {
				t.Fatalf("set %d (%d keys): find(%d) = %d, want %d", si, len(keys), h, got, want)
			}
		}
	}
}
