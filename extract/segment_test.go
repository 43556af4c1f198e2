package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"cograph/corpus"
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
		{"negation in capitals", "DON'T Can't", "DO N'T Ca n't"},
		{"curly negation", "didn’t", "did n't"},
		{"double hyphen", "yes--no", "yes -- no"},
		{"horizontal bar and ellipsis", "a―b c…d", "a ― b c … d"},
		{"en dash folds, stays whole", "1990–2000", "1990-2000"},
		{"stray lead byte", "a\xe2-b \xe2\x80", "a\xe2-b \xe2\x80"}, // kept as they are
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

// FuzzExtract runs the whole extraction (segmenter, tagger, rules and the
// lexicon's tables, resolution) on any text: no panic, and every mention,
// entity and relation points where it should.
func FuzzExtract(f *testing.F) {
	ex, err := New(RecognizerModel)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("President Xi Jinping met Vladimir Putin in Moscow on Monday, the Kremlin said.")
	f.Add("FORMER US PRESIDENT BILL CLINTON AND THE UNITED NATIONS\n\nMr. Clinton's aide, Ms. Lee, said the G20 summit—and COP28—would go ahead.")
	f.Add("Zürich’s Mayor Corine Mauch told Reuters: «Das ist gut». Ирина Петрова and 习近平 also spoke.")
	f.Add("The Ministry of Defence of the People's Republic of China and Ministry of Defence. Ministry Ministry of")
	f.Fuzz(func(t *testing.T, text string) {
		doc := ex.Extract(&corpus.Article{ID: "fuzz", Title: "", Text: text})
		for i, m := range doc.Mentions {
			if m.Start < 0 || m.End > len(doc.Text) || m.Start >= m.End || m.Sentence < 0 || m.Sentence >= len(doc.Sentences) {
				t.Fatalf("mention %d %+v out of the text (%d bytes, %d sentences)", i, m, len(doc.Text), len(doc.Sentences))
			}
			if m.Entity < 0 || m.Entity >= len(doc.Entities) || m.Label == "" || m.Type == "" {
				t.Fatalf("mention %d %+v: bad entity, label or type", i, m)
			}
		}
		for _, e := range doc.Entities {
			if len(e.Mentions) == 0 || e.Key == "" {
				t.Fatalf("entity %+v without mentions or key", e)
			}
			for _, mi := range e.Mentions {
				if mi < 0 || mi >= len(doc.Mentions) {
					t.Fatalf("entity %+v: mention %d of %d", e, mi, len(doc.Mentions))
				}
			}
		}
		for _, r := range doc.Relations {
			if r.Person < 0 || r.Person >= len(doc.Entities) || r.Target < 0 || r.Target >= len(doc.Entities) {
				t.Fatalf("relation %+v out of %d entities", r, len(doc.Entities))
			}
		}
	})
}

// TestSpaceAt checks the ASCII shortcut of spaceAt against the rule for
// every rune: every ASCII byte, and the non-ASCII spaces and look-alikes.
func TestSpaceAt(t *testing.T) {
	rule := func(r rune) bool {
		return unicode.IsSpace(r) || foldRune(r) == ' ' || r == '\u200B' || r == '\uFEFF'
	}
	runes := []rune{'\u0085', '\u00A0', '\u2007', '\u200B', '\u2028', '\u3000', '\uFEFF', 'é', '\u2014'}
	for r := rune(0); r < utf8.RuneSelf; r++ {
		runes = append(runes, r)
	}
	for _, r := range runes {
		s := string(r) + "x"
		if got, n := spaceAt(s, 0, len(s)); got != rule(r) || n != utf8.RuneLen(r) {
			t.Errorf("spaceAt(%q) = %v, %d; want %v, %d", r, got, n, rule(r), utf8.RuneLen(r))
		}
	}
}
