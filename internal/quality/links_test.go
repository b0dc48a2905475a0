package quality

import (
	"os"
	"strings"
	"testing"

	"risalah/internal/linkcheck"
)

// TestLinks checks every internal link, fragment, alternate and redirect
// of the sample site.
func TestLinks(t *testing.T) {
	probs, err := linkcheck.Check(os.DirFS(siteDir), linkcheck.Options{BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Error(p)
	}
}

// TestLinkCheckCatchesBrokenFixture proves the check can fail.
func TestLinkCheckCatchesBrokenFixture(t *testing.T) {
	probs, err := linkcheck.Check(os.DirFS("testdata/broken"), linkcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	if len(probs) != 1 || !strings.Contains(got[0], `index.html:14: a href "/missing-page/"`) {
		t.Errorf("problems = %v, want the one broken link", got)
	}
}
