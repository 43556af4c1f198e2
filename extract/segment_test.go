package extract

import (
	"strings"
	"testing"
)

func norms(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Norm)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"possessive", "China’s Ministry", "China 's Ministry"},
		{"abbreviation", "the U.S. and Mr. Smith.", "the U.S. and Mr. Smith ."},
		{"quotes", "“High‑Level” Partnership", "\" High-Level \" Partnership"},
		{"em dash", "2013 and 2023—more", "2013 and 2023 — more"},
		{"negation", "don't go", "do n't go"},
		{"brackets", "Initiative (BRI),", "Initiative ( BRI ) ,"},
		{"initial", "George W. Bush", "George W. Bush"},
		{"ellipsis", "wait... now", "wait ... now"},
		{"plural possessive", "workers' rights", "workers ' rights"},
		{"hyphen compound", "U.S.-led order", "U.S.-led order"},
		{"acute accent as apostrophe", "O'Brien´s 0´s", "O'Brien 's 0 's"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := norms(Tokenize(c.in))
			if got != c.want {
				t.Errorf("Tokenize(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestSegmentSentences(t *testing.T) {
	text := "Mr. Smith went to the U.S. on Jan. 5. He met Dr. Jones there.\n\nA new paragraph! “Is it?” she asked. Yes."
	sents := Segment(text)
	var got []string
	for _, s := range sents {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{
		"Mr. Smith went to the U.S. on Jan. 5.",
		"He met Dr. Jones there.",
		"A new paragraph!",
		"“Is it?” she asked.",
		"Yes.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sentences:\n got %q\nwant %q", got, want)
	}
	if sents[1].Paragraph != 0 || sents[2].Paragraph != 1 {
		t.Errorf("paragraph indexes %d %d, want 0 1", sents[1].Paragraph, sents[2].Paragraph)
	}
}

func TestSegmentHeading(t *testing.T) {
	text := "Diplomatic Visits: A Foundation for Cooperation\n\nThe talks went well in Moscow."
	sents := Segment(text)
	if len(sents) != 2 || !sents[0].Heading || sents[1].Heading {
		t.Fatalf("heading flags wrong: %+v", sents)
	}
}

func TestSegmentSpans(t *testing.T) {
	text := "  Hello, world.  \n\n\n Second\tparagraph — with “quotes”…\n"
	prev := 0
	for _, s := range Segment(text) {
		for _, tk := range s.Tokens {
			if tk.Start < prev || tk.End > len(text) || tk.Start >= tk.End {
				t.Fatalf("bad token span %+v", tk)
			}
			prev = tk.End
		}
	}
}

func FuzzSegment(f *testing.F) {
	f.Add("Mr. Smith went to the U.S. on Jan. 5. He met “Dr. Jones”—there.\n\nNew para!")
	f.Add("’s ' '' .. ... — -- n't")
	f.Add("a\n \t\r\nb\n\n\n\u00a0\n\nc.")
	f.Fuzz(func(t *testing.T, text string) {
		prev, para := 0, 0
		for _, s := range Segment(text) {
			if s.Start < prev || s.End > len(text) || s.Start >= s.End || len(s.Tokens) == 0 {
				t.Fatalf("bad sentence span %v", s.Span)
			}
			if s.Paragraph < para || s.Paragraph > para+1 {
				t.Fatalf("paragraph %d after %d", s.Paragraph, para)
			}
			para = s.Paragraph
			for _, tk := range s.Tokens {
				if tk.Start < prev || tk.Start < s.Start || tk.End > s.End || tk.Start >= tk.End || tk.Norm == "" {
					t.Fatalf("bad token %+v in %v", tk, s.Span)
				}
				prev = tk.End
			}
		}
	})
}
