package memtune

import (
	"os"
	"runtime/debug"
	"syscall"
	"unsafe"
)

// heapOnHugePages asks the kernel to back the next size bytes of the heap
// with transparent huge pages (2 MB: one page fault where 4 KB pages take
// 512). Kernels set to use them only where asked ("madvise", the default
// of many distributions) otherwise never give them to the Go heap. It makes
// the runtime map the address space by allocating a large object (fresh
// mapped memory is zero, so nothing is touched) with the collector off,
// advises the range and drops the object: the collection that follows
// frees it, and the heap then grows into the advised range. Where huge
// pages are off, unavailable or of another size, it changes nothing. It
// returns the range advised (none: start == end), for tests.
//
// The heap's first 4 MB, mapped before main, stay on 4 KB pages, and the
// runtime allocates at the lowest free address: what the program init
// left free there would be used first, a few hundred first touches more
// or fewer from one run to the next (the heap starts at a random offset).
// So that space is taken, untouched, for the life of the process, up to
// the 2 MB boundary where the reservation then starts (fillToBoundary).
func heapOnHugePages(size int) (start, end uintptr) {
	const huge = 2 << 20
	if os.Getpagesize() != 4096 || // 2 MB huge pages go with 4 KB pages
		unsafe.Sizeof(uintptr(0)) < 8 || // no address space to spare
		strictOvercommit() { // the reservation would be charged as memory
		return 0, 0
	}
	old := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(old)
	fillToBoundary()
	b := make([]byte, size)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start = (p + huge - 1) &^ (huge - 1)
	end = (p + uintptr(size)) &^ (huge - 1)
	if end <= start {
		return 0, 0
	}
	// An error (no transparent huge pages in this kernel) leaves the
	// heap as it was.
	if syscall.Madvise(b[start-p:end-p], syscall.MADV_HUGEPAGE) != nil {
		return 0, 0
	}
	return start, end
}

// strictOvercommit reports whether the kernel charges every writable
// mapping against a commit limit (vm.overcommit_memory = 2): there the
// reservation could make the runtime fail for want of memory it would
// never touch.
func strictOvercommit() bool {
	b, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err == nil && len(b) > 0 && b[0] == '2'
}

// heapFillers hold the heap's free space below the huge pages (see
// heapOnHugePages). Never written, they are address space, not memory.
var heapFillers [][]byte

// fillToBoundary allocates the heap's free runs of 64 KB or more, from
// the lowest, up to a 2 MB boundary, and keeps them, so that the next
// large object starts on that boundary and can be advised whole. (Left
// free, the part of the reservation below its first boundary was where
// the run allocated first once the reservation was freed, on 4 KB pages:
// up to 2 MB, 512 first touches, in about half the runs.) The runtime
// gives a large object the lowest free run that fits and does not zero
// fresh memory, so this touches no page. It stops after maxFill bytes,
// and returns the boundary reached (0 if none) and how much it kept.
func fillToBoundary() (uintptr, int) {
	const huge, step, maxFill = 2 << 20, 64 << 10, 8 << 20 // the runtime maps the heap 4 MB at a time
	keep := func(n uintptr) uintptr {
		f := make([]byte, n) // over 32 KB: whole pages of their own
		heapFillers = append(heapFillers, f)
		return uintptr(unsafe.Pointer(unsafe.SliceData(f))) + n
	}
	kept := 0
	for kept < maxFill {
		end := keep(step)
		kept += step
		d := (end+huge-1)&^(huge-1) - end
		if d >= 2*step {
			continue
		}
		if d > 0 {
			if d < step {
				d += huge // a smaller run could fit in a free run below
			}
			end = keep(d)
			kept += int(d)
			if end%huge != 0 {
				// It went to a free run lower down (the runtime or
				// another goroutine freed one meanwhile): fill on.
				continue
			}
		}
		return end, kept
	}
	return 0, kept
}
