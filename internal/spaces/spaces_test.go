package spaces

import (
	"strings"
	"testing"
	"unsafe"
)

func join(s string) string { return strings.Join(strings.Fields(s), " ") }

var cases = []string{
	"", " ", "  ", "a", " a", "a ", "a b", "a  b", "a\tb", "a\nb", "a\r\nb", "\va\f",
	"Vladimir Putin met Xi Jinping.", "two  spaces", "trailing ", " leading",
	"non\u00a0breaking", "ideographic\u3000space", "line\u2028separator", "nel\u0085x",
	"ogham\u1680x", "em\u2003space", "narrow\u202fno-break", "zero\u200bwidth (not space)",
	"bad \xff utf-8", "\xff", "\xe2\x80", "é à ü", "  many   runs \t of \n space  ",
}

// TestCollapseIsFieldsJoin: the same value as joining strings.Fields, on
// ASCII and Unicode white space, invalid UTF-8 and already collapsed text.
func TestCollapseIsFieldsJoin(t *testing.T) {
	for _, s := range cases {
		if got, want := Collapse(s), join(s); got != want {
			t.Errorf("Collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestCollapseKeepsCollapsed: text that needs no change comes back as is,
// without a copy.
func TestCollapseKeepsCollapsed(t *testing.T) {
	for _, s := range []string{"a", "a b", "Vladimir Putin met Xi Jinping.", "é à ü", "bad \xff utf-8", "zero\u200bwidth"} {
		got := Collapse(s)
		if unsafe.StringData(got) != unsafe.StringData(s) {
			t.Errorf("Collapse(%q) copied", s)
		}
	}
	if n := testing.AllocsPerRun(100, func() { Collapse("Vladimir Putin met Xi Jinping in Moscow.") }); n != 0 {
		t.Errorf("%v allocations for collapsed text, want 0", n)
	}
}

func FuzzCollapse(f *testing.F) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Collapse(s), join(s); got != want {
			t.Fatalf("Collapse(%q) = %q, want %q", s, got, want)
		}
	})
}
