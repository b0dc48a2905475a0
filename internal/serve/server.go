// Package serve is the HTTP side of `risalah serve`: it serves the last good
// build of a site from memory on a loopback address, reloads connected
// browsers over server-sent events when a new build lands, and shows an error
// overlay on every page while the latest build is broken.
//
// The server is meant for one editor's machine, not the internet, but a
// browser on that machine visits other sites too; so it serves nothing but
// the files of the build, refuses request paths that try to leave the site,
// and answers only to its own host names (a DNS-rebinding defence).
package serve

import (
	"embed"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

//go:embed assets
var assets embed.FS

// Paths the server answers itself. The prefix cannot clash with a page of a
// site in practice, and every path under it is reserved.
const (
	reservedPrefix = "/__risalah/"
	eventsPath     = reservedPrefix + "events"
	scriptPath     = reservedPrefix + "reload.js"
	stylePath      = reservedPrefix + "overlay.css"
)

// Defaults for the event stream. Proxies and some browsers drop a stream that
// stays silent for long, hence the keep-alive; a client that cannot take an
// event within writeTimeout is dead or stuck and is disconnected.
const (
	keepAliveEvery      = 15 * time.Second
	defaultWriteTimeout = 10 * time.Second
	retryMillis         = 1000
	// defaultMaxStreams bounds the open event streams: each holds a
	// goroutine and a connection, and an editor has a few tabs open, not
	// hundreds.
	defaultMaxStreams = 64
)

// Server serves the latest good build of a site from memory.
//
// It is safe for concurrent use: Publish and Fail may be called from the build
// loop while requests are being served.
type Server struct {
	addr    string          // the bound address, as given
	hosts   map[string]bool // Host header values the server answers to
	origins map[string]bool // Origin header values allowed on the event stream

	keepAlive    time.Duration // tests shorten these two
	writeTimeout time.Duration
	maxStreams   int           // open event streams at most; tests lower it
	failCount    atomic.Uint64 // numbers the calls of Fail

	mu        sync.RWMutex
	files     map[string][]byte // nil until the first Publish
	published bool
	epoch     string // tells builds of one process from another's
	gen       uint64 // counts Publish calls
	build     string // epoch-gen; pages carry it so a stale page can tell
	failed    bool
	failSeq   uint64            // number of the failure shown, so a client can skip one it has seen
	overlays  map[string][]byte // the overlay markup by page language while failed (renderOverlays)

	cmu     sync.Mutex
	clients map[*client]struct{}
}

// client is one connected event stream. wake holds at most one pending
// notification: the stream reads the server's current state when woken, so a
// notification dropped because one is already pending loses nothing, and a
// slow client never holds up Publish or Fail.
type client struct {
	wake chan struct{}
}

// NewServer returns a server that accepts requests for the given listen
// address (host:port as actually bound, e.g. "127.0.0.1:41234"); the address
// is used for the Host and Origin checks.
func NewServer(addr string) *Server {
	s := &Server{
		addr:         addr,
		hosts:        map[string]bool{},
		origins:      map[string]bool{},
		keepAlive:    keepAliveEvery,
		writeTimeout: defaultWriteTimeout,
		maxStreams:   defaultMaxStreams,
		epoch:        strconv.FormatInt(time.Now().UnixNano(), 36),
		clients:      map[*client]struct{}{},
	}
	allowed := []string{addr}
	if _, port, err := net.SplitHostPort(addr); err == nil {
		allowed = append(allowed, "localhost:"+port, "127.0.0.1:"+port, "[::1]:"+port)
	}
	for _, h := range allowed {
		s.allow(h)
	}
	s.build = s.epoch + "-0"
	return s
}

// AllowHost makes the server answer to requests addressed to host (such
// as "192.168.1.20:1313"), this machine's own address on its network, as
// it answers to its loopback names: pages, scripts and the event stream.
// Other names are still refused, so that a site elsewhere cannot reach
// the preview through a name of its own (DNS rebinding).
func (s *Server) AllowHost(host string) {
	s.mu.Lock()
	s.allow(host)
	s.mu.Unlock()
}

// allow adds host to the names the server answers to and to the origins
// of its event stream; s.mu is held, or s not yet shared.
func (s *Server) allow(host string) {
	h := strings.ToLower(host)
	s.hosts[h] = true
	s.origins["http://"+h] = true
}

// LANHosts returns the addresses, as host:port, at which other machines
// of the network reach a server listening on addr: when addr's address is
// unspecified (0.0.0.0, ::), each of this machine's addresses that is not
// a loopback one; else addr itself when it is not a loopback address.
// Link-local IPv6 addresses, which need a zone, are left out.
func LANHosts(addr string) []string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return nil
	}
	if !ip.IsUnspecified() {
		if ip.IsLoopback() {
			return nil
		}
		return []string{net.JoinHostPort(ip.String(), port)}
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.IsMulticast() {
			continue
		}
		if ip.To4() != nil && n.IP.To4() == nil {
			continue // listening on 0.0.0.0 serves IPv4 only
		}
		out = append(out, net.JoinHostPort(n.IP.String(), port))
	}
	return out
}

// Publish replaces the served files with a good build and tells every
// connected browser to reload. It clears any failure.
//
// The map is owned by the server from then on: the caller must not modify
// it, and the server never does either. Keys are slash-separated output paths such as "index.html",
// "en/news/x/index.html" or "css/risalah.css".
func (s *Server) Publish(files map[string][]byte) {
	s.mu.Lock()
	s.files = files
	s.published = true
	s.gen++
	s.build = s.epoch + "-" + strconv.FormatUint(s.gen, 10)
	s.failed = false
	s.overlays = nil
	s.mu.Unlock()
	s.wakeAll()
}

// Update replaces the served files without telling browsers to reload: the
// pages are as they were, and files they fetch later (a search index) are
// new. The map is owned by the server, as with Publish.
func (s *Server) Update(files map[string][]byte) {
	s.mu.Lock()
	s.files = files
	s.mu.Unlock()
}

// Fail records that the latest build failed. Pages keep being served from the
// last good build, but every HTML page gets the error overlay, and connected
// browsers are sent the overlay to show at once, each in its page's language
// where the problems are worded in it (Problem.Local).
func (s *Server) Fail(problems []Problem) {
	// Rendered outside the lock, as the problems may be many and long; the
	// number is taken first so that of two racing calls the later one wins.
	seq := s.failCount.Add(1)
	markup := renderOverlays(problems, seq)

	s.mu.Lock()
	if seq > s.failSeq {
		s.failSeq = seq
		s.failed = true
		s.overlays = markup
	}
	s.mu.Unlock()
	s.wakeAll()
}

// Clients returns how many browsers are connected to the event stream (for
// tests and logs).
func (s *Server) Clients() int {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	return len(s.clients)
}

// state is what one request needs of the server, read under one lock.
type state struct {
	files     map[string][]byte
	published bool
	build     string
	failed    bool
	failSeq   uint64
	overlays  map[string][]byte
}

func (s *Server) state() state {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return state{s.files, s.published, s.build, s.failed, s.failSeq, s.overlays}
}

func (s *Server) wakeAll() {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	for c := range s.clients {
		select {
		case c.wake <- struct{}{}:
		default: // one is already pending; the client will see the latest state
		}
	}
}

// ServeHTTP serves a file of the latest good build, the live-reload event
// stream or one of the server's own assets.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")

	s.mu.RLock()
	known := s.hosts[strings.ToLower(r.Host)]
	s.mu.RUnlock()
	if !known {
		plain(w, http.StatusForbidden, "forbidden: unknown host "+strconv.Quote(r.Host))
		return
	}
	escaped := r.URL.EscapedPath()
	if escaped == "" {
		escaped = "/"
	}

	if escaped == eventsPath {
		if r.Method != http.MethodGet {
			h.Set("Allow", http.MethodGet)
			plain(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		s.mu.RLock()
		foreign := r.Header.Get("Origin") != "" && !s.origins[strings.ToLower(r.Header.Get("Origin"))]
		s.mu.RUnlock()
		if foreign {
			plain(w, http.StatusForbidden, "forbidden: foreign origin")
			return
		}
		s.serveEvents(w, r)
		return
	}

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		plain(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}

	switch escaped {
	case scriptPath:
		s.serveAsset(w, r, "assets/reload.js")
		return
	case stylePath:
		s.serveAsset(w, r, "assets/overlay.css")
		return
	}
	if strings.HasPrefix(escaped, reservedPrefix) {
		plain(w, http.StatusNotFound, "not found")
		return
	}

	segs, dir, status := splitPath(escaped)
	if status != 0 {
		if status == http.StatusBadRequest {
			plain(w, status, "bad request: path not allowed")
		} else {
			plain(w, status, "not found")
		}
		return
	}

	st := s.state()
	if !st.published {
		// No good build yet: a page that shows the overlay, if any, and
		// reloads itself when the first build lands.
		h.Set("Retry-After", "1")
		s.writeFile(w, r, http.StatusServiceUnavailable, "waiting.html", []byte(waitingPage), st)
		return
	}

	rel := strings.Join(segs, "/")
	if dir {
		name := path.Join(rel, "index.html")
		if body, ok := st.files[name]; ok {
			s.writeFile(w, r, http.StatusOK, name, body, st)
			return
		}
	} else {
		if body, ok := st.files[rel]; ok {
			s.writeFile(w, r, http.StatusOK, rel, body, st)
			return
		}
		if _, ok := st.files[rel+"/index.html"]; ok {
			// The canonical URL of a folder ends in a slash; without it,
			// relative links on the page would resolve one level too high.
			loc := escaped + "/"
			if r.URL.RawQuery != "" {
				loc += "?" + r.URL.RawQuery
			}
			h.Set("Location", loc)
			plain(w, http.StatusMovedPermanently, "moved to "+loc)
			return
		}
	}
	s.notFound(w, r, segs, dir, st)
}

// notFound answers with the site's own 404 page: the one of the first
// folder of the path if it has one (a language's), else the root one.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, segs []string, dir bool, st state) {
	var names []string
	if len(segs) > 1 || len(segs) == 1 && dir {
		names = append(names, segs[0]+"/404.html")
	}
	names = append(names, "404.html")
	for _, name := range names {
		if body, ok := st.files[name]; ok {
			s.writeFile(w, r, http.StatusNotFound, name, body, st)
			return
		}
	}
	plain(w, http.StatusNotFound, "not found")
}

// writeFile writes one file of the snapshot, with the live-reload tags and,
// while failed, the overlay injected into a copy if it is HTML.
func (s *Server) writeFile(w http.ResponseWriter, r *http.Request, status int, name string, body []byte, st state) {
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		var overlay []byte
		if st.failed {
			overlay = overlayIn(st.overlays, pageLang(body))
		}
		body = inject(body, headTags(st.build), overlay)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	body, err := assets.ReadFile(name)
	if err != nil { // cannot happen: the assets are embedded
		plain(w, http.StatusInternalServerError, "asset missing")
		return
	}
	s.writeFile(w, r, http.StatusOK, name, body, state{})
}

// plain writes a short text answer.
func plain(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}

// splitPath turns the escaped path of a request into decoded segments, and
// says whether it ends in a slash (names a folder). It returns 400 for a path
// that tries to leave the site or hides what it is (dot segments, encoded or
// back slashes, NUL and control characters, double encoding, malformed
// escapes, empty segments) and 404 for hidden files.
//
// The server never touches a file system, so a path that slipped through
// could only name another key of the snapshot; the checks are strict anyway,
// because a lenient preview would hide links that break on a real host.
func splitPath(escaped string) (segs []string, dir bool, status int) {
	if !strings.HasPrefix(escaped, "/") || strings.Contains(escaped, `\`) {
		return nil, false, http.StatusBadRequest
	}
	raw := strings.Split(escaped[1:], "/")
	if raw[len(raw)-1] == "" { // a trailing slash, or the root
		dir = true
		raw = raw[:len(raw)-1]
	}
	hidden := false
	for _, seg := range raw {
		if seg == "" {
			return nil, false, http.StatusBadRequest // "//" could become a host in a redirect
		}
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return nil, false, http.StatusBadRequest
		}
		// Invalid UTF-8 covers overlong forms such as %C0%AE, a dot to
		// some decoders.
		if dec == "." || dec == ".." || strings.ContainsAny(dec, `/\%`) || !utf8.ValidString(dec) {
			return nil, false, http.StatusBadRequest
		}
		for _, c := range []byte(dec) {
			if c < 0x20 || c == 0x7f {
				return nil, false, http.StatusBadRequest
			}
		}
		if strings.HasPrefix(dec, ".") && dec != ".well-known" {
			hidden = true // decided after every segment was checked for worse
		}
		segs = append(segs, dec)
	}
	if hidden {
		return nil, false, http.StatusNotFound
	}
	return segs, dir, 0
}

// textTypes are the types served for the kinds of file a site has. They take
// precedence over mime.TypeByExtension, which reads the machine's own
// mime.types and so differs from one editor's computer to another's.
var textTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".xml":         "text/xml; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".json":        "application/json",
	".csv":         "text/csv; charset=utf-8",
	".svg":         "image/svg+xml",
	".txt":         "text/plain; charset=utf-8",
	".webmanifest": "application/manifest+json",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".ico":         "image/x-icon",
}

// contentType returns the Content-Type for a file name.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := textTypes[ext]; ok {
		return t
	}
	t := mime.TypeByExtension(ext)
	if t == "" {
		return "application/octet-stream"
	}
	if strings.HasPrefix(t, "text/") && !strings.Contains(t, "charset=") {
		t += "; charset=utf-8"
	}
	return t
}

// serveEvents streams live-reload events to one browser until it goes away.
//
// Events: "reload" (data: the new build) when a good build lands, or at once
// if the page the browser holds (?build=) is older than the current build;
// "build-error" (data: the overlay markup) when a build fails, and at once
// when connecting while the build is broken. The failure event is not named
// "error" because EventSource fires an event of that name itself when the
// connection drops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	c := &client{wake: make(chan struct{}, 1)}
	// Registered before the state is read, so a Publish in between wakes it.
	s.cmu.Lock()
	if len(s.clients) >= s.maxStreams {
		s.cmu.Unlock()
		w.Header().Set("Retry-After", "5")
		http.Error(w, "too many live-reload streams are open: close some of the site's tabs", http.StatusServiceUnavailable)
		return
	}
	s.clients[c] = struct{}{}
	s.cmu.Unlock()
	defer func() {
		s.cmu.Lock()
		delete(s.clients, c)
		s.cmu.Unlock()
	}()

	// send writes one chunk and flushes it, under a deadline so a client
	// that stopped reading is dropped instead of holding a goroutine forever.
	send := func(chunk string) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(s.writeTimeout)) // not every writer has one
		if _, err := io.WriteString(w, chunk); err != nil {
			return false
		}
		return rc.Flush() == nil
	}

	// The state is read before the stream opens, so that a build that
	// lands once the client sees the stream always reaches it.
	st := s.state()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if !send("retry: " + strconv.Itoa(retryMillis) + "\n\n") {
		return
	}
	// The page says its language (?lang=, from <html lang>), so that the
	// overlay it is sent is worded in it.
	lang := primaryLang(r.URL.Query().Get("lang"))
	lastBuild, lastFail := st.build, uint64(0)
	if b := r.URL.Query().Get("build"); b != "" && b != st.build {
		if !send(event("reload", st.build)) {
			return
		}
		lastFail = st.failSeq // the reloaded page has the overlay already
	} else if st.failed {
		if !send(event("build-error", string(overlayIn(st.overlays, lang)))) {
			return
		}
		lastFail = st.failSeq
	}

	tick := time.NewTicker(s.keepAlive)
	defer tick.Stop()
	for {
		var chunk string
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			chunk = ": keep-alive\n\n"
		case <-c.wake:
			st := s.state()
			switch {
			case st.build != lastBuild:
				chunk = event("reload", st.build)
				lastBuild, lastFail = st.build, st.failSeq
			case st.failed && st.failSeq != lastFail:
				chunk = event("build-error", string(overlayIn(st.overlays, lang)))
				lastFail = st.failSeq
			default:
				continue
			}
		}
		if !send(chunk) {
			return
		}
	}
}

// event formats one server-sent event. Every line of data gets its own
// "data:" field, as the format requires; the browser joins them with "\n".
// CR and CRLF are line ends in the format too, so they become "\n" first.
func event(name, data string) string {
	data = strings.ReplaceAll(data, "\r\n", "\n")
	data = strings.ReplaceAll(data, "\r", "\n")
	var b strings.Builder
	b.WriteString("event: ")
	b.WriteString(name)
	b.WriteByte('\n')
	for line := range strings.SplitSeq(data, "\n") {
		b.WriteString("data: ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return b.String()
}
