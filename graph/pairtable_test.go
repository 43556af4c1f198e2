package graph

import (
	"math/rand/v2"
	"testing"
)

// TestPairTable checks the table against a map through several growths,
// with keys that share their low or high halves (pairs of one node).
func TestPairTable(t *testing.T) {
	for _, reserved := range []int{0, 20000, 70000} { // reserved too few, enough
		testPairTable(t, reserved)
	}
}

func testPairTable(t *testing.T, reserved int) {
	var pt pairTable
	pt.reserve(reserved)
	if reserved > 0 && len(pt.keys) < 2*reserved {
		t.Fatalf("reserve(%d) made %d slots", reserved, len(pt.keys))
	}
	want := map[uint64]int32{}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 50000 {
		a, b := int32(r.IntN(300)), int32(r.IntN(100000))
		if i%3 == 0 {
			a = 0
		}
		key := pair{a, b}.key()
		if _, ok := want[key]; ok {
			continue
		}
		want[key] = int32(i)
		pt.put(key, int32(i))
	}
	if pt.n != len(want) {
		t.Fatalf("table holds %d keys, want %d", pt.n, len(want))
	}
	for k, v := range want {
		if got, ok := pt.get(k); !ok || got != v {
			t.Fatalf("get(%x) = %d, %v; want %d, true", k, got, ok, v)
		}
	}
	for range 1000 {
		k := pair{int32(r.IntN(300)) + 1000, int32(r.IntN(100))}.key()
		if _, ok := pt.get(k); ok {
			t.Fatalf("get(%x) found a key never stored", k)
		}
	}
	var empty pairTable
	if _, ok := empty.get(7); ok {
		t.Fatal("an empty table found a key")
	}
}

// TestEdgeStore checks indexes and the flat copy across block boundaries.
func TestEdgeStore(t *testing.T) {
	var s edgeStore
	n := 2*edgeBlock + 5
	for i := range n {
		if k := s.add(edgeAcc{pair: pair{int32(i), int32(i + 1)}}); k != int32(i) {
			t.Fatalf("add %d returned %d", i, k)
		}
	}
	flat := s.slice()
	if s.len() != n || len(flat) != n {
		t.Fatalf("len %d, slice of %d; want %d", s.len(), len(flat), n)
	}
	for i := range n {
		if s.at(int32(i)).a != int32(i) || flat[i].a != int32(i) {
			t.Fatalf("entry %d holds %d (at) and %d (slice)", i, s.at(int32(i)).a, flat[i].a)
		}
	}
}
