package export

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"cograph/graph"
)

// GEXF versions [GEXF.Version] accepts.
const (
	GEXF12 = "1.2draft" // read by every NetworkX, graphology and Gephi
	GEXF13 = "1.3"      // NetworkX reads it only since 2025 (networkx#8196)
)

// GEXF writes a static, undirected GEXF graph for Gephi. It validates
// against the official RELAX NG grammar of its version and loads in NetworkX
// (read_gexf) and graphology-gexf (Gephi Lite).
//
// Nodes have ids "n0", "n1", … and the entity name as label; edges have ids
// "e0", "e1", … and the weight as the GEXF weight. The other table
// attributes are declared in <attributes class="node"> and class="edge"
// with the attribute name as both id and title: strings and lists as
// "string" (aliases joined with "|"; GEXF's liststring syntax differs between
// versions and readers), counts as "integer", metrics as "double".
//
// viz:color shows the community (the colours of the DOT and rendered
// pictures: Paul Tol's light palette for the eight largest, grey for the rest) and viz:size the PageRank (4 to 24, area growing with rank).
// The file has no timestamp. Characters XML forbids are dropped (see the
// package comment).
type GEXF struct {
	// Version is GEXF12 or GEXF13. The zero value means GEXF12, because
	// NetworkX releases before 2025 (Debian 12 ships 2.8.8) reject a 1.3
	// file with "No <graph> element in GEXF file".
	Version string
}

var _ Writer = GEXF{}

// gexfNS holds the namespaces and version attribute of one GEXF version.
type gexfNS struct{ main, viz, version string }

var gexfVersions = map[string]gexfNS{
	"":     {"http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz", "1.2"},
	GEXF12: {"http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz", "1.2"},
	GEXF13: {"http://gexf.net/1.3", "http://gexf.net/1.3/viz", "1.3"},
}

// gexfType is the attribute type for each kind.
var gexfType = map[kind]string{
	kindString:     "string",
	kindInt:        "integer",
	kindDouble:     "double",
	kindStringList: "string",
	kindArticles:   "string",
}

// Write writes g in GEXF. It fails for an unknown Version.
func (x GEXF) Write(w io.Writer, g *graph.Graph) error {
	ns, ok := gexfVersions[x.Version]
	if !ok {
		return fmt.Errorf("export: %w: GEXF version %q (want %q or %q)", ErrUnknownFormat, x.Version, GEXF12, GEXF13)
	}
	if _, err := index(g); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"+
		"<gexf xmlns=\"%s\" xmlns:viz=\"%s\" version=\"%s\">\n"+
		"  <meta>\n    <creator>cograph</creator>\n  </meta>\n"+
		"  <graph defaultedgetype=\"undirected\" %s>\n", ns.main, ns.viz, ns.version, gexfMode(g))
	// label and weight are GEXF's own XML attributes; declaring them again
	// would make readers overwrite one with the other.
	writeGEXFAttrs(bw, "node", nodeAttrs, "label")
	writeGEXFAttrs(bw, "edge", edgeAttrs, "weight")
	maxPR := maxPageRank(g)
	fmt.Fprintf(bw, "    <nodes count=\"%d\">\n", len(g.Nodes))
	inChunks(bw, len(g.Nodes), func(bw *bufio.Writer, i int) {
		writeGEXFNode(bw, &g.Nodes[i], maxPR, g.Dynamic)
	})
	fmt.Fprintf(bw, "    </nodes>\n    <edges count=\"%d\">\n", len(g.Edges))
	inChunks(bw, len(g.Edges), func(bw *bufio.Writer, i int) {
		writeGEXFEdge(bw, i, &g.Edges[i], g.Dynamic)
	})
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}

func writeGEXFAttrs[T any](bw *bufio.Writer, class string, attrs []attr[T], builtin string) {
	bw.WriteString(`    <attributes class="`)
	bw.WriteString(class)
	bw.WriteString("\">\n")
	for _, a := range attrs {
		if a.name == builtin {
			continue
		}
		bw.WriteString(`      <attribute id="`)
		writeXMLText(bw, a.name)
		bw.WriteString(`" title="`)
		writeXMLText(bw, a.name)
		bw.WriteString(`" type="`)
		bw.WriteString(gexfType[a.kind])
		bw.WriteString("\"/>\n")
	}
	bw.WriteString("    </attributes>\n")
}

func writeGEXFAttValues[T any](bw *bufio.Writer, v *T, attrs []attr[T], builtin string) {
	bw.WriteString("        <attvalues>\n")
	for _, a := range attrs {
		val := a.get(v)
		if a.name == builtin || omitted(a.name, val) {
			continue
		}
		bw.WriteString(`          <attvalue for="`)
		writeXMLText(bw, a.name)
		bw.WriteString(`" value="`)
		writeXMLValue(bw, val, a.kind)
		bw.WriteString("\"/>\n")
	}
	bw.WriteString("        </attvalues>\n")
}

func writeGEXFNode(bw *bufio.Writer, n *graph.Node, maxPR float64, dynamic bool) {
	bw.WriteString(`      <node id="`)
	writeID(bw, 'n', n.ID)
	bw.WriteString(`" label="`)
	writeXMLText(bw, n.Label)
	bw.WriteString("\">\n")
	writeGEXFAttValues(bw, n, nodeAttrs, "label")
	if dynamic {
		writeGEXFSpells(bw, n.Dates)
	}
	c := communityColor(n.Community)
	fmt.Fprintf(bw, "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n", c.r, c.g, c.b)
	bw.WriteString(`        <viz:size value="`)
	bw.WriteString(strconv.FormatFloat(4+20*prominence(n.PageRank, maxPR), 'f', 2, 64))
	bw.WriteString("\"/>\n      </node>\n")
}

func writeGEXFEdge(bw *bufio.Writer, i int, e *graph.Edge, dynamic bool) {
	bw.WriteString(`      <edge id="`)
	writeID(bw, 'e', int64(i))
	bw.WriteString(`" source="`)
	writeID(bw, 'n', e.Source)
	bw.WriteString(`" target="`)
	writeID(bw, 'n', e.Target)
	bw.WriteString(`" weight="`)
	bw.WriteString(formatFloat(e.Weight))
	bw.WriteString("\">\n")
	writeGEXFAttValues(bw, e, edgeAttrs, "weight")
	if dynamic {
		writeGEXFSpells(bw, edgeDates(e))
	}
	bw.WriteString("      </edge>\n")
}

// gexfMode is the mode of the <graph> element: a dynamic graph's spells
// are dates, which Gephi's timeline plays.
func gexfMode(g *graph.Graph) string {
	if g.Dynamic {
		return `mode="dynamic" timeformat="date"`
	}
	return `mode="static"`
}

// edgeDates returns the distinct dates of the articles an edge cites,
// sorted.
func edgeDates(e *graph.Edge) []string {
	var out []string
	for _, a := range e.Articles {
		if a.Date != "" {
			out = append(out, a.Date)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// writeGEXFSpells writes one spell per run of consecutive days among the
// dates; an element without dates gets no spells and so exists at every
// time.
func writeGEXFSpells(bw *bufio.Writer, dates []string) {
	dates = spellDates(dates)
	if len(dates) == 0 {
		return
	}
	bw.WriteString("        <spells>\n")
	for i := 0; i < len(dates); {
		j := i
		for j+1 < len(dates) && nextDay(dates[j]) == dates[j+1] {
			j++
		}
		fmt.Fprintf(bw, "          <spell start=\"%s\" end=\"%s\"/>\n", dates[i], dates[j])
		i = j + 1
	}
	bw.WriteString("        </spells>\n")
}

// spellDates returns the distinct valid dates among dates, sorted. The
// graph promises sorted YYYY-MM-DD dates, but a spell's start and end are
// XML attributes of type xsd:date: anything else, written raw, would make
// the file unreadable (a quote or a <) or invalid, so it is left out.
func spellDates(dates []string) []string {
	out := make([]string, 0, len(dates))
	for _, d := range dates {
		if t, err := time.Parse(time.DateOnly, d); err == nil && t.Year() > 0 { // xsd:date has no year 0000
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nextDay returns the day after a YYYY-MM-DD date ("" if it is not one).
func nextDay(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, 1).Format(time.DateOnly)
}
