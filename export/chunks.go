package export

import (
	"bufio"
	"runtime"
	"sync"
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
// formatted on all cores, each into blocks of its own, while bw writes
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
		out   blocks
		done  chan struct{}
	}
	// pending is ordered as the chunks; its capacity bounds the chunks
	// in flight. The producer blocks on it, the workers on jobs.
	pending := make(chan *piece, 2*workers)
	jobs := make(chan *piece)
	go func() {
		for start := 0; start < n; start += size {
			p := &piece{start: start, done: make(chan struct{})}
			pending <- p
			jobs <- p
		}
		close(jobs)
		close(pending)
	}()
	for range workers {
		go func() {
			w := bufio.NewWriterSize(nil, blockSize)
			for p := range jobs {
				w.Reset(&p.out)
				for i := p.start; i < min(p.start+size, n); i++ {
					write(w, i)
				}
				w.Flush() // blocks never fail
				close(p.done)
			}
		}()
	}
	for p := range pending {
		<-p.done
		for _, b := range p.out {
			bw.Write(b) // bw keeps the first error for Flush
		}
		p.out.free()
	}
}

// blockSize is the size of the blocks a chunk is formatted into.
const blockSize = 32 << 10

// blocks holds a chunk's output in blocks of blockSize, which go round
// (blockPool): grown by doubling instead, a buffer per chunk left the
// collector twice its size in copies, and a graph of a million edges
// hundreds of megabytes of buffers.
type blocks [][]byte

var blockPool = sync.Pool{New: func() any { b := make([]byte, 0, blockSize); return &b }}

func (bs *blocks) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if k := len(*bs); k == 0 || len((*bs)[k-1]) == blockSize {
			*bs = append(*bs, (*blockPool.Get().(*[]byte))[:0])
		}
		last := &(*bs)[len(*bs)-1]
		c := min(len(p), blockSize-len(*last))
		*last = append(*last, p[:c]...)
		p = p[c:]
	}
	return n, nil
}

// free returns the blocks to the pool.
func (bs *blocks) free() {
	for i, b := range *bs {
		b = b[:0]
		blockPool.Put(&b)
		(*bs)[i] = nil
	}
	*bs = (*bs)[:0]
}
