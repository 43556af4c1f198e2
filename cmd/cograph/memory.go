package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Memory tuning for the process, done once in main before any work.
//
// A run of a few hundred articles takes about a tenth of a second, and
// before this tuning a third of its CPU went to the kernel handing the
// heap fresh pages one 4 KB page at a time (on a virtual machine a first
// touch can cost 10 µs a page) and to collecting a heap that was still
// growing from its 4 MB start. So the heap starts on huge pages where the
// kernel offers them (heapOnHugePages, per system) and the collector runs
// less often while the heap is small.
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
	// offHeadroom is how far the heap may grow while the collector is off
	// at start, beyond the reservation and startHeld.
	offHeadroom = 64 << 20
	// startHeld bounds what the runtime holds before main (about 4 MB):
	// a constant, because measuring it stops the world (ReadMemStats) or
	// builds the metrics tables (runtime/metrics), either about a
	// millisecond at the start of every run.
	startHeld = 16 << 20
)

// tuneMemory applies the tuning unless GOGC or GOMEMLIMIT is set, in
// which case the user's settings rule (a memory limit would also count
// the reservation against itself). The returned channel is closed once
// the tuning is in place (tests wait for it; a run need not).
func tuneMemory() <-chan struct{} {
	done := make(chan struct{})
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		close(done)
		return done
	}
	normal := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(startHeld + hugeHeapSize + offHeadroom)
	heapOnHugePages(hugeHeapSize)
	go func() {
		defer close(done)
		// The collection that frees what heapOnHugePages allocated runs
		// here, beside the run, with the collector otherwise off: a
		// triggered one would have found the heap far over its goal and
		// made the run's goroutines stop to help it. Meanwhile the memory
		// limit bounds the heap, should this goroutine be slow to run.
		runtime.GC()
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(smallHeapGC)
		// The goal is read from runtime/metrics, which unlike
		// ReadMemStats does not stop the run's goroutines.
		goal := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}}
		afterGC(func() bool {
			metrics.Read(goal)
			if goal[0].Value.Uint64() <= smallHeapGoal {
				return true
			}
			debug.SetGCPercent(normal)
			return false
		})
	}()
	return done
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
