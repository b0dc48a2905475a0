package quality

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"risalah"
	"risalah/internal/build"

	"github.com/chromedp/cdproto/emulation"
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
		{path: "/cari/?q=imigrsi", holds: []string{"/peraturan/", "/berita/"}},                                                     // one letter missing
		{path: "/cari/?q=PENGAWAS%C3%81N", holds: []string{"/peraturan/permenkumham-50-tahun-2016-timpora/"}, marks: "pengawasan"}, // capitals and an accent
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

// TestBrowserSearchUse searches as a reader does: from the header's form on
// the home page, then typing the start of a word, then filtering by
// section and sorting by date, each step kept in the address.
func TestBrowserSearchUse(t *testing.T) {
	base := serve(t, siteDir)
	b := newBrowser(t)
	got := searchFromHeader(t, b, base+"/", "pengawasan", "/cari/")
	if got.Address != "/cari/?q=pengawasan" || len(got.URLs) < 3 {
		t.Errorf("header search: %s, %q", got.Address, got.URLs)
	}
	if title := eval[string](t, b, `document.title`); !strings.HasPrefix(title, "pengawasan · Pencarian") {
		t.Errorf("the window's title is %q, not the query's", title)
	}

	// Typing the start of a word finds the words it begins.
	b.do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").value = ""`), chromedp.SendKeys(chromedp.CSS("#search-q"), "keimig"))
	got = waitSearch(t, b, "/cari/?q=keimig")
	if !hasPrefix(got.URLs, "/peraturan/uu-6-tahun-2011") || !strings.Contains(strings.Join(got.Marks, " "), "keimigrasian") {
		t.Errorf("typing keimig: %q, marked %q", got.URLs, got.Marks)
	}

	// A filter by section, with counts, narrows the results.
	b.do(t, chromedp.Navigate(base+"/cari/?q=timpora"))
	got = readSearch(t, b)
	all := len(got.URLs)
	var regs string
	for _, f := range got.Facets {
		if strings.HasPrefix(f, "Bagian: Peraturan (") {
			regs = f
		}
	}
	if regs == "" {
		t.Fatalf("no section filter for regulations: %q", got.Facets)
	}
	// Folded away on a narrow window: a reader opens them first.
	b.do(t, chromedp.Evaluate[chromedp.Void](`(d => d.open || d.querySelector("summary").click())(document.querySelector("#search-filters details"))`),
		chromedp.Click(chromedp.CSS(`#search-filters input[name=section][value=Peraturan]`)))
	got = waitSearch(t, b, "/cari/?q=timpora&section=Peraturan")
	for _, u := range got.URLs {
		if !strings.HasPrefix(u, "/peraturan/") {
			t.Errorf("filtered by regulations, the results hold %s", u)
		}
	}
	if n := fmt.Sprintf("(%d)", len(got.URLs)); !strings.HasSuffix(regs, n) || len(got.URLs) >= all {
		t.Errorf("the filter said %q; %d of %d results remain", regs, len(got.URLs), all)
	}

	// Sorting by date puts the newest first; a shared address gives the
	// same page.
	b.do(t, chromedp.Navigate(base+"/cari/?q=timpora"))
	readSearch(t, b)
	b.do(t, chromedp.SetValue(chromedp.CSS("#search-sort-by"), "date"), chromedp.Evaluate[chromedp.Void](
		`document.getElementById("search-sort-by").dispatchEvent(new Event("change"))`))
	got = waitSearch(t, b, "/cari/?q=timpora&sort=date")
	dates := eval[[]string](t, b, `[...document.querySelectorAll("#search-results time")].map(e => e.getAttribute("datetime"))`)
	if len(dates) < 2 || !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("sorted by date: %q", dates)
	}
	b.do(t, chromedp.Navigate(base+got.Address))
	if again := readSearch(t, b); !slices.Equal(again.URLs, got.URLs) {
		t.Errorf("the shared address %s gives %q, not %q", got.Address, again.URLs, got.URLs)
	}
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("the search page logged errors: %q", errs)
	}
}

// searchFromHeader opens page, searches query with the header's form and
// reads the results, failing unless the form led to the search page at
// path.
func searchFromHeader(t *testing.T, b *browser, page, query, path string) searchPage {
	t.Helper()
	b.do(t, chromedp.Navigate(page), chromedp.SetValue(chromedp.CSS("#site-q"), query))
	if got := b.clickAndWait(t, ".header-search button"); got != path {
		t.Fatalf("the header's form led to %s, not %s", got, path)
	}
	return readSearch(t, b)
}

// waitSearch waits until the page's address is want and the results
// drawn are those of its query (the address changes as a reader types,
// before the search ends), then reads them.
func waitSearch(t *testing.T, b *browser, want string) searchPage {
	t.Helper()
	u, err := url.Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	q := "“" + u.Query().Get("q") + "”"
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got := readSearch(t, b); got.Address == want && strings.Contains(got.Status, q) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the address stayed %s, want %s", eval[string](t, b, `location.pathname + location.search`), want)
	return searchPage{}
}

// TestBrowserSearchWithoutJavaScript opens a search link with scripts
// off: the page says that searching needs them and links to the lists.
func TestBrowserSearchWithoutJavaScript(t *testing.T) {
	base := serve(t, siteDir)
	b := newBrowser(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.do(t, chromedp.Navigate(base+"/cari/?q=timpora"))
	text := eval[string](t, b, `document.querySelector("main").innerText`)
	if !strings.Contains(text, "Pencarian memerlukan JavaScript") {
		t.Errorf("without JavaScript the search page does not say it needs it:\n%s", text)
	}
	if got := b.clickAndWait(t, `.search-browse a[href="/peraturan/"]`); got != "/peraturan/" {
		t.Errorf("the list of regulations led to %s", got)
	}
}

// TestSearchResultsAccessible audits the search page with results, filters
// and sorting drawn, on a phone and a wide screen: axe-core must find
// nothing and nothing may scroll sideways.
func TestSearchResultsAccessible(t *testing.T) {
	src := axeSource(t)
	base := serve(t, siteDir)
	b := newBrowser(t)
	for _, width := range []int64{375, 1280} {
		if width < 500 {
			b.do(t, chromedp.EmulateViewport(width, 812, chromedp.EmulateMobile))
		} else {
			b.do(t, chromedp.EmulateViewport(width, 900))
		}
		for _, p := range []string{"/cari/?q=timpora", "/en/search/?q=immigration+supervision"} {
			b.do(t, chromedp.Navigate(base+p))
			if got := readSearch(t, b); len(got.Facets) == 0 {
				t.Errorf("%s: no filters drawn", p)
			}
			for _, v := range auditHere(t, b, src, base+p) {
				t.Errorf("%d px: %s", width, formatViolation(p, v))
			}
			wide := eval[[]string](t, b, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.tagName + "." + e.className)`)
			if len(wide) > 0 {
				t.Errorf("%d px: %s scrolls sideways: %q", width, p, wide)
			}
		}
	}
}

// TestBrowserSearchUnderSubPath builds the sample site for a baseURL with a
// path and serves it there, as an office published under its ministry's
// domain is: the header's form, the index and every result stay under the
// path.
func TestBrowserSearchUnderSubPath(t *testing.T) {
	root, err := os.OpenRoot("../..")
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	out := build.NewMemory()
	res := build.Run(context.Background(), build.Options{Site: root.FS(), Theme: risalah.Theme(), Now: buildNow, BaseURL: "https://imigrasi.example/kanim/"}, out)
	if err := res.Diags.Err(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := writeOutput(filepath.Join(dir, "kanim"), out.Files); err != nil {
		t.Fatal(err)
	}
	base := serve(t, dir)
	b := newBrowser(t)
	got := searchFromHeader(t, b, base+"/kanim/", "pengawasan", "/kanim/cari/")
	if len(got.URLs) < 3 {
		t.Fatalf("under /kanim/: %s", got.Status)
	}
	for _, u := range got.URLs {
		if !strings.HasPrefix(u, "/kanim/") {
			t.Errorf("result %s is outside the base path", u)
		}
	}
	if p := b.clickAndWait(t, "#search-results li a"); p != got.URLs[0] {
		t.Errorf("the first result led to %s, not %s", p, got.URLs[0])
	}
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("logged errors: %q", errs)
	}
}
