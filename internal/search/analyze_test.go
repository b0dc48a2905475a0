package search

import (
	"reflect"
	"testing"
)

func words(toks []Token, stems bool) []string {
	var out []string
	for _, t := range toks {
		if stems {
			out = append(out, t.Stem)
		} else {
			out = append(out, t.Word)
		}
	}
	return out
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		words      []string
		stems      []string
	}{
		{"id", "Pengawasan Orang Asing (TIMPORA) ditingkatkan", []string{"pengawasan", "orang", "asing", "timpora", "ditingkatkan"},
			[]string{"awas", "orang", "asing", "timpora", "tingkat"}},
		{"id", "UU 6/2011 dan uu-6-2011", []string{"uu", "6", "2011", "dan", "uu", "6", "2011"}, nil},
		{"id", "Permenkumham No. 50 Tahun 2016", []string{"permenkumham", "no", "50", "tahun", "2016"}, nil},
		{"en", "Café meetings, Déjà vu", []string{"cafe", "meetings", "deja", "vu"}, []string{"cafe", "meet", "deja", "vu"}},
		{"jv", "Rapat-rapat", []string{"rapat", "rapat"}, []string{"rapat", "rapat"}},
		{"id", "  …  ", nil, nil},
	} {
		toks := NewAnalyzer(tc.lang).Tokens(tc.text)
		if got := words(toks, false); !reflect.DeepEqual(got, tc.words) {
			t.Errorf("%s %q: words %q, want %q", tc.lang, tc.text, got, tc.words)
		}
		if tc.stems != nil {
			if got := words(toks, true); !reflect.DeepEqual(got, tc.stems) {
				t.Errorf("%s %q: stems %q, want %q", tc.lang, tc.text, got, tc.stems)
			}
		}
		for _, tok := range toks {
			if tok.Start < 0 || tok.End > len(tc.text) || tok.Start >= tok.End {
				t.Errorf("%q: token %+v outside the text", tc.text, tok)
			}
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "Rakor Timpora: hasil"
	toks := NewAnalyzer("id").Tokens(text)
	if len(toks) != 3 || text[toks[1].Start:toks[1].End] != "Timpora" {
		t.Errorf("offsets: %+v", toks)
	}
}

// TestTermsAgreeWithTokens checks that Terms, which splits and folds words
// on its own fast path, finds the words Tokens does, with their counts,
// weights and title marks.
func TestTermsAgreeWithTokens(t *testing.T) {
	for _, text := range []string{
		"Pengawasan Orang Asing (TIMPORA) ditingkatkan",
		"UU 6/2011 dan uu-6-2011; Permenkumham No. 50",
		"Café CAFÉ café naïve Déjà-vu ÆSIR ﬁle",
		"MiXeD case Words words WORDS",
		"Ğüzel şehir İstanbul", "日本語 のテキスト", "a\u0301b c\u0308",
		"", "   ", "x",
	} {
		an := NewAnalyzer("id")
		want := map[string]int32{}
		for _, tok := range an.Tokens(text) {
			want[tok.Word] += 3
		}
		got := map[string]int32{}
		terms := an.Terms(Field{Weight: 3, Text: text}, Field{Weight: WeightTitle, Text: "Judul"})
		for _, tm := range terms.Terms {
			if tm.Word == "judul" {
				if !tm.Top || tm.Count != WeightTitle {
					t.Errorf("%q: title word %+v", text, tm)
				}
				continue
			}
			if tm.Top {
				t.Errorf("%q: %+v marked as a title word", text, tm)
			}
			got[tm.Word] = tm.Count
		}
		if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
			t.Errorf("%q: Terms %v, Tokens %v", text, got, want)
		}
		if n := int32(len(an.Tokens(text)))*3 + WeightTitle; terms.Length != n {
			t.Errorf("%q: length %d, want %d", text, terms.Length, n)
		}
	}
}
