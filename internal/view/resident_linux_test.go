//go:build linux

package view

import (
	"bytes"
	_ "embed"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"
)

//go:embed testdata/fixture.txt
var fixture []byte

func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

// TestResidentCopies reads an array embedded in the test binary into huge
// pages: the same bytes, elsewhere, on a huge-page boundary.
func TestResidentCopies(t *testing.T) {
	if executable() == nil {
		t.Skip("no copy on this system: transparent huge pages off, or no /proc/self/exe")
	}
	got := resident(fixture)
	if !bytes.Equal(got, fixture) {
		t.Fatal("copy differs from the embedded bytes")
	}
	if addr(got) == addr(fixture) {
		t.Fatal("not copied: the executable's mappings were not found")
	}
	if addr(got)%hugePage != 0 || cap(got) != len(fixture) {
		t.Fatalf("copy at %#x, cap %d: want a huge-page boundary and cap %d", addr(got), cap(got), len(fixture))
	}
	// Every byte, not only the ends the copy checks: the offset into
	// the file must be exact.
	for _, b := range [][]byte{fixture[1:], fixture[4097:]} {
		if got := resident(b); !bytes.Equal(got, b) || addr(got) == addr(b) {
			t.Fatalf("a slice from offset %d: equal %v, copied %v", len(fixture)-len(b), bytes.Equal(got, b), addr(got) != addr(b))
		}
	}
}

// TestResidentElsewhere gives back what does not lie in the executable:
// heap memory, another file's mapping.
func TestResidentElsewhere(t *testing.T) {
	heap := bytes.Repeat([]byte("x"), 3<<20)
	if got := resident(heap); addr(got) != addr(heap) {
		t.Fatal("heap bytes were copied")
	}
	path := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(path, fixture, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := syscall.Mmap(int(f.Fd()), 0, len(fixture), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(m)
	if got := resident(m); addr(got) != addr(m) {
		t.Fatal("another file's mapping was copied")
	}
	if small := fixture[:100]; addr(Resident(small)) != addr(small) {
		t.Fatalf("Resident copied %d bytes, under MinResident", len(small))
	}
}

// TestFileMappings reads the lines of /proc/self/maps that map one file.
func TestFileMappings(t *testing.T) {
	maps := []byte(`00400000-00843000 r-xp 00000000 fd:01 1234 /usr/bin/cograph
00843000-00ca8000 r--p 00443000 fd:01 1234 /usr/bin/cograph
00ca8000-017b4000 rw-p 008a8000 fd:01 1234 /usr/bin/cograph (deleted)
017b4000-037f3000 rw-p 00000000 00:00 0
7f2f71407000-7f2f714bb000 r--p 00001000 fd:02 1234 /other/fs/same/inode
7f2f714bb000-7f2f714bc000 r--p 00000000 fd:01 12345 /usr/bin/other
7ffc06c71000-7ffc06c92000 rw-p 00000000 00:00 0 [stack]
`)
	dev := uint64(0xfd<<8 | 0x01)
	got := fileMappings(maps, dev, 1234)
	want := []mapping{{0x400000, 0x843000, 0}, {0x843000, 0xca8000, 0x443000}, {0xca8000, 0x17b4000, 0x8a8000}}
	if len(got) != len(want) {
		t.Fatalf("%d mappings %v, want %v", len(got), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("mapping %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	x := &exe{maps: got}
	if off, ok := x.offset(0xca8010); !ok || off != 0x8a8010 {
		t.Fatalf("offset of 0xca8010: %#x %v, want 0x8a8010", off, ok)
	}
	if _, ok := x.offset(0x17b4000); ok {
		t.Fatal("an address past the mappings has an offset")
	}
}
