package memtune

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// TestAfterGC checks that the callback runs after collections until it
// says to stop, and never after.
func TestAfterGC(t *testing.T) {
	var calls atomic.Int32
	afterGC(func() bool { return calls.Add(1) < 3 })
	deadline := time.Now().Add(10 * time.Second)
	for calls.Load() < 3 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(time.Millisecond) // cleanups run on their own goroutine
	}
	if n := calls.Load(); n != 3 {
		t.Fatalf("callback ran %d times, want 3", n)
	}
	for range 5 {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if n := calls.Load(); n != 3 {
		t.Fatalf("callback ran %d times after returning false, want 3", n)
	}
}

// TestTuneMemory checks that the collector runs less often while the heap
// is small, that it is back to normal once the heap goal passes
// smallHeapGoal, and that a GOGC or GOMEMLIMIT set by the user leaves it
// all alone.
func TestTuneMemory(t *testing.T) {
	normal := debug.SetGCPercent(100)
	defer debug.SetGCPercent(normal)

	for v, value := range map[string]string{"GOGC": "150", "GOMEMLIMIT": "150MiB"} {
		t.Setenv(v, value)
		tuneMemory()
		if got := debug.SetGCPercent(100); got != 100 {
			t.Fatalf("with %s set, GOGC became %d, want it left at 100", v, got)
		}
		t.Setenv(v, "")
	}

	t.Setenv("GOGC", "")
	tuneMemory()
	if got := debug.SetGCPercent(smallHeapGC); got != smallHeapGC {
		t.Fatalf("GOGC %d after tuning, want %d", got, smallHeapGC)
	}
	live := make([][]byte, 0, smallHeapGoal>>20)
	for range cap(live) { // a live heap whose goal at smallHeapGC passes smallHeapGoal
		live = append(live, make([]byte, 1<<20))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(time.Millisecond)
		pct := debug.SetGCPercent(-1)
		debug.SetGCPercent(pct)
		if pct == 100 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC still %d with %d MB live, want 100", pct, len(live))
		}
	}
	runtime.KeepAlive(live)
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Fatalf("memory limit left at %d after tuning, want none", limit)
	}
}
