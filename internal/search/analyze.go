// Package search builds the search index of a site: the terms of each
// document in each language, split into small files a browser fetches as
// a reader types.
package search

import (
	"strings"
	"unicode"

	"risalah/internal/slug"
	"risalah/internal/stem"
)

// Token is one word of a text, as the index keys on it.
type Token struct {
	Word       string // folded: lowercase, accents removed
	Stem       string // Word's stem in the text's language; Word for numbers
	Start, End int    // byte offsets of the word in the text, for excerpts
}

// Analyzer splits text into tokens for one language. It keeps the stems it
// has computed, so it is not safe for concurrent use: give each goroutine
// its own.
type Analyzer struct {
	stemmer stem.Stemmer
	// words holds every word seen, interned, with its stem once computed.
	words map[string]*word
	gen   uint32 // counts calls of Terms
	buf   []byte
}

// word is what an analyzer knows of one folded word.
type word struct {
	text    string
	stem    string
	stemmed bool
	// gen and at are the call of Terms that last saw the word and the
	// word's index in that call's terms.
	gen uint32
	at  int32
	// sid is the number of the word's stem plus one in the index Build is
	// making with this analyzer, 0 before Build meets the word.
	sid int32
}

// NewAnalyzer returns an analyzer for a language code, with that
// language's stemmer if risalah has one (see stem.For).
func NewAnalyzer(lang string) *Analyzer {
	return &Analyzer{stemmer: stem.For(lang), words: map[string]*word{}}
}

// maxWord is the longest word indexed, in bytes: longer runs of letters
// are not words a reader types (hashes, URLs run together).
const maxWord = 64

// Tokens returns the words of text in order. A word is a run of letters
// and digits (with their combining marks); anything else separates words,
// so uu-6-2011 and 6/2011 give 6 and 2011 as words of their own.
func (a *Analyzer) Tokens(text string) []Token {
	var out []Token
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		if end-start <= maxWord {
			w := slug.Fold(text[start:end])
			out = append(out, Token{Word: w, Stem: a.Stem(w), Start: start, End: end})
		}
		start = -1
	}
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && unicode.Is(unicode.Mn, r))
		switch {
		case word && start < 0:
			start = i
		case !word:
			flush(i)
		}
	}
	flush(len(text))
	return out
}

// Stem returns the stem of a folded word: numbers and words of a
// language without a stemmer are their own stem.
func (a *Analyzer) Stem(w string) string {
	if a.stemmer == nil || isNumber(w) {
		return w
	}
	return a.stemOf(a.word(w))
}

// stemOf returns the stem of a known word, computing it the first time.
func (a *Analyzer) stemOf(w *word) string {
	if !w.stemmed {
		w.stem, w.stemmed = w.text, true
		if a.stemmer != nil && !isNumber(w.text) {
			w.stem = strings.Clone(a.stemmer.Stem(w.text))
		}
	}
	return w.stem
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}
