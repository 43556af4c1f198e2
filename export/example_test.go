package export_test

import (
	"fmt"
	"os"

	"cograph/export"
	"cograph/graph"
)

func ExampleJSON() {
	g := &graph.Graph{
		Nodes: []graph.Node{
			{ID: 0, Label: "Ada Lovelace", Type: graph.Person, Aliases: []string{"Ada Lovelace", "Lovelace"}, Mentions: 3, Documents: 2, Degree: 1, WeightedDegree: 2, PageRank: 0.5},
			{ID: 1, Label: "London", Type: graph.Place, Aliases: []string{"London"}, Mentions: 2, Documents: 2, Degree: 1, WeightedDegree: 2, PageRank: 0.5},
		},
		Edges: []graph.Edge{{Source: 0, Target: 1, Weight: 2, Count: 2, Documents: 2}},
	}
	if err := (export.JSON{}).Write(os.Stdout, g); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "directed": false,
	//   "multigraph": false,
	//   "graph": {},
	//   "nodes": [
	//     {"id": "n0", "label": "Ada Lovelace", "type": "person", "aliases": ["Ada Lovelace", "Lovelace"], "mentions": 3, "documents": 2, "degree": 1, "weighted_degree": 2, "pagerank": 0.5, "betweenness": 0, "community": 0, "component": 0},
	//     {"id": "n1", "label": "London", "type": "place", "aliases": ["London"], "mentions": 2, "documents": 2, "degree": 1, "weighted_degree": 2, "pagerank": 0.5, "betweenness": 0, "community": 0, "component": 0}
	//   ],
	//   "links": [
	//     {"source": "n0", "target": "n1", "weight": 2, "count": 2, "documents": 2}
	//   ]
	// }
}

func ExampleFormatFromPath() {
	for _, p := range []string{"out/graph.gv", "graph.GraphML", "nodes.csv", "graph.svg", "graph.jpg"} {
		format, err := export.FormatFromPath(p)
		fmt.Printf("%q %v\n", format, err)
	}
	// Output:
	// "dot" <nil>
	// "graphml" <nil>
	// "csv" <nil>
	// "svg" <nil>
	// "" export: graph.jpg: unknown export format: extension ".jpg" (want .dot, .gv, .graphml, .gexf, .json, .csv, .svg, .png or .pdf)
}

func ExampleWriteFile() {
	g := &graph.Graph{Nodes: []graph.Node{{ID: 0, Label: "Ada Lovelace", Type: graph.Person}}}
	dir, err := os.MkdirTemp("", "cograph-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	// The format comes from the extension; CSV writes two tables.
	if err := export.WriteFile(dir+"/graph.csv", "", g); err != nil {
		fmt.Println(err)
	}
	nodes, _ := os.ReadFile(dir + "/graph.nodes.csv")
	edges, _ := os.ReadFile(dir + "/graph.edges.csv")
	fmt.Print(string(nodes), string(edges))
	// Output:
	// Id,Label,Type,Aliases,Mentions,Documents,FirstSeen,LastSeen,Degree,WeightedDegree,PageRank,Betweenness,Community,Component
	// n0,Ada Lovelace,person,,0,0,,,0,0,0,0,0,0
	// Source,Target,Type,Weight,Count,Documents,Relation,Articles,Evidence
}
