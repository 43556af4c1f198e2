//go:build !(linux && (amd64 || arm64 || riscv64 || loong64 || s390x))

package atomicfile

// startWriteback does nothing where sync_file_range is not called (other
// systems, and 32-bit or other Linux ports, whose system call takes its
// arguments otherwise): the final fsync writes everything.
func startWriteback(fd uintptr, off, n int64) {}
