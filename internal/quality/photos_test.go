package quality

import (
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// slowPictures serves dir as serve does, holding back every JPEG and PNG
// for a moment, as a phone's connection does, so that a picture whose
// size the page did not give would move the text after it when it came.
func slowPictures(t *testing.T, dir string) string {
	t.Helper()
	inner := serve(t, dir)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ext := path.Ext(r.URL.Path); ext == ".jpg" || ext == ".png" {
			time.Sleep(400 * time.Millisecond)
		}
		resp, err := http.Get(inner + r.URL.RequestURI())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		buf := make([]byte, 32<<10)
		for {
			n, err := resp.Body.Read(buf)
			w.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// picturesJS lists the page's images as the browser shows them once each
// has loaded: the copy it chose, its shown and natural size, how it loads;
// and the sum of the page's layout shifts (CLS) from the start.
const picturesJS = `(async () => {
	const shifts = await new Promise(done => {
		let sum = 0;
		new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) sum += e.value; })
			.observe({type: "layout-shift", buffered: true});
		setTimeout(() => done(sum), 50);
	});
	const imgs = [...document.querySelectorAll("main img")];
	for (const img of imgs) { img.scrollIntoView(); }
	await Promise.all(imgs.map(img => img.complete ? 0 : new Promise(r => { img.onload = img.onerror = r; })));
	return {cls: shifts, imgs: imgs.map(img => ({src: img.currentSrc, w: img.getBoundingClientRect().width, h: img.getBoundingClientRect().height,
		nw: img.naturalWidth, nh: img.naturalHeight, lazy: img.loading === "lazy", alt: img.alt}))};
})()`

type shownPictures struct {
	CLS  float64        `json:"cls"`
	Imgs []shownPicture `json:"imgs"`
}

type shownPicture struct {
	Src  string  `json:"src"`
	W    float64 `json:"w"`
	H    float64 `json:"h"`
	NW   int     `json:"nw"`
	NH   int     `json:"nh"`
	Lazy bool    `json:"lazy"`
	Alt  string  `json:"alt"`
}

// TestBrowserPhotos opens the sample site's news report and meeting
// record, whose pictures arrive late, on a phone and a wide screen: the
// page does not move as they arrive, the browser picks the copy that fits
// (the 480-pixel one on a phone, a larger one on a wide screen), the news
// picture loads at once and the gallery's as they come into view, and
// every picture shows its photo's shape.
func TestBrowserPhotos(t *testing.T) {
	base := slowPictures(t, siteDir)
	for _, vp := range []struct {
		name      string
		w, h      int64
		mobile    bool
		heroCopy  string // what the news picture's address ends with
		galleryOf string
	}{
		{"phone", 375, 812, true, "-480w.jpg", "-480w.jpg"},
		{"wide", 1280, 900, false, "-960w.jpg", "-480w.jpg"},
	} {
		t.Run(vp.name, func(t *testing.T) {
			b := newBrowser(t)
			opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
			if vp.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			b.do(t, chromedp.EmulateViewport(vp.w, vp.h, opts...))
			for _, page := range []struct {
				url   string
				first string // the news picture, or ""
				n     int
			}{
				{"/berita/rakor-timpora-banyuwangi-2023/", "peserta-rakor-timpora", 1},
				{"/rapat/rakor-timpora-2023/", "", 2},
			} {
				b.do(t, chromedp.Navigate(base+page.url))
				got := get(t, b, chromedp.Evaluate[shownPictures](picturesJS, chromedp.EvalAwaitPromise))
				if got.CLS > 0.01 {
					t.Errorf("%s: the page moved as its pictures arrived: layout shift %.3f", page.url, got.CLS)
				}
				if len(got.Imgs) != page.n {
					t.Fatalf("%s: %d pictures, want %d", page.url, len(got.Imgs), page.n)
				}
				for i, img := range got.Imgs {
					if img.NW == 0 {
						t.Errorf("%s: picture %d (%s) did not load", page.url, i, img.Src)
						continue
					}
					if ratio, shown := float64(img.NW)/float64(img.NH), img.W/img.H; shown < ratio*0.98 || shown > ratio*1.02 {
						t.Errorf("%s: picture %d is shown at %.0f×%.0f, not in its photo's shape %d×%d", page.url, i, img.W, img.H, img.NW, img.NH)
					}
					want := vp.galleryOf
					if i == 0 && page.first != "" {
						want = vp.heroCopy
						if img.Lazy {
							t.Errorf("%s: the news picture waits to come into view", page.url)
						}
					} else if !img.Lazy {
						t.Errorf("%s: picture %d loads at once, before it comes into view", page.url, i)
					}
					if !strings.HasSuffix(img.Src, want) {
						t.Errorf("%s at %d px: picture %d shows %s, want the copy ending %s", page.url, vp.w, i, img.Src, want)
					}
					if img.Alt == "" {
						t.Errorf("%s: picture %d has no text alternative", page.url, i)
					}
				}
			}
			for _, e := range b.takeErrors() {
				t.Errorf("logged an error: %s", e)
			}
		})
	}
}
