package atomicfile

import (
	"syscall"
	"unsafe"
)

// startWriteback asks the kernel to start writing n bytes of the file fd
// from off to disk, without waiting (sync_file_range with
// SYNC_FILE_RANGE_WRITE). Errors are left to the final fsync to report.
// On 32-bit systems, whose system call splits 64-bit offsets in two, it
// does nothing: the fsync writes everything.
func startWriteback(fd uintptr, off, n int64) {
	const syncFileRangeWrite = 2
	if unsafe.Sizeof(uintptr(0)) < 8 {
		return
	}
	syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, fd, uintptr(off), uintptr(n), syncFileRangeWrite, 0, 0)
}
