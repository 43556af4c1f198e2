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
// Nodes are "n0", "n1", … (see the package comment) with the entity name
// as label. Shape and fill colour show the entity type (person: light blue
// ellipse, organization: light green box, event: light orange hexagon,
// place: lavender house, other: grey ellipse); font size grows with PageRank
// from 10 to 24 points; edge pen width grows with the logarithm of the
// weight, from 0.75 to 6. Nodes and edges have tooltips for SVG output.
//
// Every table attribute except label is also written as a DOT attribute of
// the same name (type, aliases, mentions, …; weight and documents on
// edges). Graphviz ignores unknown attributes; edge weight is also Graphviz's
// own weight, which pulls heavy pairs closer in dot layouts.
//
// Labels are DOT strings: " and \ are escaped, a line break becomes \n
// (which Graphviz draws as a line break, so a multi-line name round-trips as
// a multi-line label), and a tab becomes a space. Characters XML forbids are
// dropped, since Graphviz copies labels into SVG, and U+FFFD is written as
// the entity &#xFFFD; because gonum's DOT parser rejects the literal rune.
type DOT struct{}

var _ Writer = DOT{}

// dotHeader sets layout defaults that make large sfdp drawings readable:
// prism removes node overlaps, edges are drawn first so they never hide
// labels, and straight edges keep big graphs fast.
const dotHeader = `graph cograph {
	graph [overlap="prism", outputorder="edgesfirst", splines="false", pad="0.3", fontname="Helvetica"];
	node [style="filled", fontname="Helvetica", color="#4d4d4d", penwidth="0.5", margin="0.08,0.04"];
	edge [color="#7f7f7f99"];
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
	for i := range g.Nodes {
		writeDOTNode(bw, &g.Nodes[i], maxPR)
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		writeDOTEdge(bw, e, &g.Nodes[idx[e.Source]], &g.Nodes[idx[e.Target]])
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

func writeDOTNode(bw *bufio.Writer, n *graph.Node, maxPR float64) {
	st := styleOf(n.Type)
	bw.WriteByte('\t')
	bw.WriteString(nodeID(n.ID))
	bw.WriteString(" [label=")
	writeDOTString(bw, n.Label)
	writeDOTAttr(bw, "shape", st.shape)
	writeDOTAttr(bw, "fillcolor", st.fill)
	writeDOTAttr(bw, "fontsize", strconv.FormatFloat(10+14*prominence(n.PageRank, maxPR), 'f', 1, 64))
	writeDOTAttr(bw, "tooltip", n.Label+"\n"+n.Type+" · "+strconv.Itoa(n.Mentions)+" mentions in "+
		strconv.Itoa(n.Documents)+" documents · PageRank "+formatFloat(n.PageRank))
	for _, a := range nodeAttrs {
		if a.name != "label" {
			writeDOTAttr(bw, a.name, a.get(n).text(a.kind))
		}
	}
	bw.WriteString("];\n")
}

func writeDOTEdge(bw *bufio.Writer, e *graph.Edge, src, dst *graph.Node) {
	bw.WriteByte('\t')
	bw.WriteString(nodeID(e.Source))
	bw.WriteString(" -- ")
	bw.WriteString(nodeID(e.Target))
	bw.WriteString(" [penwidth=")
	bw.WriteString(strconv.Quote(strconv.FormatFloat(penWidth(e.Weight), 'f', 2, 64)))
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

// writeDOTAttr writes ", key=value". Values are always quoted: bare numbers
// such as 1e+06 are a syntax error in DOT.
func writeDOTAttr(bw *bufio.Writer, key, val string) {
	bw.WriteString(", ")
	bw.WriteString(key)
	bw.WriteByte('=')
	writeDOTString(bw, val)
}
