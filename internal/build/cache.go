package build

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/markdown"
	"risalah/internal/search"
	"risalah/internal/work"
)

// dirCache keeps what a build of a site into an output folder leaves for the
// next one, in a hidden folder beside the output folder: the Builder's
// state, and the output before last. The next build updates that older
// output in place, writing only the files that differ, and swaps it in
// atomically; so a rebuild after a small edit writes a few files instead
// of the whole site, and a failed or interrupted build still never touches
// the published output.
type dirCache struct {
	final string // the output folder
	dir   string // .<output>.risalah beside it
	key   string // what the state is valid for
	// published is when the output that Prepare found was published, and
	// backPublished when the output before it was.
	published, backPublished time.Time
	// removing counts folders being removed in the background.
	removing sync.WaitGroup
}

// cacheVersion changes whenever the saved state's meaning does.
const cacheVersion = "risalah-cache-5"

// newCache returns the cache of the output folder final. key names what a
// saved state is valid for: the program (a fingerprint of its binary) and
// the build's settings; a state saved under another key is not used.
func newCache(final, key string) *dirCache {
	final = filepath.Clean(final)
	return &dirCache{final: final, dir: filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".risalah"), key: key}
}

// Dir returns the cache folder.
func (c *dirCache) Dir() string { return c.dir }

func (c *dirCache) statePath() string { return filepath.Join(c.dir, "state.gob") }
func (c *dirCache) backPath() string  { return filepath.Join(c.dir, "back") }

// savedHeader starts the state as written to disk; records follow, one
// per file or body, so that neither writing nor reading the state holds
// a second copy of it in memory.
type savedHeader struct {
	Version, Key string
	Global       sum
	// Published is when this state's output was published, and
	// BackPublished when the back folder's was: a file there changed
	// later is not what the state says.
	Published, BackPublished time.Time
	// HasBack is set when the back folder holds the output before last.
	HasBack bool
}

// savedRecord is one file or body of the saved state.
type savedRecord struct {
	Kind  uint8 // recordEnd, recordPage, recordOut, recordBack or recordMD
	Name  string
	Sum   sum
	Owner string
	Size  int64
	MD    *savedMD
}

const (
	recordEnd  = iota // the last record
	recordPage        // a page's view fingerprint
	recordOut         // a file of the last build, with what made it
	recordBack        // a file of the back folder
	recordMD          // a rendered body
)

type savedMD struct {
	Key      sum
	Links    []savedLink
	Summary  string
	Headings []markdown.Heading
	Diags    []*diag.Diagnostic
	Terms    search.Terms
	Excerpt  string
}

type savedLink struct{ Dest, URL, Reason string }

// Prepare gives b the state of the last good build and returns the
// folder to build into with what it holds: the output before last when
// the cache has it, else a fresh folder holding nothing. The saved state
// is removed until Save, so that an interrupted build leaves no state
// that no longer matches the folders.
func (c *dirCache) Prepare(b *Builder) (*staging, *layer[string, sum], error) {
	if err := recoverPublish(c.final); err != nil {
		return nil, nil, err
	}
	st, backSums, ok := c.load()
	if err := os.Remove(c.statePath()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	if ok {
		b.prev = st
	}
	back := c.backPath()
	if ok && backSums != nil {
		if info, err := os.Stat(back); err == nil && info.IsDir() {
			return &staging{final: c.final, dir: back, dirs: map[string]bool{}, shared: true}, flat(check(back, backSums, c.backPublished)), nil
		}
	}
	if err := c.throwAway(back); err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(back, 0o755); err != nil {
		return nil, nil, err
	}
	return &staging{final: c.final, dir: back, dirs: map[string]bool{}}, nil, nil
}

// load reads the saved state, if it is there and for this key.
func (c *dirCache) load() (*state, map[string]sum, bool) {
	f, err := os.Open(c.statePath())
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReader(f))
	var h savedHeader
	if dec.Decode(&h) != nil || h.Version != cacheVersion || h.Key != c.key {
		return nil, nil, false
	}
	pages, out, owners, md := map[string]sum{}, map[string]sum{}, map[string]string{}, map[string]*mdEntry{}
	sizes := map[string]int64{}
	var back map[string]sum
	if h.HasBack {
		back = map[string]sum{}
	}
	for {
		var r savedRecord
		if dec.Decode(&r) != nil {
			return nil, nil, false // cut short
		}
		switch r.Kind {
		case recordEnd:
			c.published, c.backPublished = h.Published, h.BackPublished
			return &state{global: h.Global, pages: flat(pages), out: flat(out), sizes: flat(sizes), owners: flat(owners), md: flat(md)}, back, true
		case recordPage:
			pages[r.Name] = r.Sum
		case recordOut:
			out[r.Name], owners[r.Name], sizes[r.Name] = r.Sum, r.Owner, r.Size
		case recordBack:
			if back != nil {
				back[r.Name] = r.Sum
			}
		case recordMD:
			if r.MD == nil {
				return nil, nil, false
			}
			e := &mdEntry{key: r.MD.Key, summary: r.MD.Summary, headings: r.MD.Headings, diags: r.MD.Diags, terms: r.MD.Terms, excerpt: r.MD.Excerpt}
			for _, l := range r.MD.Links {
				e.links = append(e.links, resolution{l.Dest, l.URL, l.Reason})
			}
			md[r.Name] = e
		}
	}
}

// Save records b's last good build, published at the time given; back
// holds the fingerprints of what the back folder holds (nil if it holds
// nothing usable), published at backTime.
func (c *dirCache) Save(b *Builder, published time.Time, back *layer[string, sum], backTime time.Time) error {
	if b.prev == nil {
		return nil
	}
	tmp := c.statePath() + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	enc := gob.NewEncoder(w)
	p := b.prev
	if err := enc.Encode(&savedHeader{Version: cacheVersion, Key: c.key, Global: p.global,
		Published: published, BackPublished: backTime, HasBack: back != nil}); err != nil {
		return err
	}
	var werr error
	put := func(r *savedRecord) {
		if werr == nil {
			werr = enc.Encode(r)
		}
	}
	for name, s := range p.pages.All() {
		put(&savedRecord{Kind: recordPage, Name: name, Sum: s})
	}
	for name, s := range p.out.All() {
		put(&savedRecord{Kind: recordOut, Name: name, Sum: s, Owner: p.owners.Value(name), Size: p.sizes.Value(name)})
	}
	for name, s := range back.All() {
		put(&savedRecord{Kind: recordBack, Name: name, Sum: s})
	}
	for name, e := range p.md.All() {
		sm := &savedMD{Key: e.key, Summary: e.summary, Headings: e.headings, Diags: e.diags, Terms: e.terms, Excerpt: e.excerpt}
		for _, l := range e.links {
			sm.Links = append(sm.Links, savedLink{l.dest, l.url, l.reason})
		}
		put(&savedRecord{Kind: recordMD, Name: name, MD: sm})
	}
	put(&savedRecord{Kind: recordEnd})
	if werr != nil {
		return werr
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
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
func (c *dirCache) Discard() error { return c.throwAway(c.backPath()) }

// throwAway moves a folder out of the way and removes it in the
// background, together with any that an interrupted build left: removing
// thousands of files takes seconds, which a build's own work can hide.
// Wait waits for the removal.
func (c *dirCache) throwAway(dir string) error {
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
func (c *dirCache) Wait() { c.removing.Wait() }

func (c *dirCache) parsedPath() string { return filepath.Join(c.dir, "parsed.bin") }

// loadParsed returns the front matter that the last build read, saved
// for this key, or an empty cache: documents whose files kept their size
// and modification time are then not read again.
func (c *dirCache) loadParsed() *content.Parsed {
	if f, err := os.Open(c.parsedPath()); err == nil {
		defer f.Close()
		r := bufio.NewReader(f)
		if key, err := r.ReadString('\n'); err == nil && key == c.key+"\n" {
			if p, err := content.ReadParsed(r); err == nil {
				return p
			}
		}
	}
	return content.NewCompactParsed()
}

// saveParsed keeps the front matter that p's last load read, for the
// next build.
func (c *dirCache) saveParsed(p *content.Parsed) error {
	if _, err := os.Stat(c.dir); err != nil {
		return nil // no cache folder: nothing was built
	}
	tmp := c.parsedPath() + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	_, err = w.WriteString(c.key + "\n")
	if err == nil {
		_, err = p.WriteTo(w)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, c.parsedPath())
}

// mirror makes the back folder hold what the output folder holds, now
// that stage has been published, sharing every file with it through a
// hard link, so that the next build updates it in place and writes only
// what changes (the first rebuild after a cold build included). When
// publishing kept the output before last in the back folder, only the
// files that this build wrote or removed are linked or removed; else
// every file in sums, the output's, is linked into a new back folder.
// It returns what the back folder holds: sums, or nil if it could not
// be made (a file system without hard links), the next build then
// writing every file.
func (c *dirCache) mirror(ctx context.Context, stage *staging, sums *layer[string, sum]) *layer[string, sum] {
	back := c.backPath()
	names := stage.written
	if stage.Kept() {
		for _, name := range stage.removed {
			if removeFile(back, name, nil) != nil {
				return c.noMirror()
			}
		}
	} else {
		if err := c.throwAway(back); err != nil {
			return c.noMirror()
		}
		names = make([]string, 0, sums.Len())
		for name := range sums.All() {
			names = append(names, name)
		}
	}
	if err := os.MkdirAll(back, 0o755); err != nil {
		return c.noMirror()
	}
	dst := &staging{final: c.final, dir: back, dirs: map[string]bool{}}
	var failed atomic.Bool
	work.Each(ctx, len(names), func(i int) {
		if dst.link(names[i], filepath.Join(c.final, filepath.FromSlash(names[i]))) != nil {
			failed.Store(true)
		}
	})
	if failed.Load() || ctx.Err() != nil {
		return c.noMirror()
	}
	return sums
}

// noMirror gives up the back folder.
func (c *dirCache) noMirror() *layer[string, sum] {
	_ = c.throwAway(c.backPath())
	return nil
}

// keepOrDiscard records, after a build that failed or was not
// published, what the next build can start from: b's last good state
// and, if this build changed nothing in the back folder, the back folder
// with have, what it holds.
func (c *dirCache) keepOrDiscard(b *Builder, stage *staging, have *layer[string, sum]) {
	if len(stage.written) > 0 || len(stage.removed) > 0 {
		_ = c.Discard()
		have = nil
	}
	_ = c.Save(b, c.published, have, c.backPublished)
}
