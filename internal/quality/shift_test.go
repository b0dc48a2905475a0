package quality

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// shiftsJS sums the page's layout shifts since it began to load, once
// its deferred scripts have run, and names what moved.
const shiftsJS = `new Promise(done => {
	let sum = 0; const moved = [];
	new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) {
		sum += e.value;
		for (const s of e.sources || []) if (s.node) moved.push((s.node.nodeName || "") + (s.node.className ? "." + String(s.node.className).split(" ")[0] : "") + " " + e.value.toFixed(3));
	} }).observe({type: "layout-shift", buffered: true});
	setTimeout(() => done({cls: sum, moved}), 300);
})`

// pageShifts is what shiftsJS returns.
type pageShifts struct {
	CLS   float64  `json:"cls"`
	Moved []string `json:"moved"`
}

// TestLayoutShift opens one page of every type on a phone and on a wide
// screen and checks that nothing moves as the page loads: the filter box
// table.js adds, the search page's results, pictures with their sizes.
func TestLayoutShift(t *testing.T) {
	base := serve(t, siteDir)
	for _, vp := range []struct {
		w, h   int64
		mobile bool
	}{{375, 812, true}, {1280, 900, false}} {
		b := newBrowser(t)
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
		if vp.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		b.do(t, chromedp.EmulateViewport(vp.w, vp.h, opts...))
		for _, p := range screenshotPages {
			b.do(t, chromedp.Navigate(base+p.path))
			got := get(t, b, chromedp.Evaluate[pageShifts](shiftsJS, chromedp.EvalAwaitPromise))
			if got.CLS > 0.01 {
				t.Errorf("%d px, %s: the page moved as it loaded: layout shift %.3f (%s)", vp.w, p.path, got.CLS, strings.Join(got.Moved, ", "))
			}
		}
	}
}
