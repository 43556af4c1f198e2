package memtune

import (
	"fmt"
	"os"
	"os/exec"
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

// TestFillToBoundary checks that once the free runs up to a 2 MB boundary
// are filled, the next large object starts on it, and that the fill
// touched no memory (fresh pages are not zeroed).
// It runs in a fresh process, as at a run's start: a test process's heap
// has been used and freed, and free runs above the boundary may be taken.
func TestFillToBoundary(t *testing.T) {
	if os.Getenv("COGRAPH_TEST_FILL") == "" {
		// The placement is the runtime's, and a goroutine of the runtime
		// or of the test framework that allocates between the fill and
		// the object takes the boundary (about one fresh process in
		// twenty here, more on a busy machine): what is checked is
		// that the fill reaches a boundary that the next large object
		// takes, in one of a few fresh processes.
		const tries = 5
		var out []byte
		var err error
		for range tries {
			cmd := exec.Command(os.Args[0], "-test.run=^TestFillToBoundary$", "-test.v")
			// GOGC set: the package's own tuning, at initialisation, is off.
			cmd.Env = append(os.Environ(), "COGRAPH_TEST_FILL=1", "GOGC=100")
			out, err = cmd.CombinedOutput()
			switch {
			case strings.Contains(string(out), "--- SKIP"):
				t.Skipf("in a fresh process: %s", out)
			case err == nil && strings.Contains(string(out), "--- PASS"):
				return
			}
		}
		t.Fatalf("in %d fresh processes, the last: %v\n%s", tries, err, out)
	}
	before := residentKB(t)
	boundary, kept := fillToBoundary()
	if boundary == 0 {
		t.Skipf("no boundary within %d bytes: a test process's heap has more free space than a run's", kept)
	}
	if boundary%(2<<20) != 0 {
		t.Fatalf("fillToBoundary stopped at %#x, not a 2 MB boundary", boundary)
	}
	b := make([]byte, 16<<20)
	if p := uintptr(unsafe.Pointer(unsafe.SliceData(b))); p != boundary {
		t.Fatalf("a 16 MB object went to %#x, not to the boundary %#x, after %d bytes were filled", p, boundary, kept)
	}
	if grew := residentKB(t) - before; grew > 512 {
		t.Errorf("resident memory grew by %d KB filling %d KB", grew, kept>>10)
	}
	runtime.KeepAlive(b)
}

// residentKB returns the process's resident memory (VmRSS) in KB.
func residentKB(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
			return kb
		}
	}
	t.Skip("no VmRSS in /proc/self/status")
	return 0
}
