package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

const (
	testAddr = "127.0.0.1:41234"
	secret   = "TOP-SECRET-CONTENT"
	waitFor  = 3 * time.Second // generous: -race and busy CI machines are slow
)

const homePage = `<!DOCTYPE html>
<html lang="id">
<head>
<title>Beranda</title>
</head>
<body class="home">
<p>home page</p>
</body>
</html>
`

// testFiles is a snapshot with pages, a language folder with its own 404
// page, one file of each served type, and secrets where a traversal out of
// a folder, a dotfile or a dot-folder would land.
func testFiles() map[string][]byte {
	return map[string][]byte{
		"index.html":               []byte(homePage),
		"404.html":                 []byte(`<html><head><title>404</title></head><body><p>root not found</p></body></html>`),
		"en/index.html":            []byte(`<html><head></head><body><p>english home</p></body></html>`),
		"en/404.html":              []byte(`<html><head></head><body><p>english not found</p></body></html>`),
		"en/news/x/index.html":     []byte(`<html><head></head><body><p>news x</p></body></html>`),
		"a/b/index.html":           []byte(`<html><head></head><body><p>a b</p></body></html>`),
		"css/risalah.css":          []byte("body{}"),
		"js/app.js":                []byte("1"),
		"feed.xml":                 []byte("<feed/>"),
		"rapat/rapat.ics":          []byte("BEGIN:VCALENDAR"),
		"data/x.json":              []byte("{}"),
		"data/x.csv":               []byte("a,b"),
		"img/logo.svg":             []byte("<svg/>"),
		"img/photo.png":            []byte("\x89PNG"),
		"robots.txt":               []byte("User-agent: *"),
		"site.webmanifest":         []byte("{}"),
		"files/blob.unknownext":    []byte("?"),
		".well-known/security.txt": []byte("Contact: x"),
		// Where traversals would land if the path were cleaned, not refused.
		"secret":      []byte(secret),
		"etc/passwd":  []byte(secret),
		"x":           []byte(secret),
		".env":        []byte(secret),
		".git/config": []byte(secret),
		"a/.hidden":   []byte(secret),
		"b":           []byte(secret),
	}
}

func newTestServer() *Server {
	s := NewServer(testAddr)
	s.Publish(testFiles())
	return s
}

// get runs one request through the handler directly, with an allowed Host.
func get(s *Server, method, target string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	r.Host = s.addr
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func TestRouting(t *testing.T) {
	s := newTestServer()
	tests := []struct {
		target   string
		status   int
		body     string // contained in the body
		location string
	}{
		{"/", 200, "home page", ""},
		{"/index.html", 200, "home page", ""},
		{"/en/", 200, "english home", ""},
		{"/en/news/x/", 200, "news x", ""},
		{"/a/b/", 200, "a b", ""},
		{"/en", 301, "", "/en/"},
		{"/en/news/x", 301, "", "/en/news/x/"},
		{"/en/news/x?page=2&q=a%20b", 301, "", "/en/news/x/?page=2&q=a%20b"},
		{"/css/risalah.css", 200, "body{}", ""},
		{"/.well-known/security.txt", 200, "Contact", ""},
		{"/secret", 200, secret, ""}, // reachable by its own name: the traversal tests mean something
		{"/missing", 404, "root not found", ""},
		{"/missing/", 404, "root not found", ""},
		{"/en/missing", 404, "english not found", ""},
		{"/en/news/gone/", 404, "english not found", ""},
		{"/fr/missing", 404, "root not found", ""},
		{"/css/risalah.css/", 404, "root not found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := get(s, "GET", tt.target)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d; body %q", w.Code, tt.status, w.Body)
			}
			if !strings.Contains(w.Body.String(), tt.body) {
				t.Errorf("body %q does not contain %q", w.Body, tt.body)
			}
			if got := w.Header().Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
			if got := w.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q", got)
			}
		})
	}
}

func TestNotFoundWithoutPage(t *testing.T) {
	s := NewServer(testAddr)
	s.Publish(map[string][]byte{"index.html": []byte("<p>x</p>")})
	w := get(s, "GET", "/en/nothing")
	if w.Code != 404 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("got %d %q, want 404 text/plain", w.Code, w.Header().Get("Content-Type"))
	}
}

func TestContentTypes(t *testing.T) {
	s := newTestServer()
	tests := []struct{ target, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{"/css/risalah.css", "text/css; charset=utf-8"},
		{"/js/app.js", "text/javascript; charset=utf-8"},
		{"/feed.xml", "text/xml; charset=utf-8"},
		{"/rapat/rapat.ics", "text/calendar; charset=utf-8"},
		{"/data/x.json", "application/json"},
		{"/data/x.csv", "text/csv; charset=utf-8"},
		{"/img/logo.svg", "image/svg+xml"},
		{"/img/photo.png", "image/png"},
		{"/robots.txt", "text/plain; charset=utf-8"},
		{"/site.webmanifest", "application/manifest+json"},
		{"/files/blob.unknownext", "application/octet-stream"},
		{"/missing", "text/html; charset=utf-8"}, // the site's 404 page
		{"/__risalah/reload.js", "text/javascript; charset=utf-8"},
		{"/__risalah/overlay.css", "text/css; charset=utf-8"},
	}
	for _, tt := range tests {
		w := get(s, "GET", tt.target)
		if got := w.Header().Get("Content-Type"); got != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tt.target, got, tt.ctype)
		}
	}
}

func TestHeadAndMethods(t *testing.T) {
	s := newTestServer()
	for _, target := range []string{"/", "/css/risalah.css", "/missing", "/__risalah/reload.js"} {
		g, h := get(s, "GET", target), get(s, "HEAD", target)
		if h.Code != g.Code || h.Header().Get("Content-Type") != g.Header().Get("Content-Type") ||
			h.Header().Get("Content-Length") != g.Header().Get("Content-Length") {
			t.Errorf("HEAD %s: %d %v; GET: %d %v", target, h.Code, h.Header(), g.Code, g.Header())
		}
		if g.Header().Get("Content-Length") != fmt.Sprint(g.Body.Len()) {
			t.Errorf("GET %s: Content-Length %s for %d bytes", target, g.Header().Get("Content-Length"), g.Body.Len())
		}
		if h.Body.Len() != 0 {
			t.Errorf("HEAD %s: body of %d bytes", target, h.Body.Len())
		}
	}
	tests := []struct{ method, target, allow string }{
		{"POST", "/", "GET, HEAD"},
		{"PUT", "/index.html", "GET, HEAD"},
		{"DELETE", "/secret", "GET, HEAD"},
		{"OPTIONS", "/", "GET, HEAD"},
		{"POST", "/__risalah/events", "GET"},
		{"HEAD", "/__risalah/events", "GET"},
	}
	for _, tt := range tests {
		w := get(s, tt.method, tt.target)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != tt.allow {
			t.Errorf("%s %s: %d, Allow %q; want 405, %q", tt.method, tt.target, w.Code, w.Header().Get("Allow"), tt.allow)
		}
	}
}

// traversals are request targets that must never be served. Each would land
// on a file of the snapshot holding secret if the path were cleaned, or is a
// dotfile that holds it.
var traversals = []struct {
	target string
	status int
}{
	{"/../x", 400},
	{"/../secret", 400},
	{"/a/../secret", 400},
	{"/a/../../etc/passwd", 400},
	{"/%2e%2e/x", 400},
	{"/%2e%2e/secret", 400},
	{"/%2E%2E%2Fsecret", 400},
	{"/a/%2f..%2f", 400},
	{"/a/%2f..%2fsecret", 400},
	{"/a%2f..%2f..%2fsecret", 400},
	{"/%252e%252e/x", 400},
	{"/%252e%252e/secret", 400},
	{"/a/%252e%252e/secret", 400},
	{"/..%5cx", 400},
	{"/..%5Csecret", 400},
	{"/a/..%5c..%5csecret", 400},
	{`/..\secret`, 400},
	{`/a\..\..\secret`, 400},
	{"/a/./b", 400},
	{"/a/./b/", 400},
	{"/a/%2e/b", 400},
	{"/./secret", 400},
	{"//secret", 400},
	{"/a//b", 400},
	{"/secret%00", 400},
	{"/secret%00.html", 400},
	{"/sec%0aret", 400},
	{"/.well-known/../secret", 400},
	{"/.env", 404},
	{"/%2eenv", 404},
	{"/.git/config", 404},
	{"/.git/", 404},
	{"/a/.hidden", 404},
}

func TestTraversalHandler(t *testing.T) {
	s := newTestServer()
	for _, tt := range traversals {
		t.Run(tt.target, func(t *testing.T) {
			w := get(s, "GET", tt.target)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			if strings.Contains(w.Body.String(), secret) {
				t.Errorf("secret served: %q", w.Body)
			}
		})
	}
}

// TestTraversalRaw sends hand-written request lines over TCP, so nothing on
// the client side cleans or re-encodes the path first.
func TestTraversalRaw(t *testing.T) {
	_, ts := startServer(t)
	targets := []string{"/%2e%2e/etc/passwd", "/../../etc/passwd", "/..%2f..%2fetc/passwd", "/%zz", "/%", "/a%g1"}
	for _, tt := range traversals {
		targets = append(targets, tt.target)
	}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			resp, body := rawRequest(t, ts, "GET "+target+" HTTP/1.1\r\nHost: "+addrOf(ts)+"\r\nConnection: close\r\n\r\n")
			if resp.StatusCode != 400 && resp.StatusCode != 404 {
				t.Errorf("status %d, want 400 or 404", resp.StatusCode)
			}
			if strings.Contains(body, secret) {
				t.Errorf("secret served: %q", body)
			}
		})
	}
	// The same connection path serves a good request, so the refusals above
	// are the server's doing and not a broken test client.
	resp, body := rawRequest(t, ts, "GET /en/ HTTP/1.1\r\nHost: "+addrOf(ts)+"\r\nConnection: close\r\n\r\n")
	if resp.StatusCode != 200 || !strings.Contains(body, "english home") {
		t.Errorf("control request: %d %q", resp.StatusCode, body)
	}
}

func TestSplitPathMalformed(t *testing.T) {
	// httptest.NewRequest refuses these, so the parser is tested directly.
	for _, p := range []string{"/%zz", "/%", "/%2", "/a%g1", "/a/%", "a/b", "", "/%C0%AE%C0%AE/x"} {
		if _, _, status := splitPath(p); status == 0 {
			t.Errorf("splitPath(%q) accepted", p)
		}
	}
	segs, dir, status := splitPath("/en/news%20x/")
	if status != 0 || !dir || strings.Join(segs, "|") != "en|news x" {
		t.Errorf("splitPath: %q %v %d", segs, dir, status)
	}
}

func TestHostCheck(t *testing.T) {
	s := newTestServer()
	tests := []struct {
		host   string
		status int
	}{
		{testAddr, 200},
		{"localhost:41234", 200},
		{"LOCALHOST:41234", 200},
		{"127.0.0.1:41234", 200},
		{"[::1]:41234", 200},
		{"evil.example", 403},
		{"evil.example:41234", 403},
		{"localhost", 403},
		{"localhost:9999", 403},
		{"127.0.0.2:41234", 403},
		{"", 403},
	}
	for _, tt := range tests {
		for _, target := range []string{"/", "/__risalah/reload.js", "/__risalah/events"} {
			if target == "/__risalah/events" && tt.status == 200 {
				continue // a stream; covered by TestEventsOrigin
			}
			r := httptest.NewRequest("GET", target, nil)
			r.Host = tt.host
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != tt.status {
				t.Errorf("Host %q %s: %d, want %d", tt.host, target, w.Code, tt.status)
			}
		}
	}
}

func TestAssets(t *testing.T) {
	s := newTestServer()
	js := get(s, "GET", "/__risalah/reload.js").Body.String()
	css := get(s, "GET", "/__risalah/overlay.css").Body.String()
	// The script listens for the events the server sends, and keeps to what a
	// style-src 'self' policy allows.
	for _, want := range []string{"'/__risalah/events?lang='", "documentElement.lang", "'reload'", "'build-error'", "sessionStorage", "location.reload()", "data-build", "risalah-overlay"} {
		if !strings.Contains(js, want) {
			t.Errorf("reload.js lacks %s", want)
		}
	}
	for _, bad := range []string{".style", "setAttribute('style'", "innerHTML", "eval("} {
		if strings.Contains(js, bad) {
			t.Errorf("reload.js uses %s", bad)
		}
	}
	for _, want := range []string{"#risalah-overlay[hidden]", "z-index", "overflow-y: auto", ".risalah-sr", "risalah-excerpt__line--mark"} {
		if !strings.Contains(css, want) {
			t.Errorf("overlay.css lacks %s", want)
		}
	}
	if w := get(s, "GET", "/__risalah/nothing"); w.Code != 404 {
		t.Errorf("/__risalah/nothing: %d", w.Code)
	}
}

func TestInjection(t *testing.T) {
	files := testFiles()
	orig := maps.Clone(files)
	for k, v := range orig {
		orig[k] = bytes.Clone(v)
	}
	s := NewServer(testAddr)
	s.Publish(files)
	tags := `<link rel="stylesheet" href="/__risalah/overlay.css"><script src="/__risalah/reload.js" data-build="` + s.state().build + `" defer></script>`

	for _, target := range []string{"/", "/en/", "/missing"} {
		body := get(s, "GET", target).Body.String()
		if !strings.Contains(body, tags+"</head>") {
			t.Errorf("%s: tags not just before </head>:\n%s", target, body)
		}
		if strings.Count(body, "reload.js") != 1 {
			t.Errorf("%s: tags injected %d times", target, strings.Count(body, "reload.js"))
		}
	}
	for _, target := range []string{"/css/risalah.css", "/feed.xml", "/img/logo.svg"} {
		if body := get(s, "GET", target).Body.String(); strings.Contains(body, "reload.js") {
			t.Errorf("%s: tags injected into a file that is not HTML", target)
		}
	}
	s.Fail([]Problem{{File: "content/a.md", Line: 1, Message: "broken"}})
	for _, target := range []string{"/", "/en/", "/missing"} {
		get(s, "GET", target)
	}
	if !maps.EqualFunc(files, orig, bytes.Equal) {
		t.Error("serving modified the snapshot")
	}
}

func TestInject(t *testing.T) {
	const tags, ov = "<T>", "<O>"
	tests := []struct{ page, want string }{
		{"<html><head><title>x</title></head><body><p>x</p></body></html>",
			"<html><head><title>x</title><T></head><body><O><p>x</p></body></html>"},
		{"<HTML><HEAD></HEAD ><BODY CLASS=a>x</BODY></HTML>",
			"<HTML><HEAD><T></HEAD ><BODY CLASS=a><O>x</BODY></HTML>"},
		{`<head></head><body data-x="a>b" class='c>d'>x</body>`,
			`<head><T></head><body data-x="a>b" class='c>d'><O>x</body>`},
		{"<p>no head</p><body>x</body>", "<p>no head</p><body><O>x<T></body>"},
		{"<p>a</p></body><p>b</p></body>", "<p>a</p></body><p>b</p><T></body><O>"},
		{"<head></head><p>implicit body</p>", "<head><T></head><O><p>implicit body</p>"},
		{"<p>fragment</p>", "<p>fragment</p><T><O>"},
		{"<head></head><bodyx><body>x", "<head><T></head><bodyx><body><O>x"},
		{"", "<T><O>"},
	}
	for _, tt := range tests {
		// Spare capacity: an append into the page's own array would show.
		page := make([]byte, len(tt.page), len(tt.page)+64)
		copy(page, tt.page)
		if got := string(inject(page, []byte(tags), []byte(ov))); got != tt.want {
			t.Errorf("inject(%q)\n got %q\nwant %q", tt.page, got, tt.want)
		}
		if string(page) != tt.page || string(page[:cap(page)][len(page):]) != string(make([]byte, 64)) {
			t.Errorf("inject(%q) modified the page", tt.page)
		}
	}
	if got := string(inject([]byte("<head></head><body>x</body>"), []byte(tags), nil)); got != "<head><T></head><body>x</body>" {
		t.Errorf("without overlay: %q", got)
	}
}

func TestFailOverlayInPagesAndCleared(t *testing.T) {
	s := newTestServer()
	s.Fail([]Problem{{File: "content/berita/a.md", Line: 3, Col: 2, Severity: "error", Code: "R103", Message: "missing required field \"title\""}})
	body := get(s, "GET", "/").Body.String()
	if !strings.Contains(body, `<body class="home">`+"\n"+`<div id="risalah-overlay"`) &&
		!strings.Contains(body, `<body class="home"><div id="risalah-overlay"`) {
		t.Errorf("overlay not right after <body>:\n%s", body)
	}
	for _, want := range []string{"content/berita/a.md:3:2", "R103", "missing required field &#34;title&#34;", "home page"} {
		if !strings.Contains(body, want) {
			t.Errorf("failed page lacks %q", want)
		}
	}
	if css := get(s, "GET", "/css/risalah.css").Body.String(); css != "body{}" {
		t.Errorf("overlay reached a CSS file: %q", css)
	}
	s.Publish(testFiles())
	if body := get(s, "GET", "/").Body.String(); strings.Contains(body, "risalah-overlay\"") || strings.Contains(body, "Build failed") {
		t.Errorf("overlay still served after a good build:\n%s", body)
	}
}

func TestBeforeFirstBuild(t *testing.T) {
	s := NewServer(testAddr)
	w := get(s, "GET", "/en/")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "reload.js") || w.Header().Get("Retry-After") == "" {
		t.Errorf("before any build: %d %v\n%s", w.Code, w.Header(), w.Body)
	}
	s.Fail([]Problem{{File: "site.yaml", Message: "bad config"}})
	if body := get(s, "GET", "/").Body.String(); !strings.Contains(body, "bad config") {
		t.Errorf("a failed first build shows no overlay:\n%s", body)
	}
}

func TestOverlayEscaping(t *testing.T) {
	p := Problem{
		File:     `content/<b>x</b>.md`,
		Line:     2,
		Col:      5,
		Severity: `error" onmouseover="alert(1)`,
		Code:     `R1<i>`,
		Message:  `<script>alert("m")</script>`,
		Hint:     `"><img src=x onerror=alert(1)>`,
		Excerpt: []ExcerptLine{
			{N: 1, Text: "title: ok"},
			{N: 2, Text: `</pre></code><script>alert("x")</script>`, Mark: true},
			{N: 10, Text: "& more"},
		},
	}
	out := string(renderOverlay([]Problem{p}, 7, "en"))
	for _, bad := range []string{"<script", "<img", "<b>", "<i>", `onmouseover="`, "</pre></code><", "style="} {
		if strings.Contains(out, bad) {
			t.Errorf("overlay contains %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{
		`id="risalah-overlay"`,
		`role="alertdialog"`,
		`aria-labelledby="risalah-overlay-title"`,
		`id="risalah-overlay-title"`,
		"Build failed — the page shows the last good build",
		`data-risalah-failure="7"`,
		"&lt;script&gt;alert(&#34;m&#34;)&lt;/script&gt;",
		"content/&lt;b&gt;x&lt;/b&gt;.md:2:5",
		"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
		"R1&lt;i&gt;",
		"risalah-problem--error",    // an unknown severity is shown as an error class, never as given
		`aria-current="true"`,       // the marked line, not by colour alone
		`<span class="risalah-sr">`, // and in words for screen readers
		" 2 </span>",                // numbers padded to the widest, 10
		"&amp; more",
		"    ^", // the caret under column 5
		`data-risalah-close`,
		"<pre class=\"risalah-excerpt\">",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("overlay lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, `aria-current="true"`); n != 1 {
		t.Errorf("%d marked lines, want 1", n)
	}
	if strings.Count(out, "<div") != strings.Count(out, "</div>") {
		t.Errorf("unbalanced divs:\n%s", out)
	}
	if !strings.Contains(out, "1 error.") {
		t.Errorf("summary wrong:\n%s", out)
	}
	warn := string(renderOverlay([]Problem{{Severity: "warning", Message: "w"}}, 1, "en"))
	if !strings.Contains(warn, "risalah-problem--warning") || !strings.Contains(warn, "1 warning.") {
		t.Errorf("warning overlay:\n%s", warn)
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("é", maxLineRunes+50)
	fsys := fstest.MapFS{
		"content/a.md":    {Data: []byte("one\ntwo\nthree\nfour\nfive\n")},
		"content/crlf.md": {Data: []byte("a\r\nb\r\nc")},
		"content/long.md": {Data: []byte("x\n" + long + "\ny")},
		"content/bad.md":  {Data: []byte("ok\n\xff\xfe\n")},
	}
	type L = ExcerptLine
	tests := []struct {
		name      string
		file      string
		line, ctx int
		want      []L
	}{
		{"middle", "content/a.md", 3, 1, []L{{2, "two", false}, {3, "three", true}, {4, "four", false}}},
		{"start", "content/a.md", 1, 2, []L{{1, "one", true}, {2, "two", false}, {3, "three", false}}},
		{"end", "content/a.md", 5, 2, []L{{3, "three", false}, {4, "four", false}, {5, "five", true}}},
		{"no context", "content/a.md", 2, 0, []L{{2, "two", true}}},
		{"negative context", "content/a.md", 2, -3, []L{{2, "two", true}}},
		{"after final newline", "content/a.md", 6, 1, []L{{5, "five", false}, {6, "", true}}},
		{"past end", "content/a.md", 7, 1, nil},
		{"line zero", "content/a.md", 0, 1, nil},
		{"negative line", "content/a.md", -1, 1, nil},
		{"missing file", "content/none.md", 1, 1, nil},
		{"invalid path", "../content/a.md", 1, 1, nil},
		{"crlf", "content/crlf.md", 2, 1, []L{{1, "a", false}, {2, "b", true}, {3, "c", false}}},
		{"invalid utf-8", "content/bad.md", 2, 0, []L{{2, "\uFFFD", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Excerpt(fsys, tt.file, tt.line, tt.ctx)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	got := Excerpt(fsys, "content/long.md", 2, 0)
	if len(got) != 1 || got[0].Text != strings.Repeat("é", maxLineRunes)+"…" {
		t.Errorf("long line not cut: %d lines, %v", len(got), got)
	}
}

func TestEventFormat(t *testing.T) {
	got := event("build-error", "a\nb\r\nc\rd\n")
	want := "event: build-error\ndata: a\ndata: b\ndata: c\ndata: d\ndata: \n\n"
	if got != want {
		t.Errorf("event() = %q, want %q", got, want)
	}
}

// startServer runs a Server on a real listener, its address as bound.
func startServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	s := NewServer(ts.Listener.Addr().String())
	s.Publish(testFiles())
	ts.Config.Handler = s
	ts.Start()
	t.Cleanup(ts.Close)
	return s, ts
}

func addrOf(ts *httptest.Server) string { return ts.Listener.Addr().String() }

// rawRequest writes req as is on a new connection and reads the answer.
func rawRequest(t *testing.T, ts *httptest.Server, req string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addrOf(ts))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(waitFor))
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// sseEvent is one dispatched event, or a comment (name ":").
type sseEvent struct{ name, data string }

// openStream connects to the event stream and parses it as a browser would:
// data lines joined with "\n", events without data not dispatched.
func openStream(t *testing.T, ts *httptest.Server, query string, header http.Header) (*http.Response, <-chan sseEvent) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", ts.URL+"/__risalah/events"+query, nil)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(req.Header, header)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	events := make(chan sseEvent)
	go func() {
		defer close(events)
		emit := func(e sseEvent) bool {
			select {
			case events <- e:
				return true
			case <-ctx.Done():
				return false
			}
		}
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 64<<20)
		var name string
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if data != nil && !emit(sseEvent{name, strings.Join(data, "\n")}) {
					return
				}
				name, data = "", nil
			case strings.HasPrefix(line, ":"):
				if !emit(sseEvent{":", strings.TrimSpace(line[1:])}) {
					return
				}
			default:
				field, value, _ := strings.Cut(line, ":")
				value = strings.TrimPrefix(value, " ")
				switch field {
				case "event":
					name = value
				case "data":
					data = append(data, value)
				}
			}
		}
	}()
	return resp, events
}

// nextEvent returns the next event that is not a comment.
func nextEvent(t *testing.T, events <-chan sseEvent) sseEvent {
	t.Helper()
	timeout := time.After(waitFor)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				t.Fatal("stream ended")
			}
			if e.name != ":" {
				return e
			}
		case <-timeout:
			t.Fatal("no event in time")
		}
	}
}

func TestEventsOrigin(t *testing.T) {
	_, ts := startServer(t)
	host := addrOf(ts)
	tests := []struct {
		origin string
		status int
	}{
		{"", 200},
		{"http://" + host, 200},
		{"http://localhost:" + ts.URL[strings.LastIndex(ts.URL, ":")+1:], 200},
		{"https://evil.example", 403},
		{"http://evil.example", 403},
		{"http://" + host + ".evil.example", 403},
		{"https://" + host, 403},
		{"null", 403},
	}
	for _, tt := range tests {
		t.Run(tt.origin, func(t *testing.T) {
			h := http.Header{}
			if tt.origin != "" {
				h.Set("Origin", tt.origin)
			}
			resp, _ := openStream(t, ts, "", h)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status == 200 && resp.Header.Get("Content-Type") != "text/event-stream" {
				t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
		})
	}
}

func TestEventsEndToEnd(t *testing.T) {
	s, ts := startServer(t)
	_, events := openStream(t, ts, "", nil)
	if n := s.Clients(); n != 1 {
		t.Fatalf("Clients() = %d, want 1", n)
	}

	s.Publish(testFiles())
	if e := nextEvent(t, events); e.name != "reload" || e.data != s.state().build {
		t.Fatalf("after Publish: %+v", e)
	}

	s.Fail([]Problem{{File: "content/a.md", Line: 1, Message: "first <b>line</b>\r\nsecond line", Excerpt: []ExcerptLine{{1, "a", true}}}})
	e := nextEvent(t, events)
	if e.name != "build-error" {
		t.Fatalf("after Fail: %+v", e)
	}
	overlay := strings.ReplaceAll(string(overlayIn(s.state().overlays, "")), "\r\n", "\n")
	if e.data != overlay || !strings.Contains(e.data, "first &lt;b&gt;line&lt;/b&gt;\nsecond line") {
		t.Errorf("event data is not the overlay:\n%s\nwant\n%s", e.data, overlay)
	}
	if body := get(s, "GET", "/").Body.String(); !strings.Contains(body, `id="risalah-overlay"`) {
		t.Error("failed build: page without overlay")
	}

	s.Publish(testFiles())
	if e := nextEvent(t, events); e.name != "reload" {
		t.Fatalf("after Publish following Fail: %+v", e)
	}
	if body := get(s, "GET", "/").Body.String(); strings.Contains(body, `id="risalah-overlay"`) {
		t.Error("good build: page still has the overlay")
	}
}

func TestEventsOnConnect(t *testing.T) {
	s, ts := startServer(t)
	s.keepAlive = 20 * time.Millisecond // before any stream reads it

	// A page as old as the build: no reload, only keep-alives.
	_, events := openStream(t, ts, "?build="+s.state().build, nil)
	select {
	case e := <-events:
		if e.name != ":" || e.data != "keep-alive" {
			t.Errorf("current page got %+v, want a keep-alive", e)
		}
	case <-time.After(waitFor):
		t.Error("no keep-alive")
	}

	// A page from an older build, e.g. loaded just before a Publish: reload
	// at once, so no build is missed between loading and connecting.
	_, events = openStream(t, ts, "?build=old", nil)
	if e := nextEvent(t, events); e.name != "reload" {
		t.Errorf("stale page got %+v, want reload", e)
	}

	// Connecting while the build is broken shows the overlay at once.
	s.Fail([]Problem{{Message: "broken"}})
	_, events = openStream(t, ts, "", nil)
	if e := nextEvent(t, events); e.name != "build-error" || !strings.Contains(e.data, "broken") {
		t.Errorf("connecting while failed got %+v", e)
	}
}

func TestEventsEndWithRequest(t *testing.T) {
	s := newTestServer()
	ctx, cancel := context.WithCancel(context.Background())
	r := httptest.NewRequest("GET", "/__risalah/events", nil).WithContext(ctx)
	r.Host = testAddr
	w := httptest.NewRecorder()
	done := make(chan struct{})
	go func() { s.ServeHTTP(w, r); close(done) }()
	waitUntil(t, func() bool { return s.Clients() == 1 })
	cancel()
	select {
	case <-done:
	case <-time.After(waitFor):
		t.Fatal("stream did not end with its request")
	}
	if s.Clients() != 0 {
		t.Errorf("Clients() = %d after the stream ended", s.Clients())
	}
	if !strings.HasPrefix(w.Body.String(), "retry: ") || w.Header().Get("Content-Type") != "text/event-stream" {
		t.Errorf("stream: %v %q", w.Header(), w.Body)
	}
}

// stuckWriter is a client whose connection takes nothing: every Write blocks
// until the test ends.
type stuckWriter struct {
	header  http.Header
	writing chan struct{}
	release chan struct{}
	once    sync.Once
}

func (w *stuckWriter) Header() http.Header { return w.header }
func (w *stuckWriter) WriteHeader(int)     {}
func (w *stuckWriter) Write([]byte) (int, error) {
	w.once.Do(func() { close(w.writing) })
	<-w.release
	return 0, errors.New("closed")
}

func TestStuckClientDoesNotBlockPublish(t *testing.T) {
	s, ts := startServer(t)

	sw := &stuckWriter{header: http.Header{}, writing: make(chan struct{}), release: make(chan struct{})}
	r := httptest.NewRequest("GET", "/__risalah/events", nil)
	r.Host = addrOf(ts)
	done := make(chan struct{})
	go func() { s.ServeHTTP(sw, r); close(done) }()
	defer func() { close(sw.release); <-done }()
	<-sw.writing

	_, events := openStream(t, ts, "", nil)
	if n := s.Clients(); n != 2 {
		t.Fatalf("Clients() = %d, want 2", n)
	}

	// In a goroutine, so a Publish that blocks fails the test, not hangs it.
	took := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		for range 100 {
			s.Publish(testFiles())
		}
		s.Fail([]Problem{{Message: "x"}})
		s.Publish(testFiles())
		took <- time.Since(start)
	}()
	select {
	case d := <-took:
		if d > 100*time.Millisecond {
			t.Errorf("101 Publish and a Fail with a stuck client took %v", d)
		}
	case <-time.After(time.Second):
		t.Fatal("Publish blocked behind a stuck client")
	}
	// The healthy client still hears of it.
	if e := nextEvent(t, events); e.name != "reload" {
		t.Errorf("healthy client got %+v", e)
	}
}

func TestDeadClientDisconnected(t *testing.T) {
	s, ts := startServer(t)
	s.writeTimeout = 50 * time.Millisecond

	// A real connection that never reads: once the socket buffers are full,
	// writes stall, and the stream must give up on it.
	conn, err := net.Dial("tcp", addrOf(ts))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /__risalah/events HTTP/1.1\r\nHost: %s\r\n\r\n", addrOf(ts))
	waitUntil(t, func() bool { return s.Clients() == 1 })

	big := []Problem{{Message: strings.Repeat("x", 1<<20)}}
	deadline := time.Now().Add(10 * time.Second)
	for s.Clients() > 0 && time.Now().Before(deadline) {
		s.Fail(big) // each failure is news to the client: a megabyte to write
		time.Sleep(5 * time.Millisecond)
		start := time.Now()
		s.Publish(testFiles())
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Fatalf("Publish with a client that never reads took %v", d)
		}
	}
	if n := s.Clients(); n != 0 {
		t.Errorf("a client that never reads is still connected (%d)", n)
	}
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestEventStreamsCapped opens event streams up to the cap: the next is
// refused with 503, and one more is taken once a stream has ended.
func TestEventStreamsCapped(t *testing.T) {
	s, ts := startServer(t)
	s.maxStreams = 2
	first, _ := openStream(t, ts, "", nil)
	openStream(t, ts, "", nil)
	waitUntil(t, func() bool { return s.Clients() == 2 })
	if resp, _ := openStream(t, ts, "", nil); resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("a third stream: status %d, want 503 with Retry-After", resp.StatusCode)
	}
	first.Body.Close()
	waitUntil(t, func() bool { return s.Clients() == 1 })
	if resp, _ := openStream(t, ts, "", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("after one ended: status %d, want 200", resp.StatusCode)
	}
}

// TestIdleConnectionsClosed serves with the preview's HTTP server, its
// idle timeout shortened: a keep-alive connection left idle is closed.
func TestIdleConnectionsClosed(t *testing.T) {
	hs := newHTTPServer(http.NotFoundHandler(), context.Background())
	if hs.IdleTimeout <= 0 || hs.ReadTimeout <= 0 {
		t.Fatalf("idle timeout %v, read timeout %v: idle and slow clients would stay", hs.IdleTimeout, hs.ReadTimeout)
	}
	hs.IdleTimeout = 100 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Errorf("an idle connection stayed open: %v", err)
	}
}

// TestOverlayLanguage checks that the overlay speaks the language of the
// page it covers: its own words and each problem's wording in it, with a
// problem worded only in another language marked with that language.
func TestOverlayLanguage(t *testing.T) {
	both := Problem{File: "a.md", Line: 2, Message: `ruas wajib "title" tidak ada`, Hint: "tambahkan baris", Lang: "id",
		Local: map[string]Wording{"id": {`ruas wajib "title" tidak ada`, "tambahkan baris"}, "en": {`missing required field "title"`, "add a line"}}}
	for _, tc := range []struct {
		name     string
		problems []Problem
		lang     string
		want     []string
		not      []string
	}{
		{"Indonesian page", []Problem{both}, "id",
			[]string{`lang="id" dir="ltr"`, "Gagal membangun situs", ">Tutup</button>", "1 galat.", `<p class="risalah-problem__message">ruas wajib &#34;title&#34; tidak ada</p>`, "Saran:"},
			[]string{"Build failed", "missing required"}},
		{"English page", []Problem{both}, "en",
			[]string{`lang="en" dir="ltr"`, "Build failed", ">Close</button>", "1 error.", `<p class="risalah-problem__message">missing required field &#34;title&#34;</p>`, "add a line", "Hint:"},
			[]string{"Gagal", "ruas wajib"}},
		{"English page, problem worded in Indonesian only", []Problem{{File: "a.md", Message: "ruas wajib", Hint: "tambahkan", Lang: "id"}}, "en",
			[]string{"Build failed", `<p class="risalah-problem__message" lang="id">ruas wajib</p>`, `<span lang="id">tambahkan</span>`}, nil},
		{"Indonesian page, problem in English only", []Problem{{File: "a.md", Message: "missing", Hint: "add"}}, "id",
			[]string{"Gagal membangun situs", `<p class="risalah-problem__message" lang="en">missing</p>`}, nil},
		{"English page, English problem", []Problem{{File: "a.md", Message: "missing", Hint: "add", Lang: "en"}}, "en",
			[]string{`<p class="risalah-problem__message">missing</p>`}, []string{`lang="en">missing`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(renderOverlay(tc.problems, 1, tc.lang))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("overlay lacks %s:\n%s", w, got)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("overlay has %s:\n%s", w, got)
				}
			}
		})
	}
}

// TestOverlayFollowsPage checks that the server injects, and streams, the
// overlay in the language of the page: from its <html lang>, and from the
// event stream's ?lang=; a page in a language the problems have no wording
// in gets the editor's.
func TestOverlayFollowsPage(t *testing.T) {
	s := NewServer("127.0.0.1:1313")
	s.Publish(map[string][]byte{
		"index.html":    []byte(`<!doctype html><html lang="id"><head></head><body>beranda</body></html>`),
		"en/index.html": []byte(`<!DOCTYPE html><HTML LANG='en-GB'><head></head><body>home</body></html>`),
		"fr/index.html": []byte(`<!doctype html><html dir="ltr" lang=fr><head></head><body>accueil</body></html>`),
	})
	s.Fail([]Problem{{File: "a.md", Message: "ruas wajib", Lang: "id",
		Local: map[string]Wording{"id": {"ruas wajib", ""}, "en": {"missing field", ""}}}})
	for path, want := range map[string]string{"/": "ruas wajib", "/en/": "missing field", "/fr/": "ruas wajib"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1313"+path, nil)
		s.ServeHTTP(rec, req)
		if body := rec.Body.String(); !strings.Contains(body, want) {
			t.Errorf("%s: overlay lacks %q:\n%s", path, want, body)
		}
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	for lang, want := range map[string]string{"en": "missing field", "id": "ruas wajib", "": "ruas wajib"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/__risalah/events?lang="+lang, nil)
		req.Host = "127.0.0.1:1313"
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		var got strings.Builder
		buf := make([]byte, 4096)
		for !strings.Contains(got.String(), "</div>\n\n") {
			n, err := resp.Body.Read(buf)
			got.Write(buf[:n])
			if err != nil {
				break
			}
		}
		resp.Body.Close()
		cancel()
		if !strings.Contains(got.String(), "event: build-error") || !strings.Contains(got.String(), want) {
			t.Errorf("events?lang=%s: want the overlay with %q, got:\n%s", lang, want, got.String())
		}
	}
}

func TestPageLang(t *testing.T) {
	for page, want := range map[string]string{
		`<!doctype html><html lang="id">`: "id",
		`<html class="x" lang='en-GB'>`:   "en",
		`<HTML LANG=fr>`:                  "fr",
		`<html>`:                          "",
		`<html data-lang="de">`:           "",
		`<p>no html tag</p>`:              "",
		`<html lang="not a tag">`:         "not",
		`<html lang="<script>">`:          "",
		`<html lang="abcdefghij">`:        "",
	} {
		if got := pageLang([]byte(page)); got != want {
			t.Errorf("pageLang(%s) = %q, want %q", page, got, want)
		}
	}
}

// TestLANHosts checks that a preview bound to an address of the network
// answers to this machine's own addresses, and still to no other name.
func TestLANHosts(t *testing.T) {
	if got := LANHosts("127.0.0.1:1313"); len(got) != 0 {
		t.Errorf("LANHosts of a loopback address = %v, want none", got)
	}
	if got := LANHosts("192.168.1.20:1313"); len(got) != 1 || got[0] != "192.168.1.20:1313" {
		t.Errorf("LANHosts of a network address = %v", got)
	}
	for _, h := range LANHosts("0.0.0.0:1313") {
		ip, _, _ := net.SplitHostPort(h)
		if a := net.ParseIP(ip); a == nil || a.IsLoopback() || a.To4() == nil {
			t.Errorf("LANHosts of 0.0.0.0 gives %s", h)
		}
	}
	s := newTestServer()
	s.AllowHost("192.168.1.20:41234")
	for host, want := range map[string]int{"192.168.1.20:41234": 200, "192.168.1.21:41234": 403, "evil.example:41234": 403, testAddr: 200} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
	}
	// The phone's page opens the event stream from its own origin.
	r := httptest.NewRequest("GET", "/__risalah/events", nil)
	r.Host = "192.168.1.20:41234"
	r.Header.Set("Origin", "http://evil.example:41234")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != 403 {
		t.Errorf("a foreign origin on the network address: %d, want 403", w.Code)
	}
}
