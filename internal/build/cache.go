package build

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"risalah/internal/diag"
	"risalah/internal/markdown"
	"risalah/internal/work"
)

// Cache keeps what a build of a site into an output folder leaves for the
// next one, in a hidden folder beside the output folder: the Builder's
// state, and the output before last. The next build updates that older
// output in place, writing only the files that differ, and swaps it in
// atomically; so a rebuild after a small edit writes a few files instead
// of the whole site, and a failed or interrupted build still never touches
// the published output.
type Cache struct {
	final string // the output folder
	dir   string // .<output>.risalah beside it
	key   string // what the state is valid for
	// published is when the output that Prepare found was published.
	published time.Time
	// removing counts folders being removed in the background.
	removing sync.WaitGroup
}

// cacheVersion changes whenever the saved state's meaning does.
const cacheVersion = "risalah-cache-1"

// NewCache returns the cache of the output folder final. key names what a
// saved state is valid for: the program (a fingerprint of its binary) and
// the build's settings; a state saved under another key is not used.
func NewCache(final, key string) *Cache {
	final = filepath.Clean(final)
	return &Cache{final: final, dir: filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".risalah"), key: key}
}

// Dir returns the cache folder.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) statePath() string { return filepath.Join(c.dir, "state.gob") }
func (c *Cache) backPath() string  { return filepath.Join(c.dir, "back") }

// saved is the state as written to disk.
type saved struct {
	Version, Key string
	Global       sum
	MD           map[string]savedMD
	Pages        map[string]sum
	Out          map[string]sum
	Owners       map[string]string
	// Back holds the fingerprints of the files in the back folder, the
	// output before last; nil when there is none.
	Back map[string]sum
	// Published is when this state's output was published, and
	// BackPublished when the back folder's was: a file there changed
	// later is not what Back says.
	Published, BackPublished time.Time
}

type savedMD struct {
	Key      sum
	Links    []savedLink
	Summary  string
	Headings []markdown.Heading
	Diags    []*diag.Diagnostic
}

type savedLink struct{ Dest, URL, Reason string }

// Prepare gives b the state of the last good build and returns the
// folder to build into with what it holds: the output before last when
// the cache has it, else a fresh folder holding nothing. The saved state
// is removed until Save, so that an interrupted build leaves no state
// that no longer matches the folders.
func (c *Cache) Prepare(b *Builder) (*Staging, map[string]sum, error) {
	var st saved
	data, err := os.ReadFile(c.statePath())
	ok := err == nil && gob.NewDecoder(bytes.NewReader(data)).Decode(&st) == nil &&
		st.Version == cacheVersion && st.Key == c.key
	if err := os.Remove(c.statePath()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	if ok {
		b.prev = st.state()
		c.published = st.Published
	}
	back := c.backPath()
	if ok && st.Back != nil {
		if info, err := os.Stat(back); err == nil && info.IsDir() {
			return &Staging{final: c.final, dir: back, dirs: map[string]bool{}}, check(back, st.Back, st.BackPublished), nil
		}
	}
	if err := c.throwAway(back); err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(back, 0o755); err != nil {
		return nil, nil, err
	}
	return &Staging{final: c.final, dir: back, dirs: map[string]bool{}}, nil, nil
}

func (st *saved) state() *state {
	s := &state{global: st.Global, pages: st.Pages, out: st.Out, owners: st.Owners, md: map[string]*mdEntry{}}
	for f, e := range st.MD {
		me := &mdEntry{key: e.Key, summary: e.Summary, headings: e.Headings, diags: e.Diags}
		for _, l := range e.Links {
			me.links = append(me.links, resolution{l.Dest, l.URL, l.Reason})
		}
		s.md[f] = me
	}
	return s
}

// Save records b's last good build, published from stage; back holds the
// fingerprints of what the stage's folder holds now, the output that
// publishing replaced (nil if none was kept).
func (c *Cache) Save(b *Builder, back map[string]sum) error {
	if b.prev == nil {
		return nil
	}
	st := saved{Version: cacheVersion, Key: c.key, Global: b.prev.global, Pages: b.prev.pages, Out: b.prev.out,
		Owners: b.prev.owners, Back: back, MD: make(map[string]savedMD, len(b.prev.md)),
		Published: time.Now(), BackPublished: c.published}
	for f, e := range b.prev.md {
		sm := savedMD{Key: e.key, Summary: e.summary, Headings: e.headings, Diags: e.diags}
		for _, l := range e.links {
			sm.Links = append(sm.Links, savedLink{l.dest, l.url, l.reason})
		}
		st.MD[f] = sm
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&st); err != nil {
		return err
	}
	tmp := c.statePath() + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, c.statePath())
}

// check compares the back folder with what the saved state says it holds,
// published at the time given: a file that was changed after, or is not
// the state's, is removed (the build writes it again if it makes it), and
// the result lists what is left.
func check(dir string, sums map[string]sum, published time.Time) map[string]sum {
	var files, dirs []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		} else {
			files = append(files, p)
		}
		return nil
	})
	// One stat per file, on all cores: most of this check's time.
	keep := make([]bool, len(files))
	rels := make([]string, len(files))
	work.Each(context.Background(), len(files), func(i int) {
		rel, _ := filepath.Rel(dir, files[i])
		rels[i] = filepath.ToSlash(rel)
		_, known := sums[rels[i]]
		info, err := os.Lstat(files[i])
		if known && err == nil && info.Mode().IsRegular() && !info.ModTime().After(published) {
			keep[i] = true
		} else {
			_ = os.RemoveAll(files[i])
		}
	})
	have := make(map[string]sum, len(sums))
	full := map[string]bool{} // folders that keep a file
	for i, ok := range keep {
		if !ok {
			continue
		}
		have[rels[i]] = sums[rels[i]]
		for d := filepath.Dir(files[i]); d != dir && !full[d]; d = filepath.Dir(d) {
			full[d] = true
		}
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if !full[dirs[i]] {
			_ = os.Remove(dirs[i]) // empty unless it holds a folder that was kept
		}
	}
	return have
}

// Discard forgets the back folder after a failed build wrote into it.
func (c *Cache) Discard() error { return c.throwAway(c.backPath()) }

// throwAway moves a folder out of the way and removes it in the
// background, together with any that an interrupted build left: removing
// thousands of files takes seconds, which a build's own work can hide.
// Wait waits for the removal.
func (c *Cache) throwAway(dir string) error {
	old, _ := filepath.Glob(filepath.Join(c.dir, "trash-*"))
	if _, err := os.Lstat(dir); err == nil {
		if err := os.MkdirAll(c.dir, 0o755); err != nil {
			return err
		}
		trash, err := os.MkdirTemp(c.dir, "trash-")
		if err != nil {
			return err
		}
		if err := os.Rename(dir, filepath.Join(trash, "x")); err != nil {
			return err
		}
		old = append(old, trash)
	}
	for _, d := range old {
		c.removing.Add(1)
		go func() {
			defer c.removing.Done()
			_ = os.RemoveAll(d)
		}()
	}
	return nil
}

// Wait waits until the folders thrown away are removed.
func (c *Cache) Wait() { c.removing.Wait() }
