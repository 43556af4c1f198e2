package extract

import (
	"reflect"
	"testing"

	"cograph/corpus"
)

// TestRelease: a released document's arrays go to later extractions,
// which come out as they would have fresh, while a document that was not
// released keeps its sentences whatever is extracted after it.
func TestRelease(t *testing.T) {
	ex, err := New(RecognizerModel)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Vladimir Putin met Xi Jinping in Moscow on Tuesday. They spoke about trade.\n\nThe Kremlin said talks would go on.",
		"The European Union and NATO met in Brussels. Ursula von der Leyen spoke first.",
		"Olaf Scholz visited Beijing. He met Li Qiang at the Great Hall of the People, and the two talked for hours about cars, chips and climate.",
	}
	fresh := make([]*Document, len(texts))
	for i, text := range texts {
		fresh[i] = ex.Extract(&corpus.Article{ID: "fresh", Text: text})
	}
	kept := ex.Extract(&corpus.Article{ID: "kept", Text: texts[0]})
	keptSents := clone(kept.Sentences)
	keptMentions := append([]Mention(nil), kept.Mentions...)
	for round := range 3 {
		for i, text := range texts {
			d := ex.Extract(&corpus.Article{ID: "fresh", Text: text})
			if !reflect.DeepEqual(d.Sentences, fresh[i].Sentences) || !reflect.DeepEqual(d.Mentions, fresh[i].Mentions) ||
				!reflect.DeepEqual(d.Entities, fresh[i].Entities) {
				t.Fatalf("round %d, text %d: extracted into released arrays, the document differs", round, i)
			}
			d.Release()
			if d.Sentences != nil || d.Mentions != nil {
				t.Fatal("a released document keeps its sentences or mentions")
			}
			d.Release() // twice is harmless
		}
	}
	if !reflect.DeepEqual(kept.Sentences, keptSents) || !reflect.DeepEqual(kept.Mentions, keptMentions) {
		t.Fatal("a document that was not released changed when others were extracted")
	}
}

// clone copies sentences and their tokens deeply.
func clone(ss []Sentence) []Sentence {
	out := make([]Sentence, len(ss))
	for i, s := range ss {
		out[i] = s
		out[i].Tokens = append([]Token(nil), s.Tokens...)
	}
	return out
}
