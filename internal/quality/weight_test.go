package quality

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// homeBudget is the most the home page may weigh in HTML, CSS and
// JavaScript, before compression: a phone on a slow line gets it in one
// or two round trips once compressed.
const homeBudget = 50_000

// assetRe finds the stylesheets and scripts a page loads.
var assetRe = regexp.MustCompile(`<(?:link rel="stylesheet" href|script[^>]* src)="([^"]+)"`)

// TestHomeWeight adds up each language's home page and the stylesheets
// and scripts it loads.
func TestHomeWeight(t *testing.T) {
	for _, home := range []string{"index.html", "en/index.html"} {
		html, err := os.ReadFile(filepath.Join(siteDir, home))
		if err != nil {
			t.Fatal(err)
		}
		total := len(html)
		parts := []string{home}
		for _, m := range assetRe.FindAllStringSubmatch(string(html), -1) {
			u := strings.TrimPrefix(m[1], strings.TrimSuffix(baseURL, "/"))
			data, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(strings.TrimPrefix(u, "/"))))
			if err != nil {
				t.Fatalf("%s loads %s: %v", home, m[1], err)
			}
			total += len(data)
			parts = append(parts, m[1])
		}
		if len(parts) < 2 {
			t.Fatalf("%s loads no stylesheet: the pattern no longer matches the page", home)
		}
		t.Logf("%s: %d bytes (%s)", home, total, strings.Join(parts, " + "))
		if total > homeBudget {
			t.Errorf("%s weighs %d bytes with %s, over the budget of %d", home, total, strings.Join(parts[1:], ", "), homeBudget)
		}
	}
}
