package scaffold

import (
	"strings"
	"testing"
	"time"
)

// TestHelpWords requires every comment New writes to have its Indonesian
// wording, and a document written for an Indonesian-speaking editor to
// hold none of the English ones.
func TestHelpWords(t *testing.T) {
	date := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	english := map[string]bool{draftHelp: true}
	for _, kind := range Kinds() {
		for _, f := range fields(kind, date) {
			english[f.help] = true
		}
	}
	for en := range english {
		if _, ok := helpID[en]; !ok {
			t.Errorf("no Indonesian wording of %q", en)
		}
	}
	for en := range helpID {
		if !english[en] {
			t.Errorf("helpID words %q, which New never writes", en)
		}
	}
	for _, kind := range Kinds() {
		doc := New(kind, "Rapat", "id", date, true, "id")
		for en := range english {
			if strings.Contains(doc, "# "+en) {
				t.Errorf("%s for an Indonesian editor holds the English %q:\n%s", kind, en, doc)
			}
		}
		if !strings.Contains(doc, "draft: true # hapus baris ini bila dokumen siap diterbitkan\n") {
			t.Errorf("%s: no Indonesian draft line:\n%s", kind, doc)
		}
	}
	// What new writes as an example is known in either language.
	for _, words := range []string{"en", "id"} {
		doc := New("meeting", "Rapat", "id", date, true, words)
		found := 0
		for _, line := range strings.Split(doc, "\n") {
			if _, ok := Unfilled(line); ok {
				found++
			}
		}
		if found != 2 {
			t.Errorf("in %s comments, %d example lines found in a new meeting, want 2 (venue, organizer)", words, found)
		}
	}
}
