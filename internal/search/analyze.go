// Package search builds the search index of a site: the terms of each
// document in each language, split into small files a browser fetches as
// a reader types.
package search

import (
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
	stems   map[string]string
	seen    map[string]string // interned words
	acc     map[string]int    // Terms' index of each word
	buf     []byte
}

// NewAnalyzer returns an analyzer for a language code, with that
// language's stemmer if risalah has one (see stem.For).
func NewAnalyzer(lang string) *Analyzer {
	return &Analyzer{stemmer: stem.For(lang), stems: map[string]string{}, seen: map[string]string{}, acc: map[string]int{}}
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
func (a *Analyzer) Stem(word string) string {
	if a.stemmer == nil || isNumber(word) {
		return word
	}
	if s, ok := a.stems[word]; ok {
		return s
	}
	s := a.intern(a.stemmer.Stem(word))
	a.stems[a.intern(word)] = s
	return s
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}
