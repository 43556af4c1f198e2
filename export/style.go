package export

import (
	"math"

	"cograph/graph"
)

// Visual encodings shared by DOT and GEXF. They depend only on the graph,
// so they keep the output deterministic.

// typeStyle is how DOT draws one entity type: a shape and a fill that stay
// distinguishable in greyscale print (Paired palette, light half).
type typeStyle struct{ shape, fill string }

var typeStyles = map[string]typeStyle{
	graph.Person:       {"ellipse", "#a6cee3"}, // light blue
	graph.Organization: {"box", "#b2df8a"},     // light green
	graph.Event:        {"hexagon", "#fdbf6f"}, // light orange
	graph.Place:        {"house", "#cab2d6"},   // lavender
}

// otherStyle draws a type the table above does not know.
var otherStyle = typeStyle{"ellipse", "#e0e0e0"}

func styleOf(typ string) typeStyle {
	if s, ok := typeStyles[typ]; ok {
		return s
	}
	return otherStyle
}

// rgb is a colour as GEXF's viz:color wants it.
type rgb struct{ r, g, b uint8 }

// communityColors is Tableau 10, a categorical palette whose colours are
// told apart easily. Communities are numbered by size, so the ten largest
// get their own colour; the rest share otherCommunity rather than reuse a
// colour and suggest a false kinship.
var communityColors = []rgb{
	{0x4e, 0x79, 0xa7}, {0xf2, 0x8e, 0x2b}, {0xe1, 0x57, 0x59}, {0x76, 0xb7, 0xb2},
	{0x59, 0xa1, 0x4f}, {0xed, 0xc9, 0x48}, {0xb0, 0x7a, 0xa1}, {0xff, 0x9d, 0xa7},
	{0x9c, 0x75, 0x5f}, {0xba, 0xb0, 0xac},
}

var otherCommunity = rgb{0x99, 0x99, 0x99}

func communityColor(c int) rgb {
	if c >= 0 && c < len(communityColors) {
		return communityColors[c]
	}
	return otherCommunity
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

// penWidth maps an edge weight onto a Graphviz penwidth in [0.5, 6]. The
// logarithm keeps a handful of very frequent pairs from drowning the rest.
func penWidth(weight float64) float64 {
	if !(weight > 1) { // also NaN
		return 0.75
	}
	return math.Min(0.75+math.Log2(weight), 6)
}
