package quality

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browser is one headless Chromium tab with everything it logged.
type browser struct {
	ctx  context.Context
	mu   sync.Mutex
	errs []string
}

// newBrowser starts Debian's Chromium headless with a fresh profile.
func newBrowser(t testing.TB) *browser {
	t.Helper()
	path := findChromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	b := &browser{}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithListener(b.listen))
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	b.ctx = ctx
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("starting Chromium at %s: %v", path, err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return b
}

// listen records what the page logs as errors.
func (b *browser) listen(ev any) {
	var msg string
	switch e := ev.(type) {
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			msg = fmt.Sprintf("%s: %s", e.Entry.URL, e.Entry.Text)
		}
	case *runtime.EventExceptionThrown:
		msg = "exception: " + e.ExceptionDetails.Text
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			msg = "console.error"
		}
	}
	if msg != "" {
		b.mu.Lock()
		b.errs = append(b.errs, msg)
		b.mu.Unlock()
	}
}

// do runs actions, failing the test on error.
func (b *browser) do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// get runs one action that returns a value, failing the test on error.
func get[T any](t testing.TB, b *browser, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t testing.TB, b *browser, expr string) T {
	t.Helper()
	return get(t, b, chromedp.Evaluate[T](expr))
}

// takeErrors returns and clears what the page logged as errors, such as
// resources that failed to load or Content-Security-Policy violations.
func (b *browser) takeErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.errs
	b.errs = nil
	return e
}

// clickAndWait clicks the first element matching sel, waits until the page
// the click leads to has loaded, and returns its path.
//
// It reads the page only after the load event of the navigation the click
// starts, never while the page changes: Chromium fails an evaluation still
// running in the old document when it commits the new one ("Inspected
// target navigated or closed"), which made polling location.pathname flaky.
func (b *browser) clickAndWait(t *testing.T, sel string) string {
	t.Helper()
	before := eval[string](t, b, `location.pathname`)
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	switch {
	case err != nil && ctx.Err() != nil:
		t.Fatalf("clicking %s on %s went nowhere within 10 s", sel, before)
	case err != nil:
		t.Fatalf("clicking %s on %s: %v", sel, before, err)
	case resp != nil && resp.Status >= 400:
		t.Fatalf("clicking %s on %s led to %s, answered %d", sel, before, resp.URL, resp.Status)
	}
	return eval[string](t, b, `location.pathname`)
}

type pageFacts struct {
	Lang  string `json:"lang"`
	H1    string `json:"h1"`
	H1s   int    `json:"h1s"`
	Title string `json:"title"`
	Path  string `json:"path"`
}

func (b *browser) facts(t *testing.T) pageFacts {
	t.Helper()
	return eval[pageFacts](t, b, `({lang: document.documentElement.lang, h1: (document.querySelector("h1")||{}).textContent || "",
		h1s: document.querySelectorAll("h1").length, title: document.title, path: location.pathname})`)
}

// alternate reads the href of the page's hreflang alternate for lang as a
// path.
func (b *browser) alternate(t *testing.T, lang string) string {
	t.Helper()
	href := eval[string](t, b, fmt.Sprintf(`(document.querySelector('link[rel=alternate][hreflang=%q]')||{}).href||""`, lang))
	if i := strings.Index(href, "://"); i >= 0 {
		href = href[i+3:]
		href = href[strings.IndexByte(href, '/'):]
	}
	return href
}

func TestBrowserHomePages(t *testing.T) {
	b := newBrowser(t)
	base := serve(t, siteDir)
	for _, l := range []struct{ path, lang string }{{"/", "id"}, {"/en/", "en"}} {
		b.do(t, chromedp.Navigate(base+l.path))
		f := b.facts(t)
		if f.Lang != l.lang || f.H1s != 1 || strings.TrimSpace(f.H1) == "" || f.Title == "" {
			t.Errorf("%s: lang %q, %d h1 (%q), title %q", l.path, f.Lang, f.H1s, f.H1, f.Title)
		}
		for _, e := range b.takeErrors() {
			t.Errorf("%s logged an error: %s", l.path, e)
		}
	}
}

// TestBrowserLanguageSwitcher follows the switcher from the TIMPORA meeting
// record to its translation and back.
func TestBrowserLanguageSwitcher(t *testing.T) {
	b := newBrowser(t)
	base := serve(t, siteDir)
	start := "/rapat/rakor-timpora-2023/"
	b.do(t, chromedp.Navigate(base+start))
	want := b.alternate(t, "en")
	if want == "" || want == start {
		t.Fatalf("the meeting record has no English alternate (%q)", want)
	}
	if got := b.clickAndWait(t, `.lang-switch a[hreflang="en"]`); got != want {
		t.Fatalf("switcher led to %s, want %s", got, want)
	}
	if f := b.facts(t); f.Lang != "en" || f.H1s != 1 {
		t.Errorf("translation: lang %q, %d h1", f.Lang, f.H1s)
	}
	if got := b.clickAndWait(t, `.lang-switch a[hreflang="id"]`); got != start {
		t.Errorf("switching back led to %s, want %s", got, start)
	}
	for _, e := range b.takeErrors() {
		t.Errorf("logged an error: %s", e)
	}
}

// TestBrowserUntranslatedDocument opens, from the English news list, the
// post that exists only in Indonesian.
func TestBrowserUntranslatedDocument(t *testing.T) {
	b := newBrowser(t)
	base := serve(t, siteDir)
	b.do(t, chromedp.Navigate(base+"/en/news/"))
	href := eval[string](t, b, `(document.querySelector(".item-missing a")||{}).pathname||""`)
	mark := eval[string](t, b, `(document.querySelector(".item-missing")||{}).textContent||""`)
	if href == "" || !strings.Contains(mark, "Only available in Indonesian") {
		t.Fatalf("the English news list shows no untranslated post (href %q, text %q)", href, mark)
	}
	if got := b.clickAndWait(t, ".item-missing a"); got != href {
		t.Fatalf("went to %s, want %s", got, href)
	}
	if f := b.facts(t); f.Lang != "id" || f.H1s != 1 || f.H1 == "" {
		t.Errorf("untranslated post: lang %q, %d h1", f.Lang, f.H1s)
	}
	switchNote := eval[string](t, b, `(document.querySelector('.lang-switch a[hreflang="en"]')||{}).textContent||""`)
	if !strings.Contains(switchNote, "English") {
		t.Errorf("the switcher on an untranslated page lacks its English entry: %q", switchNote)
	}
}

// mainText is the text of the page's main element, leaving out what
// scripts add to enhance a page that already works (marked
// data-enhancement, such as a table's filter box).
func mainText(t *testing.T, b *browser) string {
	t.Helper()
	return eval[string](t, b, `(() => {
		const m = document.querySelector("main").cloneNode(true);
		m.querySelectorAll("[data-enhancement]").forEach(e => e.remove());
		return m.textContent.replace(/\s+/g, " ").trim();
	})()`)
}

// TestBrowserWithoutJavaScript reads and navigates pages with scripts
// disabled: the text must be the same as with scripts on.
func TestBrowserWithoutJavaScript(t *testing.T) {
	base := serve(t, siteDir)
	pages := []string{"/", "/en/", "/rapat/rakor-timpora-2023/", "/peraturan/", "/en/news/"}
	text := func(b *browser, p string) string {
		b.do(t, chromedp.Navigate(base+p))
		return mainText(t, b)
	}
	on := newBrowser(t)
	off := newBrowser(t)
	if _, err := chromedp.Call(off.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		a, b := text(on, p), text(off, p)
		if strings.TrimSpace(b) == "" || a != b {
			t.Errorf("%s reads differently without JavaScript (%d vs %d characters)", p, len(b), len(a))
		}
	}
	off.do(t, chromedp.Navigate(base+"/"))
	if got := off.clickAndWait(t, `.main-nav a[href="/peraturan/"]`); got != "/peraturan/" {
		t.Errorf("main menu without JavaScript led to %s", got)
	}
}

// TestBrowserPhoneWidth opens every page 375 px wide: nothing may scroll
// sideways.
func TestBrowserPhoneWidth(t *testing.T) {
	b := newBrowser(t)
	base := serve(t, siteDir)
	b.do(t, chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	for _, page := range contentPages(t, siteDir) {
		if wide := tooWide(t, b, base+pageURL(page)); len(wide) > 0 {
			t.Errorf("%s scrolls sideways at 375 px; too wide: %s", pageURL(page), strings.Join(wide, ", "))
		}
	}
	for _, e := range b.takeErrors() {
		t.Errorf("logged an error: %s", e)
	}
}

// tooWide opens url and lists the elements that stick out to the right of
// the viewport when the page scrolls sideways.
func tooWide(t *testing.T, b *browser, url string) []string {
	t.Helper()
	b.do(t, chromedp.Navigate(url))
	return eval[[]string](t, b, `(() => {
		const w = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= w) return [];
		return [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > w + 1)
			.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : ""));
	})()`)
}

// TestBrowserChecksCatchBrokenFixture proves the browser checks can fail:
// a page too wide for a phone, a style the Content-Security-Policy refuses,
// and text that needs JavaScript.
func TestBrowserChecksCatchBrokenFixture(t *testing.T) {
	base := serve(t, "testdata/broken")
	b := newBrowser(t)
	b.do(t, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	if wide := tooWide(t, b, base+"/"); len(wide) == 0 || !strings.Contains(strings.Join(wide, " "), "p.too-wide") {
		t.Errorf("the phone-width check missed the wide box: %v", wide)
	}
	if errs := strings.Join(b.takeErrors(), "\n"); !strings.Contains(errs, "Content Security Policy") {
		t.Errorf("the inline style was not reported as a CSP violation; logged:\n%s", errs)
	}
	off := newBrowser(t)
	if _, err := chromedp.Call(off.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.do(t, chromedp.Navigate(base+"/"))
	off.do(t, chromedp.Navigate(base+"/"))
	if mainText(t, b) == mainText(t, off) {
		t.Error("the no-JavaScript check missed text that only JavaScript writes")
	}
}

// screenshotPages are one page of every type: the home pages, each list,
// a year archive, each kind of document, an index and a term, search,
// the register, open data and the 404 page.
var screenshotPages = []struct{ name, path string }{
	{"home-id", "/"},
	{"home-en", "/en/"},
	{"news-list", "/berita/"},
	{"meetings-list-en", "/en/meetings/"},
	{"regulations-list", "/peraturan/"},
	{"archive", "/rapat/2023/"},
	{"news", "/berita/rakor-timpora-banyuwangi-2023/"},
	{"meeting", "/rapat/rakor-timpora-2023/"},
	{"meeting-scheduled", "/rapat/rakor-timpora-2027/"},
	{"regulation", "/peraturan/pp-31-tahun-2013-pelaksanaan-uu-keimigrasian/"},
	{"page", "/tentang/"},
	{"topics", "/topik/"},
	{"term", "/topik/timpora/"},
	{"search", "/cari/?q=pengawasan"},
	{"ppid", "/informasi-publik/"},
	{"data", "/data/"},
	{"404", "/tidak-ada/"},
}

// TestScreenshots saves one page of every type at a phone's, a tablet's
// and a laptop's width as PNG files for a person to look at, in
// test-output/screenshots at the top of the repository, on every run.
func TestScreenshots(t *testing.T) {
	b := newBrowser(t)
	base := serve(t, siteDir)
	dir := filepath.Join("..", "..", "test-output", "screenshots")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range screenshotPages {
		if _, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(strings.TrimPrefix(strings.SplitN(s.path, "?", 2)[0], "/")), "index.html")); err != nil && s.name != "404" {
			t.Errorf("%s: the sample site has no page %s to show", s.name, s.path)
		}
	}
	for _, width := range []int64{375, 768, 1280} {
		if width < 500 {
			b.do(t, chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
		} else {
			b.do(t, chromedp.EmulateViewport(width, 900))
		}
		for _, s := range screenshotPages {
			b.do(t, chromedp.Navigate(base+s.path))
			if s.name == "search" {
				readSearch(t, b) // the results drawn, not the page loading
			}
			png := get(t, b, chromedp.FullScreenshot(100))
			name := filepath.Join(dir, fmt.Sprintf("%s-%d.png", s.name, width))
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			if len(png) < 1000 {
				t.Errorf("%s is suspiciously small (%d bytes)", name, len(png))
			}
		}
	}
	t.Logf("%d screenshots in %s", 3*len(screenshotPages), dir)
}
