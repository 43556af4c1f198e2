package export

import (
	"bytes"
	"io"
	"testing"

	"cograph/graph"
)

// Benchmarks write a 10k-node, 50k-edge graph, about the size of a large
// corpus after filtering, whose edges cite their articles and a quarter
// of them an evidence sentence, and report throughput of the encoded
// output.

var benchGraph = func() *graph.Graph {
	g := syntheticGraph(10_000, 50_000)
	addTimeline(g)
	return g
}()

func benchmarkWriter(b *testing.B, w Writer) {
	var buf bytes.Buffer
	if err := w.Write(&buf, benchGraph); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Write(io.Discard, benchGraph); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDOT(b *testing.B)      { benchmarkWriter(b, DOT{}) }
func BenchmarkGraphML(b *testing.B)  { benchmarkWriter(b, GraphML{}) }
func BenchmarkGEXF(b *testing.B)     { benchmarkWriter(b, GEXF{}) }
func BenchmarkJSON(b *testing.B)     { benchmarkWriter(b, JSON{}) }
func BenchmarkCSVNodes(b *testing.B) { benchmarkWriter(b, CSV{}) }
func BenchmarkCSVEdges(b *testing.B) { benchmarkWriter(b, csvEdges{}) }
