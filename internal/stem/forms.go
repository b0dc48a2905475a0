package stem

import "strings"

// Former is a stemmer that can also list the words likely built on a stem,
// so that a search index can map words no document holds to the stems
// they share with words it does: a reader searching "diawasi" finds a page
// that only says "pengawasan". The forms are guesses; the index keeps
// those the stemmer stems back to the stem.
type Former interface {
	Stemmer
	Forms(stem string) []string
}

// Forms returns the derived words of a root word: the root with the
// prefixes me-, di-, ter-, ber-, ke-, se-, pe-, per- and their nasal forms,
// and the suffixes -kan, -an, -i and -nya, in the combinations Indonesian
// allows. A word that is not a known root has none.
func (s *Indonesian) Forms(root string) []string {
	if !s.root(root) || strings.Contains(root, "-") {
		return nil
	}
	me, pe := nasal("me", root), nasal("pe", root)
	ber := "ber" + root
	if strings.HasPrefix(root, "r") {
		ber = "be" + root
	}
	prefixes := []struct {
		word     string
		suffixes []string // the suffixes the prefix takes
	}{
		{root, []string{"kan", "an", "i", "nya"}},
		{me, []string{"", "kan", "i"}},
		{"di" + root, []string{"", "kan", "i", "nya"}},
		{"ter" + root, []string{"", "kan", "i"}},
		{ber, []string{"", "an", "kan"}},
		{"ke" + root, []string{"an"}},
		{"se" + root, []string{"", "nya"}},
		{pe, []string{"", "an"}},
		{"per" + root, []string{"an", "kan", "i"}},
		{"memper" + root, []string{"", "kan", "i"}},
		{"diper" + root, []string{"", "kan", "i"}},
		{"pe" + root, []string{"", "an"}}, // pe- before l, r, w, y: pelatih
	}
	var out []string
	for _, p := range prefixes {
		for _, suf := range p.suffixes {
			if w := p.word + suf; w != root {
				out = append(out, w)
			}
		}
	}
	return out
}

// nasal joins the prefix me- or pe- to root with the nasal the first
// sound takes: mengawasi, menulis (tulis), memakai (pakai), menyusun
// (susun), merawat.
func nasal(prefix, root string) string {
	if len(root) <= 3 { // one syllable: mengecat, pengebom
		return prefix + "nge" + root
	}
	switch c, rest := root[0], root[1:]; c {
	case 'a', 'e', 'i', 'o', 'u', 'g', 'h':
		return prefix + "ng" + root
	case 'k':
		return prefix + "ng" + rest
	case 'p':
		return prefix + "m" + rest
	case 'b', 'f', 'v':
		return prefix + "m" + root
	case 't':
		return prefix + "n" + rest
	case 'd', 'c', 'j', 'z':
		return prefix + "n" + root
	case 's':
		return prefix + "ny" + rest
	default: // l, m, n, r, w, y
		return prefix + root
	}
}

// englishEndings are the endings of English words that Porter2 takes off.
var englishEndings = []string{"s", "e", "es", "ed", "ing", "ings", "er", "ers", "or", "ors", "ion", "ions", "ation", "ations",
	"ment", "ments", "al", "ally", "ly", "ive", "ity", "ies", "ied", "y"}

// Forms returns the likely English words of a Porter2 stem: the stem with
// the endings Porter2 removes, and for a stem ending in i (Porter2's y)
// the forms in y.
func (English) Forms(stem string) []string {
	if len(stem) < 3 {
		return nil
	}
	out := make([]string, 0, len(englishEndings)+1)
	for _, e := range englishEndings {
		out = append(out, stem+e)
	}
	if b, ok := strings.CutSuffix(stem, "i"); ok {
		out = append(out, b+"y", b+"ies", b+"ied")
	}
	return out
}
