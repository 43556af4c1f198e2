// Package view uses the arrays of a file image held in memory (an
// embedded model or table) where they lie: a small run would otherwise
// spend much of its start-up decoding them into fresh memory, which on a
// virtual machine costs more to touch than to compute. Where the machine's
// byte order, the data's alignment or a type's layout differ from the
// file's, it decodes a copy instead.
package view

import (
	"encoding/binary"
	"unsafe"
)

// LittleEndian reports whether the machine stores numbers as cograph's
// files do.
var LittleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// Aligned reports whether b can be used as values of size bytes where it
// lies.
func Aligned(b []byte, size uintptr) bool {
	return LittleEndian && len(b) > 0 && uintptr(unsafe.Pointer(&b[0]))%size == 0
}

// Slice returns b as elements of type T, each stored in unsafe.Sizeof(T)
// bytes: b itself when layout is true (T in memory is laid out as in the
// file, little-endian) and b is aligned for T, else a copy made with
// decode, which reads one element from the start of its argument.
func Slice[T any](b []byte, layout bool, decode func([]byte) T) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if layout && Aligned(b, unsafe.Alignof(zero)) {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/size)
	}
	out := make([]T, len(b)/size)
	for i := range out {
		out[i] = decode(b[i*size:])
	}
	return out
}

// Int16s returns b as little-endian int16s.
func Int16s(b []byte) []int16 {
	return Slice(b, true, func(f []byte) int16 { return int16(binary.LittleEndian.Uint16(f)) })
}

// Int32s returns b as little-endian int32s.
func Int32s(b []byte) []int32 {
	return Slice(b, true, func(f []byte) int32 { return int32(binary.LittleEndian.Uint32(f)) })
}

// Uint32s returns b as little-endian uint32s.
func Uint32s(b []byte) []uint32 { return Slice(b, true, binary.LittleEndian.Uint32) }

// Uint64s returns b as little-endian uint64s.
func Uint64s(b []byte) []uint64 { return Slice(b, true, binary.LittleEndian.Uint64) }
