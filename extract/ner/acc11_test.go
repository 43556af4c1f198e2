//go:build linux

package ner

import (
	"math/rand/v2"
	"os"
	"syscall"
	"testing"
	"unsafe"
)

// TestAcc11Vector checks the vector sum of weight rows against the Go
// loop, on random weights and rows, the first and last rows of the table
// among them (the vector code must not read past the last).
func TestAcc11Vector(t *testing.T) {
	if !haveAVX2() {
		t.Skip("no AVX2 on this machine: acc11 adds the rows in Go")
	}
	const bits = 10
	r := rand.New(rand.NewPCG(1, 2))
	m := &Model{bits: bits, nl: 11, q: guarded(t, 11<<bits)}
	for i := range m.q {
		m.q[i] = int16(r.IntN(1<<16) - 1<<15)
	}
	for n := range 70 {
		rows := make([]uint32, n)
		for i := range rows {
			switch r.IntN(4) {
			case 0:
				rows[i] = 1<<bits - 1
			case 1:
				rows[i] = 0
			default:
				rows[i] = uint32(r.IntN(1 << bits))
			}
		}
		var start [11]int32
		for j := range start {
			start[j] = int32(r.IntN(1<<20) - 1<<19)
		}
		got, want := start, start
		acc11AVX2(&got, &m.q[0], rows)
		m.acc11Go(&want, rows)
		if got != want {
			t.Fatalf("%d rows %v: vector sums %v, Go loop %v", n, rows, got, want)
		}
	}
	// The embedded model takes the vector path.
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !d.vec {
		t.Error("the embedded model adds its rows in Go on a machine with AVX2")
	}
}

// guarded returns n int16s that end where a page that cannot be read
// begins: a read past them faults instead of passing unseen.
func guarded(t *testing.T, n int) []int16 {
	ps := os.Getpagesize()
	size := (2*n + ps - 1) / ps * ps
	b, err := syscall.Mmap(-1, 0, size+ps, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Munmap(b) })
	if err := syscall.Mprotect(b[size:], syscall.PROT_NONE); err != nil {
		t.Fatal(err)
	}
	return unsafe.Slice((*int16)(unsafe.Pointer(&b[size-2*n])), n)
}
