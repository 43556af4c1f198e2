package graph

import (
	"bufio"
	"errors"
	"slices"
	"strings"
	"testing"
)

// FuzzAliases checks that ParseAliases never panics, reports a bad line as
// an *AliasError with its 1-based line, and keeps only well-formed
// directives: every name maps to a labelled node of a known type or none.
func FuzzAliases(f *testing.F) {
	f.Add("# corrections\nmerge Vladimir Putin [person] = Putin | V. Putin\nrename WHO => World Health Organization [organization]\ndrop Monday | The\nforbid Paris != Paris Hilton\n")
	f.Add("merge A = B\nmerge a. = c\nrename x =>\nforbid the X != x's\nmerge [event]\nmerge L [Place] = |  | M\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		a, err := ParseAliases(strings.NewReader(in), "aliases.txt")
		if err != nil {
			var ae *AliasError
			if errors.As(err, &ae) {
				if ae.Line < 1 || ae.Msg == "" {
					t.Fatalf("bad error %v", ae)
				}
			} else if !errors.Is(err, bufio.ErrTooLong) {
				t.Fatalf("error %T %v is not an *AliasError", err, err)
			}
			return
		}
		for k, c := range a.canon {
			if k == "" || c.key == "" || c.label == "" {
				t.Fatalf("name %q maps to %+v", k, c)
			}
			if c.typ != "" && !slices.Contains([]string{Person, Organization, Event, Place}, c.typ) {
				t.Fatalf("type %q", c.typ)
			}
		}
		for pair := range a.forbid {
			if pair[0] == "" || pair[0] >= pair[1] {
				t.Fatalf("forbidden pair %q", pair)
			}
		}
	})
}
