package graph

// pairTable maps pair keys to edge indexes. It is the builder's hottest
// structure (one look-up per pair of entities per window, tens of millions
// in a large corpus): open addressing over two flat slices probes one cache
// line where a general map probes several, and holds no pointers.
type pairTable struct {
	keys  []uint64
	vals  []int32 // index+1; 0 marks an empty slot
	shift uint    // 64 - log2(len(keys))
	n     int
}

// hash spreads a key over the table (Fibonacci hashing).
func (t *pairTable) slot(key uint64) uint64 {
	return (key * 0x9E3779B97F4A7C15) >> t.shift
}

// get returns the index stored for key.
func (t *pairTable) get(key uint64) (int32, bool) {
	if t.n == 0 {
		return 0, false
	}
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch {
		case t.vals[i] == 0:
			return 0, false
		case t.keys[i] == key:
			return t.vals[i] - 1, true
		}
	}
}

// put stores v for key, which must not be in the table yet.
func (t *pairTable) put(key uint64, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	i := t.slot(key)
	for t.vals[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.vals[i] = key, v+1
	t.n++
}

// grow doubles the table (to 1024 slots at first) and reinserts.
func (t *pairTable) grow() { t.resize(max(2*len(t.keys), 1024)) }

// reserve makes room for n keys at once, when their number is known:
// growing by doubling allocates (and first touches) about twice the
// final table.
func (t *pairTable) reserve(n int) {
	size := 1024
	for size < 2*n {
		size *= 2
	}
	if size > len(t.keys) {
		t.resize(size)
	}
}

// resize moves the table to size slots, a power of two.
func (t *pairTable) resize(size int) {
	keys, vals := t.keys, t.vals
	t.keys, t.vals = make([]uint64, size), make([]int32, size)
	t.shift = 64
	for s := size; s > 1; s >>= 1 {
		t.shift--
	}
	t.n = 0
	for i, v := range vals {
		if v != 0 {
			t.put(keys[i], v-1)
		}
	}
}
