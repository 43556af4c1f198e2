package extract

import (
	"math/rand/v2"
	"strings"
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
		got, ok := asciiKey(nil, n)
		if !ok {
			continue
		}
		ascii++
		if want := generalKey(n); string(got) != want {
			t.Fatalf("asciiKey(%q) = %q, want %q", n, got, want)
		}
	}
	if ascii < len(names)/2 {
		t.Errorf("only %d of %d names take the ASCII path", ascii, len(names))
	}
}

// TestAbbreviatesFields checks Abbreviates, which walks the words in
// place, against its definition on strings.Fields, on names with the
// white space strings.Fields splits at (ASCII and not).
func TestAbbreviatesFields(t *testing.T) {
	def := func(short, full string) bool {
		s, f := strings.Fields(short), strings.Fields(full)
		if len(s) >= len(f) {
			return false
		}
		if len(s) == 1 && strings.EqualFold(s[0], f[0]) {
			return true
		}
		tail := f[len(f)-len(s):]
		for i := range s {
			if !strings.EqualFold(s[i], tail[i]) {
				return false
			}
		}
		return true
	}
	words := []string{"xi", "Xi", "jinping", "JINPING", "von", "der", "Leyen", "leyen", "Ursula", "ß", "SS"}
	seps := []string{" ", "  ", "\t", "\u00a0", "\u3000", "\n "}
	r := rand.New(rand.NewPCG(2, 3))
	name := func() string {
		var b strings.Builder
		if r.IntN(4) == 0 {
			b.WriteString(seps[r.IntN(len(seps))])
		}
		for k := range r.IntN(5) {
			if k > 0 {
				b.WriteString(seps[r.IntN(len(seps))])
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		if r.IntN(4) == 0 {
			b.WriteString(seps[r.IntN(len(seps))])
		}
		return b.String()
	}
	agree := 0
	for range 100000 {
		s, f := name(), name()
		got, want := Abbreviates(s, f), def(s, f)
		if got != want {
			t.Fatalf("Abbreviates(%q, %q) = %v, strings.Fields says %v", s, f, got, want)
		}
		if want {
			agree++
		}
	}
	if agree < 1000 {
		t.Errorf("only %d pairs abbreviate: the test draws too few", agree)
	}
	if countFields(" a\u00a0b  c ") != 3 || countFields("") != 0 {
		t.Error("countFields does not count as strings.Fields")
	}
}
