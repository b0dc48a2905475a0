package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"risalah"
	"risalah/internal/build"
)

// syncBuffer is a bytes.Buffer safe for the preview's goroutine and the
// test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var testNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// preview runs a preview of dir until the test ends and returns its URL
// and log.
func startPreview(t testing.TB, dir string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	stdout := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Dir: dir, Stdout: stdout, Stderr: io.Discard, Ready: func(u string) { ready <- u },
			Build: build.Options{Theme: risalah.Theme(), Now: testNow}})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not stop after its context was cancelled")
		}
	})
	select {
	case u := <-ready:
		return u, stdout
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("no first build within 30 s")
	}
	return "", nil
}

// loopEvent is one server-sent event.
type loopEvent struct{ name, data string }

// events reads the preview's event stream into a channel.
func eventStream(t testing.TB, base string) <-chan loopEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"__risalah/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("event stream: %s", resp.Status)
	}
	ch := make(chan loopEvent, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<22)
		var ev loopEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ch <- ev
				}
				ev = loopEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				if ev.data != "" {
					ev.data += "\n"
				}
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

func awaitEvent(t testing.TB, ch <-chan loopEvent, want string) loopEvent {
	t.Helper()
	select {
	case ev := <-ch:
		if ev.name != want {
			t.Fatalf("event %q, want %q (data %.200q)", ev.name, want, ev.data)
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatalf("no %q event within 10 s", want)
	}
	return loopEvent{}
}

// none requires that no event arrives for a while.
func noEvent(t testing.TB, ch <-chan loopEvent, what string) {
	t.Helper()
	select {
	case ev := <-ch:
		t.Fatalf("%s: unexpected event %q", what, ev.name)
	case <-time.After(400 * time.Millisecond):
	}
}

func fetch(t testing.TB, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func previewSite() map[string]string {
	return map[string]string{
		"site.yaml":            "title: {id: Situs Uji, en: Test Site}\nbaseURL: https://situs.example/\n",
		"content/news/a.id.md": "---\ntitle: Berita A\ndate: 2024-01-01\ntags: [timpora]\n---\nIsi pertama.\n",
		"content/news/a.en.md": "---\ntitle: News A\n---\nFirst text.\n",
		"content/news/b.id.md": "---\ntitle: Berita B\ndate: 2024-01-02\n---\nIsi B.\n",
	}
}

var injected = regexp.MustCompile(`<link rel="stylesheet" href="/__risalah/overlay\.css"><script src="/__risalah/reload\.js" data-build="[^"]*" defer></script>`)

// TestPreviewEndToEnd starts a preview, edits the site in every way an
// editor does, and follows the browser's side: the event stream, the
// served pages, the error overlay, and at the end the served files
// against a clean build of the same sources.
func TestPreviewEndToEnd(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, previewSite())
	base, log := startPreview(t, dir)
	if !strings.Contains(log.String(), "Serving Situs Uji at "+base) {
		t.Errorf("log lacks the Serving line:\n%s", log)
	}
	page := base + "berita/a/"
	if html := fetch(t, page); !strings.Contains(html, "Isi pertama.") || !injected.MatchString(html) {
		t.Fatalf("first page lacks its text or the reload script:\n%s", html)
	}
	ev := eventStream(t, base)
	file := filepath.Join(dir, "content/news/a.id.md")

	// A plain save of a body.
	writeFiles(t, dir, map[string]string{"content/news/a.id.md": "---\ntitle: Berita A\ndate: 2024-01-01\ntags: [timpora]\n---\nIsi kedua.\n"})
	awaitEvent(t, ev, "reload")
	if html := fetch(t, page); !strings.Contains(html, "Isi kedua.") {
		t.Errorf("page after the edit lacks the new text")
	}
	noEvent(t, ev, "one save")

	// Write a temporary file, then rename it over the document.
	tmp := filepath.Join(dir, "content/news/.a.id.md.tmp")
	os.WriteFile(tmp, []byte("---\ntitle: Berita A\ndate: 2024-01-01\ntags: [timpora]\n---\nIsi ketiga.\n"), 0o644)
	os.Rename(tmp, file)
	awaitEvent(t, ev, "reload")
	if html := fetch(t, page); !strings.Contains(html, "Isi ketiga.") {
		t.Errorf("page after the rename lacks the new text")
	}
	noEvent(t, ev, "one rename save")

	// A save that reaches the watcher in two parts, the file emptied and
	// then written, shows no error on the way.
	os.WriteFile(file, nil, 0o644)
	time.Sleep(30 * time.Millisecond)
	os.WriteFile(file, []byte("---\ntitle: Berita A\ndate: 2024-01-01\ntags: [timpora]\n---\nIsi ketiga, lagi.\n"), 0o644)
	awaitEvent(t, ev, "reload")
	noEvent(t, ev, "a save in two parts")
	if html := fetch(t, page); !strings.Contains(html, "Isi ketiga, lagi.") {
		t.Errorf("page after a save in two parts lacks the new text")
	}

	// A mistake shows the overlay, with the file and line, on every page.
	writeFiles(t, dir, map[string]string{"content/news/a.id.md": "---\ntitle: [Berita A\ndate: 2024-01-01\n---\nIsi ketiga.\n"})
	bad := awaitEvent(t, ev, "build-error")
	if !strings.Contains(bad.data, "content/news/a.id.md:2") || !strings.Contains(bad.data, "front matter") {
		t.Errorf("error event lacks the file or the message:\n%s", bad.data)
	}
	// The saved file's error is the cause: its translation adds none for
	// the fields it would inherit.
	if strings.Contains(bad.data, "content/news/a.en.md") {
		t.Errorf("the translation's fields are reported beside their cause:\n%s", bad.data)
	}
	html := fetch(t, page)
	if !strings.Contains(html, `id="risalah-overlay"`) || !strings.Contains(html, "Isi ketiga, lagi.") {
		t.Errorf("page during the error lacks the overlay or the last good text")
	}
	if !strings.Contains(fetch(t, base+"en/"), `id="risalah-overlay"`) {
		t.Errorf("another page lacks the overlay")
	}

	// Fixing it reloads, and the overlay is gone.
	writeFiles(t, dir, map[string]string{"content/news/a.id.md": "---\ntitle: Berita A diperbaiki\ndate: 2024-01-01\ntags: [timpora]\n---\nIsi keempat.\n"})
	awaitEvent(t, ev, "reload")
	html = fetch(t, page)
	if strings.Contains(html, `id="risalah-overlay"`) || !strings.Contains(html, "Isi keempat.") {
		t.Errorf("page after the fix still shows the overlay or lacks the new text")
	}

	// Editor litter and a chmod give nothing.
	writeFiles(t, dir, map[string]string{"content/news/.a.id.md.swp": "x", "content/news/a.id.md~": "x", "content/news/4913": ""})
	os.Chmod(file, 0o600)
	noEvent(t, ev, "litter")

	// A new folder with a document written at once; a template; a static
	// file; site.yaml.
	writeFiles(t, dir, map[string]string{"content/news/2026/baru/index.md": "---\ntitle: Baru\ndate: 2024-02-01\n---\nIsi baru.\n"})
	awaitEvent(t, ev, "reload")
	if html := fetch(t, base+"berita/baru/"); !strings.Contains(html, "Isi baru.") {
		t.Errorf("the new document is not served:\n%.300s", html)
	}
	writeFiles(t, dir, map[string]string{"templates/baseof.html": strings.Replace(mustRead(t, "templates/baseof.html"), "</body>", "<p>edited template</p></body>", 1)})
	awaitEvent(t, ev, "reload")
	if !strings.Contains(fetch(t, page), "<p>edited template</p>") {
		t.Errorf("template change not served")
	}
	writeFiles(t, dir, map[string]string{"static/hello.txt": "halo\n"})
	awaitEvent(t, ev, "reload")
	if got := fetch(t, base+"hello.txt"); got != "halo\n" {
		t.Errorf("static file = %q", got)
	}
	writeFiles(t, dir, map[string]string{"site.yaml": "title: {id: Situs Uji Baru, en: Test Site}\nbaseURL: https://situs.example/\n"})
	awaitEvent(t, ev, "reload")
	if !strings.Contains(fetch(t, base), "Situs Uji Baru") {
		t.Errorf("site.yaml change not served")
	}
	os.Remove(filepath.Join(dir, "content/news/b.id.md"))
	awaitEvent(t, ev, "reload")

	// What is served now is a clean build of the same files.
	clean := build.NewMemory()
	res := build.Run(context.Background(), build.Options{Site: os.DirFS(dir), Theme: risalah.Theme(), Now: testNow}, clean)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	for name, want := range clean.Files {
		resp, err := http.Get(base + name)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.HasSuffix(name, ".html") {
			got = injected.ReplaceAll(got, nil)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("served %s differs from a clean build", name)
		}
	}
	if resp, _ := http.Get(base + "berita/berita-b/"); resp.StatusCode != 404 {
		t.Errorf("removed document still served: %s", resp.Status)
	}
	t.Logf("log:\n%s", log)
}

func mustRead(t testing.TB, name string) string {
	t.Helper()
	b, err := fs.ReadFile(risalah.Theme(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPreviewFirstBuildFails starts the preview on a broken site: its log
// does not claim a good build it never had, and the fix is served.
func TestPreviewFirstBuildFails(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"site.yaml":         "title: {id: Situs}\n",
		"content/news/a.md": "---\ntitle: [\n---\n",
	})
	_, log := startPreview(t, dir)
	waitLog := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(log.String(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("log lacks %q:\n%s", want, log.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitLog("1 error; the browser shows the errors until they are fixed")
	if strings.Contains(log.String(), "last good build") {
		t.Errorf("the log speaks of a good build there never was:\n%s", log.String())
	}
	writeFiles(t, dir, map[string]string{"content/news/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nIsi.\n"})
	waitLog("files written")
}

// TestPreviewOverlayInPageLanguage breaks a site whose editor reads
// English: the Indonesian pages show the overlay in Indonesian, the English
// pages in English, whatever the terminal says.
func TestPreviewOverlayInPageLanguage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, previewSite())
	base, log := startPreview(t, dir)
	ev := eventStream(t, base)
	writeFiles(t, dir, map[string]string{"content/news/b.id.md": "---\ndate: 2024-01-02\n---\nIsi B.\n"})
	awaitEvent(t, ev, "build-error")
	for page, want := range map[string][]string{
		"berita/a/":  {`lang="id" dir="ltr"`, "Gagal membangun situs", `ruas wajib &#34;title&#34; tidak ada`},
		"en/news/a/": {`lang="en" dir="ltr"`, "Build failed", `missing required field &#34;title&#34;`},
	} {
		html := fetch(t, base+page)
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: overlay lacks %s:\n%s", page, w, html)
			}
		}
	}
	if !strings.Contains(log.String(), "1 error") {
		t.Errorf("the terminal is not in English:\n%s", log)
	}
}

// TestPortInUse starts a preview on a port that is taken: the error says
// so, and how to choose another.
func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"site.yaml": "title: {id: Situs}\n"})
	err = Run(context.Background(), Options{Dir: dir, Bind: "127.0.0.1", Port: port, Stdout: io.Discard, Stderr: io.Discard,
		Build: build.Options{Theme: risalah.Theme(), Now: testNow}})
	if want := fmt.Sprintf("port %d on 127.0.0.1 is in use, perhaps by another preview: stop it, or pass --port %d, or --port 0 for any free port", port, port+1); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

// TestPreviewSearchIndex edits a body in the preview: the page reloads at
// once, and the search index follows when the edits pause, without a
// second reload.
func TestPreviewSearchIndex(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, previewSite())
	base, log := startPreview(t, dir)
	ev := eventStream(t, base)
	shard := base + "cari/index/words/70.json" // the words that start with p
	if strings.Contains(fetch(t, shard), `"paspor"`) {
		t.Fatal("the index holds paspor before the edit")
	}
	writeFiles(t, dir, map[string]string{"content/news/a.id.md": "---\ntitle: Berita A\ndate: 2024-01-01\ntags: [timpora]\n---\nIsi pertama tentang paspor.\n"})
	awaitEvent(t, ev, "reload")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(fetch(t, shard), `"paspor"`) {
		if time.Now().After(deadline) {
			t.Fatalf("the search index did not follow the edit:\n%s", log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	noEvent(t, ev, "the search index made after the reload")
	if !strings.Contains(log.String(), "search index: ") {
		t.Errorf("the log does not say the index was made:\n%s", log)
	}
}
