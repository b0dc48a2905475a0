package quality

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// searchPage is what the search page shows once a search has ended.
type searchPage struct {
	Status  string   `json:"status"`
	URLs    []string `json:"urls"`
	Titles  []string `json:"titles"`
	Marks   []string `json:"marks"`
	Facets  []string `json:"facets"` // "legend: value (count)"
	Address string   `json:"address"`
}

// readSearch waits until the search page has drawn the results of its
// query, and reads them.
func readSearch(t *testing.T, b *browser) searchPage {
	t.Helper()
	const read = `(() => {
		const s = document.getElementById("search-status").textContent;
		const items = [...document.querySelectorAll("#search-results li")];
		if (!s || s === document.getElementById("search-app").dataset.tLoading ||
			items.some(li => !li.querySelector("a"))) return "";
		return JSON.stringify({
			status: s,
			urls: items.map(li => li.querySelector("a").getAttribute("href")),
			titles: items.map(li => li.querySelector("a").textContent),
			marks: [...document.querySelectorAll("#search-results mark")].map(m => m.textContent.toLowerCase()),
			facets: [...document.querySelectorAll("#search-filters .facet-value")].map(v =>
				v.closest("fieldset").querySelector("legend").textContent + ": " + v.querySelector("label").textContent),
			address: location.pathname + location.search,
		});
	})()`
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if s := eval[string](t, b, read); s != "" {
			var p searchPage
			if err := json.Unmarshal([]byte(s), &p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no results drawn on %s", eval[string](t, b, `location.href`))
	return searchPage{}
}

func hasPrefix(urls []string, prefix string) bool {
	for _, u := range urls {
		if strings.HasPrefix(u, prefix) {
			return true
		}
	}
	return false
}

// TestBrowserSearch opens the search page of each language with queries in
// its address, as a shared link or the header's form gives them, and
// checks what it finds: other forms of a word, regulation numbers written
// three ways, mistyped words, and the filters and sorting.
func TestBrowserSearch(t *testing.T) {
	base := serve(t, siteDir)
	b := newBrowser(t)
	for _, tc := range []struct {
		path  string
		first string   // the first result's URL, when it matters
		holds []string // URLs (prefixes) among the results
		marks string   // a word marked in an excerpt
	}{
		// "diawasi" (is supervised) must find what says "pengawasan"
		// (supervision) and "mengawasi" (to supervise).
		{path: "/cari/?q=diawasi", holds: []string{"/peraturan/permenkumham-50-tahun-2016-timpora/", "/rapat/"}, marks: "pengawasan"},
		{path: "/cari/?q=uu+6+2011", first: "/peraturan/uu-6-tahun-2011"},
		{path: "/cari/?q=6%2F2011", first: "/peraturan/uu-6-tahun-2011"},
		{path: "/cari/?q=permenkumham+50", first: "/peraturan/permenkumham-50-tahun-2016-timpora/"},
		{path: "/cari/?q=Keimigrasian", holds: []string{"/peraturan/uu-6-tahun-2011"}},
		{path: "/cari/?q=imigrsi", holds: []string{"/peraturan/", "/berita/"}}, // one letter missing
		{path: "/en/search/?q=supervising", holds: []string{"/en/regulations/", "/en/meetings/"}, marks: "supervision"},
		{path: "/en/search/?q=Immigration+Law+2011", first: "/en/regulations/law-6-2011"},
	} {
		b.do(t, chromedp.Navigate(base+tc.path))
		got := readSearch(t, b)
		if len(got.URLs) == 0 {
			t.Errorf("%s: no results (%s)", tc.path, got.Status)
			continue
		}
		if tc.first != "" && !strings.HasPrefix(got.URLs[0], tc.first) {
			t.Errorf("%s: first result %s, want %s…; all: %q", tc.path, got.URLs[0], tc.first, got.URLs)
		}
		for _, h := range tc.holds {
			if !hasPrefix(got.URLs, h) {
				t.Errorf("%s: no result under %s: %q", tc.path, h, got.URLs)
			}
		}
		if tc.marks != "" && !strings.Contains(strings.Join(got.Marks, " "), tc.marks) {
			t.Errorf("%s: %q not marked in the excerpts: %q", tc.path, tc.marks, got.Marks)
		}
		t.Logf("%s: %s %q", tc.path, got.Status, got.URLs)
	}
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("the search page logged errors: %q", errs)
	}
}
