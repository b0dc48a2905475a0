package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"risalah/internal/slug"
)

// Term is one distinct word of a document with how much it counts there.
type Term struct {
	Word  string // folded
	Count int32  // occurrences, each weighted by its field
	// Top says that the word is in the title or the regulation's number,
	// the matches a reader expects first.
	Top bool
}

// Terms are the distinct words of a text, in the order first seen, and its
// weighted length.
// A document's body is analysed once, when it is rendered, and its terms
// kept instead of its text.
type Terms struct {
	Terms  []Term
	Length int32 // weighted count of all words
}

// Terms analyses fields into one document's terms. A field weighing
// WeightNumber or more (the title, the number) marks its words Top.
func (a *Analyzer) Terms(fields ...Field) Terms {
	a.gen++
	var t Terms
	for _, f := range fields {
		top := f.Weight >= WeightNumber
		a.eachWord(f.Text, func(s string) {
			t.Length += f.Weight
			w := a.word(s)
			if w.gen != a.gen {
				w.gen, w.at = a.gen, int32(len(t.Terms))
				t.Terms = append(t.Terms, Term{Word: w.text})
			}
			t.Terms[w.at].Count += f.Weight
			t.Terms[w.at].Top = t.Terms[w.at].Top || top
		})
	}
	return t
}

// eachWord calls fn with each word of text, folded, in order; fn must not
// keep the string it gets, whose bytes may be reused.
func (a *Analyzer) eachWord(text string, fn func(string)) {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		if end-start <= maxWord {
			fn(a.fold(text[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // the common case, without decoding
			word := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
			switch {
			case word && start < 0:
				start = i
			case !word:
				flush(i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && unicode.Is(unicode.Mn, r))
		switch {
		case word && start < 0:
			start = i
		case !word:
			flush(i)
		}
		i += n
	}
	flush(len(text))
}

// fold lowercases an ASCII word into the analyzer's buffer, or folds any
// other with slug.Fold.
func (a *Analyzer) fold(w string) string {
	lower := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return slug.Fold(w)
		}
		lower = lower && !('A' <= w[i] && w[i] <= 'Z')
	}
	if lower {
		return w
	}
	a.buf = a.buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		a.buf = append(a.buf, c)
	}
	return unsafeString(a.buf)
}

// word returns what the analyzer knows of the folded word s, first
// keeping a copy of it, so that every document's terms share one string
// per word.
func (a *Analyzer) word(s string) *word {
	if w, ok := a.words[s]; ok {
		return w
	}
	w := &word{text: strings.Clone(s)}
	a.words[w.text] = w
	return w
}
