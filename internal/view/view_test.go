package view

import (
	"encoding/binary"
	"slices"
	"testing"
	"unsafe"
)

// TestSlice reads the same numbers where they lie and from a misaligned
// copy, which must be decoded.
func TestSlice(t *testing.T) {
	want := []uint64{0, 1, 1 << 40, 0xFFFFFFFFFFFFFFFF, 12345}
	b := make([]byte, 8*len(want)+1)
	for _, off := range []int{0, 1} {
		f := b[off : off+8*len(want)]
		for i, v := range want {
			binary.LittleEndian.PutUint64(f[8*i:], v)
		}
		got := Uint64s(f)
		if !slices.Equal(got, want) {
			t.Fatalf("offset %d: %v, want %v", off, got, want)
		}
		viewed := unsafe.Pointer(&got[0]) == unsafe.Pointer(&f[0])
		if want := LittleEndian && uintptr(unsafe.Pointer(&f[0]))%8 == 0; viewed != want {
			t.Errorf("offset %d: viewed %v, want %v", off, viewed, want)
		}
		if got := Int16s(f[:4]); got[0] != int16(want[0]) || len(got) != 2 {
			t.Errorf("offset %d: Int16s %v", off, got)
		}
	}
	if len(Uint32s(nil)) != 0 || len(Int32s(b[:3])) != 0 {
		t.Error("short input gave elements")
	}
}
