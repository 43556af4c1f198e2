package export

import (
	"math"
	"strconv"
	"strings"

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
	{"degree", "Degree", kindInt, func(n *graph.Node) value { return value{i: int64(n.Degree)} }},
	{"weighted_degree", "WeightedDegree", kindDouble, func(n *graph.Node) value { return value{f: n.WeightedDegree} }},
	{"pagerank", "PageRank", kindDouble, func(n *graph.Node) value { return value{f: n.PageRank} }},
	{"betweenness", "Betweenness", kindDouble, func(n *graph.Node) value { return value{f: n.Betweenness} }},
	{"community", "Community", kindInt, func(n *graph.Node) value { return value{i: int64(n.Community)} }},
	{"component", "Component", kindInt, func(n *graph.Node) value { return value{i: int64(n.Component)} }},
}

var edgeAttrs = []attr[graph.Edge]{
	{"weight", "Weight", kindDouble, func(e *graph.Edge) value { return value{f: e.Weight} }},
	{"documents", "Documents", kindInt, func(e *graph.Edge) value { return value{i: int64(e.Documents)} }},
	{"relation", "Relation", kindString, func(e *graph.Edge) value { return value{s: e.Relation} }},
}

// sparse lists the string attributes that most edges leave empty: GraphML,
// GEXF, JSON and DOT omit them where empty (readers then see no value),
// which keeps large graphs small; CSV keeps the column.
var sparse = map[string]bool{"relation": true}

// omitted reports whether attribute name with value v is left out.
func omitted(name string, v value) bool { return sparse[name] && v.s == "" && v.list == nil }

// text is the value as one string, for formats without typed values.
// Strings are returned raw: escaping is the format's job.
func (v value) text(k kind) string {
	switch k {
	case kindInt:
		return strconv.FormatInt(v.i, 10)
	case kindDouble:
		return formatFloat(v.f)
	case kindStringList:
		return strings.Join(v.list, listSep)
	default:
		return v.s
	}
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

// edgeID identifies the i-th edge in GraphML and GEXF.
func edgeID(i int) string { return "e" + strconv.Itoa(i) }
