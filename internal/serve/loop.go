package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"time"

	"risalah/internal/build"
	"risalah/internal/diag"
	"risalah/internal/watch"
)

// Options describes a preview.
type Options struct {
	Dir   string        // the site folder, an OS path
	Build build.Options // Site is read from Dir when nil
	Bind  string        // address to listen on; 127.0.0.1 when empty
	Port  int           // 0 picks a free port
	// Quiet is how long the watcher waits for a burst of events to end;
	// zero means the watcher's default.
	Quiet  time.Duration
	Stdout io.Writer // the "Serving …" line and one line per rebuild
	Stderr io.Writer // diagnostics
	// Lang is the language of the diagnostics, in the terminal and the
	// overlay: "id" for Indonesian, else English.
	Lang string
	// Ready, when set, is called with the preview's address once the
	// first build is served.
	Ready func(url string)
}

// Sources are the parts of a site folder that a preview watches.
func Sources() []string { return []string{"site.yaml", "content", "templates", "static"} }

// Run builds the site in memory, serves it, and rebuilds whenever a
// source changes, until ctx is cancelled. Content and template errors
// never stop it: the browser shows them over the last good build. It
// returns an error only when it cannot start.
func Run(ctx context.Context, opts Options) error {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Build.Site == nil {
		opts.Build.Site = os.DirFS(opts.Dir)
	}
	opts.Build.Preview = true
	opts.Build.AtRoot = true // the preview serves the site from /, whatever baseURL's path
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		if inUse(err) {
			return fmt.Errorf("port %d on %s is in use, perhaps by another preview: stop it, or pass --port %d, or --port 0 for any free port (%w)",
				opts.Port, opts.Bind, opts.Port+1, err)
		}
		return fmt.Errorf("cannot listen on %s:%d: %w", opts.Bind, opts.Port, err)
	}
	defer ln.Close()
	// Watch before the first build, so that no edit made during it is lost.
	w, err := watch.New(watch.Options{Root: opts.Dir, Paths: Sources(), Quiet: opts.Quiet})
	if err != nil {
		return fmt.Errorf("cannot watch %s: %w", opts.Dir, err)
	}
	defer w.Close()

	p := &preview{opts: opts, srv: NewServer(ln.Addr().String()), b: build.NewBuilder(opts.Build), site: opts.Build.Site}
	// Bound to an address of the network (--bind 0.0.0.0), the preview
	// answers to this machine's own addresses, for a phone on the same
	// network.
	lan := LANHosts(ln.Addr().String())
	for _, h := range lan {
		p.srv.AllowHost(h)
	}
	// Requests are answered from the start: until the first build is
	// ready, with a page that waits for it and then reloads.
	streams, endStreams := context.WithCancel(context.Background())
	hs := newHTTPServer(p.srv, streams)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	defer func() {
		endStreams() // event streams last until their request ends
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if hs.Shutdown(sctx) != nil {
			hs.Close()
		}
	}()
	p.rebuild(ctx, nil, "first build")
	if ctx.Err() != nil {
		return nil
	}
	url := "http://" + ln.Addr().String() + "/"
	if t, ok := ln.Addr().(*net.TCPAddr); ok && t.IP.IsUnspecified() {
		// "http://[::]:1313/" opens nothing; this machine's own name does.
		url = "http://localhost:" + strconv.Itoa(t.Port) + "/"
	}
	fmt.Fprintf(opts.Stdout, "Serving %s at %s\n", p.title, url)
	for _, h := range lan {
		if opts.Lang == "id" {
			fmt.Fprintf(opts.Stdout, "Di ponsel atau komputer lain pada jaringan yang sama, buka http://%s/\n", h)
		} else {
			fmt.Fprintf(opts.Stdout, "On a phone or another computer on the same network, open http://%s/\n", h)
		}
	}
	if opts.Ready != nil {
		opts.Ready(url)
	}
	for {
		// The search index that a rebuild of bodies left to make is made
		// once edits pause, after the page has reloaded.
		var search <-chan time.Time
		if p.searchPending {
			search = time.After(searchDelay)
		}
		select {
		case <-search:
			p.refreshSearch(ctx)
		case <-ctx.Done():
			return nil
		case err := <-served:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return err
		case batch, ok := <-w.Batches():
			if !ok {
				return nil
			}
			// Take every batch that arrived meanwhile: one rebuild for all.
			paths, rescan := batch.Paths, batch.Rescan
		drain:
			for {
				select {
				case more, ok := <-w.Batches():
					if !ok {
						break drain
					}
					paths = append(paths, more.Paths...)
					rescan = rescan || more.Rescan
				default:
					break drain
				}
			}
			if rescan {
				paths = nil
			}
			p.rebuild(ctx, paths, describe(paths, rescan))
		}
	}
}

// preview is a running preview's state, owned by Run's goroutine.
type preview struct {
	opts  Options
	srv   *Server
	b     *build.Builder
	site  fs.FS
	files map[string][]byte // the last good build
	title string
	// failed is set while the browser shows the errors of a build.
	failed bool
	// searchPending is set when the last good build left search indexes
	// to make (build.Result.SearchPending).
	searchPending bool
	mu            sync.Mutex
	gen           int // counts rebuilds begun, so that a late failure is never shown over a newer build
}

// searchDelay is how long the preview waits after a rebuild of bodies,
// for more edits, before it makes the search index.
const searchDelay = 300 * time.Millisecond

// refreshSearch makes the search indexes left to make and serves them,
// without reloading the browser: the pages are the same.
func (p *preview) refreshSearch(ctx context.Context) {
	p.searchPending = false
	out := &build.Memory{Files: maps.Clone(p.files)}
	res := p.b.Search(ctx, out, p.b.Sums())
	if res == nil {
		return
	}
	if !res.OK() { // the sources changed meanwhile: the watcher reports it
		return
	}
	p.searchPending = res.SearchPending
	p.files = out.Files
	p.mu.Lock()
	p.srv.Update(p.files)
	p.mu.Unlock()
	fmt.Fprintf(p.opts.Stdout, "search index: %d files written in %.1f ms\n", res.Written, float64(res.Duration.Microseconds())/1000)
}

// failDelay is how long a failed build waits for more changes before the
// browser shows its errors.
const failDelay = 150 * time.Millisecond

// rebuild builds after changes (nil: unknown) and publishes the result, or
// shows its errors.
func (p *preview) rebuild(ctx context.Context, changed []string, what string) {
	// The sources changed again: a failure not yet shown is out of date
	// from now, not from when this build ends, which under load can be
	// later than failDelay.
	p.mu.Lock()
	p.gen++
	gen := p.gen
	p.mu.Unlock()
	out := &build.Memory{Files: maps.Clone(p.files)}
	if out.Files == nil {
		out.Files = map[string][]byte{}
	}
	res := p.b.Build(ctx, out, p.b.Sums(), changed)
	if res.Config != nil {
		p.title = res.Config.Title.In(res.Config.DefaultLang(), res.Config.LangCodes())
	}
	for _, d := range res.Diags.Items() {
		fmt.Fprintln(p.opts.Stderr, d.In(p.opts.Lang).Error())
	}
	ms := float64(res.Duration.Microseconds()) / 1000
	if !res.OK() {
		errs, _ := res.Diags.Count()
		p.failed = true
		problems := p.problems(res.Diags, changed)
		// An editor's save can reach the watcher in two parts (a file
		// emptied, then written) when the machine is busy. The errors of
		// the first part are shown only if no more changes follow soon.
		time.AfterFunc(failDelay, func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			if p.gen == gen {
				p.srv.Fail(problems)
			}
		})
		serving := "still serving the last good build"
		if p.files == nil {
			serving = "the browser shows the errors until they are fixed" // no build has succeeded yet
		}
		fmt.Fprintf(p.opts.Stdout, "%s: %s; %s (%.1f ms)\n", what, diag.Plural(errs, "error"), serving, ms)
		return
	}
	if p.files == nil || res.Written > 0 || res.Removed > 0 || p.failed {
		// A rebuild that changed nothing does not reload the browser,
		// unless it clears an error shown there.
		p.files = out.Files
		p.mu.Lock()
		p.srv.Publish(p.files)
		p.mu.Unlock()
	}
	p.failed = false
	p.searchPending = res.SearchPending
	scope := "full rebuild"
	if res.Partial {
		scope = "bodies only"
	}
	fmt.Fprintf(p.opts.Stdout, "%s: %d pages rendered, %d files written, %d removed (%s) in %.1f ms\n",
		what, res.Executed, res.Written, res.Removed, scope, ms)
}

// problems turns a build's errors into the overlay's entries, with the
// lines they point at.
func (p *preview) problems(l *diag.List, changed []string) []Problem {
	items := l.Items()
	// The files just saved first: an error there is usually the cause of
	// errors elsewhere, such as a translation missing what it inherits.
	saved := map[string]bool{}
	for _, c := range changed {
		saved[c] = true
	}
	sort.SliceStable(items, func(i, j int) bool { return saved[items[i].Pos.File] && !saved[items[j].Pos.File] })
	var out []Problem
	for _, d := range items {
		if d.Severity != diag.Error {
			continue
		}
		// Worded in each language the messages have, for pages in that
		// language; the editor's is one of them, or English.
		local := map[string]Wording{}
		for _, l := range diag.Langs() {
			w := d.In(l)
			local[l] = Wording{Message: w.Msg, Hint: w.Hint}
		}
		lang := p.opts.Lang
		if _, ok := local[lang]; !ok {
			lang = "en"
		}
		out = append(out, Problem{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(),
			Code: string(d.Code), Message: local[lang].Message, Hint: local[lang].Hint, Lang: lang, Local: local,
			Excerpt: Excerpt(p.site, d.Pos.File, d.Pos.Line, 2)})
	}
	return out
}

// describe says what changed in a rebuild's log line.
func describe(paths []string, rescan bool) string {
	switch {
	case rescan:
		return "changes lost by the watcher, everything checked"
	case len(paths) == 1:
		return paths[0]
	case len(paths) > 1:
		return fmt.Sprintf("%s and %d more", paths[0], len(paths)-1)
	}
	return "no change"
}

// newHTTPServer returns the preview's HTTP server: a keep-alive connection
// idle for a minute is closed, and a request must arrive whole within half
// a minute, so that idle or slow clients cannot pile up; event streams,
// which stay open, set a deadline on each write instead
// (Server.serveEvents). Requests' contexts descend from base.
func newHTTPServer(h http.Handler, base context.Context) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: time.Minute,
		BaseContext: func(net.Listener) context.Context { return base }}
}

// inUse reports whether err says that the address is taken: EADDRINUSE,
// or on Windows WSAEADDRINUSE, which the syscall package does not name.
func inUse(err error) bool {
	if errors.Is(err, syscall.EADDRINUSE) {
		return true
	}
	var errno syscall.Errno
	return errors.As(err, &errno) && errno == 10048 // WSAEADDRINUSE
}
