package export

import (
	"bufio"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"cograph/graph"
)

// kind is the value type of an attribute. Each format maps it onto its own
// type names (GraphML attr.type, GEXF attribute type, JSON value).
type kind int

const (
	kindString kind = iota
	kindInt
	kindDouble
	kindStringList // a JSON array; elsewhere one string joined with listSep
	kindArticles   // a JSON array of objects; elsewhere one string (see articleText)
)

// listSep joins list values in formats without lists. "|" is rare in entity
// names and is what seedcheck.py and Gephi users split on.
const listSep = "|"

// value holds one attribute value; only the field for the attribute's kind
// is set. A struct instead of an interface keeps the getters allocation-free.
type value struct {
	s    string
	i    int64
	f    float64
	list []string
	arts []*graph.Article
}

// attr describes one attribute of a T (graph.Node or graph.Edge).
type attr[T any] struct {
	name  string // in GraphML, GEXF, DOT and JSON
	title string // CSV column header, in Gephi's spreadsheet style
	kind  kind
	get   func(*T) value
}

// nodeAttrs and edgeAttrs are the one place that lists what every format
// exports. Add an attribute here and all writers (and their tests) carry it.
var nodeAttrs = []attr[graph.Node]{
	{"label", "Label", kindString, func(n *graph.Node) value { return value{s: n.Label} }},
	{"type", "Type", kindString, func(n *graph.Node) value { return value{s: n.Type} }},
	{"aliases", "Aliases", kindStringList, func(n *graph.Node) value { return value{list: n.Aliases} }},
	{"mentions", "Mentions", kindInt, func(n *graph.Node) value { return value{i: int64(n.Mentions)} }},
	{"documents", "Documents", kindInt, func(n *graph.Node) value { return value{i: int64(n.Documents)} }},
	{"first_seen", "FirstSeen", kindString, func(n *graph.Node) value { return value{s: n.FirstSeen} }},
	{"last_seen", "LastSeen", kindString, func(n *graph.Node) value { return value{s: n.LastSeen} }},
	{"degree", "Degree", kindInt, func(n *graph.Node) value { return value{i: int64(n.Degree)} }},
	{"weighted_degree", "WeightedDegree", kindDouble, func(n *graph.Node) value { return value{f: n.WeightedDegree} }},
	{"pagerank", "PageRank", kindDouble, func(n *graph.Node) value { return value{f: n.PageRank} }},
	{"betweenness", "Betweenness", kindDouble, func(n *graph.Node) value { return value{f: n.Betweenness} }},
	{"community", "Community", kindInt, func(n *graph.Node) value { return value{i: int64(n.Community)} }},
	{"component", "Component", kindInt, func(n *graph.Node) value { return value{i: int64(n.Component)} }},
}

var edgeAttrs = []attr[graph.Edge]{
	{"weight", "Weight", kindDouble, func(e *graph.Edge) value { return value{f: e.Weight} }},
	{"count", "Count", kindDouble, func(e *graph.Edge) value { return value{f: e.Count} }},
	{"documents", "Documents", kindInt, func(e *graph.Edge) value { return value{i: int64(e.Documents)} }},
	{"relation", "Relation", kindString, func(e *graph.Edge) value { return value{s: e.Relation} }},
	{"articles", "Articles", kindArticles, func(e *graph.Edge) value { return value{arts: e.Articles} }},
	{"evidence", "Evidence", kindStringList, func(e *graph.Edge) value { return value{list: e.Evidence} }},
}

// sparse lists the string attributes that most edges leave empty: GraphML,
// GEXF, JSON and DOT omit them where empty (readers then see no value),
// which keeps large graphs small; CSV keeps the column.
var sparse = map[string]bool{"relation": true, "evidence": true, "articles": true, "first_seen": true, "last_seen": true}

// omitted reports whether attribute name with value v is left out.
func omitted(name string, v value) bool {
	return sparse[name] && v.s == "" && len(v.list) == 0 && len(v.arts) == 0
}

// text is the value as one string, for formats without typed values.
// Strings are returned raw: escaping is the format's job.
func (v value) text(k kind) string {
	switch k {
	case kindInt:
		return strconv.FormatInt(v.i, 10)
	case kindDouble:
		return formatFloat(v.f)
	case kindStringList:
		if len(v.list) == 1 && !strings.Contains(v.list[0], listSep) {
			return v.list[0]
		}
		return string(v.appendText(nil, k))
	case kindArticles:
		return string(v.appendText(nil, k))
	default:
		return v.s
	}
}

// appendText appends the value as text returns; lists are written
// straight into dst. Large graphs cite millions of articles, and a string
// per article or per edge would be most of the garbage a write makes.
func (v value) appendText(dst []byte, k kind) []byte {
	switch k {
	case kindStringList:
		return appendJoined(dst, v.list, appendListItem)
	case kindArticles:
		return appendJoined(dst, v.arts, appendArticle)
	}
	return append(dst, v.text(k)...)
}

// appendJoined appends the items, each with add, separated by listSep.
func appendJoined[T any](dst []byte, items []T, add func([]byte, T) []byte) []byte {
	for i, x := range items {
		if i > 0 {
			dst = append(dst, listSep...)
		}
		dst = add(dst, x)
	}
	return dst
}

// appendListItem appends s with any listSep inside made a broken bar, so
// that splitting on listSep gives the values back.
func appendListItem(dst []byte, s string) []byte {
	for {
		i := strings.Index(s, listSep)
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		dst = append(dst, "¦"...)
		s = s[i+len(listSep):]
	}
}

// articleText is an article in one line: "ID (DATE) TITLE <URL>", the
// parts that are known, with any listSep inside made a broken bar.
func articleText(a *graph.Article) string {
	return string(appendArticle(nil, a))
}

func appendArticle(dst []byte, a *graph.Article) []byte {
	dst = appendListItem(dst, a.ID)
	if a.Date != "" {
		dst = append(dst, " ("...)
		dst = appendListItem(dst, a.Date)
		dst = append(dst, ')')
	}
	// The title's words, each after one space (strings.Fields without
	// the slice: this runs for every article of every edge).
	for t := a.Title; ; {
		t = strings.TrimLeftFunc(t, unicode.IsSpace)
		if t == "" {
			break
		}
		end := strings.IndexFunc(t, unicode.IsSpace)
		if end < 0 {
			end = len(t)
		}
		dst = append(dst, ' ')
		dst = appendListItem(dst, t[:end])
		t = t[end:]
	}
	if a.URL != "" {
		dst = append(dst, " <"...)
		dst = appendListItem(dst, a.URL)
		dst = append(dst, '>')
	}
	return dst
}

// scratch holds the byte buffers writers format list values in.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// writeXMLValue writes v escaped for XML: lists are formatted in a pooled
// buffer rather than a new string.
func writeXMLValue(bw *bufio.Writer, v value, k kind) {
	switch k {
	case kindInt:
		// Digits and signs need no escaping.
		bw.Write(strconv.AppendInt(bw.AvailableBuffer(), v.i, 10))
		return
	case kindString, kindDouble:
		writeXMLText(bw, v.text(k))
		return
	}
	p := scratch.Get().(*[]byte)
	b := v.appendText((*p)[:0], k)
	// The string is read at once and the buffer not touched meanwhile.
	writeXMLText(bw, unsafe.String(unsafe.SliceData(b), len(b)))
	*p = b
	scratch.Put(p)
}

// formatFloat spells x the same way on every platform and run. Integral
// values print as integers so that counts (weights, weighted degrees) above
// 999999 do not lose digits to the 6 significant digits used otherwise.
func formatFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "INF"
	case math.IsInf(x, -1):
		return "-INF"
	case x == math.Trunc(x) && math.Abs(x) < 1e15:
		if x == 0 {
			return "0" // not "-0"
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// nodeID is the identifier every format uses for a node.
func nodeID(id int64) string { return "n" + strconv.FormatInt(id, 10) }

// writeID writes prefix and n, as nodeID and edgeID spell them, without
// making a string.
func writeID(bw *bufio.Writer, prefix byte, n int64) {
	bw.WriteByte(prefix)
	bw.Write(strconv.AppendInt(bw.AvailableBuffer(), n, 10))
}

// edgeID identifies the i-th edge in GraphML and GEXF.
func edgeID(i int) string { return "e" + strconv.Itoa(i) }
