// Package memtune tunes the Go runtime's memory for cograph's command:
// importing it (blank, as cmd/cograph does) applies the tuning while the
// program initialises, once the standard packages it needs are done
// (among them runtime/debug, which sorts late): the initialisation order
// (Go 1.21 and later: the first package in import path order whose imports
// are done) runs it before the pure-Go SQLite's packages and the net and
// uuid packages they use (GODEBUG=inittrace=1), which then allocate on the
// huge pages too, though after some smaller dependencies.
//
// A run of a few hundred articles takes about a tenth of a second, and
// before this tuning a third of its CPU went to the kernel handing the
// heap fresh pages one 4 KB page at a time (on a virtual machine a first
// touch can cost 10-15 µs a page; a 2 MB huge page costs about as much as
// ten) and to collecting a heap that was still growing from its 4 MB
// start. So the heap grows on huge pages where the kernel offers them
// (heapOnHugePages, per system) and the collector runs less often while
// the heap is small.
package memtune

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

func init() {
	// Nothing in cograph reads memory profiles, but runtime/pprof (for
	// COGRAPH_CPUPROFILE) keeps the runtime sampling one allocation per
	// 512 KB: each sample unwinds the stack and touches a page of a
	// 1.4 MB bucket table, about 50 first touches in a 200-article run.
	runtime.MemProfileRate = 0
	tuneMemory()
}

const (
	// hugeHeapSize is how much of the heap goes on huge pages: what a
	// run of a few thousand articles uses. It is address space, not
	// memory: a page counts once the heap grows into it.
	hugeHeapSize = 64 << 20
	// smallHeapGC is the GOGC while the heap goal stays under
	// smallHeapGoal (within the huge pages); then GOGC returns to its
	// default, so that large runs keep their memory at twice what is live.
	// The runtime's least goal is 4 MB × GOGC/100: at 1200 it is
	// smallHeapGoal, so a run of a few hundred articles is not collected
	// at all (at 400 it was collected once, 7% of its time: marking, then
	// reusing freed memory that must be zeroed where fresh memory is zero).
	smallHeapGC   = 1200
	smallHeapGoal = 48 << 20
)

// tuneMemory applies the tuning unless GOGC or GOMEMLIMIT is set, in
// which case the user's settings rule.
func tuneMemory() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	// A callback of an earlier tuning (tests tune again) runs after this
	// one's collection, beside it: under the lock it finds itself
	// superseded and stops, rather than putting back its own GOGC after
	// this tuning set its own.
	tuning.mu.Lock()
	defer tuning.mu.Unlock()
	tuning.gen++
	gen := tuning.gen
	normal := debug.SetGCPercent(-1)
	heapOnHugePages(hugeHeapSize)
	// The collection that frees what heapOnHugePages allocated runs now,
	// before the run allocates: while that allocation lives, the heap
	// grows past it on 4 KB pages. (Run beside the start-up instead, it
	// came late, slowed by the goroutines loading the tables, and the
	// tables went on those pages: 2-9% more CPU in a 200-article run, for
	// the ~2 ms this takes.)
	runtime.GC()
	debug.SetGCPercent(smallHeapGC)
	// The goal is read with ReadMemStats, which stops the run's goroutines
	// for a moment, but only after the first collections of a large run
	// (a small one has none): runtime/metrics, which would not, costs
	// about 1 ms of every start to initialise its tables.
	afterGC(func() bool {
		tuning.mu.Lock()
		defer tuning.mu.Unlock()
		if tuning.gen != gen {
			return false
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.NextGC <= smallHeapGoal {
			return true
		}
		debug.SetGCPercent(normal)
		return false
	})
}

// tuning orders tuneMemory and the callbacks it leaves (see afterGC).
var tuning struct {
	mu  sync.Mutex
	gen int // the latest tuning's
}

// afterGC calls f after each garbage collection for as long as f returns
// true, with a cleanup on an object that is unreachable at once. (It may
// run late, but the collector is paced by the goal it set last.)
func afterGC(f func() bool) {
	type sentinel struct{ _ *int } // with a pointer: not batched with other tiny objects, so collected alone
	runtime.AddCleanup(&sentinel{}, func(struct{}) {
		if f() {
			afterGC(f)
		}
	}, struct{}{})
}
