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

// asciiClass classifies the ASCII bytes for eachWord: 0 separates words,
// 1 is a lowercase letter or digit, 2 an uppercase letter.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = 1
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = 1
		t[c-'a'+'A'] = 2
	}
	return t
}()

// eachWord calls fn with each word of text, folded, in order; fn must not
// keep the string it gets, whose bytes may be reused. A word of lowercase
// ASCII letters and digits, the common case, is passed as it lies in text;
// one with capitals is lowercased into the analyzer's buffer; any other is
// folded by slug.Fold.
func (a *Analyzer) eachWord(text string, fn func(string)) {
	start := -1
	upper, other := false, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		if end-start <= maxWord {
			w := text[start:end]
			switch {
			case other:
				w = slug.Fold(w)
			case upper:
				a.buf = append(a.buf[:0], w...)
				for k, c := range a.buf {
					if asciiClass[c] == 2 {
						a.buf[k] = c + 'a' - 'A'
					}
				}
				w = unsafeString(a.buf)
			}
			fn(w)
		}
		start, upper, other = -1, false, false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // the common case, without decoding
			switch k := asciiClass[c]; {
			case k == 0:
				flush(i)
			case start < 0:
				start = i
				upper = k == 2
			default:
				upper = upper || k == 2
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && unicode.Is(unicode.Mn, r))
		switch {
		case word && start < 0:
			start, other = i, true
		case word:
			other = true
		default:
			flush(i)
		}
		i += n
	}
	flush(len(text))
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
