package corpus

import (
	"errors"
	"strings"
	"testing"
)

func TestJSONLErrors(t *testing.T) {
	input := strings.Join([]string{
		`{"id": "good1", "text": "First good article."}`,
		`{"id": "bad", "text": "unterminated}`,
		``,
		`  {"id": "good2", "body": "Second good article."}`,
		`  {"id": "bad2" "text": "x"}`,
		`[1, 2, 3]`,
		`{"id": {"nested": true}, "text": "id of the wrong type"}`,
		`{"text": "Third, without an id."}`,
		"{\"text\": \"caf\xe9\xe9\" x}", // Latin-1: columns count the file's bytes
		"\f {\"text\" 1}",
	}, "\r\n")
	arts, errs := readAll(t, NewReader(strings.NewReader(input), "in.jsonl", FormatJSONL, Options{}))
	var ids []string
	for _, a := range arts {
		checkArticle(t, a)
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, " "), "good1 good2 in.jsonl:8"; got != want {
		t.Errorf("IDs = %q, want %q", got, want)
	}
	// Columns are 1-based bytes: 36 is the end of line 2, 17 the stray
	// quote, 18 the x after two one-byte Latin-1 letters, 11 the 1 after a
	// form feed.
	want := []struct{ line, col int }{{2, 36}, {5, 17}, {6, 1}, {7, 1}, {9, 18}, {10, 11}}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors %v, want %d", len(errs), errs, len(want))
	}
	for i, w := range want {
		var pe *ParseError
		if !errors.As(errs[i], &pe) {
			t.Fatalf("error %d is %T, want *ParseError", i, errs[i])
		}
		if pe.Path != "in.jsonl" || pe.Line != w.line || pe.Column != w.col || !errors.Is(pe, ErrMalformedJSON) {
			t.Errorf("error %d = %v (line %d col %d), want in.jsonl line %d col %d ErrMalformedJSON", i, pe, pe.Line, pe.Column, w.line, w.col)
		}
	}
}

func TestJSONLTooLong(t *testing.T) {
	long := `{"id": "long", "text": "` + strings.Repeat("x", 200) + `"}`
	for _, tail := range []string{"\n", ""} { // an overlong last line may lack its newline
		input := `{"id": "a", "text": "Short one."}` + "\n" + long + "\n" + `{"id": "b", "text": "Short two."}` + "\n" + long + tail
		arts, errs := readAll(t, NewReader(strings.NewReader(input), "x.jsonl", FormatJSONL, Options{MaxLineSize: 100}))
		if len(arts) != 2 || arts[0].ID != "a" || arts[1].ID != "b" {
			t.Errorf("articles = %v, want a and b", arts)
		}
		if len(errs) != 2 {
			t.Fatalf("errors = %v, want two ErrTooLong", errs)
		}
		for i, line := range []int{2, 4} {
			var pe *ParseError
			if !errors.As(errs[i], &pe) || !errors.Is(pe, ErrTooLong) || pe.Line != line || pe.Column != 101 {
				t.Errorf("error %d = %v, want line %d col 101 ErrTooLong", i, errs[i], line)
			}
		}
	}
}

func TestJSONLLineAtLimit(t *testing.T) {
	line := `{"text": "` + strings.Repeat("y", 88) + `"}`
	if len(line) != 100 {
		t.Fatalf("test line is %d bytes", len(line))
	}
	arts, errs := readAll(t, NewReader(strings.NewReader(line+"\n"+line), "x.jsonl", FormatJSONL, Options{MaxLineSize: 100}))
	if len(arts) != 2 || len(errs) != 0 {
		t.Errorf("got %d articles, errors %v; want 2 articles", len(arts), errs)
	}
}

func TestJSONLFields(t *testing.T) {
	input := `{"id": 7, "headline": "Headline field", "content": "<p>From <b>HTML</b> content.</p><p>Second.</p>", "published_at": "March 1, 2024", "author": ["A One", "B Two"], "url": "u", "source": "S"}`
	arts, errs := readAll(t, NewReader(strings.NewReader(input), "f.jsonl", FormatJSONL, Options{}))
	if len(errs) != 0 || len(arts) != 1 {
		t.Fatalf("articles %v, errors %v", arts, errs)
	}
	got := *arts[0]
	want := Article{ID: "7", Title: "Headline field", Date: "2024-03-01", URL: "u", Source: "S", Author: "A One, B Two", Text: "From HTML content.\n\nSecond."}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestJSONLWindows1252(t *testing.T) {
	input := "{\"id\": \"w\", \"text\": \"Caf\xe9 \x93Lumi\xe8re\x94 opened.\"}\n{\"id\": \"v\", \"text\": \"Caf\xe9 again.\"}"
	var warnings []error
	arts, errs := readAll(t, NewReader(strings.NewReader(input), "w.jsonl", FormatJSONL, Options{Warn: func(_ string, err error) { warnings = append(warnings, err) }}))
	if len(errs) != 0 || len(arts) != 2 {
		t.Fatalf("articles %v, errors %v", arts, errs)
	}
	if arts[0].Text != "Café “Lumière” opened." {
		t.Errorf("Text = %q", arts[0].Text)
	}
	if len(warnings) != 1 || !errors.Is(warnings[0], ErrWindows1252) {
		t.Errorf("warnings = %v, want one ErrWindows1252", warnings)
	}
}
