package ner

import "sync"

// haveAVX2 reports whether acc11AVX2 can run: the processor has AVX2 (in
// every x86-64 processor of the last decade, but not in the baseline Go
// compiles for) and the system saves its registers. It asks the processor
// itself, once, when a model is loaded: golang.org/x/sys/cpu would ask
// in its package initialisation, and each question traps to the
// hypervisor on a virtual machine (0.13-0.22 ms of every start here).
var haveAVX2 = sync.OnceValue(func() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	const osxsave, avx = 1 << 27, 1 << 28
	if _, _, c, _ := cpuid(1, 0); c&osxsave == 0 || c&avx == 0 {
		return false
	}
	const sseState, avxState = 1 << 1, 1 << 2
	if xcr0, _ := xgetbv(); xcr0&(sseState|avxState) != sseState|avxState {
		return false
	}
	const avx2 = 1 << 5
	_, b, _, _ := cpuid(7, 0)
	return b&avx2 != 0
})

// cpuid and xgetbv run the instructions of those names (acc11_amd64.s).
func cpuid(leaf, subleaf uint32) (eax, ebx, ecx, edx uint32)
func xgetbv() (eax, edx uint32)

// acc11AVX2 adds rows of 11 int16 weights, each at q[11*r], to a, eight
// and four lanes at a time (acc11_amd64.s). Every row must lie within the
// table; it reads nothing outside the rows.
//
//go:noescape
func acc11AVX2(a *[11]int32, q *int16, rows []uint32)
