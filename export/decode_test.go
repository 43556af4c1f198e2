package export

import (
	"bytes"
	"cograph/graph"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	gograph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/simple"
)

// Decoders read each format back with a standard-library (or gonum)
// parser, into the same shape: attribute name → text, for every node and
// edge in file order. Lists are joined with "|" as in the text formats.

type decoded struct {
	nodes []map[string]string // with "id"
	edges []map[string]string // with "source", "target"
}

// --- text normalisations: what each format promises to keep of a string ---

// wantValid is s with each invalid UTF-8 byte replaced by U+FFFD.
func wantValid(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		b.WriteRune(r) // RuneError for a bad byte
		s = s[size:]
	}
	return b.String()
}

// wantXML is what an XML parser returns for s: valid UTF-8 without the
// characters XML 1.0 forbids.
func wantXML(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, wantValid(s))
}

// wantDOT is what a DOT reader returns for s: XML-safe, one kind of line
// break, tabs as spaces, U+FFFD as an entity.
func wantDOT(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ").Replace(s)
	return strings.ReplaceAll(wantXML(s), "\uFFFD", "&#xFFFD;")
}

// wantCSV is what encoding/csv returns for s.
func wantCSV(s string) string {
	return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(wantValid(s))
}

// --- GraphML ---

type xmlGraphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []xmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string    `xml:"id,attr"`
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []xmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type xmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func decodeGraphML(data []byte) (*decoded, error) {
	var doc xmlGraphML
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Graph.EdgeDefault != "undirected" {
		return nil, fmt.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	names := map[string]string{}
	for _, k := range doc.Keys {
		names[k.ID] = k.Name
	}
	d := &decoded{}
	for _, n := range doc.Graph.Nodes {
		m := map[string]string{"id": n.ID}
		for _, x := range n.Data {
			m[names[x.Key]] = x.Value
		}
		d.nodes = append(d.nodes, m)
	}
	for _, e := range doc.Graph.Edges {
		m := map[string]string{"source": e.Source, "target": e.Target}
		for _, x := range e.Data {
			m[names[x.Key]] = x.Value
		}
		d.edges = append(d.edges, m)
	}
	return d, nil
}

// --- GEXF ---

type xmlGEXF struct {
	Version string `xml:"version,attr"`
	Graph   struct {
		Nodes []struct {
			ID     string        `xml:"id,attr"`
			Label  string        `xml:"label,attr"`
			Values []xmlAttValue `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Weight string        `xml:"weight,attr"`
			Values []xmlAttValue `xml:"attvalues>attvalue"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

type xmlAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

func decodeGEXF(data []byte) (*decoded, error) {
	var doc xmlGEXF
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	d := &decoded{}
	for _, n := range doc.Graph.Nodes {
		m := map[string]string{"id": n.ID, "label": n.Label}
		for _, v := range n.Values {
			m[v.For] = v.Value // attribute ids are the names
		}
		d.nodes = append(d.nodes, m)
	}
	for _, e := range doc.Graph.Edges {
		m := map[string]string{"source": e.Source, "target": e.Target, "weight": e.Weight}
		for _, v := range e.Values {
			m[v.For] = v.Value
		}
		d.edges = append(d.edges, m)
	}
	return d, nil
}

// --- JSON ---

func decodeJSON(data []byte) (*decoded, error) {
	var doc struct {
		Directed   *bool            `json:"directed"`
		Multigraph *bool            `json:"multigraph"`
		Graph      map[string]any   `json:"graph"`
		Nodes      []map[string]any `json:"nodes"`
		Links      []map[string]any `json:"links"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if doc.Directed == nil || *doc.Directed || doc.Multigraph == nil || *doc.Multigraph || doc.Graph == nil ||
		doc.Nodes == nil || doc.Links == nil {
		return nil, fmt.Errorf("not an undirected node-link document")
	}
	d := &decoded{}
	for _, n := range doc.Nodes {
		m, err := jsonTexts(n)
		if err != nil {
			return nil, err
		}
		d.nodes = append(d.nodes, m)
	}
	for _, e := range doc.Links {
		m, err := jsonTexts(e)
		if err != nil {
			return nil, err
		}
		d.edges = append(d.edges, m)
	}
	return d, nil
}

func jsonTexts(obj map[string]any) (map[string]string, error) {
	m := map[string]string{}
	for k, v := range obj {
		switch v := v.(type) {
		case string:
			m[k] = v
		case json.Number:
			m[k] = v.String()
		case nil:
			m[k] = "null"
		case []any:
			parts := make([]string, len(v))
			for i, p := range v {
				switch p := p.(type) {
				case string:
					parts[i] = p
				case map[string]any: // an article
					a := &graph.Article{}
					for f, dst := range map[string]*string{"id": &a.ID, "title": &a.Title, "date": &a.Date, "url": &a.URL} {
						*dst, _ = p[f].(string)
					}
					parts[i] = articleText(a)
				default:
					return nil, fmt.Errorf("%s: list item %v is neither a string nor an article", k, p)
				}
			}
			m[k] = value{list: parts}.text(kindStringList)
		default:
			return nil, fmt.Errorf("%s: unexpected %T", k, v)
		}
	}
	return m, nil
}

// --- CSV ---

// decodeCSV reads a table; rows become maps keyed by attribute name (the
// table's titles translated back), or by the column title if not in the
// table (Id, Source, Target, Type).
func decodeCSV(data []byte, nodes bool) (*decoded, error) {
	r := csv.NewReader(bytes.NewReader(data))
	recs, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("no header")
	}
	names := map[string]string{"Id": "id", "Source": "source", "Target": "target", "Type": "Type"}
	if nodes {
		for _, a := range nodeAttrs {
			names[a.title] = a.name
		}
	} else {
		for _, a := range edgeAttrs {
			names[a.title] = a.name
		}
	}
	d := &decoded{}
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, title := range recs[0] {
			name, ok := names[title]
			if !ok {
				return nil, fmt.Errorf("unknown column %q", title)
			}
			m[name] = rec[i]
		}
		if nodes {
			d.nodes = append(d.nodes, m)
		} else {
			if m["Type"] != "Undirected" {
				return nil, fmt.Errorf("edge type %q", m["Type"])
			}
			delete(m, "Type")
			d.edges = append(d.edges, m)
		}
	}
	return d, nil
}

// --- DOT, through gonum's parser ---

type dotGraph struct {
	*simple.UndirectedGraph
	nodes []*dotNode
	edges []*dotEdge
}

type dotNode struct {
	gograph.Node
	dotID string
	attrs map[string]string
}

func (n *dotNode) SetDOTID(id string) { n.dotID = id }
func (n *dotNode) SetAttribute(a encoding.Attribute) error {
	n.attrs[a.Key] = a.Value
	return nil
}

type dotEdge struct {
	simple.Edge
	attrs map[string]string
}

func (e *dotEdge) SetAttribute(a encoding.Attribute) error {
	e.attrs[a.Key] = a.Value
	return nil
}

func (g *dotGraph) NewNode() gograph.Node {
	n := &dotNode{Node: g.UndirectedGraph.NewNode(), attrs: map[string]string{}}
	return n
}

func (g *dotGraph) AddNode(n gograph.Node) {
	g.UndirectedGraph.AddNode(n)
	g.nodes = append(g.nodes, n.(*dotNode))
}

func (g *dotGraph) NewEdge(from, to gograph.Node) gograph.Edge {
	return &dotEdge{Edge: simple.Edge{F: from, T: to}, attrs: map[string]string{}}
}

func (g *dotGraph) SetEdge(e gograph.Edge) {
	g.UndirectedGraph.SetEdge(e)
	g.edges = append(g.edges, e.(*dotEdge))
}

func decodeDOT(data []byte) (*decoded, error) {
	g := &dotGraph{UndirectedGraph: simple.NewUndirectedGraph()}
	if err := dot.Unmarshal(data, g); err != nil {
		return nil, err
	}
	d := &decoded{}
	for _, n := range g.nodes {
		m := map[string]string{"id": n.dotID}
		for k, v := range n.attrs {
			m[k] = gonumUnquote(v)
		}
		d.nodes = append(d.nodes, m)
	}
	for _, e := range g.edges {
		m := map[string]string{
			"source": e.From().(*dotNode).dotID,
			"target": e.To().(*dotNode).dotID,
		}
		for k, v := range e.attrs {
			m[k] = gonumUnquote(v)
		}
		d.edges = append(d.edges, m)
	}
	return d, nil
}

// gonumUnquote finishes gonum's unquoting: dot.Unmarshal leaves a quoted
// string that looks like an HTML label ("<…>") quoted, although Graphviz
// reads it as plain text.
func gonumUnquote(v string) string {
	if strings.HasPrefix(v, `"<`) && strings.HasSuffix(v, `>"`) {
		if u, err := strconv.Unquote(v); err == nil {
			return u
		}
	}
	return v
}
