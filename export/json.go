package export

import (
	"bufio"
	"io"
	"math"

	"cograph/graph"
)

// JSON writes NetworkX node-link JSON, loadable with
// networkx.node_link_graph(data, edges="links") (NetworkX ≥ 3.4; plain
// node_link_graph(data) before):
//
//	{"directed": false, "multigraph": false, "graph": {},
//	 "nodes": [{"id": "n0", "label": …, "type": …, "aliases": […], …}],
//	 "links": [{"source": "n0", "target": "n1", "weight": …, "documents": …}]}
//
// Node ids are the strings "n0", "n1", … used by every format, not numbers,
// so that ids never mix with attribute values in tools that guess types.
// Keys come in table order, one node or link per line; aliases is an array
// (never null); non-finite floats are null. The output ends in a newline.
type JSON struct{}

var _ Writer = JSON{}

// Write writes g as node-link JSON.
func (JSON) Write(w io.Writer, g *graph.Graph) error {
	if _, err := index(g); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("{\n  \"directed\": false,\n  \"multigraph\": false,\n  \"graph\": {},\n  \"nodes\": [")
	inChunks(bw, len(g.Nodes), func(bw *bufio.Writer, i int) {
		n := &g.Nodes[i]
		writeJSONSep(bw, i)
		bw.WriteString(`{"id": `)
		writeJSONString(bw, nodeID(n.ID))
		for _, a := range nodeAttrs {
			if v := a.get(n); !omitted(a.name, v) {
				writeJSONField(bw, a.name, a.kind, v)
			}
		}
		bw.WriteByte('}')
	})
	writeJSONEnd(bw, len(g.Nodes))
	bw.WriteString(",\n  \"links\": [")
	inChunks(bw, len(g.Edges), func(bw *bufio.Writer, i int) {
		e := &g.Edges[i]
		writeJSONSep(bw, i)
		bw.WriteString(`{"source": `)
		writeJSONString(bw, nodeID(e.Source))
		bw.WriteString(`, "target": `)
		writeJSONString(bw, nodeID(e.Target))
		for _, a := range edgeAttrs {
			if v := a.get(e); !omitted(a.name, v) {
				writeJSONField(bw, a.name, a.kind, v)
			}
		}
		bw.WriteByte('}')
	})
	writeJSONEnd(bw, len(g.Edges))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeJSONArticles writes the articles as objects with the fields known.
func writeJSONArticles(bw *bufio.Writer, arts []*graph.Article) {
	bw.WriteByte('[')
	for i, a := range arts {
		if i > 0 {
			bw.WriteString(", ")
		}
		bw.WriteString(`{"id": `)
		writeJSONString(bw, a.ID)
		for _, f := range [...]struct{ name, v string }{{"title", a.Title}, {"date", a.Date}, {"url", a.URL}} {
			if f.v != "" {
				bw.WriteString(", ")
				writeJSONString(bw, f.name)
				bw.WriteString(": ")
				writeJSONString(bw, f.v)
			}
		}
		bw.WriteByte('}')
	}
	bw.WriteByte(']')
}

// writeJSONSep starts the i-th element of an array.
func writeJSONSep(bw *bufio.Writer, i int) {
	if i > 0 {
		bw.WriteByte(',')
	}
	bw.WriteString("\n    ")
}

// writeJSONEnd closes an array of n elements: "[]" when empty.
func writeJSONEnd(bw *bufio.Writer, n int) {
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteByte(']')
}

func writeJSONField(bw *bufio.Writer, name string, k kind, v value) {
	bw.WriteString(", ")
	writeJSONString(bw, name)
	bw.WriteString(": ")
	switch k {
	case kindArticles:
		writeJSONArticles(bw, v.arts)
	case kindStringList:
		bw.WriteByte('[')
		for i, s := range v.list {
			if i > 0 {
				bw.WriteString(", ")
			}
			writeJSONString(bw, s)
		}
		bw.WriteByte(']')
	case kindDouble:
		if math.IsNaN(v.f) || math.IsInf(v.f, 0) {
			bw.WriteString("null") // JSON has no NaN or infinity
			return
		}
		bw.WriteString(v.text(k))
	case kindInt:
		bw.WriteString(v.text(k))
	default:
		writeJSONString(bw, v.s)
	}
}
