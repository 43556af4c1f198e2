package export

import (
	"bufio"
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
	bw := bufio.NewWriter(w)
	rec := make([]string, 0, 1+len(nodeAttrs))
	rec = append(rec, "Id")
	for _, a := range nodeAttrs {
		rec = append(rec, a.title)
	}
	csvRecord(bw, rec)
	inChunks(bw, len(g.Nodes), func(bw *bufio.Writer, i int) {
		n := &g.Nodes[i]
		rec := make([]string, 0, 1+len(nodeAttrs))
		rec = append(rec, nodeID(n.ID))
		for _, a := range nodeAttrs {
			rec = append(rec, csvField(a.get(n).text(a.kind)))
		}
		csvRecord(bw, rec)
	})
	return bw.Flush()
}

// WriteEdges writes the edge table.
func (CSV) WriteEdges(w io.Writer, g *graph.Graph) error {
	if _, err := index(g); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	rec := make([]string, 0, 3+len(edgeAttrs))
	rec = append(rec, "Source", "Target", "Type")
	for _, a := range edgeAttrs {
		rec = append(rec, a.title)
	}
	csvRecord(bw, rec)
	inChunks(bw, len(g.Edges), func(bw *bufio.Writer, i int) {
		e := &g.Edges[i]
		rec := make([]string, 0, 3+len(edgeAttrs))
		rec = append(rec, nodeID(e.Source), nodeID(e.Target), "Undirected")
		for _, a := range edgeAttrs {
			rec = append(rec, csvField(a.get(e).text(a.kind)))
		}
		csvRecord(bw, rec)
	})
	return bw.Flush()
}

// csvRecord writes one record to bw. A csv.Writer on a bufio.Writer of the
// default size writes straight into it (bufio.NewWriter returns it as is),
// so nothing needs flushing here and bw keeps the first write error.
func csvRecord(bw *bufio.Writer, rec []string) {
	csv.NewWriter(bw).Write(rec)
}

func csvField(s string) string {
	if strings.ContainsRune(s, '\r') {
		s = csvText.Replace(s)
	}
	return validUTF8(s)
}
