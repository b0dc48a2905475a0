// Package watch turns file-system notifications under a site folder into
// debounced batches of changed paths, so that `risalah serve` rebuilds once
// per save (or per `git checkout`) instead of once per raw event.
//
// It is the only package that imports fsnotify: the rest of risalah sees
// slash-separated paths relative to the site folder and nothing else.
//
// Editors rarely save by writing a file in place. They write a temporary
// file and rename it over the original, keep swap files and backups, and
// probe whether a folder is writable. Every such helper file is "litter"
// (see [Litter]) and never appears in a [Batch]; what remains of a save is
// the name of the file that was saved.
//
// Folders are watched one by one (inotify, kqueue and friends are not
// recursive), so a folder created while watching is watched as soon as its
// Create event arrives and then walked, because whatever was written into it
// before its watch existed produced no event.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Default timings, used when an Options field is zero or negative.
const (
	// defaultQuiet is short enough to feel instant and long enough to
	// merge the handful of operations of one editor save.
	defaultQuiet = 15 * time.Millisecond
	// defaultMaxWait bounds the delay while events never stop (a long
	// copy), so the browser still refreshes now and then.
	defaultMaxWait = 2 * time.Second
)

// Options configures a Watcher.
type Options struct {
	// Root is the site folder, an OS path (absolute or relative). It must
	// exist.
	Root string
	// Paths are slash-separated and relative to Root. A folder is watched
	// recursively; a file (e.g. "site.yaml") is watched through its parent
	// folder, filtered to that name. A path that does not exist yet is
	// picked up when it is created, because its existing ancestors are
	// watched (non-recursively) for that. "." means all of Root. Anything
	// outside Paths, such as an output folder, is never watched.
	Paths []string
	// Quiet is how long no event must arrive before a batch is sent;
	// 15ms if zero.
	Quiet time.Duration
	// MaxWait is the longest a batch is held back, counted from its first
	// event, during a continuous stream of events; 2s if zero.
	MaxWait time.Duration
}

// Batch is a set of changes to act on at once.
type Batch struct {
	// Paths are slash-separated paths relative to Root, sorted, without
	// duplicates: every file or folder created, written, removed or renamed
	// (both the old and the new name). Editor litter is never included.
	Paths []string
	// Rescan means events were lost (queue overflow, or a new folder could
	// not be watched): the receiver must treat everything as changed.
	Rescan bool
}

// Watcher sends a Batch on Batches after each burst of changes under the
// watched paths. Create it with New and stop it with Close.
type Watcher struct {
	root    string   // cleaned Options.Root, the prefix of every event name
	paths   []string // cleaned Options.Paths; "" stands for all of root
	fsw     *fsnotify.Watcher
	watched map[string]bool // folders with a watch, relative and slash-separated

	batcher
	batches chan Batch

	quit      chan struct{} // closed by Close to stop run
	exited    chan struct{} // closed when run has returned
	closeOnce sync.Once
	closeErr  error
}

// New validates opts, watches every existing folder under opts.Paths (and
// the ancestors of each path), and starts delivering batches. All watches
// are in place when New returns, so no later change is missed.
func New(opts Options) (*Watcher, error) {
	if opts.Root == "" {
		return nil, errors.New("watch: no root folder")
	}
	root := filepath.Clean(opts.Root)
	fi, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a folder", root)
	}
	paths, err := cleanPaths(opts.Paths)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{
		root:    root,
		paths:   paths,
		fsw:     fsw,
		watched: make(map[string]bool),
		batcher: newBatcher(opts.Quiet, opts.MaxWait),
		batches: make(chan Batch),
		quit:    make(chan struct{}),
		exited:  make(chan struct{}),
	}
	if err := w.addTree("", false); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("watch: %w", err)
	}
	go w.run()
	return w, nil
}

// cleanPaths normalises the configured paths and rejects those that could
// never match an event, so that a typo fails loudly instead of silently.
func cleanPaths(in []string) ([]string, error) {
	if len(in) == 0 {
		return nil, errors.New("watch: no paths to watch")
	}
	var out []string
	for _, p := range in {
		c := path.Clean(filepath.ToSlash(p))
		switch {
		case p == "":
			return nil, errors.New("watch: empty path")
		case path.IsAbs(c) || filepath.IsAbs(p) || c == ".." || strings.HasPrefix(c, "../"):
			return nil, fmt.Errorf("watch: path %q is not inside the root folder", p)
		case c == ".":
			c = ""
		case hasLitter(c):
			return nil, fmt.Errorf("watch: path %q is editor litter by name and would never be reported", p)
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Batches delivers one Batch per burst of changes. It is closed after Close.
// A batch not yet received keeps growing, so a slow receiver gets fewer,
// larger batches rather than a backlog.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Close stops watching, waits for the watching goroutine to end and closes
// Batches. A batch not yet received is dropped. Calling Close again does
// nothing and returns the first result.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.quit)
		<-w.exited
		w.closeErr = w.fsw.Close()
	})
	return w.closeErr
}

// run is the only goroutine that touches watched and the batcher once New
// has returned, so they need no lock.
func (w *Watcher) run() {
	defer close(w.exited)
	defer close(w.batches)
	defer w.timer.Stop()
	events, errs := w.fsw.Events, w.fsw.Errors
	for {
		var out chan Batch
		var b Batch
		if w.due {
			out, b = w.batches, w.batch()
		}
		select {
		case <-w.quit:
			return
		case ev, ok := <-events:
			if !ok {
				events = nil // only on fsnotify's own close; wait for ours
				continue
			}
			w.handleEvent(ev, time.Now())
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			w.handleError(err, time.Now())
		case <-w.timer.C:
			w.due = true
		case out <- b:
			w.reset()
		}
	}
}

// handleError turns fsnotify errors into a rescan when they mean events
// were lost. Other errors (a failed read that is retried, a watch the
// kernel already dropped) lose nothing, so they are not worth a full
// rebuild.
func (w *Watcher) handleError(err error, now time.Time) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.lost(now)
	}
}

// handleEvent keeps the set of watches in step with the folders on disk and
// records the event's path if it is one the receiver cares about.
func (w *Watcher) handleEvent(ev fsnotify.Event, now time.Time) {
	rel, ok := w.rel(ev.Name)
	if !ok || rel == "" || hasLitter(rel) {
		return
	}
	op := ev.Op &^ fsnotify.Chmod // permissions do not change a page
	if op == 0 {
		return
	}
	if op.Has(fsnotify.Remove) || op.Has(fsnotify.Rename) {
		// Watches of a moved folder keep following it under its old
		// name, so drop them all; the new name arrives as a Create.
		w.unwatchTree(rel)
	}
	if op.Has(fsnotify.Create) && w.watchable(rel) {
		if fi, err := os.Lstat(w.osPath(rel)); err == nil && fi.IsDir() {
			if err := w.addTree(rel, true); err != nil {
				w.lost(now)
			}
		}
	}
	if op == fsnotify.Write && w.watched[rel] {
		// kqueue and Windows report a folder as written when an entry in
		// it changes; that entry has its own event.
		return
	}
	if w.inScope(rel) {
		w.note(rel, now)
	}
}

// addTree watches folder rel and, recursively, every sub-folder worth
// watching. With report, it also notes every entry found, because entries
// made before the watch existed produced no event. It carries on past an
// error so that one bad folder costs as little as possible, and returns the
// first one. Folders that vanished meanwhile are not an error: their
// removal has its own event.
func (w *Watcher) addTree(rel string, report bool) error {
	p := w.osPath(rel)
	if err := w.fsw.Add(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("watching %s: %w", p, err)
	}
	w.watched[rel] = true
	entries, err := os.ReadDir(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	var first error
	for _, e := range entries {
		if Litter(e.Name()) {
			continue
		}
		child := path.Join(rel, e.Name())
		if report && w.inScope(child) {
			w.note(child, time.Now())
		}
		// Symlinked folders are not followed: they could loop, and
		// inotify would report their events under another name anyway.
		if e.IsDir() && w.watchable(child) {
			if err := w.addTree(child, report); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

// unwatchTree forgets folder rel and everything below it. fsnotify already
// dropped the watch of a removed or renamed folder itself but not those of
// its sub-folders after a rename, so errors are expected and ignored.
func (w *Watcher) unwatchTree(rel string) {
	if !w.watched[rel] {
		return // a file, or a folder never watched and so without watched sub-folders
	}
	for d := range w.watched {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			delete(w.watched, d)
			_ = w.fsw.Remove(w.osPath(d))
		}
	}
}

// rel turns an fsnotify event name back into a slash-separated path
// relative to the root; "" is the root itself.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	switch {
	case r == ".":
		return "", true
	case r == ".." || strings.HasPrefix(r, "../"):
		return "", false
	}
	return r, true
}

func (w *Watcher) osPath(rel string) string {
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// inScope reports whether rel is one of the configured paths or inside one.
func (w *Watcher) inScope(rel string) bool {
	for _, p := range w.paths {
		if p == "" || rel == p || strings.HasPrefix(rel, p+"/") {
			return true
		}
	}
	return false
}

// watchable reports whether folder rel needs a watch: it is in scope, or an
// ancestor of a configured path, watched so that the path is seen when it
// is created.
func (w *Watcher) watchable(rel string) bool {
	if rel == "" || w.inScope(rel) {
		return true
	}
	for _, p := range w.paths {
		if strings.HasPrefix(p, rel+"/") {
			return true
		}
	}
	return false
}

// hasLitter reports whether any segment of the slash-separated rel is
// litter: a file inside .git or a swap file's folder is just as useless.
func hasLitter(rel string) bool {
	for seg := range strings.SplitSeq(rel, "/") {
		if Litter(seg) {
			return true
		}
	}
	return false
}

// Litter reports whether the base name belongs to an editor's or a tool's
// helper file rather than to the site: swap files, backups, temporary files
// of atomic saves, lock files, vim's write test "4913", .DS_Store, and any
// name starting with "." (dotfiles and folders such as .git).
func Litter(name string) bool {
	switch {
	case name == "":
		return false
	case name[0] == '.': // dotfiles, .*.swp, .#emacs-lock, .DS_Store, .git
		return true
	case name == "4913": // vim checks whether it may write in the folder
		return true
	case strings.HasPrefix(name, "~$"): // Office's lock of a document it has open
		return true
	case strings.EqualFold(name, "Thumbs.db"), strings.EqualFold(name, "desktop.ini"), strings.EqualFold(name, "ehthumbs.db"):
		return true // Windows Explorer's
	case len(name) >= 2 && name[0] == '#' && name[len(name)-1] == '#': // emacs autosave
		return true
	}
	for _, suffix := range []string{"~", ".swp", ".swx", ".tmp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// batcher collects changed paths until they are due: Quiet after the last
// event, or MaxWait after the first, whichever is earlier.
type batcher struct {
	quiet, maxWait time.Duration
	timer          *time.Timer // armed while a batch is pending and not due
	pending        map[string]struct{}
	rescan         bool
	first          time.Time // arrival of the batch's first event; zero if none
	due            bool      // the batch may be sent
	built          *Batch    // the pending batch, sorted, until it changes
}

func newBatcher(quiet, maxWait time.Duration) batcher {
	if quiet <= 0 {
		quiet = defaultQuiet
	}
	if maxWait <= 0 {
		maxWait = defaultMaxWait
	}
	t := time.NewTimer(time.Hour)
	t.Stop()
	return batcher{quiet: quiet, maxWait: maxWait, timer: t}
}

// note adds rel to the pending batch.
func (b *batcher) note(rel string, now time.Time) {
	if b.pending == nil {
		b.pending = make(map[string]struct{})
	}
	b.pending[rel] = struct{}{}
	b.touch(now)
}

// lost marks the pending batch as a rescan.
func (b *batcher) lost(now time.Time) {
	b.rescan = true
	b.touch(now)
}

// touch restarts the quiet period, capped so that the batch is due at the
// latest maxWait after its first event.
func (b *batcher) touch(now time.Time) {
	b.built = nil
	if b.first.IsZero() {
		b.first = now
	}
	deadline := now.Add(b.quiet)
	if limit := b.first.Add(b.maxWait); limit.Before(deadline) {
		deadline = limit
	}
	if d := deadline.Sub(now); d > 0 {
		b.due = false
		b.timer.Reset(d)
	} else {
		b.due = true
		b.timer.Stop()
	}
}

// batch returns the pending batch, building it only when it has changed
// since the last call, because run asks for it on every loop while due.
func (b *batcher) batch() Batch {
	if b.built == nil {
		paths := make([]string, 0, len(b.pending))
		for p := range b.pending {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		b.built = &Batch{Paths: paths, Rescan: b.rescan}
	}
	return *b.built
}

// reset empties the batcher after its batch was received.
func (b *batcher) reset() {
	b.timer.Stop()
	b.pending, b.rescan, b.first, b.due, b.built = nil, false, time.Time{}, false, nil
}
