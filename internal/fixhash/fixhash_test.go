package fixhash

import (
	"fmt"
	"testing"
)

// TestStringSpreads checks that the hash spreads similar keys (numbered
// words, one-letter changes, every length up to 24) over the low bits that
// tables index by: no 2^12-slot bucket may hold far more than its share.
func TestStringSpreads(t *testing.T) {
	var keys []string
	for i := range 20000 {
		keys = append(keys, fmt.Sprintf("w%d", i), fmt.Sprintf("Word%05d", i))
	}
	base := []byte("abcdefghijklmnopqrstuvwx")
	for n := range len(base) + 1 {
		for c := byte('a'); c <= 'z'; c++ {
			b := append([]byte(nil), base[:n]...)
			if n > 0 {
				b[n-1] = c
			}
			keys = append(keys, string(b))
		}
	}
	const buckets = 1 << 12
	var count [buckets]int
	seen := map[uint64]string{}
	for _, k := range keys {
		h := String(k)
		if o, ok := seen[h]; ok && o != k {
			t.Errorf("%q and %q collide", o, k)
		}
		seen[h] = k
		count[h&(buckets-1)]++
	}
	share := len(keys) / buckets
	for b, c := range count {
		if c > 4*share+8 {
			t.Errorf("bucket %d holds %d keys, about %d expected", b, c, share)
		}
	}
	if String("the") == String("The") || String("") == String("\x00") {
		t.Error("distinct short keys hash alike")
	}
}
