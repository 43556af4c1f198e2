package export

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"cograph/graph"
)

// Visual encodings shared by DOT (and so by the pictures [Rendered] draws
// from it) and GEXF. They depend only on the graph, so they keep the output
// deterministic.

// typeShapes gives each entity type its own outline, so the type stays
// visible now that the fill shows the community. Nodes are drawn as wide
// as they are high, so the ellipse is a circle and the box a square.
var typeShapes = map[string]string{
	graph.Person:       "ellipse",
	graph.Organization: "box",
	graph.Event:        "hexagon",
	graph.Place:        "house",
}

// otherShape draws a type the table above does not know.
const otherShape = "diamond"

func shapeOf(typ string) string {
	if s, ok := typeShapes[typ]; ok {
		return s
	}
	return otherShape
}

// communityFills is Paul Tol's "light" qualitative scheme, made to be told
// apart with the common forms of colour blindness and to carry black text,
// which the labels are. Communities are numbered by size, so the eight
// largest get their own colour; the rest share otherCommunityFill (Tol's
// pale grey) rather than reuse a colour and suggest a false kinship. A
// longer palette would break the colour-blind guarantee.
var communityFills = []string{
	"#77aadd", // light blue
	"#ee8866", // orange
	"#eedd88", // light yellow
	"#ffaabb", // pink
	"#99ddff", // light cyan
	"#44bb99", // mint
	"#bbcc33", // pear
	"#aaaa00", // olive
}

const otherCommunityFill = "#dddddd"

func communityFill(c int) string {
	if c >= 0 && c < len(communityFills) {
		return communityFills[c]
	}
	return otherCommunityFill
}

// rgb is a colour as GEXF's viz:color wants it.
type rgb struct{ r, g, b uint8 }

// communityColor is communityFill as GEXF's viz:color wants it, so that a
// community has one colour in Gephi and in the rendered picture.
func communityColor(c int) rgb {
	var v rgb
	fmt.Sscanf(communityFill(c), "#%02x%02x%02x", &v.r, &v.g, &v.b)
	return v
}

// maxPageRank is the largest finite, positive PageRank in g, or 0.
func maxPageRank(g *graph.Graph) float64 {
	m := 0.0
	for i := range g.Nodes {
		if pr := g.Nodes[i].PageRank; pr > m && !math.IsInf(pr, 1) {
			m = pr
		}
	}
	return m
}

// prominence maps a PageRank onto [0, 1] relative to the graph's largest.
// The square root makes area, not diameter, grow with rank; NaN and
// negative scores count as 0.
func prominence(pr, max float64) float64 {
	if !(pr > 0) || !(max > 0) {
		return 0
	}
	return math.Sqrt(math.Min(pr/max, 1))
}

// Node sizes in inches. The floor keeps the many minor entities visible as
// dots; the ceiling is a little less than the width of the largest label.
const (
	minNodeSize = 0.2
	maxNodeSize = 1.5
)

// nodeSize is the width and height of a node's shape in inches: its area
// grows in proportion to PageRank above a floor, so the main actors stand
// out without every other node shrinking to nothing.
func nodeSize(pr, max float64) float64 {
	return minNodeSize + (maxNodeSize-minNodeSize)*prominence(pr, max)
}

// fontSize is a label's size in points, from 10 to 24 with prominence, so
// the labels of the main actors read first.
func fontSize(pr, max float64) float64 { return 10 + 14*prominence(pr, max) }

// Label rule: a drawing of thousands of names is unreadable, and sfdp
// spreads the graph out to make room for every label. Graphs of up to
// labelAll nodes label every node; larger ones only the labelTop nodes of
// highest PageRank.
const (
	labelAll = 60
	labelTop = 40
)

// labelled reports, by position in g.Nodes, which nodes get a label.
// Ties in PageRank go to the lower ID and NaN ranks last, so the choice is
// deterministic.
func labelled(g *graph.Graph) []bool {
	show := make([]bool, len(g.Nodes))
	if len(g.Nodes) <= labelAll {
		for i := range show {
			show[i] = true
		}
		return show
	}
	order := make([]int, len(g.Nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		x, y := &g.Nodes[a], &g.Nodes[b]
		if c := cmp.Compare(y.PageRank, x.PageRank); c != 0 { // descending; NaN sorts as smallest
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	for _, i := range order[:labelTop] {
		show[i] = true
	}
	return show
}

// coMentions is the number of windows an edge's width shows. Under the
// default count weighting that is Weight, which hand-made graphs set
// without Count; jaccard and npmi weights lie within [-1, 1] and
// association weights near 1, where a logarithmic width would draw every
// edge alike, so the width then shows the raw Count.
func coMentions(g *graph.Graph, e *graph.Edge) float64 {
	if g.Weight == graph.CountWeight {
		return e.Weight
	}
	return e.Count
}

// penWidth maps a co-mention count onto a Graphviz penwidth in [0.75, 6].
// The logarithm keeps a handful of very frequent pairs from drowning the
// rest.
func penWidth(count float64) float64 {
	if !(count > 1) { // also NaN
		return 0.75
	}
	return math.Min(0.75+math.Log2(count), 6)
}
