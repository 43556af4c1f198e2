package export

import (
	"bufio"
	"io"
	"strconv"

	"cograph/graph"
)

// DOT writes an undirected Graphviz graph named cograph, styled for sfdp:
//
//	sfdp -Tsvg -o graph.svg graph.dot
//
// ([Rendered] runs that command for you.) Nodes are "n0", "n1", … (see the
// package comment). The drawing encodes:
//
//   - fill colour: the community, from a colour-blind-safe palette of 8
//     (Paul Tol's "light": community 0, the largest, is light blue, then
//     orange, light yellow, pink, light cyan, mint, pear, olive); smaller
//     communities are pale grey (#dddddd);
//   - shape: the entity type (person circle, organization square, event
//     hexagon, place house, any other type diamond);
//   - size: width and height grow from 0.2 to 1.5 inches with the square
//     root of PageRank relative to the largest, so area follows PageRank;
//     the shape keeps its size (fixedsize=shape) and a longer label spills
//     over it instead of inflating it;
//   - label: the entity name, from 10 to 24 points with PageRank, on every
//     node of a graph of at most 60 nodes, otherwise only on the 40 nodes
//     of highest PageRank (ties to the lower ID); the others get label=""
//     and show their name only as a tooltip;
//   - edge pen width: 0.75 plus the base-2 logarithm of the number of
//     co-mentions, capped at 6 (the weight under the default count
//     weighting; Count under the others, whose weights are too narrow in
//     range for a logarithmic scale).
//
// Nodes and edges have tooltips for SVG output. Every table attribute is
// also written as a DOT attribute (type, aliases, mentions, …; weight and
// documents on edges), and the table's label is written as entity on every
// node, so the data is complete whatever the drawing shows; readers should
// take the name from entity, not label. Graphviz ignores unknown
// attributes; edge weight is also Graphviz's own weight, which pulls heavy
// pairs closer in dot layouts.
//
// Labels are DOT strings: " and \ are escaped, a line break becomes \n
// (which Graphviz draws as a line break, so a multi-line name round-trips as
// a multi-line label), and a tab becomes a space. Characters XML forbids are
// dropped, since Graphviz copies labels into SVG, and U+FFFD is written as
// the entity &#xFFFD; because gonum's DOT parser rejects the literal rune.
type DOT struct{}

var _ Writer = DOT{}

// dotHeader sets layout defaults that make large sfdp drawings readable:
// prism removes node overlaps (counting labels that spill over their
// shape), edges are drawn first so they never hide labels, and straight
// edges keep big graphs fast. Relations on edges are set small and grey
// so they do not compete with the names.
const dotHeader = `graph cograph {
	graph [overlap="prism", outputorder="edgesfirst", splines="false", pad="0.3", fontname="Helvetica"];
	node [style="filled", fixedsize="shape", fontname="Helvetica", color="#4d4d4d", penwidth="0.5", margin="0.08,0.04"];
	edge [color="#7f7f7f99", fontname="Helvetica", fontsize="8", fontcolor="#4d4d4d"];
`

// Write writes g in DOT.
func (DOT) Write(w io.Writer, g *graph.Graph) error {
	idx, err := index(g)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("// cograph co-mention graph; render with: sfdp -Tsvg -o graph.svg FILE\n")
	bw.WriteString(dotHeader)
	maxPR := maxPageRank(g)
	show := labelled(g)
	inChunks(bw, len(g.Nodes), func(bw *bufio.Writer, i int) {
		writeDOTNode(bw, &g.Nodes[i], maxPR, show[i])
	})
	inChunks(bw, len(g.Edges), func(bw *bufio.Writer, i int) {
		e := &g.Edges[i]
		writeDOTEdge(bw, e, coMentions(g, e), &g.Nodes[idx[e.Source]], &g.Nodes[idx[e.Target]])
	})
	bw.WriteString("}\n")
	return bw.Flush()
}

// writeDOTNode writes one node; show says whether its name is drawn.
func writeDOTNode(bw *bufio.Writer, n *graph.Node, maxPR float64, show bool) {
	bw.WriteByte('\t')
	writeDOTNodeID(bw, n.ID)
	bw.WriteString(" [label=")
	if show {
		writeDOTString(bw, n.Label)
	} else {
		bw.WriteString(`""`)
	}
	writeDOTAttr(bw, "shape", shapeOf(n.Type))
	writeDOTAttr(bw, "fillcolor", communityFill(n.Community))
	size := strconv.FormatFloat(nodeSize(n.PageRank, maxPR), 'f', 2, 64)
	writeDOTAttr(bw, "width", size)
	writeDOTAttr(bw, "height", size)
	if show {
		writeDOTAttr(bw, "fontsize", strconv.FormatFloat(fontSize(n.PageRank, maxPR), 'f', 1, 64))
	}
	writeDOTAttr(bw, "tooltip", n.Label+"\n"+n.Type+" · "+strconv.Itoa(n.Mentions)+" mentions in "+
		strconv.Itoa(n.Documents)+" documents · PageRank "+formatFloat(n.PageRank))
	writeDOTAttr(bw, "entity", n.Label)
	for _, a := range nodeAttrs {
		if v := a.get(n); a.name != "label" && !omitted(a.name, v) {
			writeDOTAttr(bw, a.name, v.text(a.kind))
		}
	}
	bw.WriteString("];\n")
}

// writeDOTEdge writes one edge, as wide as count, the pair's co-mentions.
func writeDOTEdge(bw *bufio.Writer, e *graph.Edge, count float64, src, dst *graph.Node) {
	bw.WriteByte('\t')
	writeDOTNodeID(bw, e.Source)
	bw.WriteString(" -- ")
	writeDOTNodeID(bw, e.Target)
	bw.WriteString(" [penwidth=")
	bw.WriteString(strconv.Quote(strconv.FormatFloat(penWidth(count), 'f', 2, 64)))
	writeDOTAttr(bw, "tooltip", src.Label+" – "+dst.Label+"\nweight "+formatFloat(e.Weight)+
		" · "+strconv.Itoa(e.Documents)+" documents")
	if e.Relation != "" {
		writeDOTAttr(bw, "label", e.Relation) // the stated role, shown on the line
	}
	for _, a := range edgeAttrs {
		if v := a.get(e); !omitted(a.name, v) {
			writeDOTAttr(bw, a.name, v.text(a.kind))
		}
	}
	bw.WriteString("];\n")
}

// writeDOTNodeID writes a node's id. A negative ID gives "n-1", which is
// not a DOT identifier (Graphviz and gonum read n, then a number), so it is
// quoted; the others stay bare, as in the golden files.
func writeDOTNodeID(bw *bufio.Writer, id int64) {
	if id < 0 {
		writeDOTString(bw, nodeID(id))
		return
	}
	bw.WriteString(nodeID(id))
}

// writeDOTAttr writes ", key=value". Values are always quoted: bare numbers
// such as 1e+06 are a syntax error in DOT.
func writeDOTAttr(bw *bufio.Writer, key, val string) {
	bw.WriteString(", ")
	bw.WriteString(key)
	bw.WriteByte('=')
	writeDOTString(bw, val)
}
