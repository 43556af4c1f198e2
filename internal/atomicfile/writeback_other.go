//go:build !linux

package atomicfile

// startWriteback does nothing where sync_file_range is not available: the
// final fsync writes everything.
func startWriteback(fd uintptr, off, n int64) {}
