package graph_test

import (
	"fmt"
	"io"
	"log"
	"strings"

	"cograph/corpus"
	"cograph/extract"
	"cograph/graph"
)

// Example shows the library flow: corpus → extract → graph (→ export).
func Example() {
	text := "Summit in Brussels\n\nNATO Secretary General Mark Rutte met German Chancellor Olaf Scholz in Brussels on Monday.\n\nRutte later spoke to reporters.\n"
	r := corpus.NewReader(strings.NewReader(text), "summit.txt", corpus.FormatText, corpus.Options{})
	ex, err := extract.New(extract.RecognizerModel)
	if err != nil {
		log.Fatal(err)
	}
	b := graph.NewBuilder(graph.SentenceWindow)
	for {
		a, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		d := ex.Extract(a)
		b.Add(d)
		d.Release() // the builder keeps nothing of the document's arrays
	}
	g := b.Graph(graph.Filter{Types: []string{graph.Person, graph.Organization}})
	for _, e := range g.Edges {
		fmt.Printf("%s -- %s (weight %g)\n", g.Nodes[e.Source].Label, g.Nodes[e.Target].Label, e.Weight)
	}
	// Output:
	// NATO -- Mark Rutte (weight 1)
	// NATO -- Olaf Scholz (weight 1)
	// Mark Rutte -- Olaf Scholz (weight 1)
}
