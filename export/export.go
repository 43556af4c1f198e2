package export

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"cograph/graph"
	"cograph/internal/atomicfile"
)

// A Writer encodes g in one format. Output depends only on g: writing the
// same graph twice gives the same bytes. Write buffers its output, stops at
// the first write error and returns it. Write does not modify g.
type Writer interface {
	Write(w io.Writer, g *graph.Graph) error
}

// ErrUnknownFormat is returned (wrapped) by [ForFormat], [FormatFromPath]
// and [WriteFile] for a format name or file extension they do not know.
var ErrUnknownFormat = errors.New("unknown export format")

// ErrInvalidGraph is returned (wrapped) by every Writer for a nil graph, a
// node ID used twice or an edge whose endpoint is not a node: every format
// would otherwise write a file its readers reject.
var ErrInvalidGraph = errors.New("invalid graph")

// formats lists the format names in the order shown in messages.
var formats = []string{"dot", "graphml", "gexf", "json", "csv", "svg", "png", "pdf"}

// extensions maps file extensions to format names.
var extensions = map[string]string{
	".dot":     "dot",
	".gv":      "dot",
	".graphml": "graphml",
	".gexf":    "gexf",
	".json":    "json",
	".csv":     "csv",
	".svg":     "svg",
	".png":     "png",
	".pdf":     "pdf",
}

// Formats returns the format names [ForFormat] accepts. The caller owns the
// returned slice.
func Formats() []string { return append([]string(nil), formats...) }

// ForFormat returns the Writer for a format name: "dot", "graphml", "gexf",
// "json", "csv", or a picture format "svg", "png" or "pdf" (a [Rendered],
// which needs Graphviz), case-insensitive. The CSV Writer writes the node
// table only; use [WriteFile] or [CSV.WriteEdges] for the edge table.
func ForFormat(name string) (Writer, error) {
	switch strings.ToLower(name) {
	case "dot":
		return DOT{}, nil
	case "graphml":
		return GraphML{}, nil
	case "gexf":
		return GEXF{}, nil
	case "json":
		return JSON{}, nil
	case "csv":
		return CSV{}, nil
	case "svg", "png", "pdf":
		return Rendered{Format: strings.ToLower(name)}, nil
	}
	return nil, fmt.Errorf("export: %w %q (want one of %s)", ErrUnknownFormat, name, strings.Join(formats, ", "))
}

// FormatFromPath returns the format name for path's extension
// (case-insensitive): .dot and .gv give "dot", .graphml "graphml", .gexf
// "gexf", .json "json", .csv "csv", and .svg, .png and .pdf the picture
// formats of the same names.
func FormatFromPath(path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if f, ok := extensions[ext]; ok {
		return f, nil
	}
	what := fmt.Sprintf("extension %q", ext)
	if ext == "" {
		what = "no extension"
	}
	return "", fmt.Errorf("export: %s: %w: %s (want .dot, .gv, .graphml, .gexf, .json, .csv, .svg, .png or .pdf)", path, ErrUnknownFormat, what)
}

// WriteFile writes g to path in format, or in the format named by path's
// extension when format is "". The file is replaced atomically: on any error
// the previous file, if any, is left as it was.
//
// CSV needs two files. For path NAME.csv (or NAME), WriteFile writes the node
// table to NAME.nodes.csv and the edge table to NAME.edges.csv, each
// atomically; if the second fails, the first has already been replaced.
func WriteFile(path, format string, g *graph.Graph) error {
	if format == "" {
		f, err := FormatFromPath(path)
		if err != nil {
			return err
		}
		format = f
	}
	w, err := ForFormat(format)
	if err != nil {
		return err
	}
	return WriteFileWith(path, w, g)
}

// WriteFileWith writes g to path with w, atomically as WriteFile does; a
// CSV writer writes the two files WriteFile names.
func WriteFileWith(path string, w Writer, g *graph.Graph) error {
	if _, ok := w.(CSV); ok {
		return writeCSVFiles(path, g)
	}
	return writeFile(path, func(out io.Writer) error { return w.Write(out, g) })
}

// CSVPaths returns the node and edge file names [WriteFile] uses for the
// CSV format and path.
func CSVPaths(path string) (nodes, edges string) {
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		path = path[:len(path)-len(".csv")]
	}
	return path + ".nodes.csv", path + ".edges.csv"
}

func writeCSVFiles(path string, g *graph.Graph) error {
	nodes, edges := CSVPaths(path)
	if err := writeFile(nodes, func(w io.Writer) error { return CSV{}.WriteNodes(w, g) }); err != nil {
		return err
	}
	return writeFile(edges, func(w io.Writer) error { return CSV{}.WriteEdges(w, g) })
}

func writeFile(path string, write func(io.Writer) error) error {
	if err := atomicfile.WriteFile(path, write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// index maps node IDs to positions in g.Nodes after checking that the
// writers can express g: every format needs unique node IDs and edges
// between existing nodes.
func index(g *graph.Graph) (map[int64]int, error) {
	if g == nil {
		return nil, fmt.Errorf("export: %w: nil graph", ErrInvalidGraph)
	}
	idx := make(map[int64]int, len(g.Nodes))
	for i := range g.Nodes {
		id := g.Nodes[i].ID
		if _, dup := idx[id]; dup {
			return nil, fmt.Errorf("export: %w: node ID %d used twice", ErrInvalidGraph, id)
		}
		idx[id] = i
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		for _, id := range [2]int64{e.Source, e.Target} {
			if _, ok := idx[id]; !ok {
				return nil, fmt.Errorf("export: %w: edge %d–%d: no node %d", ErrInvalidGraph, e.Source, e.Target, id)
			}
		}
	}
	return idx, nil
}
