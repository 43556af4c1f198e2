package extract

import (
	"slices"
	"strings"
	"testing"

	"cograph/corpus"
)

func newTestExtractor(t testing.TB) *Extractor {
	return newExtractorFor(t, RecognizerModel)
}

func newExtractorFor(t testing.TB, recognizer string) *Extractor {
	t.Helper()
	ex, err := New(recognizer)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// recognizers lists the recognizers every extraction case must satisfy.
var recognizers = []string{RecognizerRules, RecognizerModel}

// entities returns "label/type" for every entity of the document.
func entities(d *Document) []string {
	var out []string
	for _, e := range d.Entities {
		out = append(out, e.Label+"/"+e.Type)
	}
	slices.Sort(out)
	return out
}

func TestExtractCases(t *testing.T) {
	cases := []struct {
		name     string
		title    string
		text     string
		want     []string // label/type that must be present
		wantNot  []string // labels that must not be present
		together [][]string
	}{
		{
			name:    "titles and short names",
			text:    "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow. Xi said the talks went well, and Putin agreed.",
			want:    []string{"Xi Jinping/person", "Vladimir Putin/person", "Moscow/place"},
			wantNot: []string{"Xi", "Putin", "President", "Chinese President Xi Jinping"},
		},
		{
			name:    "acronym defined in text",
			text:    "Leaders of the Shanghai Cooperation Organization (SCO) met on Monday. The SCO was founded in 2001.",
			want:    []string{"Shanghai Cooperation Organization/organization"},
			wantNot: []string{"SCO"},
		},
		{
			name:    "sentence-initial words",
			text:    "Meanwhile, trade grew. Trade data showed a rise. Security was tight. However, Kenya disagreed.",
			want:    []string{"Kenya/place"},
			wantNot: []string{"Meanwhile", "Trade", "Security", "However"},
		},
		{
			name: "head words",
			text: "The report came from the Heilongjiang Academy of Social Sciences and the Ministry of Foreign Affairs, before the Great Northern War anniversary.",
			want: []string{"Heilongjiang Academy of Social Sciences/organization", "Ministry of Foreign Affairs/organization", "Great Northern War/event"},
		},
		{
			name: "apposition person",
			text: "Jou Junqian, an expert on regional affairs, said ties were strong.",
			want: []string{"Jou Junqian/person"},
		},
		{
			name:    "heading words are not names",
			title:   "Strategic Bond Deepens as Xi and Putin Cement Partnership Amid Global Turbulence",
			text:    "President Xi Jinping and President Vladimir Putin met again.",
			want:    []string{"Xi Jinping/person", "Vladimir Putin/person"},
			wantNot: []string{"Strategic Bond", "Putin Cement", "Global Turbulence", "Partnership"},
		},
		{
			name:    "pronoun US in capitals",
			text:    "LET US GO HOME NOW. The US economy grew.",
			want:    []string{"United States/place"},
			wantNot: []string{"US"},
		},
		{
			name:    "same surname, two people",
			text:    "Ed Miliband spoke first. David Miliband later said Miliband would not run.",
			want:    []string{"Ed Miliband/person", "David Miliband/person"},
			wantNot: []string{"Miliband"},
		},
		{
			name:    "contained names stay distinct",
			text:    "The UN Security Council met. The United Nations said the Russian Federation Security Council disagreed, and Russia objected.",
			want:    []string{"United Nations Security Council/organization", "United Nations/organization", "Russia/place", "Security Council of the Russian Federation/organization"},
			wantNot: []string{"UN", "Russian Federation"},
		},
		{
			name:    "acronym that is also a word",
			text:    "The World Health Organization (WHO) warned on Monday. WHO officials said cases were rising. Who knows what comes next?",
			want:    []string{"World Health Organization/organization"},
			wantNot: []string{"Who", "WHO"},
		},
		{
			name:    "names in a headline written in capitals",
			text:    "CHINA AND THE UNITED STATES OF AMERICA AGREE ON TRADE\n\nTalks ended in Geneva.",
			want:    []string{"China/place", "United States/place"},
			wantNot: []string{"CHINA", "AGREE", "TRADE"},
		},
		{
			name:    "a name in capitals inside a Title Case headline",
			text:    "Talks With NEW ZEALAND Stall Again\n\nNegotiators left Wellington on Friday.",
			want:    []string{"New Zealand/place", "Wellington/place"},
			wantNot: []string{"NEW ZEALAND", "Stall"},
		},
		{
			name:    "name particle at sentence start",
			text:    "Ursula von der Leyen spoke first. Von der Leyen said the deal was done.",
			want:    []string{"Ursula von der Leyen/person"},
			wantNot: []string{"der Leyen", "Von der Leyen"},
		},
		{
			name:     "honorifics stripped",
			text:     "Tony Blair arrived in Paris. Mr Blair said the talks went well, and Dr Blair's aides agreed.",
			want:     []string{"Tony Blair/person", "Paris/place"},
			wantNot:  []string{"Mr Blair", "Blair", "Dr Blair"},
			together: [][]string{{"Tony Blair", "Blair"}},
		},
		{
			name:     "possessives",
			text:     "Vladimir Putin spoke in Moscow. Putin's plan and Moscow's response were discussed.",
			want:     []string{"Vladimir Putin/person", "Moscow/place"},
			wantNot:  []string{"Putin's", "Moscow's", "Putin"},
			together: [][]string{{"Vladimir Putin", "Putin"}},
		},
		{
			name:     "punctuation variants",
			text:     "The U.S. and the US Treasury differ. Officials in the United States and the US said so.",
			want:     []string{"United States/place"},
			wantNot:  []string{"U.S.", "US"},
			together: [][]string{{"U.S.", "United States"}},
		},
		{
			name:    "official country names",
			text:    "The People's Republic of China and the Russian Federation signed a treaty with the Republic of Korea.",
			want:    []string{"China/place", "Russia/place"},
			wantNot: []string{"People's Republic of China", "Russian Federation"},
		},
		{
			name:     "acronyms from the table",
			text:     "Leaders of the EU met NATO officials, while BRICS and the SCO held summits. The European Union said nothing.",
			want:     []string{"European Union/organization", "NATO/organization", "BRICS/organization", "Shanghai Cooperation Organization/organization"},
			wantNot:  []string{"EU", "SCO"},
			together: [][]string{{"EU", "European Union"}},
		},
		{
			name:     "acronym defined in the text",
			text:     "The Coastal Fisheries Protection Agency (CFPA) fined three trawlers. The CFPA said more checks would follow.",
			want:     []string{"Coastal Fisheries Protection Agency/organization"},
			wantNot:  []string{"CFPA"},
			together: [][]string{{"Coastal Fisheries Protection Agency", "CFPA"}},
		},
		{
			name:    "no punctuation at the end of a name",
			text:    "He asked what happened in Newport? Nobody knew. \"Was it Cardiff?\" she said. Despite this, the China-Russia relationship, which remains steadfast, grew.",
			want:    []string{"Cardiff/place"},
			wantNot: []string{"Newport?", "Cardiff?", "China-Russia relationship"},
		},
		{
			name:    "a known name that starts with a title word",
			text:    "Sri Lanka beat Pakistan in Colombo. President Smith of Sri Lanka spoke.",
			want:    []string{"Sri Lanka/place", "Pakistan/place"},
			wantNot: []string{"Lanka"},
		},
		{
			name:    "a title word inside a name",
			text:    "Queen of the South beat Queen's Park 2-1 at Palmerston Park in Dumfries on Saturday.",
			wantNot: []string{"of the South", "'s Park", "of South"},
		},
		{
			name:    "institution, title and person in one run",
			text:    "The Federal Reserve kept rates unchanged. Fed Chair Jerome Powell said inflation was high. Bank of England Governor Andrew Bailey agreed.",
			want:    []string{"Jerome Powell/person", "Federal Reserve/organization", "Andrew Bailey/person", "Bank of England/organization"},
			wantNot: []string{"Fed Chair Jerome Powell", "Bank of England Governor Andrew Bailey"},
		},
		{
			name: "connectors split people",
			text: "Talks between Angela Merkel and Emmanuel Macron of France ended.",
			want: []string{"Angela Merkel/person", "Emmanuel Macron/person", "France/place"},
		},
	}
	for _, rec := range recognizers {
		ex := newExtractorFor(t, rec)
		for _, c := range cases {
			t.Run(rec+"/"+c.name, func(t *testing.T) {
				d := ex.Extract(&corpus.Article{ID: "t", Title: c.title, Text: c.text})
				got := entities(d)
				for _, w := range c.want {
					if !slices.Contains(got, w) {
						t.Errorf("missing %s; got %v", w, got)
					}
				}
				for _, names := range c.together {
					if e := entityNamed(d, names[0]); e == nil || !aliasesInclude(e, names[1:]) {
						t.Errorf("%v are not one entity; got %v", names, aliasesOf(d))
					}
				}
				for _, n := range c.wantNot {
					for _, g := range got {
						if strings.SplitN(g, "/", 2)[0] == n {
							t.Errorf("unwanted entity %s; got %v", g, got)
						}
					}
				}
			})
		}
	}
}

// entityNamed returns the entity with the label or surface form name.
func entityNamed(d *Document, name string) *Entity {
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Label == name || slices.Contains(e.Aliases, name) {
			return e
		}
	}
	return nil
}

func aliasesInclude(e *Entity, names []string) bool {
	for _, n := range names {
		if e.Label != n && !slices.Contains(e.Aliases, n) {
			return false
		}
	}
	return true
}

func aliasesOf(d *Document) [][]string {
	var out [][]string
	for _, e := range d.Entities {
		out = append(out, append([]string{e.Label}, e.Aliases...))
	}
	return out
}

func TestMentionSpans(t *testing.T) {
	ex := newTestExtractor(t)
	a := &corpus.Article{ID: "t", Title: "Talks in Beijing", Text: "“Beijing’s” view: Xi Jinping met Putin.\n\nLater, Xi left."}
	d := ex.Extract(a)
	for _, m := range d.Mentions {
		if m.Start < 0 || m.End > len(d.Text) || m.Start >= m.End {
			t.Fatalf("bad span %+v", m)
		}
		if got := surfaceText(d.Text[m.Start:m.End]); got != m.Text {
			t.Errorf("span text %q != mention text %q", got, m.Text)
		}
	}
}

func TestRelations(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // "person -[role]-> target"
	}{
		{"title before name", "German Bundestag President Julia Klockner opened the session in Berlin.",
			[]string{"Julia Klockner -[president]-> Bundestag"}},
		{"nationality before title", "France and Germany agreed. French President Emmanuel Macron spoke.",
			[]string{"Emmanuel Macron -[president]-> France"}},
		{"apposition with of chain", "Maria Rossi, deputy director of the Research Department of the Bank of Italy, said rates would rise.",
			[]string{"Maria Rossi -[deputy director]-> Bank of Italy", "Maria Rossi -[deputy director]-> Research Department"}},
		{"apposition with from", "Li Wei, an analyst from the Chinese Academy of Social Sciences, disagreed.",
			[]string{"Li Wei -[analyst]-> Chinese Academy of Social Sciences"}},
		{"no title, no relation", "Angela Merkel met Joe Biden in Berlin.", nil},
		{"title without its country, from the office table", "The United States raised tariffs. President Donald Trump said China must respond.",
			[]string{"Donald Trump -[president]-> United States"}},
		{"office table needs the title the text gives", "The United States raised tariffs. Donald Trump said China must respond.", nil},
		{"office table needs the country in the article", "President Donald Trump said tariffs would rise.", nil},
		{"office table ignores other titles", "The United States raised tariffs. Former President Donald Trump disagreed.", nil},
	}
	for _, rec := range recognizers {
		ex := newExtractorFor(t, rec)
		for _, c := range cases {
			t.Run(rec+"/"+c.name, func(t *testing.T) {
				d := ex.Extract(&corpus.Article{ID: "t", Text: c.text})
				var got []string
				for _, r := range d.Relations {
					got = append(got, d.Entities[r.Person].Label+" -["+r.Role+"]-> "+d.Entities[r.Target].Label)
				}
				slices.Sort(got)
				if strings.Join(got, "|") != strings.Join(c.want, "|") {
					t.Errorf("relations = %q, want %q (entities %v)", got, c.want, entities(d))
				}
			})
		}
	}
}

// TestMayBeElection checks the shortcut against the case-folding
// comparisons it spares, on words that match in any case and on words
// that begin with letters that fold onto others.
func TestMayBeElection(t *testing.T) {
	for _, w := range []string{"election", "ELECTIONS", "Referendum", "rEfErEnDuM", "elections2", "elect",
		"", "e", "R", "Kelvin", "\u212Aelvin", "\u017Fay", "élection", "referenda", "the", "Election\u017F"} {
		want := strings.EqualFold(w, "election") || strings.EqualFold(w, "elections") || strings.EqualFold(w, "referendum")
		if got := mayBeElection(w); got != want {
			t.Errorf("mayBeElection(%q) = %v, want %v", w, got, want)
		}
	}
}
