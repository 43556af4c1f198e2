package extract

import (
	"math/rand/v2"
	"testing"
)

// TestASCIIKeyMatchesCanonicalKey checks CanonicalKey's one-pass path for
// ASCII names against the general one (generalKey), on every value of the
// embedded tables and on random strings of the bytes the key treats
// specially.
func TestASCIIKeyMatchesCanonicalKey(t *testing.T) {
	names := []string{"", "The", "the ", "The  Hague", " the x", "U.S.", "Macy's ", "MACY'S", "'s", "the's",
		"Anti-Fascist", "a,b", "x\t\ny", "The The", "-the x", "THE X", "the-x"}
	names = append(names, tableValues(t)...)
	r := rand.New(rand.NewPCG(1, 1))
	const alphabet = "aAtThHeEsS .-',\t\n\v\f\rxZ9"
	for range 200000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		names = append(names, string(b))
	}
	ascii := 0
	for _, n := range names {
		got, ok := asciiKey(n)
		if !ok {
			continue
		}
		ascii++
		if want := generalKey(n); got != want {
			t.Fatalf("asciiKey(%q) = %q, want %q", n, got, want)
		}
	}
	if ascii < len(names)/2 {
		t.Errorf("only %d of %d names take the ASCII path", ascii, len(names))
	}
}
