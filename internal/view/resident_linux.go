//go:build linux

package view

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"
	"syscall"
	"unsafe"
)

const hugePage = 2 << 20

// resident reads b from the executable into huge pages (see Resident).
func resident(b []byte) []byte {
	x := executable()
	if x == nil {
		return b
	}
	off, ok := x.offset(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
	if !ok {
		return b
	}
	r := hugeRegion(len(b))
	if r == nil {
		return b
	}
	// The ends are compared with b's as a check that the offset is
	// right; that touches two of b's pages, not all.
	const end = 16
	if n, err := x.file.ReadAt(r[:len(b)], off); n != len(b) || err != nil ||
		!bytes.Equal(r[:end], b[:end]) || !bytes.Equal(r[len(b)-end:len(b)], b[len(b)-end:]) {
		unmap(uintptr(unsafe.Pointer(unsafe.SliceData(r))), uintptr(len(r)))
		return b
	}
	return r[:len(b):len(b)]
}

// exe is the executable file, open, and where the process maps it.
type exe struct {
	file *os.File
	maps []mapping
}

// A mapping maps [start, end) of the address space from the file at off.
type mapping struct{ start, end, off uintptr }

// executable returns the process's executable, or nil where Resident
// cannot or should not copy from it: huge pages off (the copy would be
// on 4 KB pages, touched as the mapping is), other page sizes, 32-bit
// address spaces, no /proc.
var executable = sync.OnceValue(func() *exe {
	if os.Getpagesize() != 4096 || unsafe.Sizeof(uintptr(0)) < 8 || !hugePagesOn() {
		return nil
	}
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		return nil
	}
	var st syscall.Stat_t
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil || syscall.Fstat(int(f.Fd()), &st) != nil {
		f.Close()
		return nil
	}
	x := &exe{file: f, maps: fileMappings(maps, st.Dev, st.Ino)}
	if len(x.maps) == 0 {
		f.Close()
		return nil
	}
	return x
})

// offset returns where in the executable file the byte at p lies.
func (x *exe) offset(p uintptr) (int64, bool) {
	for _, m := range x.maps {
		if p >= m.start && p < m.end {
			return int64(m.off + p - m.start), true
		}
	}
	return 0, false
}

// fileMappings returns the mappings of the file dev, ino listed in maps,
// the text of /proc/self/maps: lines of "start-end perms offset
// major:minor inode path", numbers in hex but the inode.
func fileMappings(maps []byte, dev, ino uint64) []mapping {
	major := (dev&0xfff00)>>8 | (dev&0xfffff00000000000)>>32 // as glibc's gnu_dev_major
	minor := dev&0xff | (dev&0xffffff00000)>>12
	wantDev := fmt.Sprintf("%02x:%02x", major, minor)
	var out []mapping
	for line := range bytes.Lines(maps) {
		f := bytes.Fields(line)
		if len(f) < 6 || string(f[3]) != wantDev || string(f[4]) != strconv.FormatUint(ino, 10) {
			continue
		}
		lo, hi, _ := bytes.Cut(f[0], []byte("-"))
		start, err1 := strconv.ParseUint(string(lo), 16, 64)
		end, err2 := strconv.ParseUint(string(hi), 16, 64)
		off, err3 := strconv.ParseUint(string(f[2]), 16, 64)
		if err1 == nil && err2 == nil && err3 == nil {
			out = append(out, mapping{uintptr(start), uintptr(end), uintptr(off)})
		}
	}
	return out
}

// hugePagesOn reports whether the kernel gives transparent huge pages
// where asked.
func hugePagesOn() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && (bytes.Contains(b, []byte("[always]")) || bytes.Contains(b, []byte("[madvise]")))
}

// hugeRegion maps n bytes, rounded up to whole huge pages, on a huge-page
// boundary and advised for huge pages; nil on failure.
func hugeRegion(n int) []byte {
	size := (n + hugePage - 1) &^ (hugePage - 1)
	m, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	// Trimmed to the boundaries with munmap directly: syscall.Munmap
	// takes only whole mappings that syscall.Mmap returned.
	p := uintptr(unsafe.Pointer(unsafe.SliceData(m)))
	skip := -p & (hugePage - 1)
	unmap(p, skip)
	unmap(p+skip+uintptr(size), hugePage-skip)
	r := m[skip : skip+uintptr(size) : skip+uintptr(size)]
	if syscall.Madvise(r, syscall.MADV_HUGEPAGE) != nil {
		unmap(p+skip, uintptr(size))
		return nil
	}
	return r
}

func unmap(p, n uintptr) {
	if n > 0 {
		syscall.Syscall(syscall.SYS_MUNMAP, p, n, 0)
	}
}
