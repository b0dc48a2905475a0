package stem

import "testing"

func TestEnglish(t *testing.T) {
	var s English
	for root, words := range map[string][]string{
		"meet":     {"meeting", "meetings", "meet"},
		"regul":    {"regulation", "regulations", "regulate"},
		"immigr":   {"immigration", "immigrant"},
		"supervis": {"supervision", "supervise", "supervised"},
		"plan":     {"planning", "plans", "planned"},
	} {
		for _, w := range words {
			if got := s.Stem(w); got != root {
				t.Errorf("Stem(%q) = %q, want %q", w, got, root)
			}
		}
	}
}

func TestFor(t *testing.T) {
	if _, ok := For("id").(*Indonesian); !ok {
		t.Error(`For("id") is not the Indonesian stemmer`)
	}
	if _, ok := For("en").(English); !ok {
		t.Error(`For("en") is not the English stemmer`)
	}
	if For("jv") != nil {
		t.Error(`For("jv") should be nil: no stemmer for Javanese`)
	}
}
