package export

import (
	"encoding/csv"
	"io"
	"strings"

	"cograph/graph"
)

// CSV writes Gephi spreadsheet tables (Data Laboratory → Import
// Spreadsheet), one for nodes and one for edges, in UTF-8 with LF line ends.
//
// The node table has the columns Id,Label,Type,Aliases,Mentions,Documents,
// Degree,WeightedDegree,PageRank,Betweenness,Community,Component; the edge
// table Source,Target,Type,Weight,Documents with Type "Undirected". Ids are
// "n0", "n1", … as in the other formats; aliases are joined with "|". CR LF
// and lone CR inside text become LF, which is what encoding/csv reads back
// anyway.
//
// As a [Writer], CSV writes the node table only; [WriteFile] writes both.
type CSV struct{}

var _ Writer = CSV{}

// Write writes the node table; it is [CSV.WriteNodes].
func (c CSV) Write(w io.Writer, g *graph.Graph) error { return c.WriteNodes(w, g) }

// csvText makes s valid UTF-8 with LF line breaks.
var csvText = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// WriteNodes writes the node table.
func (CSV) WriteNodes(w io.Writer, g *graph.Graph) error {
	if _, err := index(g); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	rec := make([]string, 0, 1+len(nodeAttrs))
	rec = append(rec, "Id")
	for _, a := range nodeAttrs {
		rec = append(rec, a.title)
	}
	cw.Write(rec)
	for i := range g.Nodes {
		n := &g.Nodes[i]
		rec = append(rec[:0], nodeID(n.ID))
		for _, a := range nodeAttrs {
			rec = append(rec, csvField(a.get(n).text(a.kind)))
		}
		cw.Write(rec)
	}
	return flushCSV(cw)
}

// WriteEdges writes the edge table.
func (CSV) WriteEdges(w io.Writer, g *graph.Graph) error {
	if _, err := index(g); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	rec := make([]string, 0, 3+len(edgeAttrs))
	rec = append(rec, "Source", "Target", "Type")
	for _, a := range edgeAttrs {
		rec = append(rec, a.title)
	}
	cw.Write(rec)
	for i := range g.Edges {
		e := &g.Edges[i]
		rec = append(rec[:0], nodeID(e.Source), nodeID(e.Target), "Undirected")
		for _, a := range edgeAttrs {
			rec = append(rec, csvField(a.get(e).text(a.kind)))
		}
		cw.Write(rec)
	}
	return flushCSV(cw)
}

// flushCSV flushes once and returns the first write error: csv.Writer
// buffers and its bufio.Writer keeps that error.
func flushCSV(cw *csv.Writer) error {
	cw.Flush()
	return cw.Error()
}

func csvField(s string) string {
	if strings.ContainsRune(s, '\r') {
		s = csvText.Replace(s)
	}
	return validUTF8(s)
}
