package corpus_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"cograph/corpus"
)

func ExampleNewReader() {
	page := `By Ada Byron

Harbour reopens after storm

4 May 2025

PORTVILLE (Wire) - The harbour reopened on Sunday, the port authority said.
Share this article`
	r := corpus.NewReader(strings.NewReader(page), "harbour.txt", corpus.FormatText, corpus.Options{})
	for {
		a, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println("skipped:", err)
			continue
		}
		fmt.Printf("%s | %s | %s | %s\n%s\n", a.ID, a.Title, a.Date, a.Author, a.Text)
	}
	// Output:
	// harbour.txt | Harbour reopens after storm | 2025-05-04 | Ada Byron
	// The harbour reopened on Sunday, the port authority said.
}

func ExampleParseError() {
	in := "{\"id\": \"ok\", \"text\": \"Fine.\"}\n{\"id\": broken}\n"
	r := corpus.NewReader(strings.NewReader(in), "feed.jsonl", corpus.FormatJSONL, corpus.Options{})
	for {
		a, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *corpus.ParseError
		if errors.As(err, &pe) {
			fmt.Println("line", pe.Line, "column", pe.Column, errors.Is(err, corpus.ErrMalformedJSON))
			continue
		}
		fmt.Println(a.ID, a.Text)
	}
	// Output:
	// ok Fine.
	// line 2 column 8 true
}

func ExampleParseDate() {
	for _, s := range []string{"May 4, 2025 - 23:27", "28 Aug 2025", "2025-05-04T10:00:00+03:00", "04/05/2025"} {
		d, ok := corpus.ParseDate(s)
		fmt.Printf("%q %v\n", d, ok)
	}
	// Output:
	// "2025-05-04" true
	// "2025-08-28" true
	// "2025-05-04" true
	// "" false
}
