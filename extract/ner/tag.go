package ner

// tagger is the per-call scratch space of the decoder, pooled so that
// tagging does not allocate in the steady state.
type tagger struct {
	d      *docFeatures
	own    docFeatures
	scores []float32
	labels []uint8   // predicted label of every token of the document
	outl   []uint8   // the same as IOB2 tags (indexes into Model.out)
	static []float32 // per token, the scores of its static features
	summed []bool    // whether static holds the token's scores yet
	rows   []uint32
	memo   wordMemo
}

// maxIdle bounds the taggers kept for reuse: more than the cores that tag
// at once are never needed.
const maxIdle = 64

// getTagger returns an idle tagger or a new one. Taggers are kept in a
// list of their own rather than a sync.Pool, which empties at every
// garbage collection: a tagger's word memo is worth keeping.
func (m *Model) getTagger() *tagger {
	m.idleMu.Lock()
	if n := len(m.idle); n > 0 {
		t := m.idle[n-1]
		m.idle = m.idle[:n-1]
		m.idleMu.Unlock()
		return t
	}
	m.idleMu.Unlock()
	t := &tagger{scores: make([]float32, m.nl)}
	t.d = &t.own
	return t
}

// putTagger makes t available to the next getTagger.
func (m *Model) putTagger(t *tagger) {
	m.idleMu.Lock()
	if len(m.idle) < maxIdle {
		m.idle = append(m.idle, t)
	}
	m.idleMu.Unlock()
}

// TagDocument labels every token of a document, given as its sentences of
// tokens, with an IOB2 tag ("B-PER", "I-PER", "O"; types PER, ORG, LOC,
// MISC, EVENT). The tokens are used as given; the other sentences of the
// document serve as context. gaz may be nil. The returned slices are new;
// the tag strings are shared and must not be modified.
func (m *Model) TagDocument(sents [][]string, gaz Gazetteer) [][]string {
	return m.TagDocumentTo(nil, sents, gaz)
}

// TagDocumentTo is [Model.TagDocument] writing into dst, whose slices are
// reused when their capacity allows.
func (m *Model) TagDocumentTo(dst [][]string, sents [][]string, gaz Gazetteer) [][]string {
	t := m.getTagger()
	m.tag(t, sents, gaz)
	if cap(dst) >= len(sents) {
		dst = dst[:len(sents)]
	} else {
		dst = append(dst[:cap(dst)], make([][]string, len(sents)-cap(dst))...)
	}
	k := 0
	var flat []string // one array for the sentences dst has no room for
	for i, s := range sents {
		out := dst[i]
		if cap(out) >= len(s) {
			out = out[:len(s)]
		} else {
			if len(flat) < len(s) {
				flat = make([]string, len(t.outl)-k)
			}
			out, flat = flat[:len(s):len(s)], flat[len(s):]
		}
		for j := range s {
			out[j] = m.out[t.outl[k]]
			k++
		}
		dst[i] = out
	}
	m.putTagger(t)
	return dst
}

// tag fills t.labels for the document.
func (m *Model) tag(t *tagger, sents [][]string, gaz Gazetteer) {
	t.d = &t.own
	t.d.lazy = true
	t.d.memo = nil
	if m.q != nil && m.nl == 11 {
		t.d.memo = &t.memo
	}
	m.prepare(t.d, sents, gaz, 0)
	m.decodeDoc(t, true)
	t.outl = t.outl[:0]
	for _, l := range t.labels {
		t.outl = append(t.outl, m.toOut[l])
	}
	for si, s := range sents {
		a := int(t.d.sents[si])
		m.applyRules(s, t.outl[a:a+len(s)])
	}
}

// decodeDoc tags the prepared document t.d into t.labels. With skipLower,
// a lower-case word after O is taken as O without scoring (see decode);
// training decodes every token, so the model does not depend on it.
func (m *Model) decodeDoc(t *tagger, skipLower bool) {
	d := t.d
	n := len(d.infos)
	if cap(t.labels) < n {
		t.labels = make([]uint8, n)
	}
	t.labels = t.labels[:n]
	// The static features' scores are summed once for both passes.
	nl := m.nl
	if cap(t.static) < n*nl {
		t.static = make([]float32, n*nl)
	}
	t.static = t.static[:n*nl]
	if cap(t.summed) < n {
		t.summed = make([]bool, n)
	}
	t.summed = t.summed[:n]
	clear(t.summed)
	m.decode(t, false, skipLower)
	if m.features&FeatDocTags != 0 {
		m.countTags(d, t.labels)
		m.decode(t, true, skipLower)
	}
}

// sum sets scores to the sum of the weight rows.
func (m *Model) sum(scores []float32, rows []uint32) {
	nl := m.nl
	scores = scores[:nl]
	if m.q != nil && nl == 11 {
		m.sum11(scores, rows)
		return
	}
	if m.q != nil {
		var acc [32]int32
		a := acc[:nl]
		q := m.q
		for _, r := range rows {
			o := int(r) * nl
			row := q[o : o+nl]
			for j := range a {
				a[j] += int32(row[j])
			}
		}
		for j := range scores {
			scores[j] = float32(a[j]) * m.scale
		}
		return
	}
	clear(scores)
	m.addFloatRows(scores, rows)
}

// sumStatic sets scores to the sum of token k's static feature rows. With
// a word memo the rows of the token's own features are summed once per
// word type; integer sums make the result the same in any order.
func (m *Model) sumStatic(scores []float32, d *docFeatures, si, k int) {
	if d.memo == nil {
		m.sum(scores, m.featsOf(d, si, k, partAll))
		return
	}
	var a [11]int32
	if i := d.entry[k]; i < 0 {
		a = m.words.sums[^i].own
	} else {
		e := d.memo.entry(i)
		if !e.summed {
			d.infos[k].tokCold = e.info.tokCold // prepare copied the hot part only
			e.own = [11]int32{}
			m.acc11(&e.own, m.featsOf(d, si, k, partOwn))
			e.summed = true
		}
		a = e.own
	}
	m.acc11(&a, m.featsOf(d, si, k, partJoint))
	sa, sb := int(d.sents[si]), int(d.sents[si+1])
	for p, pos := range neighborOffsets {
		s := m.neighborSum(d, k+pos, sa, sb, p)
		for j := range a {
			a[j] += s[j]
		}
	}
	scores = scores[:11]
	for j := range a {
		scores[j] = float32(a[j]) * m.scale
	}
}

// neighborSum returns the quantized sum of the rows of neighborFeatures
// for token j (of the sentence [sa, sb)) as the neighbour at
// neighborOffsets[p], computed once per word type.
func (m *Model) neighborSum(d *docFeatures, j, sa, sb, p int) *[11]int32 {
	sum, done, t := &d.memo.edge[p], &d.memo.edgeDone, (*tokInfo)(nil)
	if j >= sa && j < sb {
		if i := d.entry[j]; i < 0 {
			return &m.words.sums[^i].nbr[p]
		}
		e := d.memo.entry(d.entry[j])
		sum, done, t = &e.nbr[p], &e.nbrDone, &d.infos[j]
	}
	if *done&(1<<p) == 0 {
		*sum = [11]int32{}
		d.scratch = m.neighborFeatures(d.scratch[:0], t, neighborOffsets[p])
		m.acc11(sum, d.scratch)
		*done |= 1 << p
	}
	return sum
}

// sum11 is sum for the usual 11 tags (five types in IOB2, and O) over
// quantized weights.
func (m *Model) sum11(scores []float32, rows []uint32) {
	var a [11]int32
	m.acc11(&a, rows)
	scores = scores[:11]
	for j := range a {
		scores[j] = float32(a[j]) * m.scale
	}
}

// acc11 adds the quantized rows to a. It is the tagger's innermost loop,
// about a tenth of extraction: with AVX2 the rows are added in vector
// registers (7-10% less extraction time), else one element at a time.
func (m *Model) acc11(a *[11]int32, rows []uint32) {
	if m.vec && len(rows) > 0 {
		acc11AVX2(a, &m.q[0], rows)
		return
	}
	m.acc11Go(a, rows)
}

// acc11Go is acc11 in Go: a fixed-size row lets the compiler drop the
// bounds checks of the loop.
func (m *Model) acc11Go(a *[11]int32, rows []uint32) {
	q := m.q
	for _, r := range rows {
		row := (*[11]int16)(q[int(r)*11:])
		a[0] += int32(row[0])
		a[1] += int32(row[1])
		a[2] += int32(row[2])
		a[3] += int32(row[3])
		a[4] += int32(row[4])
		a[5] += int32(row[5])
		a[6] += int32(row[6])
		a[7] += int32(row[7])
		a[8] += int32(row[8])
		a[9] += int32(row[9])
		a[10] += int32(row[10])
	}
}

// decode tags every sentence greedily from left to right; second adds the
// features of the first pass's tags.
func (m *Model) decode(t *tagger, second, skipLower bool) {
	d := t.d
	for si := 0; si+1 < len(d.sents); si++ {
		a, b := int(d.sents[si]), int(d.sents[si+1])
		t1, t2 := m.nl, m.nl
		nl := m.nl
		for k := a; k < b; k++ {
			if skipLower && (t1 == nl || t1 == 0) && d.infos[k].flags&(tLowerInit|tPunct) != 0 {
				// After O a tag can only be O or B-x, and a name almost
				// never begins with a lower-case word: the token is O
				// without scoring it (or hashing its features), which
				// spares most of the tokens of running text.
				t.labels[k] = 0
				t2, t1 = t1, 0
				continue
			}
			t.rows = t.rows[:0]
			if m.features&FeatHistory != 0 {
				n := nl + 1
				t.rows = append(t.rows, m.rowT1[t1], m.rowT12[t2*n+t1], m.bucket(feat2(tmplT1Short, uint64(t1), d.infos[k].short)))
			}
			if second {
				t.rows = m.docTagRows(t.rows, d, k, a, si, t.labels)
			}
			static := t.static[k*nl : (k+1)*nl]
			if !t.summed[k] {
				m.sumStatic(static, d, si, k)
				t.summed[k] = true
			}
			copy(t.scores, static)
			y := m.pick(t.scores, t.rows, t1)
			t.labels[k] = uint8(y)
			t2, t1 = t1, y
		}
	}
}

// tokenRows returns the weight rows of token k (sentence si starting at
// token a) with tag history t1, t2.
func (m *Model) tokenRows(rows []uint32, d *docFeatures, k, a, si, t1, t2 int, second bool, pass1 []uint8) []uint32 {
	rows = append(rows, d.feats[d.offs[k]:d.offs[k+1]]...)
	if m.features&FeatHistory != 0 {
		n := m.nl + 1
		rows = append(rows, m.rowT1[t1], m.rowT12[t2*n+t1], m.bucket(feat2(tmplT1Short, uint64(t1), d.infos[k].short)))
	}
	if second {
		rows = m.docTagRows(rows, d, k, a, si, pass1)
	}
	return rows
}

// best returns the highest-scoring label allowed after prev (I-x only
// after B-x or I-x).
func (m *Model) best(scores []float32, rows []uint32, prev int) int {
	clear(scores[:m.nl])
	return m.pick(scores, rows, prev)
}

// addFloatRows adds the unquantized weight rows (during training) to scores.
func (m *Model) addFloatRows(scores []float32, rows []uint32) {
	nl := m.nl
	w := m.w
	for _, r := range rows {
		o := int(r) * nl
		row := w[o : o+nl]
		for j := range scores[:nl] {
			scores[j] += row[j]
		}
	}
}

// pick adds the rows to scores and returns the best allowed label.
func (m *Model) pick(scores []float32, rows []uint32, prev int) int {
	nl := m.nl
	scores = scores[:nl]
	if m.q != nil {
		q := m.q
		for _, r := range rows {
			o := int(r) * nl
			row := q[o : o+nl]
			for j := range scores {
				scores[j] += float32(row[j]) * m.scale
			}
		}
	} else {
		m.addFloatRows(scores, rows)
	}
	allowed := m.allowed[prev*nl : prev*nl+nl]
	by, bs := -1, float32(0)
	for y := 0; y < nl; y++ {
		if !allowed[y] {
			continue
		}
		if by < 0 || scores[y] > bs {
			by, bs = y, scores[y]
		}
	}
	return by
}

// countTags records the first pass's tags of every capitalised word.
func (m *Model) countTags(d *docFeatures, labels []uint8) {
	for _, i := range d.stats.used {
		d.stats.vals[i].tags = [8]int32{}
		d.stats.vals[i].first = 0
	}
	for si := 0; si+1 < len(d.sents); si++ {
		a, b := int(d.sents[si]), int(d.sents[si+1])
		for k := a; k < b; k++ {
			ti := &d.infos[k]
			if ti.flags&(tInitCap|tAllCaps) == 0 || ti.flags&tHasLetter == 0 {
				continue
			}
			st := d.stats.get(ti.lower)
			ty := int(m.lType[labels[k]])
			st.tags[ty]++
			if st.first == 0 && caseCtx(k-a, d.sflags[si], d.infos[a:b]) == 0 {
				st.first = int8(ty + 1)
			}
		}
	}
}

// docTagRows appends the features of the tags the first pass gave the same
// word elsewhere in the document.
func (m *Model) docTagRows(rows []uint32, d *docFeatures, k, a, si int, pass1 []uint8) []uint32 {
	ti := &d.infos[k]
	if ti.flags&(tInitCap|tAllCaps) == 0 || ti.flags&tHasLetter == 0 {
		return rows
	}
	st := d.stats.get(ti.lower)
	own := int(m.lType[pass1[k]])
	bestT, bestN, total := 0, int32(0), int32(0)
	for ty, c := range st.tags {
		if ty == own {
			c--
		}
		total += c
		if c > bestN {
			bestT, bestN = ty, c
		}
	}
	if total == 0 {
		return rows
	}
	b := int(d.sents[si+1])
	ctx := caseCtx(k-a, d.sflags[si], d.infos[a:b])
	rows = append(rows, m.bucket(feat2(tmplDocTag, uint64(bestT), 0)),
		m.bucket(feat2(tmplDocTagCtx, uint64(bestT), ctx<<8|uint64(ti.short&0xff))))
	if st.first != 0 {
		rows = append(rows, m.bucket(feat2(tmplDocFirst, uint64(st.first), ctx)))
	}
	return rows
}
