package quality

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeSource reads the pinned axe-core, or skips.
func axeSource(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(toolsDir, "axe-core", "axe.min.js"))
	if err != nil {
		missingTool(t, "axe-core", "install the pinned tools with: npm ci --prefix tools")
	}
	return string(src)
}

// axeRun is the audit: the WCAG 2.0 and 2.1 A and AA rules.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
	.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => n.target.join(" ") + " " + n.html.slice(0, 120))})))`

// audit opens url and runs axe-core in it.
func audit(t *testing.T, b *browser, src, url string) []axeViolation {
	t.Helper()
	b.do(t, chromedp.Navigate(url))
	return auditHere(t, b, src, url)
}

// auditHere runs axe-core on the page as it is now, which came from url.
func auditHere(t *testing.T, b *browser, src, url string) []axeViolation {
	t.Helper()
	// Through the DevTools protocol, so that the strict
	// Content-Security-Policy of the page does not block the auditor.
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](src+";true")); err != nil {
		t.Fatalf("loading axe-core into %s: %v", url, err)
	}
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core on %s: %v", url, err)
	}
	return v
}

func formatViolation(page string, v axeViolation) string {
	return fmt.Sprintf("%s: %s (%s): %s\n\t%s", page, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
}

// TestAccessibility runs axe-core on every page of the sample site, in both
// languages, at desktop and phone widths.
func TestAccessibility(t *testing.T) {
	src := axeSource(t)
	b := newBrowser(t)
	base := serve(t, siteDir)
	pages := contentPages(t, siteDir)
	for _, width := range []int64{1280, 375} {
		if width < 500 {
			b.do(t, chromedp.EmulateViewport(width, 812, chromedp.EmulateMobile))
		} else {
			b.do(t, chromedp.EmulateViewport(width, 900))
		}
		for _, page := range pages {
			for _, v := range audit(t, b, src, base+pageURL(page)) {
				t.Errorf("%d px: %s", width, formatViolation(pageURL(page), v))
			}
		}
	}
	t.Logf("audited %d pages at two widths", len(pages))
}

// TestAccessibilityDark runs axe-core in the dark colour scheme, at a
// phone's and a laptop's width, on one page of every type, and saves a
// screenshot of each in test-output/screenshots/dark.
func TestAccessibilityDark(t *testing.T) {
	src := axeSource(t)
	b := newBrowser(t)
	base := serve(t, siteDir)
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "test-output", "screenshots", "dark")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{375, 1280} {
		if width < 500 {
			b.do(t, chromedp.EmulateViewport(width, 812, chromedp.EmulateMobile))
		} else {
			b.do(t, chromedp.EmulateViewport(width, 900))
		}
		for _, p := range screenshotPages {
			for _, v := range audit(t, b, src, base+p.path) {
				t.Errorf("dark, %d px: %s", width, formatViolation(p.path, v))
			}
			if dark := eval[bool](t, b, `matchMedia("(prefers-color-scheme: dark)").matches`); !dark {
				t.Fatalf("%s: the dark scheme is not in effect", p.path)
			}
			png := get(t, b, chromedp.FullScreenshot(100))
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", p.name, width)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestAxeCatchesBrokenFixture proves the audit can fail: poor contrast and
// an image without a text alternative.
func TestAxeCatchesBrokenFixture(t *testing.T) {
	src := axeSource(t)
	b := newBrowser(t)
	base := serve(t, "testdata/broken")
	found := map[string]bool{}
	for _, v := range audit(t, b, src, base+"/") {
		found[v.ID] = true
	}
	for _, rule := range []string{"color-contrast", "image-alt"} {
		if !found[rule] {
			t.Errorf("axe-core did not report %s; found %v", rule, found)
		}
	}
}
