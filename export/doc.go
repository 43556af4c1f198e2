// Package export writes a graph.Graph as DOT, GraphML, GEXF, node-link JSON or CSV.
//
// Every format carries the same attributes, taken from one table (see
// attrs.go): for nodes label, type, aliases, mentions, documents, degree,
// weighted_degree, pagerank, betweenness, community and component; for edges
// weight and documents. Node identifiers are synthetic strings "n" + Node.ID
// ("n0", "n1", …) in every format, so a node can be matched across files.
//
// Output depends only on the graph: nodes and edges are written in slice
// order (graph.Graph keeps them sorted), nothing is read from maps, and
// numbers have one fixed spelling. Integral floats are written as integers
// ("3", not "3e+00"), so weights that count windows stay exact; other floats
// use strconv.FormatFloat(x, 'g', 6, 64). Non-finite floats are written as
// "NaN", "INF" and "-INF" (the xsd:double spellings) and as null in JSON.
//
// Text is always valid UTF-8: each invalid byte becomes U+FFFD. The XML
// formats (GraphML, GEXF) and DOT additionally drop the characters XML 1.0
// forbids (control characters other than tab, newline and carriage return,
// and U+FFFE, U+FFFF), because no XML parser, and no SVG viewer showing
// Graphviz output, would accept them. Lists (aliases) are JSON arrays; in
// GraphML, GEXF, DOT and CSV they are one string joined with "|".
package export
