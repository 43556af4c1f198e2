// Package extract finds the people, organizations, events and places that a
// news article mentions.
//
// An [Extractor] turns a corpus.Article into a [Document]: the article's text
// segmented into paragraphs, sentences and tokens, the entity [Mention]s a
// [Recognizer] found in it, and the [Entity] each mention resolves to within
// the article ("Xi" and "President Xi" join "Xi Jinping"; "SCO" joins
// "Shanghai Cooperation Organization" when the text defines it).
//
// Every span is a byte-offset pair into Document.Text.
package extract
