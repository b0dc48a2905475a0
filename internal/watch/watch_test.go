package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

const (
	// waitBatch is how long a test waits for an expected batch; generous
	// because a loaded machine under -race can be slow, and only a failing
	// test ever waits that long.
	waitBatch = 5 * time.Second
	// quiet replaces the default 15ms in tests that expect exactly one
	// batch. Under -race with parallel tests on a small machine, a test's
	// goroutine can stall for more than 15ms between the truncation and
	// the write of one os.WriteFile, which would rightly make two batches.
	quiet = 100 * time.Millisecond
	// settle is how many quiet periods a test waits to be sure that no
	// (further) batch comes.
	settle = 3
)

// newSite makes a small site in a temporary folder:
//
//	content/doc.md  content/news/2026/a.md  content/.git/HEAD
//	site.yaml  README.md  public/index.html
//
// static/ does not exist, so it is the path created later.
func newSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, rel := range []string{
		"content/doc.md",
		"content/news/2026/a.md",
		"content/.git/HEAD",
		"site.yaml",
		"README.md",
		"public/index.html",
	} {
		write(t, root, rel, "old "+rel)
	}
	return root
}

// start watches root with the site's usual paths unless opts names others,
// and the tests' quiet period unless opts sets one, and closes the watcher
// when the test ends.
func start(t *testing.T, root string, opts Options) *Watcher {
	t.Helper()
	opts.Root = root
	if opts.Paths == nil {
		opts.Paths = []string{"content", "static", "site.yaml"}
	}
	if opts.Quiet == 0 {
		opts.Quiet = quiet
	}
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return w
}

func osPath(root, rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	p := osPath(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// next waits for the next batch.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if !ok {
			t.Fatal("Batches closed")
		}
		return b
	case <-time.After(waitBatch):
		t.Fatalf("no batch within %v", waitBatch)
	}
	return Batch{}
}

// none fails if a batch arrives within settle quiet periods.
func none(t *testing.T, w *Watcher) {
	t.Helper()
	noneAll(t, w)
}

// noneAll fails if any of the watchers sends a batch within settle times
// its quiet period. A batch that became due meanwhile waits to be received,
// so one look at the end finds it.
func noneAll(t *testing.T, ws ...*Watcher) {
	t.Helper()
	var window time.Duration
	for _, w := range ws {
		window = max(window, settle*w.quiet)
	}
	time.Sleep(window)
	for i, w := range ws {
		select {
		case b := <-w.Batches():
			t.Errorf("unexpected batch %s (watcher %d)", show(b), i)
		default:
		}
	}
}

// show prints a batch briefly: a burst's hundreds of paths would drown
// the message.
func show(b Batch) string {
	if len(b.Paths) <= 10 {
		return fmt.Sprintf("%+v", b)
	}
	return fmt.Sprintf("{Paths:%d from %q to %q Rescan:%v}", len(b.Paths), b.Paths[0], b.Paths[len(b.Paths)-1], b.Rescan)
}

// one waits for a batch and makes sure no other follows it.
func one(t *testing.T, w *Watcher) Batch {
	t.Helper()
	b := next(t, w)
	none(t, w)
	return b
}

// until receives batches until together they hold every path in want, and
// returns the union of their paths. Changes that take a few operations
// (mkdir, then write) may arrive in one batch or several; either is right.
func until(t *testing.T, w *Watcher, want ...string) []string {
	t.Helper()
	var got []string
	deadline := time.After(waitBatch)
	for {
		missing := false
		for _, p := range want {
			if !slices.Contains(got, p) {
				missing = true
			}
		}
		if !missing {
			return got
		}
		select {
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("Batches closed")
			}
			checkBatch(t, b)
			for _, p := range b.Paths {
				if !slices.Contains(got, p) {
					got = append(got, p)
				}
			}
		case <-deadline:
			t.Fatalf("after %v got %q, want all of %q", waitBatch, got, want)
		}
	}
}

// checkBatch checks what every batch promises: sorted, unique, relative,
// slash-separated paths without litter.
func checkBatch(t *testing.T, b Batch) {
	t.Helper()
	if !slices.IsSorted(b.Paths) || len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
		t.Errorf("paths not sorted and unique: %q", b.Paths)
	}
	for _, p := range b.Paths {
		if p == "" || filepath.IsAbs(p) || strings.Contains(p, `\`) || strings.HasPrefix(p, "..") || hasLitter(p) {
			t.Errorf("bad path %q in %q", p, b.Paths)
		}
	}
}

func wantPaths(t *testing.T, b Batch, want ...string) {
	t.Helper()
	checkBatch(t, b)
	if b.Rescan || !slices.Equal(b.Paths, want) {
		t.Errorf("batch = %s, want paths %s", show(b), show(Batch{Paths: want}))
	}
}

// 1: the simplest save produces exactly one batch naming the file.
func TestPlainWrite(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	write(t, root, "content/doc.md", "new")
	wantPaths(t, one(t, w), "content/doc.md")
}

// The default timings apply when Options leaves them out, and batches come.
func TestDefaults(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w, err := New(Options{Root: root, Paths: []string{"content"}})
	must(t, err)
	defer w.Close()
	if w.quiet != 15*time.Millisecond || w.maxWait != 2*time.Second {
		t.Errorf("quiet, maxWait = %v, %v", w.quiet, w.maxWait)
	}
	write(t, root, "content/doc.md", "new")
	until(t, w, "content/doc.md")
}

// 2: editors' save strategies each produce one batch naming the saved file
// and none of their helper files. The cases run side by side, each in its
// own site, so that they share one settling window.
func TestEditorSaves(t *testing.T) {
	t.Parallel()
	const doc = "content/doc.md"
	tests := []struct {
		name string
		save func(t *testing.T, root string)
	}{
		{"atomic rename of doc.md.tmp", func(t *testing.T, root string) {
			write(t, root, "content/doc.md.tmp", "new")
			must(t, os.Rename(osPath(root, "content/doc.md.tmp"), osPath(root, doc)))
		}},
		{"atomic rename of .doc.md.tmp123", func(t *testing.T, root string) {
			write(t, root, "content/.doc.md.tmp123", "new")
			must(t, os.Rename(osPath(root, "content/.doc.md.tmp123"), osPath(root, doc)))
		}},
		{"jetbrains safe write", func(t *testing.T, root string) {
			write(t, root, "content/doc.md___jb_tmp___", "new")
			must(t, os.Rename(osPath(root, doc), osPath(root, "content/doc.md___jb_old___")))
			must(t, os.Rename(osPath(root, "content/doc.md___jb_tmp___"), osPath(root, doc)))
			must(t, os.Remove(osPath(root, "content/doc.md___jb_old___")))
		}},
		{"vim default (backupcopy=auto)", func(t *testing.T, root string) {
			write(t, root, "content/4913", "")
			must(t, os.Remove(osPath(root, "content/4913")))
			must(t, os.Rename(osPath(root, doc), osPath(root, "content/doc.md~")))
			write(t, root, doc, "new")
			must(t, os.Remove(osPath(root, "content/doc.md~")))
		}},
		{"vim backupcopy=no", func(t *testing.T, root string) {
			must(t, os.Rename(osPath(root, doc), osPath(root, "content/doc.md~")))
			write(t, root, doc, "new")
			must(t, os.Remove(osPath(root, "content/doc.md~")))
		}},
		{"vim backupcopy=yes", func(t *testing.T, root string) {
			old, err := os.ReadFile(osPath(root, doc))
			must(t, err)
			write(t, root, "content/doc.md~", string(old))
			f, err := os.OpenFile(osPath(root, doc), os.O_WRONLY|os.O_TRUNC, 0)
			must(t, err)
			_, err = f.WriteString("new")
			must(t, err)
			must(t, f.Close())
			must(t, os.Remove(osPath(root, "content/doc.md~")))
		}},
	}
	watchers := make([]*Watcher, len(tests))
	for i, tt := range tests {
		root := newSite(t)
		watchers[i] = start(t, root, Options{})
		tt.save(t, root)
		if got, err := os.ReadFile(osPath(root, doc)); err != nil || string(got) != "new" {
			t.Fatalf("%s: emulated save left %q, %v", tt.name, got, err)
		}
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantPaths(t, next(t, watchers[i]), doc) })
	}
	noneAll(t, watchers...)
}

// 3: helper files alone, and anything inside a dot-folder, change nothing.
func TestLitterAlone(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	for _, rel := range []string{
		"content/.doc.md.swp",
		"content/.doc.md.swx",
		"content/doc.md.swp",
		"content/4913",
		"content/#doc.md#",
		"content/.#doc.md",
		"content/x.tmp",
		"content/doc.md~",
		"content/.DS_Store",
		"content/doc.md___jb_tmp___",
		"content/.git/HEAD",
		"content/.git/objects/ab/cdef",
		"content/news/.cache/x.md",
	} {
		write(t, root, rel, "1")
		write(t, root, rel, "2")
		must(t, os.Remove(osPath(root, rel)))
	}
	none(t, w)
}

// Folders with litter names get no watch at all, and neither do folders
// outside the paths, such as the output folder.
func TestUnwatchedFolders(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	write(t, root, "content/.git/objects/x", "")
	w := start(t, root, Options{})
	var got []string
	for _, p := range w.fsw.WatchList() {
		r, err := filepath.Rel(root, p)
		must(t, err)
		got = append(got, filepath.ToSlash(r))
	}
	slices.Sort(got)
	want := []string{".", "content", "content/news", "content/news/2026"}
	if !slices.Equal(got, want) {
		t.Errorf("watched %q, want %q", got, want)
	}
}

// 4: a permission change is not a content change.
func TestChmodOnly(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	must(t, os.Chmod(osPath(root, "content/doc.md"), 0o600))
	must(t, os.Chmod(osPath(root, "content/news"), 0o700))
	none(t, w)
}

// 5: files written into a folder that did not exist a moment before are
// seen, however deep, although they may precede the folder's watch.
func TestNewFolders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files []string
	}{
		{"one file", []string{"content/news/2026/new/index.md"}},
		{"new top folder", []string{"content/berita/2026/05/x.md"}},
		{"files at every level", []string{
			"content/a/1.md", "content/a/b/2.md", "content/a/b/c/3.md", "content/a/b/c/d/4.md",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := newSite(t)
			w := start(t, root, Options{})
			for _, f := range tt.files {
				must(t, os.MkdirAll(osPath(root, filepath.Dir(f)), 0o755))
				must(t, os.WriteFile(osPath(root, f), []byte("x"), 0o644))
			}
			until(t, w, tt.files...)
			// The new folders are watched: a later write is seen alone.
			last := tt.files[len(tt.files)-1]
			write(t, root, last, "again")
			for {
				b := next(t, w)
				if slices.Contains(b.Paths, last) {
					break
				}
			}
		})
	}
}

// 6: a folder removed and created again is watched again, every time.
func TestRecreatedFolder(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	const file = "content/news/2026/a.md"
	for i := range 3 {
		must(t, os.RemoveAll(osPath(root, "content/news")))
		write(t, root, file, fmt.Sprint("recreated ", i))
		until(t, w, "content/news", file)
		write(t, root, file, fmt.Sprint("rewritten ", i))
		until(t, w, file)
	}
	none(t, w)
}

// 7: renaming a folder reports both names, and what is written inside it
// afterwards is reported under the new name, not the old one.
func TestRenameFolder(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	must(t, os.Rename(osPath(root, "content/news"), osPath(root, "content/berita")))
	write(t, root, "content/berita/2026/b.md", "written at once")
	got := until(t, w, "content/news", "content/berita", "content/berita/2026/b.md")
	for _, p := range got {
		if strings.HasPrefix(p, "content/news/") {
			t.Errorf("stale path %q in %q", p, got)
		}
	}
	// Once things are quiet, a write deep inside is seen under its new name.
	none(t, w)
	write(t, root, "content/berita/2026/a.md", "written later")
	wantPaths(t, one(t, w), "content/berita/2026/a.md")
	// And the old name, created anew, is watched again too.
	write(t, root, "content/news/c.md", "x")
	until(t, w, "content/news", "content/news/c.md")
}

// Renaming and removing a file report the names involved.
func TestRenameAndRemoveFile(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	must(t, os.Rename(osPath(root, "content/doc.md"), osPath(root, "content/news/doc.md")))
	wantPaths(t, one(t, w), "content/doc.md", "content/news/doc.md")
	must(t, os.Remove(osPath(root, "content/news/doc.md")))
	wantPaths(t, one(t, w), "content/news/doc.md")
}

// 8: a burst of writes, as from git checkout, is one batch. The quiet
// period is longer here: 500 writes under -race on a loaded machine can
// pause for more than 100ms somewhere in the middle.
func TestBurst(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{Quiet: 300 * time.Millisecond})
	var want []string
	for i := range 500 {
		want = append(want, fmt.Sprintf("content/news/2026/p%03d.md", i))
	}
	for _, rel := range want {
		must(t, os.WriteFile(osPath(root, rel), []byte(rel), 0o644))
	}
	b := one(t, w)
	if !b.Rescan {
		wantPaths(t, b, want...)
	}
}

// 9: paths that do not exist at the start are picked up when created,
// through their nearest existing ancestor; siblings there are not.
func TestPathCreatedLater(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{Paths: []string{"content", "static", "themes/default", "data/site.yaml"}})

	write(t, root, "themes/other/layouts/page.html", "x")
	write(t, root, "data/other.yaml", "x")
	none(t, w)

	write(t, root, "static/css/site.css", "x")
	until(t, w, "static", "static/css", "static/css/site.css")
	write(t, root, "static/css/site.css", "y")
	until(t, w, "static/css/site.css")
	write(t, root, "themes/default/layouts/page.html", "x")
	until(t, w, "themes/default", "themes/default/layouts", "themes/default/layouts/page.html")
	write(t, root, "data/site.yaml", "x")
	until(t, w, "data/site.yaml")
	write(t, root, "themes/other/layouts/page.html", "y")
	write(t, root, "data/other.yaml", "y")
	none(t, w)
}

// 10: a file named in Paths is watched, its neighbours and the output
// folder are not.
func TestOnlyPaths(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	write(t, root, "site.yaml", "title: new")
	wantPaths(t, one(t, w), "site.yaml")
	write(t, root, "README.md", "new")
	write(t, root, "public/index.html", "new")
	write(t, root, "public/news/index.html", "new")
	write(t, root, "site.yml", "new")
	none(t, w)
}

// Root "." watches everything below root that is not litter.
func TestWholeRoot(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{Paths: []string{"."}})
	write(t, root, "README.md", "new")
	wantPaths(t, one(t, w), "README.md")
}

// 11: a lost event (queue overflow) asks for a rescan, whether the error
// is handled directly or comes through the running watcher.
func TestOverflow(t *testing.T) {
	t.Parallel()
	t.Run("handleError", func(t *testing.T) {
		t.Parallel()
		w := &Watcher{batcher: newBatcher(0, 0)}
		w.handleError(errors.New("some read error"), time.Now())
		if w.rescan || w.pending != nil || !w.first.IsZero() {
			t.Fatal("an unrelated error changed the batch")
		}
		w.handleError(fmt.Errorf("wrapped: %w", fsnotify.ErrEventOverflow), time.Now())
		if !w.rescan {
			t.Fatal("overflow did not ask for a rescan")
		}
		select {
		case <-w.timer.C:
		case <-time.After(waitBatch):
			t.Fatal("the rescan never became due")
		}
		if b := w.batch(); !b.Rescan || len(b.Paths) != 0 {
			t.Fatalf("batch = %+v, want a bare rescan", b)
		}
	})
	t.Run("running watcher", func(t *testing.T) {
		t.Parallel()
		root := newSite(t)
		w := start(t, root, Options{})
		w.fsw.Errors <- errors.New("harmless")
		none(t, w)
		write(t, root, "content/doc.md", "new")
		w.fsw.Errors <- fsnotify.ErrEventOverflow
		b := one(t, w)
		if !b.Rescan {
			t.Fatalf("batch = %+v, want Rescan", b)
		}
	})
}

// A folder that cannot be watched means its events would be lost, so the
// batch asks for a rescan.
func TestUnwatchableFolder(t *testing.T) {
	t.Parallel()
	t.Run("permission denied", func(t *testing.T) {
		t.Parallel()
		if os.Geteuid() == 0 {
			t.Skip("root may watch any folder")
		}
		root := newSite(t)
		w := start(t, root, Options{})
		p := osPath(root, "content/secret")
		must(t, os.Mkdir(p, 0))
		t.Cleanup(func() { os.Chmod(p, 0o755) })
		b := one(t, w)
		if !b.Rescan || !slices.Contains(b.Paths, "content/secret") {
			t.Fatalf("batch = %+v, want content/secret and Rescan", b)
		}
	})
	t.Run("watch fails", func(t *testing.T) {
		t.Parallel()
		root := newSite(t)
		w, err := New(Options{Root: root, Paths: []string{"content"}})
		must(t, err)
		// After Close the test owns w's state, and every fsnotify Add
		// fails, as it does when the kernel runs out of watches.
		must(t, w.Close())
		p := osPath(root, "content/new")
		must(t, os.Mkdir(p, 0o755))
		w.handleEvent(fsnotify.Event{Name: p, Op: fsnotify.Create}, time.Now())
		if b := w.batch(); !b.Rescan || !slices.Equal(b.Paths, []string{"content/new"}) {
			t.Fatalf("batch = %+v, want content/new and Rescan", b)
		}
	})
}

// MaxWait: a stream that never pauses for Quiet still yields batches.
func TestMaxWait(t *testing.T) {
	t.Parallel()
	t.Run("deadlines", func(t *testing.T) {
		t.Parallel()
		b := newBatcher(100*time.Millisecond, time.Second)
		t0 := time.Now()
		b.note("a", t0)
		b.note("b", t0.Add(950*time.Millisecond))
		if b.due {
			t.Fatal("due before MaxWait")
		}
		b.note("c", t0.Add(1000*time.Millisecond))
		if !b.due {
			t.Fatal("not due at MaxWait")
		}
		if got := b.batch(); !slices.Equal(got.Paths, []string{"a", "b", "c"}) {
			t.Fatalf("batch = %+v", got)
		}
		b.reset()
		b.note("d", t0.Add(2*time.Second))
		if b.due || !b.first.Equal(t0.Add(2*time.Second)) {
			t.Fatal("reset did not start a new batch")
		}
	})
	t.Run("stream", func(t *testing.T) {
		t.Parallel()
		root := newSite(t)
		w := start(t, root, Options{Quiet: 200 * time.Millisecond, MaxWait: 300 * time.Millisecond})
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
				os.WriteFile(osPath(root, "content/doc.md"), []byte(fmt.Sprint(i)), 0o644)
			}
		}()
		defer func() { close(stop); <-done }()
		b := next(t, w)
		wantPaths(t, b, "content/doc.md")
	})
}

// 12: Close ends the goroutine and Batches, even with a batch nobody
// received, and may be called again.
func TestClose(t *testing.T) {
	// Not parallel: it counts goroutines.
	before := runtime.NumGoroutine()
	root := newSite(t)
	w, err := New(Options{Root: root, Paths: []string{"content"}})
	must(t, err)
	write(t, root, "content/doc.md", "new")
	time.Sleep(50 * time.Millisecond) // let the batch become due, unreceived
	must(t, w.Close())
	must(t, w.Close())
	if b, ok := <-w.Batches(); ok {
		t.Fatalf("Batches still open, gave %+v", b)
	}
	deadline := time.Now().Add(waitBatch)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(time.Millisecond)
	}
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	tests := []struct {
		name string
		opts Options
	}{
		{"no root", Options{Paths: []string{"content"}}},
		{"missing root", Options{Root: filepath.Join(root, "nope"), Paths: []string{"content"}}},
		{"root is a file", Options{Root: osPath(root, "site.yaml"), Paths: []string{"content"}}},
		{"no paths", Options{Root: root}},
		{"empty path", Options{Root: root, Paths: []string{""}}},
		{"absolute path", Options{Root: root, Paths: []string{"/etc"}}},
		{"escaping path", Options{Root: root, Paths: []string{"content/../../x"}}},
		{"litter path", Options{Root: root, Paths: []string{"content/.git"}}},
	}
	for _, tt := range tests {
		if w, err := New(tt.opts); err == nil {
			w.Close()
			t.Errorf("%s: New succeeded", tt.name)
		}
	}
}

// A relative root gives the same relative paths.
func TestRelativeRoot(t *testing.T) {
	root := newSite(t)
	t.Chdir(root)
	w := start(t, ".", Options{})
	write(t, ".", "content/news/2026/a.md", "new")
	wantPaths(t, one(t, w), "content/news/2026/a.md")
}

func TestLitter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want bool
	}{
		{"doc.md~", true},
		{".doc.md.swp", true},
		{".doc.md.swx", true},
		{"doc.md.swp", true},
		{"doc.swx", true},
		{"4913", true},
		{"x.tmp", true},
		{"doc.md___jb_tmp___", true},
		{"doc.md___jb_old___", true},
		{".#doc.md", true},
		{"#doc.md#", true},
		{".DS_Store", true},
		{".git", true},
		{".htaccess", true},
		{".well-known", true},
		{"doc.md", false},
		{"site.yaml", false},
		{"4913.md", false},
		{"49130", false},
		{"#1 hit.md", false},
		{"#", false},
		{"tmp", false},
		{"x.tmp.md", false},
		{"swp", false},
		{"a~b.md", false},
		{"index.html", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Litter(tt.name); got != tt.want {
			t.Errorf("Litter(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
