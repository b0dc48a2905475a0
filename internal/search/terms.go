package search

import (
	"slices"
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

// Terms are the distinct words of a text, sorted, and its weighted length.
// A document's body is analysed once, when it is rendered, and its terms
// kept instead of its text.
type Terms struct {
	Terms  []Term
	Length int32 // weighted count of all words
}

// Terms analyses fields into one document's terms. A field weighing
// WeightNumber or more (the title, the number) marks its words Top.
func (a *Analyzer) Terms(fields ...Field) Terms {
	clear(a.acc)
	var t Terms
	for _, f := range fields {
		top := f.Weight >= WeightNumber
		a.words(f.Text, func(w string) {
			t.Length += f.Weight
			at, ok := a.acc[w]
			if !ok {
				at = len(t.Terms)
				w = a.intern(w)
				a.acc[w] = at
				t.Terms = append(t.Terms, Term{Word: w})
			}
			t.Terms[at].Count += f.Weight
			t.Terms[at].Top = t.Terms[at].Top || top
		})
	}
	slices.SortFunc(t.Terms, func(a, b Term) int { return strings.Compare(a.Word, b.Word) })
	return t
}

// Merge adds the terms of u to t.
func (t *Terms) Merge(u *Terms) {
	if len(u.Terms) == 0 {
		return
	}
	out := make([]Term, 0, len(t.Terms)+len(u.Terms))
	i, j := 0, 0
	for i < len(t.Terms) || j < len(u.Terms) {
		switch {
		case j == len(u.Terms) || i < len(t.Terms) && t.Terms[i].Word < u.Terms[j].Word:
			out = append(out, t.Terms[i])
			i++
		case i == len(t.Terms) || u.Terms[j].Word < t.Terms[i].Word:
			out = append(out, u.Terms[j])
			j++
		default:
			m := t.Terms[i]
			m.Count += u.Terms[j].Count
			m.Top = m.Top || u.Terms[j].Top
			out = append(out, m)
			i, j = i+1, j+1
		}
	}
	t.Terms = out
	t.Length += u.Length
}

// words calls fn with each word of text, folded, in order; fn must not
// keep the string it gets, whose bytes are reused.
func (a *Analyzer) words(text string, fn func(string)) {
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
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return slug.Fold(w)
		}
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

// intern returns a copy of w that the analyzer keeps, so that every
// document's terms share one string per word.
func (a *Analyzer) intern(w string) string {
	if s, ok := a.seen[w]; ok {
		return s
	}
	s := strings.Clone(w)
	a.seen[s] = s
	return s
}
