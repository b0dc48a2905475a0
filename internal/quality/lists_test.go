package quality

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// rowsJS lists the lists laid out as rows (flex or grid) whose items on
// one row do not share their top edge: an item lifted or pushed down by a
// margin meant for lists that stack.
const rowsJS = `(() => {
	const out = [];
	for (const list of document.querySelectorAll("ul, ol")) {
		const d = getComputedStyle(list).display;
		if (!d.includes("flex") && !d.includes("grid")) continue;
		const items = [...list.children].filter(e => e.tagName === "LI");
		for (let i = 1; i < items.length; i++) {
			const a = items[i-1].getBoundingClientRect(), b = items[i].getBoundingClientRect();
			if (b.left > a.left && Math.abs(b.top - a.top) > 0.5) {
				out.push((list.className || list.parentElement.className || list.tagName) + ": item " + i + " at " + Math.round(b.top - a.top) + " px from the one before");
				break;
			}
		}
	}
	return out;
})()`

// TestListRows opens every page at 1280 and 375 pixels and requires the
// items of every list laid out as a row (the years, the topics, the menus,
// the pager, the gallery) to line up.
func TestListRows(t *testing.T) {
	base := serve(t, siteDir)
	b := newBrowser(t)
	for _, w := range []int64{1280, 375} {
		b.do(t, chromedp.EmulateViewport(w, 900))
		for _, page := range contentPages(t, siteDir) {
			b.do(t, chromedp.Navigate(base+pageURL(page)))
			if bad := eval[[]string](t, b, rowsJS); len(bad) > 0 {
				t.Errorf("%s at %d px: %s", pageURL(page), w, strings.Join(bad, "; "))
			}
		}
	}
}
