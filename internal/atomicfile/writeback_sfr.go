//go:build linux && (amd64 || arm64 || riscv64 || loong64 || s390x)

package atomicfile

import "syscall"

// startWriteback asks the kernel to start writing n bytes of the file fd
// from off to disk, without waiting (sync_file_range with
// SYNC_FILE_RANGE_WRITE). Errors are left to the final fsync to report.
func startWriteback(fd uintptr, off, n int64) {
	const syncFileRangeWrite = 2
	syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, fd, uintptr(off), uintptr(n), syncFileRangeWrite, 0, 0)
}
