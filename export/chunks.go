package export

import (
	"bufio"
	"bytes"
	"runtime"
)

// chunkSize is the largest number of nodes or edges formatted as one
// piece: large enough that the hand-off costs nothing next to the
// formatting. A smaller graph is cut into about four pieces per core (of
// at least minChunk), so that all cores share its thousand nodes too: as
// one piece they took 2 ms of a 100 ms run on one core.
const (
	chunkSize = 1024
	minChunk  = 64
)

// inChunks calls write(w, i) for i in [0, n) and copies the output to bw in
// order of i: the same bytes a plain loop writes. Chunks of items are
// formatted on all cores, each into a buffer of its own, while bw writes
// the finished ones; at most a few chunks per core are held at once, so
// memory stays bounded however large the graph. Writing a large graph is
// the one part of a build after extraction that would otherwise use one
// core, and formatting (escaping, numbers, article lists) is most of it.
func inChunks(bw *bufio.Writer, n int, write func(w *bufio.Writer, i int)) {
	workers := runtime.GOMAXPROCS(0)
	size := min(chunkSize, max(minChunk, n/(4*workers)))
	if workers < 2 || n <= size {
		for i := range n {
			write(bw, i)
		}
		return
	}
	type piece struct {
		start int
		buf   *bytes.Buffer
		done  chan struct{}
	}
	// pending is ordered as the chunks; its capacity bounds the chunks
	// in flight. The producer blocks on it, the workers on jobs.
	pending := make(chan *piece, 2*workers)
	jobs := make(chan *piece)
	// The buffers go round: a graph of a million edges would otherwise
	// leave hundreds of megabytes of them to the garbage collector.
	free := make(chan *bytes.Buffer, cap(pending)+workers) // room for every buffer in flight
	go func() {
		for start := 0; start < n; start += size {
			p := &piece{start: start, done: make(chan struct{})}
			select {
			case p.buf = <-free:
			default:
				p.buf = new(bytes.Buffer)
			}
			pending <- p
			jobs <- p
		}
		close(jobs)
		close(pending)
	}()
	for range workers {
		go func() {
			w := bufio.NewWriterSize(nil, 32<<10)
			for p := range jobs {
				w.Reset(p.buf)
				for i := p.start; i < min(p.start+size, n); i++ {
					write(w, i)
				}
				w.Flush() // a bytes.Buffer never fails
				close(p.done)
			}
		}()
	}
	for p := range pending {
		<-p.done
		bw.Write(p.buf.Bytes()) // bw keeps the first error for Flush
		p.buf.Reset()
		select {
		case free <- p.buf:
		default:
		}
	}
}
