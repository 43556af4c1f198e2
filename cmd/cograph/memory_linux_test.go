package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// TestHeapOnHugePages checks that the range heapOnHugePages advised lies
// in a mapping with VM_HUGEPAGE (VmFlags "hg" in /proc/self/smaps), where
// the kernel has transparent huge pages.
func TestHeapOnHugePages(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(mode), "[never]") {
		t.Skip("no transparent huge pages on this kernel")
	}
	if unsafe.Sizeof(uintptr(0)) < 8 {
		t.Skip("32-bit system: no reservation is made")
	}
	if strictOvercommit() {
		t.Skip("strict overcommit (vm.overcommit_memory=2): no reservation is made")
	}
	start, end := heapOnHugePages(8 << 20)
	if end-start < 4<<20 {
		t.Fatalf("advised %#x-%#x: want at least 4 MB of an 8 MB allocation", start, end)
	}
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatalf("read smaps: %v", err)
	}
	var lo, hi uintptr
	for line := range strings.Lines(string(b)) {
		var a, z uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &a, &z); n == 2 {
			lo, hi = a, z
			continue
		}
		f, ok := strings.CutPrefix(line, "VmFlags:")
		if ok && lo <= start && end <= hi {
			if !strings.Contains(" "+f+" ", " hg ") {
				t.Fatalf("mapping %#x-%#x holding the advised range has flags %q, no hg", lo, hi, strings.TrimSpace(f))
			}
			return
		}
	}
	t.Fatalf("no mapping holds the advised range %#x-%#x", start, end)
}

// TestFillBelow checks that once the free runs below an address are
// filled, a new large object goes above it (unless the fill stopped at its
// bound, in a test process whose heap has more free space than a run's).
func TestFillBelow(t *testing.T) {
	b := make([]byte, 16<<20)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	kept := fillBelow(p)
	f := make([]byte, 256<<10)
	if q := uintptr(unsafe.Pointer(unsafe.SliceData(f))); q < p && kept < 8<<20 {
		t.Fatalf("a 256 KB object went to %#x, below %#x, after %d bytes were filled", q, p, kept)
	}
	runtime.KeepAlive(b)
	runtime.KeepAlive(f)
}
