//go:build !linux

package memtune

// heapOnHugePages does nothing here: huge pages are asked for on Linux.
func heapOnHugePages(size int) (start, end uintptr) { return 0, 0 }
