package quality

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"risalah"
	"risalah/internal/build"
	liveserve "risalah/internal/serve"
)

// previewWait bounds every wait for the preview to react to a save.
const previewWait = 10 * time.Second

// previewLog collects what the preview writes, for both its goroutine and
// the test's.
type previewLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *previewLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *previewLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// copySample copies the sources of the repository's sample site (the folders
// a preview watches) into a fresh folder, so that the test's edits never touch
// the repository.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range liveserve.Sources() {
		src, dst := filepath.Join("..", "..", name), filepath.Join(dir, name)
		info, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if info.IsDir() {
			err = os.CopyFS(dst, os.DirFS(src))
		} else {
			var data []byte
			if data, err = os.ReadFile(src); err == nil {
				err = os.WriteFile(dst, data, 0o644)
			}
		}
		if err != nil {
			t.Fatalf("copying %s: %v", name, err)
		}
	}
	return dir
}

// startLivePreview runs `risalah serve` on dir until the test ends and
// returns its address, ending in a slash.
func startLivePreview(t *testing.T, dir string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &previewLog{}, &previewLog{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- liveserve.Run(ctx, liveserve.Options{
			Dir:    dir,
			Build:  build.Options{Theme: risalah.Theme(), Now: buildNow},
			Stdout: stdout,
			Stderr: stderr,
			Ready:  func(u string) { ready <- u },
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve.Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("serve.Run did not return within 5 s of its context being cancelled")
		}
		if t.Failed() {
			t.Logf("preview output:\n%s\npreview diagnostics:\n%s", stdout, stderr)
		}
	})
	select {
	case u := <-ready:
		return u
	case err := <-done:
		t.Fatalf("serve.Run returned before serving: %v\n%s", err, stderr)
	case <-time.After(20 * time.Second):
		t.Fatal("the preview's first build took more than 20 s")
	}
	return ""
}

// newTab opens another tab in b's browser, recording its errors as b does.
func newTab(t *testing.T, b *browser) *browser {
	t.Helper()
	tab := &browser{}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(tab.listen))
	t.Cleanup(cancel)
	tab.ctx = ctx
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return tab
}

// previewState is what the test reads of the page in the browser.
type previewState struct {
	Ready string `json:"ready"` // document.readyState
	Path  string `json:"path"`
	// Mark is the value the test left on window; a page loaded since has
	// none, which tells that it reloaded.
	Mark     string  `json:"mark"`
	Nav      string  `json:"nav"` // how the document was loaded: navigate, reload…
	Scripted bool    `json:"scripted"`
	Main     string  `json:"main"` // the text of <main>, under any overlay
	Y        float64 `json:"y"`
	LoadY    float64 `json:"loadY"`   // scrollY when the load event fired; -1 before
	Overlay  bool    `json:"overlay"` // #risalah-overlay is in the page
	// Shown: the overlay is rendered and not hidden, fixed over the viewport
	// and on top at its centre.
	Shown       bool             `json:"shown"`
	OverlayText string           `json:"overlayText"`
	Problems    []overlayProblem `json:"problems"`
	Focused     bool             `json:"focused"`
}

// overlayProblem is one entry of the overlay.
type overlayProblem struct {
	Where  string `json:"where"`  // file:line:col
	Marked string `json:"marked"` // the excerpt's line the problem is on
}

func (s previewState) String() string {
	return fmt.Sprintf("path %s, readyState %q, mark %q, navigation %q, scrollY %.0f (%.0f at load), overlay in page %v, shown %v, main has %d characters",
		s.Path, s.Ready, s.Mark, s.Nav, s.Y, s.LoadY, s.Overlay, s.Shown, len(s.Main))
}

const previewStateJS = `(() => {
	const o = document.getElementById("risalah-overlay");
	const m = document.querySelector("main");
	const nav = performance.getEntriesByType("navigation")[0];
	let shown = false;
	if (o) {
		const cs = getComputedStyle(o), r = o.getBoundingClientRect();
		const top = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
		shown = !o.hidden && cs.display !== "none" && cs.visibility !== "hidden" && cs.position === "fixed" &&
			r.width >= innerWidth - 20 && r.height >= innerHeight - 1 && !!top && o.contains(top);
	}
	return {
		ready: document.readyState,
		path: location.pathname,
		mark: typeof window.__previewTestMark === "string" ? window.__previewTestMark : "",
		nav: nav ? nav.type : "",
		scripted: window.__risalahReload === true,
		main: m ? m.textContent.replace(/\s+/g, " ") : "",
		y: window.scrollY,
		loadY: typeof window.__previewLoadY === "number" ? window.__previewLoadY : -1,
		overlay: !!o,
		shown: shown,
		overlayText: o ? o.textContent.replace(/[ \t\n]+/g, " ") : "",
		problems: o ? [...o.querySelectorAll(".risalah-problem")].map(p => {
			const w = p.querySelector(".risalah-problem__file"), m = p.querySelector(".risalah-excerpt__line--mark");
			return {where: w ? w.textContent : "", marked: m ? m.textContent : ""};
		}) : [],
		focused: !!o && o.contains(document.activeElement),
	};
})()`

// scrollProbe runs in every document of the tab before its own scripts. It
// turns off the browser's own scroll restoration, so that only reload.js can
// bring a reloaded page back to where it was, and notes where the page was
// when it finished loading: a restoration that glides down from the top
// is not there yet.
const scrollProbe = `history.scrollRestoration = "manual";
addEventListener("load", () => { window.__previewLoadY = window.scrollY; });`

// readState reads the page's state; it fails while the page is between
// documents, which callers that poll ignore.
func readState(b *browser) (previewState, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[previewState](previewStateJS))
}

// waitState polls the page until ok holds of its state, without navigating,
// and fails the test after previewWait.
func waitState(t *testing.T, b *browser, what string, ok func(previewState) bool) previewState {
	t.Helper()
	deadline := time.Now().Add(previewWait)
	var last previewState
	var lastErr error
	for {
		s, err := readState(b)
		if err == nil {
			if ok(s) {
				return s
			}
			last, lastErr = s, nil
		} else {
			lastErr = err
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v; last seen: %s (error reading the page: %v)", what, previewWait, last, lastErr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// setMark leaves a value on the page's window, gone once the page reloads.
func setMark(t *testing.T, b *browser, mark string) {
	t.Helper()
	eval[bool](t, b, fmt.Sprintf(`(window.__previewTestMark = %q, true)`, mark))
}

func writeSource(t *testing.T, file, text string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPreviewInBrowser edits a page of the sample site under `risalah serve`
// while Chromium shows it: a good save reloads the page by itself and keeps
// its scroll position; a broken one shows the error overlay, accessible, over
// the last good page, with scripts and without; fixing it takes the overlay
// away.
func TestPreviewInBrowser(t *testing.T) {
	start := time.Now()
	dir := copySample(t)
	const (
		pagePath = "rapat/rakor-timpora-2023/"
		source   = "content/meetings/rakor-timpora-2023/index.id.md"
		scroll   = 600
	)
	file := filepath.Join(dir, filepath.FromSlash(source))
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	good := string(orig)
	if !strings.HasSuffix(good, "\n") {
		good += "\n"
	}
	// The broken save opens a flow sequence in the title and never closes it.
	titleLine, titleText := 0, ""
	for i, l := range strings.Split(good, "\n") {
		if strings.HasPrefix(l, "title: ") {
			titleLine, titleText = i+1, l
			break
		}
	}
	if titleLine == 0 {
		t.Fatalf("%s has no title line", source)
	}
	brokenTitle := strings.Replace(titleText, "title: ", "title: [", 1)
	broken := func(body string) string { return strings.Replace(body, titleText, brokenTitle, 1) }

	// Unique sentences, so that no earlier build can hold them.
	tag := strconv.FormatInt(time.Now().UnixNano(), 36)
	sentence := func(n int) string { return fmt.Sprintf("Kalimat uji pratinjau nomor %d kode %s.", n, tag) }
	s1, s2, s3 := sentence(1), sentence(2), sentence(3)

	base := startLivePreview(t, dir)
	b := newBrowser(t)
	url := base + pagePath

	// step runs a sub-test and reports whether it ran to its end: a step
	// that stopped half-way leaves the page in a state the next cannot use,
	// while one that only reported errors does not.
	step := func(name string, f func(t *testing.T)) bool {
		completed := false
		t.Run(name, func(t *testing.T) {
			f(t)
			completed = true
		})
		return completed
	}
	var noJS *browser // the tab without JavaScript, once opened
	func() {
		ok := step("open", func(t *testing.T) {
			if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: scrollProbe}); err != nil {
				t.Fatal(err)
			}
			b.do(t, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url))
			s := waitState(t, b, "the page loads with the reload script", func(s previewState) bool {
				return s.Ready == "complete" && s.Scripted
			})
			if s.Overlay {
				t.Fatalf("the first build of the sample site shows the error overlay:\n%s", s.OverlayText)
			}
			if h := eval[float64](t, b, `document.documentElement.scrollHeight`); h < scroll+800+100 {
				t.Fatalf("%s is %.0f px tall: too short to scroll to %d px", url, h, scroll)
			}
		})
		if !ok {
			return
		}

		ok = step("edit reloads and keeps the scroll position", func(t *testing.T) {
			y := eval[float64](t, b, fmt.Sprintf(`(window.scrollTo({left: 0, top: %d, behavior: "instant"}), window.scrollY)`, scroll))
			if y < scroll-1 || y > scroll+1 {
				t.Fatalf("scrolled to %.0f, want %d", y, scroll)
			}
			setMark(t, b, "before edit")
			writeSource(t, file, good+"\n"+s1+"\n")
			s := waitState(t, b, "the new sentence shows without the test navigating", func(s previewState) bool {
				return s.Ready == "complete" && s.LoadY >= 0 && strings.Contains(s.Main, s1) && s.Y >= scroll-50 && s.Y <= scroll+50
			})
			if s.Mark != "" || s.Nav != "reload" {
				t.Errorf("the page shows the new text but was not reloaded (mark %q, navigation %q)", s.Mark, s.Nav)
			}
			if s.LoadY < scroll-50 || s.LoadY > scroll+50 {
				t.Errorf("the reloaded page was at %.0f px when it finished loading, want %d: the position is not restored at once", s.LoadY, scroll)
			}
			if s.Overlay {
				t.Errorf("a good save shows the error overlay:\n%s", s.OverlayText)
			}
		})
		if !ok {
			return
		}

		ok = step("broken front matter shows the overlay", func(t *testing.T) {
			setMark(t, b, "before error")
			writeSource(t, file, broken(good+"\n"+s1+"\n"))
			s := waitState(t, b, "the error overlay shows", func(s previewState) bool { return s.Shown })
			if s.Mark == "" {
				t.Errorf("the page reloaded to show the overlay; the event stream should have brought it (navigation %q)", s.Nav)
			}
			// The entry of the broken file names it with a line number and
			// marks the broken line in its excerpt. (Other entries may
			// follow from it, such as the translation missing the fields
			// it takes from this file.)
			where := regexp.MustCompile(`^` + regexp.QuoteMeta(source) + `:(\d+)(:\d+)?$`)
			var entry *overlayProblem
			for i, p := range s.Problems {
				if where.MatchString(p.Where) {
					entry = &s.Problems[i]
					break
				}
			}
			switch {
			case entry == nil:
				t.Errorf("the overlay has no entry for %s with a line number; entries: %+v\n%s", source, s.Problems, s.OverlayText)
			case !strings.Contains(entry.Marked, brokenTitle):
				t.Errorf("the entry %s marks the line %q, want the broken line %d %q", entry.Where, entry.Marked, titleLine, brokenTitle)
			default:
				t.Logf("the overlay points at %s: %q", entry.Where, strings.TrimSpace(entry.Marked))
			}
			if !strings.Contains(s.Main, s1) {
				t.Errorf("under the overlay the page lost the last good text %q", s1)
			}
			if !s.Focused {
				t.Error("the overlay (an alertdialog) did not take the focus")
			}

			shots := filepath.Join("..", "..", "test-output", "screenshots")
			if err := os.MkdirAll(shots, 0o755); err != nil {
				t.Fatal(err)
			}
			png := get(t, b, chromedp.CaptureScreenshot())
			if len(png) < 1000 {
				t.Errorf("the overlay screenshot is suspiciously small (%d bytes)", len(png))
			}
			if err := os.WriteFile(filepath.Join(shots, "preview-overlay.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}

			// Only this audit needs axe-core: without it, it alone skips
			// (or fails under CI) and the preview is still tested.
			t.Run("axe-core", func(t *testing.T) {
				axe := axeSource(t)
				// Through the DevTools protocol, as in TestAccessibility.
				if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
					t.Fatalf("loading axe-core: %v", err)
				}
				scoped := strings.Replace(axeRun, "axe.run(document,", `axe.run({include: [["#risalah-overlay"]]},`, 1)
				if scoped == axeRun {
					t.Fatal("cannot scope the axe-core audit to the overlay")
				}
				violations, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](scoped, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("running axe-core on the overlay: %v", err)
				}
				for _, v := range violations {
					t.Error(formatViolation("#risalah-overlay", v))
				}
			})
		})
		if !ok {
			return
		}

		ok = step("fix removes the overlay", func(t *testing.T) {
			setMark(t, b, "before fix")
			writeSource(t, file, good+"\n"+s1+"\n\n"+s2+"\n")
			s := waitState(t, b, "the overlay goes and the fixed page shows", func(s previewState) bool {
				return s.Ready == "complete" && s.LoadY >= 0 && !s.Overlay && strings.Contains(s.Main, s2) && s.Y >= scroll-50 && s.Y <= scroll+50
			})
			if s.Mark != "" || s.Nav != "reload" {
				t.Errorf("the fixed page was not reloaded (mark %q, navigation %q)", s.Mark, s.Nav)
			}
			if s.LoadY < scroll-50 || s.LoadY > scroll+50 {
				t.Errorf("the fixed page was at %.0f px when it finished loading, want %d", s.LoadY, scroll)
			}
		})
		if !ok {
			return
		}

		step("overlay without JavaScript", func(t *testing.T) {
			noJS = newTab(t, b)
			if _, err := chromedp.Call(noJS.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatal(err)
			}
			noJS.do(t, chromedp.EmulateViewport(1280, 800))

			// The tab with scripts shows when the server holds the failure.
			writeSource(t, file, broken(good+"\n"+s1+"\n\n"+s2+"\n"))
			waitState(t, b, "the overlay shows again", func(s previewState) bool { return s.Shown })

			noJS.do(t, chromedp.Navigate(url))
			s, err := readState(noJS)
			if err != nil {
				t.Fatal(err)
			}
			if s.Scripted {
				t.Fatal("the reload script ran in the tab without JavaScript")
			}
			if !s.Overlay || !s.Shown {
				t.Errorf("without JavaScript the overlay is not shown (in page %v, shown %v)", s.Overlay, s.Shown)
			}
			if !strings.Contains(s.OverlayText, source+":") || !strings.Contains(s.OverlayText, brokenTitle) {
				t.Errorf("without JavaScript the overlay lacks the file or the broken line:\n%s", s.OverlayText)
			}
			if !strings.Contains(s.Main, s2) {
				t.Errorf("without JavaScript the page under the overlay lacks the last good text %q", s2)
			}

			writeSource(t, file, good+"\n"+s1+"\n\n"+s2+"\n\n"+s3+"\n")
			waitState(t, b, "the tab with scripts reloads with the fix", func(s previewState) bool {
				return s.Ready == "complete" && !s.Overlay && strings.Contains(s.Main, s3)
			})
			noJS.do(t, chromedp.Navigate(url))
			if s, err = readState(noJS); err != nil {
				t.Fatal(err)
			}
			if s.Overlay || !strings.Contains(s.Main, s3) {
				t.Errorf("without JavaScript, after the fix: overlay %v, new text there %v", s.Overlay, strings.Contains(s.Main, s3))
			}
		})
	}()

	t.Run("no console errors", func(t *testing.T) {
		for _, e := range b.takeErrors() {
			t.Errorf("the page logged an error: %s", e)
		}
		if noJS != nil {
			for _, e := range noJS.takeErrors() {
				t.Errorf("the page without JavaScript logged an error: %s", e)
			}
		}
	})
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("the preview test took %v; keep it under 30 s", d.Round(time.Millisecond))
	}
}
