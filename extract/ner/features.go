package ner

import "slices"

// Feature templates. Numbers are part of the model format: append only.
const (
	tmplBias = iota
	tmplWord
	tmplNorm
	tmplShape
	tmplShort
	tmplPre
	tmplSuf
	tmplNormM1
	tmplNormP1
	tmplNormM2
	tmplNormP2
	tmplShortM1
	tmplShortP1
	tmplShort3
	tmplBiM1
	tmplBiP1
	tmplFirst
	tmplHeadline
	tmplClus
	tmplClusM1
	tmplClusP1
	tmplGaz
	tmplGazKind
	tmplDocCase
	tmplDocTag
	tmplDocTagCtx
	tmplT1
	tmplT12
	tmplT1Short
	tmplGazM1
	tmplGazP1
	tmplDocFirst
	tmplWordShortM1
	tmplWordM1
	tmplWordP1
	tmplShortM2
	tmplShortP2
	tmplTable
	tmplSufM1
	tmplSufP1
	tmplClusBi
	tmplClusShape
	tmplClusM2
	tmplClusP2
)

// Values standing for the words beyond the sentence's ends.
const (
	hashBOS = 0x5bd1e9955bd1e995
	hashEOS = 0x27d4eb2f165667c5
)

// Sentence flags.
const (
	sAllCaps = 1 << iota // a headline in capitals
	sTitle               // a title-case headline
	sTable               // a line of a results table: many numbers
)

// sentFlags classifies a sentence by the case of its words.
func sentFlags(infos []tokInfo) uint8 {
	words, caps, cap, nums := 0, 0, 0, 0
	for i := range infos {
		f := infos[i].flags
		if f&tHasDigit != 0 {
			nums++
		}
		if f&tHasLetter == 0 {
			continue
		}
		words++
		if f&tAllCaps != 0 && infos[i].runes > 1 {
			caps++
		}
		if f&tInitCap != 0 || infos[i].runes <= 3 {
			cap++
		}
	}
	var sf uint8
	if nums >= 2 && nums*4 >= len(infos) {
		sf = sTable
	}
	switch {
	case words >= 2 && caps*5 >= words*4:
		return sf | sAllCaps
	case words >= 3 && cap == words:
		return sf | sTitle
	}
	return sf
}

// caseCtx returns where a token stands: 0 inside ordinary text, 1 first in
// a sentence (or after an opening quote), 2 in a headline.
func caseCtx(i int, sf uint8, infos []tokInfo) uint64 {
	switch {
	case sf&(sAllCaps|sTitle) != 0:
		return 2
	case i == 0 || (i == 1 && infos[0].flags&tPunct != 0):
		return 1
	}
	return 0
}

// docStat counts how a word (by lower-case form) is written in a document.
type docStat struct {
	lowerInit, capMid, capAny int32
	tags                      [8]int32 // pass-1 tags by type (0: O), for FeatDocTags
	first                     int8     // pass-1 type of its first capitalised occurrence + 1
}

// docTable is an open-addressing map from lower-case hashes to docStat,
// reused across documents.
type docTable struct {
	keys []uint64
	vals []docStat
	used []int32
	mask uint64
}

func (t *docTable) reset(n int) {
	size := 64
	for size < 2*n {
		size <<= 1
	}
	if len(t.keys) < size {
		t.keys = make([]uint64, size)
		t.vals = make([]docStat, size)
		t.used = t.used[:0]
	} else {
		for _, i := range t.used {
			t.keys[i] = 0
			t.vals[i] = docStat{}
		}
		t.used = t.used[:0]
		size = len(t.keys)
	}
	t.mask = uint64(size - 1)
}

func (t *docTable) get(h uint64) *docStat {
	if h == 0 {
		h = 1
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return &t.vals[i]
		case 0:
			t.keys[i] = h
			t.used = append(t.used, int32(i))
			return &t.vals[i]
		}
	}
}

// docFeatures holds a document's tokens and their static features.
type docFeatures struct {
	sents  []int32 // token offset of each sentence; len = #sentences+1
	infos  []tokInfo
	sflags []uint8
	feats  []uint32 // static feature rows, flat (not with lazy)
	offs   []int32  // feats of token k: feats[offs[k]:offs[k+1]]
	gaz    []Match
	gtok   []gazTok // the gazetteer features of the sentence at hand
	// With lazy, a token's static features are computed only when the
	// decoder scores it (featsOf): tagging skips most lower-case words,
	// so most tokens never need theirs. gtoks and gofs keep every
	// sentence's gazetteer features for that.
	lazy    bool
	gtoks   []gazTok
	gofs    []int32 // sentence si's gazetteer features: gtoks[gofs[si]:gofs[si+1]]
	scratch []uint32
	// With memo (tagging with a quantized 11-label model), token k's
	// analysis and own-feature sums are memo.entry(entry[k]), or for a
	// negative entry[k] the model's word table's entry ^entry[k].
	memo  *wordMemo
	entry []int32
	gix   gazIndex // for sentences with many gazetteer features
	stats docTable
	ts    tokScratch
}

// gazTok is one gazetteer feature of a token: the hashes of its type and
// kind, and its position in the match.
type gazTok struct {
	tok       int32
	typ, kind uint64
	pos       uint64 // 0 single, 1 begin, 2 inside, 3 last
}

// prepare analyzes the tokens of a document and extracts their static
// features. domain > 0 adds a domain-specific copy of every feature
// (training only).
func (m *Model) prepare(d *docFeatures, sents [][]string, gaz Gazetteer, domain uint64) {
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	d.sents = d.sents[:0]
	if cap(d.infos) < n {
		// With room to spare: a tagger meets ever longer documents, and
		// each exact fit was an allocation of its own.
		d.infos = make([]tokInfo, n, n+n/2)
	}
	d.infos = d.infos[:n]
	d.sflags = d.sflags[:0]
	if d.memo != nil {
		d.memo.startDocument()
		d.entry = d.entry[:0]
	}
	k := 0
	for _, s := range sents {
		d.sents = append(d.sents, int32(k))
		for _, tok := range s {
			ti := &d.infos[k]
			k++
			if d.memo != nil {
				// The commonest words are in the model's word table,
				// with their sums (lazy features only: it holds no
				// cold part).
				if d.lazy {
					if e := m.words.lookup(tok); e >= 0 {
						ti.tokHot = m.words.words[e].tokHot()
						d.entry = append(d.entry, ^e) // negative: the table's
						continue
					}
				}
				if e := d.memo.lookup(tok); e >= 0 {
					if d.lazy {
						ti.tokHot = d.memo.entry(e).info.tokHot // the cold part when needed (sumStatic)
					} else {
						*ti = d.memo.entry(e).info
					}
					d.entry = append(d.entry, e)
					continue
				}
			}
			m.analyzeToken(ti, tok, &d.ts)
			if d.memo != nil {
				d.entry = append(d.entry, d.memo.add(tok, ti))
			}
		}
		d.sflags = append(d.sflags, sentFlags(d.infos[k-len(s):k]))
	}
	d.sents = append(d.sents, int32(k))

	f := m.features
	if f&(FeatDocument|FeatDocTags) != 0 {
		d.stats.reset(n)
		for si := range sents {
			a, b := d.sents[si], d.sents[si+1]
			infos := d.infos[a:b]
			for i := range infos {
				ti := &infos[i]
				if ti.flags&tHasLetter == 0 {
					continue
				}
				st := d.stats.get(ti.lower)
				switch {
				case ti.flags&tLowerInit != 0:
					st.lowerInit++
				case ti.flags&tInitCap != 0:
					st.capAny++
					if caseCtx(i, d.sflags[si], infos) == 0 {
						st.capMid++
					}
				}
			}
		}
	}

	d.feats = d.feats[:0]
	d.offs = append(d.offs[:0], 0)
	d.gtoks = d.gtoks[:0]
	d.gofs = append(d.gofs[:0], 0)
	for si, s := range sents {
		a := int(d.sents[si])
		infos := d.infos[a : a+len(s)]
		d.gtok = d.gtok[:0]
		if gaz != nil && f&FeatGazetteer != 0 {
			d.gaz = gaz.Match(d.gaz[:0], s)
			for _, g := range d.gaz {
				if g.Start < 0 || g.End > len(s) || g.Start >= g.End {
					continue
				}
				th, kh := fnvString(g.Type), fnvString(g.Kind)
				for t := g.Start; t < g.End; t++ {
					pos := uint64(2)
					switch {
					case g.End-g.Start == 1:
						pos = 0
					case t == g.Start:
						pos = 1
					case t == g.End-1:
						pos = 3
					}
					d.gtok = append(d.gtok, gazTok{int32(t), th, kh, pos})
				}
			}
		}
		if d.lazy {
			d.gtoks = append(d.gtoks, d.gtok...)
			d.gofs = append(d.gofs, int32(len(d.gtoks)))
			continue
		}
		for i := range infos {
			start := len(d.feats)
			d.feats = m.tokenFeatures(d.feats, infos, i, d.sflags[si], d, d.gtok, partAll)
			if domain != 0 {
				for _, r := range d.feats[start:] {
					d.feats = append(d.feats, m.bucket(mix(uint64(r)^domain*0x9E3779B97F4A7C15)))
				}
			}
			d.offs = append(d.offs, int32(len(d.feats)))
		}
	}
}

// gazIndexMin is the number of gazetteer features in a sentence above
// which tokenFeatures looks them up by token instead of scanning them all:
// scanning is quadratic in a sentence of a million tokens (a list, a dump).
const gazIndexMin = 64

// gazIndex finds a sentence's gazetteer features by token: those of token
// t are gtok[perm[start[t]:start[t+1]]], in gtok's order.
type gazIndex struct {
	gtok        []gazTok // the sentence it was built for
	start, perm []int32
	near3       []int32
}

// near calls fn for the features of tokens i-1, i and i+1 in gtok's order,
// the order a scan would give: training sums the rows in float32, so the
// order must not change for the model to stay reproducible.
func (x *gazIndex) near(gtok []gazTok, n, i int, fn func(*gazTok)) {
	if len(x.gtok) != len(gtok) || len(gtok) > 0 && &x.gtok[0] != &gtok[0] {
		x.build(gtok, n)
	}
	x.near3 = x.near3[:0]
	for t := max(i-1, 0); t <= min(i+1, n-1); t++ {
		x.near3 = append(x.near3, x.perm[x.start[t]:x.start[t+1]]...)
	}
	slices.Sort(x.near3)
	for _, k := range x.near3 {
		fn(&gtok[k])
	}
}

// build indexes gtok by token with a stable counting sort.
func (x *gazIndex) build(gtok []gazTok, n int) {
	x.gtok = gtok
	x.start = slices.Grow(x.start[:0], n+1)[:n+1]
	clear(x.start)
	for _, g := range gtok {
		x.start[g.tok+1]++
	}
	for t := 1; t <= n; t++ {
		x.start[t] += x.start[t-1]
	}
	x.perm = slices.Grow(x.perm[:0], len(gtok))[:len(gtok)]
	fill := slices.Clone(x.start[:n])
	for k, g := range gtok {
		x.perm[fill[g.tok]] = int32(k)
		fill[g.tok]++
	}
}

// analyzeToken fills ti from tok: its forms and their clusters.
func (m *Model) analyzeToken(ti *tokInfo, tok string, sc *tokScratch) {
	analyze(ti, tok, sc)
	if m.clusters != nil && m.features&FeatCluster != 0 {
		if c, ok := m.clusters.get(ti.word); ok {
			ti.clus = c
		} else if c, ok := m.clusters.get(sc.title); sc.title != 0 && ok {
			ti.clus = c
		} else if c, ok := m.clusters.get(ti.lower); ok {
			ti.clus = c
		}
		ti.clus12 = [2]uint32{ti.clus[1], ti.clus[2]}
	}
}

// Parts of a token's static features (see tokenFeatures).
const (
	partOwn      = 1 << iota // features of the token alone
	partNeighbor             // features of one neighbour alone (see neighborFeatures)
	partJoint                // the other features of its neighbours, sentence or document
	partContext  = partNeighbor | partJoint
	partAll      = partOwn | partContext
)

// featsOf returns the static feature rows of token k, of sentence si, of
// the given parts: the prepared ones (all parts), or with d.lazy computed
// now (valid until the next call).
func (m *Model) featsOf(d *docFeatures, si, k int, parts uint8) []uint32 {
	if !d.lazy {
		return d.feats[d.offs[k]:d.offs[k+1]]
	}
	a, b := int(d.sents[si]), int(d.sents[si+1])
	d.scratch = m.tokenFeatures(d.scratch[:0], d.infos[a:b], k-a, d.sflags[si], d, d.gtoks[d.gofs[si]:d.gofs[si+1]], parts)
	return d.scratch
}

// tokenFeatures appends the static feature rows of token i of the given
// parts. With partAll the rows come in one fixed order, which training
// relies on (float sums must not change order for the model to be
// reproducible); own rows are those that depend on ti alone, so that
// tagging can sum them once per word type (see wordMemo).
func (m *Model) tokenFeatures(dst []uint32, infos []tokInfo, i int, sf uint8, d *docFeatures, gtok []gazTok, parts uint8) []uint32 {
	f := m.features
	ti := &infos[i]
	add := func(h uint64) {
		if parts&partJoint != 0 {
			dst = append(dst, m.bucket(h))
		}
	}
	nb := func(h uint64) {
		if parts&partNeighbor != 0 {
			dst = append(dst, m.bucket(h))
		}
	}
	own := func(h uint64) {
		if parts&partOwn != 0 {
			dst = append(dst, m.bucket(h))
		}
	}
	at := func(j int) *tokInfo {
		if j < 0 || j >= len(infos) {
			return nil
		}
		return &infos[j]
	}
	normAt := func(j int) uint64 {
		if t := at(j); t != nil {
			return t.norm
		}
		if j < 0 {
			return hashBOS
		}
		return hashEOS
	}
	shortAt := func(j int) uint64 {
		if t := at(j); t != nil {
			return t.short
		}
		if j < 0 {
			return hashBOS
		}
		return hashEOS
	}
	own(feat1(tmplBias, 0))
	if f&FeatLexical != 0 {
		own(feat1(tmplWord, ti.word))
		own(feat1(tmplNorm, ti.norm))
	}
	if f&FeatShape != 0 {
		own(feat1(tmplShape, ti.shape))
		own(feat1(tmplShort, ti.short))
	}
	if f&FeatAffix != 0 {
		for k := 0; k < int(ti.npre); k++ {
			own(feat2(tmplPre, ti.pre[k], uint64(k)))
			own(feat2(tmplSuf, ti.suf[k], uint64(k)))
		}
	}
	// The features nb adds are those of neighborFeatures, which must stay
	// the same (TestNeighborFeatures); they come here in the order
	// training sums them.
	if f&FeatContext != 0 {
		nb(feat1(tmplNormM1, normAt(i-1)))
		nb(feat1(tmplNormP1, normAt(i+1)))
		nb(feat1(tmplNormM2, normAt(i-2)))
		nb(feat1(tmplNormP2, normAt(i+2)))
		nb(feat1(tmplShortM1, shortAt(i-1)))
		nb(feat1(tmplShortP1, shortAt(i+1)))
		add(feat2(tmplShort3, shortAt(i-1)*31+ti.short, shortAt(i+1)))
		nb(feat1(tmplShortM2, shortAt(i-2)))
		nb(feat1(tmplShortP2, shortAt(i+2)))
		if t := at(i - 1); t != nil {
			nb(feat1(tmplWordM1, t.word))
			if t.npre >= 3 {
				nb(feat1(tmplSufM1, t.suf2))
			}
		}
		if t := at(i + 1); t != nil {
			nb(feat1(tmplWordP1, t.word))
			if t.npre >= 3 {
				nb(feat1(tmplSufP1, t.suf2))
			}
		}
	}
	if f&FeatBigram != 0 {
		add(feat2(tmplBiM1, normAt(i-1), ti.norm))
		add(feat2(tmplBiP1, ti.norm, normAt(i+1)))
		add(feat2(tmplWordShortM1, ti.word, shortAt(i-1)))
	}
	if f&FeatSentence != 0 {
		ctx := caseCtx(i, sf, infos)
		add(feat2(tmplFirst, ctx, ti.short))
		if sf&(sAllCaps|sTitle) != 0 {
			add(feat2(tmplHeadline, uint64(sf), ti.norm))
		}
		if sf&sTable != 0 {
			add(feat2(tmplTable, ti.short, shortAt(i+1)))
		}
	}
	if f&FeatCluster != 0 && m.clusters != nil {
		for k, c := range ti.clus {
			if c != 0 {
				own(feat2(tmplClus, uint64(c), uint64(k)))
			}
		}
		if t := at(i - 1); t != nil {
			for k := 1; k < 3; k++ {
				if c := t.clus12[k-1]; c != 0 {
					nb(feat2(tmplClusM1, uint64(c), uint64(k)))
				}
			}
		}
		if t := at(i + 1); t != nil {
			for k := 1; k < 3; k++ {
				if c := t.clus12[k-1]; c != 0 {
					nb(feat2(tmplClusP1, uint64(c), uint64(k)))
				}
			}
		}
		{
			var cm, cp uint64
			if t := at(i - 1); t != nil {
				cm = uint64(t.clus12[0])
			}
			if t := at(i + 1); t != nil {
				cp = uint64(t.clus12[0])
			}
			add(feat2(tmplClusBi, cm<<32|uint64(ti.clus12[0]), 0))
			add(feat2(tmplClusBi, uint64(ti.clus12[0])<<32|cp, 1))
			own(feat2(tmplClusShape, uint64(ti.clus[2]), ti.short))
			if t := at(i - 2); t != nil && t.clus12[0] != 0 {
				nb(feat2(tmplClusM2, uint64(t.clus12[0]), 0))
			}
			if t := at(i + 2); t != nil && t.clus12[0] != 0 {
				nb(feat2(tmplClusP2, uint64(t.clus12[0]), 0))
			}
		}
	}
	if f&FeatGazetteer != 0 {
		gazFeat := func(g *gazTok) {
			switch int(g.tok) {
			case i:
				add(feat2(tmplGaz, g.typ, g.pos))
				if g.kind != fnvOffset {
					add(feat2(tmplGazKind, g.kind, g.pos))
				}
			case i - 1:
				add(feat2(tmplGazM1, g.typ, g.pos))
			case i + 1:
				add(feat2(tmplGazP1, g.typ, g.pos))
			}
		}
		if len(gtok) <= gazIndexMin {
			for k := range gtok {
				gazFeat(&gtok[k])
			}
		} else {
			d.gix.near(gtok, len(infos), i, gazFeat)
		}
	}
	if f&FeatDocument != 0 && ti.flags&(tInitCap|tAllCaps) != 0 && ti.flags&tHasLetter != 0 {
		st := d.stats.get(ti.lower)
		ctx := caseCtx(i, sf, infos)
		lower := min(st.lowerInit, 1)
		capMid := st.capMid
		if ctx == 0 {
			capMid-- // this occurrence
		}
		v := uint64(lower)<<4 | uint64(min(max(capMid, 0), 2))<<2 | ctx
		add(feat2(tmplDocCase, v, 0))
		add(feat2(tmplDocCase, v, ti.short))
	}
	return dst
}

// neighborOffsets are the positions, relative to a token, of the
// neighbours whose features neighborFeatures gives.
var neighborOffsets = [4]int{-2, -1, 1, 2}

// neighborFeatures appends the rows tokenFeatures adds as partNeighbor
// for the token at offset pos (one of neighborOffsets) from the one it
// describes: t, or nil past the start or end of the sentence. They depend
// on t alone, so tagging sums them once per word type and offset (see
// Model.neighborSum); about 18 of a token's 30 context rows, each a likely
// cache miss in the weight table.
func (m *Model) neighborFeatures(dst []uint32, t *tokInfo, pos int) []uint32 {
	f := m.features
	emit := func(h uint64) { dst = append(dst, m.bucket(h)) }
	norm, short := uint64(hashBOS), uint64(hashBOS)
	if pos > 0 {
		norm, short = hashEOS, hashEOS
	}
	if t != nil {
		norm, short = t.norm, t.short
	}
	if f&FeatContext != 0 {
		normT, shortT, wordT, sufT := tmplNormM1, tmplShortM1, tmplWordM1, tmplSufM1
		switch pos {
		case 1:
			normT, shortT, wordT, sufT = tmplNormP1, tmplShortP1, tmplWordP1, tmplSufP1
		case -2:
			normT, shortT = tmplNormM2, tmplShortM2
		case 2:
			normT, shortT = tmplNormP2, tmplShortP2
		}
		emit(feat1(normT, norm))
		emit(feat1(shortT, short))
		if t != nil && (pos == -1 || pos == 1) {
			emit(feat1(wordT, t.word))
			if t.npre >= 3 {
				emit(feat1(sufT, t.suf2))
			}
		}
	}
	if f&FeatCluster != 0 && m.clusters != nil && t != nil {
		switch pos {
		case -1, 1:
			tmpl := tmplClusM1
			if pos == 1 {
				tmpl = tmplClusP1
			}
			for k := 1; k < 3; k++ {
				if c := t.clus12[k-1]; c != 0 {
					emit(feat2(tmpl, uint64(c), uint64(k)))
				}
			}
		case -2, 2:
			tmpl := tmplClusM2
			if pos == 2 {
				tmpl = tmplClusP2
			}
			if t.clus12[0] != 0 {
				emit(feat2(tmpl, uint64(t.clus12[0]), 0))
			}
		}
	}
	return dst
}
