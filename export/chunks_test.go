package export

import (
	"bytes"
	"runtime"
	"testing"
)

// TestChunkedOutputIsSequential checks that writing a graph formatted in
// chunks on several cores gives the same bytes as writing it on one core,
// which takes the plain loop, for every writer: a large graph (full
// chunks and a short last one) and a small one (chunks of a few dozen).
func TestChunkedOutputIsSequential(t *testing.T) {
	for _, size := range [][2]int{{3*chunkSize + 7, 5*chunkSize + 3}, {301, 707}} {
		g := syntheticGraph(size[0], size[1])
		addTimeline(g)
		for i := range g.Edges {
			if i%3 == 0 {
				g.Edges[i].Evidence = []string{"A said B & C <met>.", "Twice | once"}
			}
		}
		for _, sw := range suiteWriters() {
			prev := runtime.GOMAXPROCS(1)
			one := write(t, sw.w, g)
			runtime.GOMAXPROCS(4)
			four := write(t, sw.w, g)
			runtime.GOMAXPROCS(prev)
			if !bytes.Equal(one, four) {
				t.Errorf("%s, %d nodes: %d bytes on one core, %d bytes on four, not the same", sw.name, size[0], len(one), len(four))
			}
		}
	}
}
