package export

import (
	"bufio"
	"io"
	"strconv"

	"cograph/graph"
)

// GraphML writes an undirected GraphML document that validates against the
// GraphML 1.1 schema and loads in NetworkX, igraph, graphology and Gephi.
//
// Every table attribute has a typed <key> (ids "d0", "d1", … in table
// order, node keys first): strings and lists are attr.type "string", counts
// "int", metrics "double". Aliases are one string joined with "|". Nodes
// have ids "n0", "n1", …, edges "e0", "e1", … in slice order. Characters XML
// forbids are dropped (see the package comment).
type GraphML struct{}

var _ Writer = GraphML{}

const graphMLHeader = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`

// graphMLType is the attr.type for each kind.
var graphMLType = map[kind]string{
	kindString:     "string",
	kindInt:        "int",
	kindDouble:     "double",
	kindStringList: "string",
	kindArticles:   "string",
}

// Write writes g in GraphML.
func (GraphML) Write(w io.Writer, g *graph.Graph) error {
	if _, err := index(g); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(graphMLHeader)
	for i, a := range nodeAttrs {
		writeGraphMLKey(bw, i, "node", a.name, a.kind)
	}
	for i, a := range edgeAttrs {
		writeGraphMLKey(bw, len(nodeAttrs)+i, "edge", a.name, a.kind)
	}
	bw.WriteString("  <graph edgedefault=\"undirected\">\n")
	inChunks(bw, len(g.Nodes), func(bw *bufio.Writer, i int) {
		n := &g.Nodes[i]
		bw.WriteString("    <node id=\"")
		writeID(bw, 'n', n.ID)
		bw.WriteString("\">\n")
		for k, a := range nodeAttrs {
			if v := a.get(n); !omitted(a.name, v) {
				writeGraphMLData(bw, k, v, a.kind)
			}
		}
		bw.WriteString("    </node>\n")
	})
	inChunks(bw, len(g.Edges), func(bw *bufio.Writer, i int) {
		e := &g.Edges[i]
		bw.WriteString("    <edge id=\"")
		writeID(bw, 'e', int64(i))
		bw.WriteString("\" source=\"")
		writeID(bw, 'n', e.Source)
		bw.WriteString("\" target=\"")
		writeID(bw, 'n', e.Target)
		bw.WriteString("\">\n")
		for k, a := range edgeAttrs {
			if v := a.get(e); !omitted(a.name, v) {
				writeGraphMLData(bw, len(nodeAttrs)+k, v, a.kind)
			}
		}
		bw.WriteString("    </edge>\n")
	})
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func graphMLKeyID(i int) string { return graphMLKeyIDs[i] }

// graphMLKeyIDs are the key ids "d0", "d1", … of every attribute.
var graphMLKeyIDs = func() []string {
	ids := make([]string, len(nodeAttrs)+len(edgeAttrs))
	for i := range ids {
		ids[i] = "d" + strconv.Itoa(i)
	}
	return ids
}()

func writeGraphMLKey(bw *bufio.Writer, i int, domain, name string, k kind) {
	bw.WriteString(`  <key id="`)
	bw.WriteString(graphMLKeyID(i))
	bw.WriteString(`" for="`)
	bw.WriteString(domain)
	bw.WriteString(`" attr.name="`)
	writeXMLText(bw, name)
	bw.WriteString(`" attr.type="`)
	bw.WriteString(graphMLType[k])
	bw.WriteString("\"/>\n")
}

func writeGraphMLData(bw *bufio.Writer, key int, v value, k kind) {
	bw.WriteString(`      <data key="`)
	bw.WriteString(graphMLKeyID(key))
	bw.WriteString(`">`)
	writeXMLValue(bw, v, k)
	bw.WriteString("</data>\n")
}
