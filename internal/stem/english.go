package stem

import "github.com/kljensen/snowball/english"

// English stems English words with the Porter2 (Snowball English)
// algorithm. Its zero value is ready to use.
type English struct{}

// Stem returns the Porter2 stem of word, which must be lowercase: meetings
// and meeting give meet, regulations and regulation regul. Stop words are
// stemmed too, so that a query and the index agree on every word.
func (English) Stem(word string) string { return english.Stem(word, true) }

// Stemmer reduces a lowercase word to its stem.
type Stemmer interface {
	Stem(word string) string
}

// For returns the stemmer of a language code: Indonesian for "id" (which
// loads the root words: keep the one returned), English for "en", and nil
// for a language it has none for, whose words are indexed as they are.
func For(lang string) Stemmer {
	switch lang {
	case "id":
		return NewIndonesian()
	case "en":
		return English{}
	}
	return nil
}
