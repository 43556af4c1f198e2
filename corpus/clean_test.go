package corpus

import (
	"strings"
	"testing"
)

// lines joins its arguments with "\n", so that cases read like files.
func lines(s ...string) string { return strings.Join(s, "\n") }

func TestClean(t *testing.T) {
	tests := []struct {
		name     string
		in       Article
		want     string
		author   string
		date     string
		wantNone []string // substrings that must be gone
	}{
		{
			name: "normalise whitespace, CRLF and hyphens",
			in:   Article{Text: "\uFEFF  Two\u00a0 words\r\nA\u2011B   ok.\r\n\r\n\r\nNext\tparagraph.\u200b"},
			want: "Two words\n\nA-B ok.\n\nNext paragraph.",
		},
		{
			name: "related block with bylines, section labels and dates",
			in: Article{Text: lines("First paragraph of the story.", "Share this article", "Related Articles", "",
				"Some other headline about the port", "By Desk Editor", "World & Business", "12 Jan 2024", "",
				"Another headline ends with a period.", "By Someone Else", "News", "11 Jan 2024")},
			want:     "First paragraph of the story.",
			wantNone: []string{"headline", "Desk", "World & Business", "2024"},
		},
		{
			name: "related block stops at prose",
			in: Article{Text: lines("Opening.", "Read more", "A teaser headline", "",
				"This is a real paragraph. It has two sentences and belongs to the story.")},
			want: "Opening.\n\nThis is a real paragraph. It has two sentences and belongs to the story.",
		},
		{
			name: "single link lines",
			in: Article{Text: lines("Body one.", "Related article: Some linked headline", "Read also: Another one",
				"See also - a third", "READ MORE: caps label", "Body two.")},
			want: "Body one.\n\nBody two.",
		},
		{
			name: "prompts",
			in: Article{Text: lines("Leave a Comment", "Body.", "Comments", "12 comments", "Share on Facebook",
				"Print", "Subscribe to our newsletter for daily updates", "Sign up now", "Follow us on Twitter",
				"Advertisement", "Home > World > Europe", "© 2024 Example Media", "Photo: Some Agency")},
			want: "Body.",
		},
		{
			name: "prompt words inside prose stay",
			in:   Article{Text: "Subscribers to the service, the company said, can print their tickets at home or share them with friends, sign up relatives and follow their travel plans online."},
			want: "Subscribers to the service, the company said, can print their tickets at home or share them with friends, sign up relatives and follow their travel plans online.",
		},
		{
			name:   "byline at top becomes Author",
			in:     Article{Text: lines("By Jane Q. Doe and Omar al-Rashid", "Headline here", "Body text.")},
			want:   "Headline here\n\nBody text.",
			author: "Jane Q. Doe and Omar al-Rashid",
		},
		{
			name:   "byline with agency",
			in:     Article{Text: lines("By Li Wei, Reuters", "Body text.")},
			want:   "Body text.",
			author: "Li Wei, Reuters",
		},
		{
			name: "prose starting with By stays",
			in:   Article{Text: lines("By 2019, trade had doubled.", "By the end of the year the plan was dead.")},
			want: "By 2019, trade had doubled.\n\nBy the end of the year the plan was dead.",
		},
		{
			name:   "byline at the bottom is removed but is not the author",
			in:     Article{Text: lines("Para one.", "Para two.", "Para three.", "Para four.", "Para five.", "Para six.", "Para seven.", "By Karl Berg")},
			want:   "Para one.\n\nPara two.\n\nPara three.\n\nPara four.\n\nPara five.\n\nPara six.\n\nPara seven.",
			author: "",
		},
		{
			name: "metadata author wins",
			in:   Article{Author: "Meta Author", Text: lines("By Jane Doe", "Body.")},
			want: "Body.", author: "Meta Author",
		},
		{
			name: "bare URLs go, inline URLs stay",
			in:   Article{Text: lines("See https://example.com/x for the report.", "https://example.com/a/b", "www.example.org/page", "<https://example.com>")},
			want: "See https://example.com/x for the report.",
		},
		{
			name: "date line near the top",
			in:   Article{Text: lines("Headline", "May 4, 2025 - 23:27", "Body.", "Monday, 4 May 2025", "More body.")},
			want: "Headline\n\nBody.\n\nMore body.", date: "2025-05-04",
		},
		{
			name: "metadata date wins",
			in:   Article{Date: "2020-01-01", Text: lines("28 August 2025", "Body.")},
			want: "Body.", date: "2020-01-01",
		},
		{
			name: "date far down is removed but ignored",
			in:   Article{Text: lines("A.", "B.", "C.", "D.", "E.", "F.", "G.", "2025-05-04", "H.")},
			want: "A.\n\nB.\n\nC.\n\nD.\n\nE.\n\nF.\n\nG.\n\nH.",
		},
		{
			name: "dateline prefixes",
			in:   Article{Text: lines("Title line", "BEIJING- Chinese officials met on Monday.", "MOSCOW (Reuters) - The Kremlin said so too.")},
			want: "Title line\n\nChinese officials met on Monday.\n\nThe Kremlin said so too.",
		},
		{
			name: "dateline with em dash and with date",
			in:   Article{Text: lines("LONDON — Ministers agreed to meet again.", "WASHINGTON, May 4 (AP) -- Senators voted late on Monday.")},
			want: "Ministers agreed to meet again.\n\nSenators voted late on Monday.",
		},
		{
			name: "dateline is only stripped near the top",
			in:   Article{Text: lines("A.", "B.", "C.", "PARIS - Officials said more.")},
			want: "A.\n\nB.\n\nC.\n\nPARIS - Officials said more.",
		},
		{
			name: "dateline-like text that is prose stays",
			in:   Article{Text: lines("The UN-backed talks resumed.", "NATO - the alliance - met.", "Anglo-French talks began - slowly.")},
			want: "The UN-backed talks resumed.\n\nNATO - the alliance - met.\n\nAnglo-French talks began - slowly.",
		},
		{
			name: "agency signature at the end",
			in:   Article{Text: "The talks ended on Friday. GT"},
			want: "The talks ended on Friday.",
		},
		{
			name: "signature paragraph and reporting credit",
			in:   Article{Text: lines("The talks ended.", "(Reporting by Ann Lee; Editing by Bo Chan)", "(Reuters)")},
			want: "The talks ended.",
		},
		{
			name: "subheadings are kept",
			in:   Article{Text: lines("Opening paragraph.", "Diplomatic Visits: A Foundation for Cooperation", "Closing paragraph.")},
			want: "Opening paragraph.\n\nDiplomatic Visits: A Foundation for Cooperation\n\nClosing paragraph.",
		},
		{
			name: "hard-wrapped text is re-joined",
			in: Article{Text: lines(
				"The committee met on Thursday to discuss the proposal for a new railway line",
				"between the two cities, which has been debated for more than ten years by the",
				"regional governments and the national rail company.",
				"",
				"Its chairman said the line would be built in stages, starting with the China-",
				"Russia border section, and that the first trains could run by the end of 2031.",
				"",
				"Short heading line",
				"The next paragraph starts here and runs on for a while so that it wraps onto",
				"another line.")},
			want: "The committee met on Thursday to discuss the proposal for a new railway line between the two cities, which has been debated for more than ten years by the regional governments and the national rail company.\n\n" +
				"Its chairman said the line would be built in stages, starting with the China-Russia border section, and that the first trains could run by the end of 2031.\n\n" +
				"Short heading line\n\nThe next paragraph starts here and runs on for a while so that it wraps onto another line.",
		},
		{
			name: "a sentence interrupted by furniture is mended",
			in:   Article{Text: lines("The minister said the plan would help farmers and", "", "https://example.com/x", "", "their families.")},
			want: "The minister said the plan would help farmers and their families.",
		},
		{
			name: "lists are not hard-wrapped text",
			in:   Article{Text: lines("The budget:", "- Raised spending on schools to 10bn", "- Cut fuel duty", "- Froze rail fares for a year", "- Added two bank holidays")},
			want: "The budget:\n\n- Raised spending on schools to 10bn\n\n- Cut fuel duty\n\n- Froze rail fares for a year\n\n- Added two bank holidays",
		},
		{
			name: "title repeated at the top is dropped",
			in:   Article{Title: "Port  reopens", Text: lines("Port reopens", "The port reopened.")},
			want: "The port reopened.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.in
			Clean(&a)
			if a.Text != tt.want {
				t.Errorf("Text:\n got %q\nwant %q", a.Text, tt.want)
			}
			if a.Author != tt.author && (tt.author != "" || tt.in.Author == "") {
				t.Errorf("Author = %q, want %q", a.Author, tt.author)
			}
			wantDate := tt.date
			if wantDate == "" {
				wantDate = tt.in.Date
			}
			if a.Date != wantDate {
				t.Errorf("Date = %q, want %q", a.Date, wantDate)
			}
			for _, s := range tt.wantNone {
				if strings.Contains(a.Text, s) {
					t.Errorf("Text still contains %q", s)
				}
			}
		})
	}
}

func TestIsHeadline(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Russia and China to cement strategic partnership", true},
		{"iTunes now selling charity song", true},
		{"'My memories of the band...'", true},
		{"Is the boom over?", true},
		{"China and Russia agreed on Wednesday to upgrade their relations.", false},
		{"and this starts in lowercase", false},
		{"By Jane Doe", false},
		{"28 August 2025", false},
		{"https://example.com/x", false},
		{strings.Repeat("word ", 45), false},
		{"First sentence. Second sentence", false},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if got := isHeadline(tt.s); got != tt.want {
				t.Errorf("isHeadline(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2025-05-04", "2025-05-04"},
		{"2025-05-04T23:27:00+03:00", "2025-05-04"},
		{"2025-05-04T23:27:00.123Z", "2025-05-04"},
		{"2025-05-04 10:00:00", "2025-05-04"},
		{"2025/5/4", "2025-05-04"},
		{"28 August 2025", "2025-08-28"},
		{"28 Aug 2025", "2025-08-28"},
		{"28 Aug. 2025", "2025-08-28"},
		{"August 28, 2025", "2025-08-28"},
		{"May 4, 2025 - 23:27", "2025-05-04"},
		{"Monday, May 4, 2025", "2025-05-04"},
		{"Monday, 4 May 2025", "2025-05-04"},
		{"Mon, 04 May 2025 10:00:00 GMT", "2025-05-04"},
		{"4th of May 2025", "2025-05-04"},
		{"Published: 28 August 2025 | 10:32 BST", "2025-08-28"},
		{"Updated on Sept 3, 2024 at 5:00 p.m. ET", "2024-09-03"},
		{"28/08/2025", "2025-08-28"},
		{"08/28/2025", "2025-08-28"},
		{"04/05/2025", ""}, // April or May
		{"31 April 2025", ""},
		{"May 2025", ""},
		{"2025", ""},
		{"May 4, 2025 was a Sunday", ""},
		{"The meeting is on 4 May 2025.", ""},
		{"", ""},
		{"Monday Tuesday 4 May 2025", ""},
		{"4 5 May 2025", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}
