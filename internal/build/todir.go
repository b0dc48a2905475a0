package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// DirOptions says how ToDir builds into a folder.
type DirOptions struct {
	// NoCache builds from scratch, without the cache kept beside the
	// output folder.
	NoCache bool
	// SiteDir is the site folder on disk, which names the cache's state
	// (Options.Site is the same folder as an fs.FS).
	SiteDir string
	// Waiting, when set, is told who holds the output folder when another
	// build is writing it: ToDir waits for that build to end first.
	Waiting func(holder string)
}

// DirError is a problem with the output folder rather than the site: it
// could not be prepared, or the build could not be published into it.
type DirError struct {
	Op  string // "lock", "prepare" or "publish"
	Dir string
	Err error
}

// Error implements error.
func (e *DirError) Error() string {
	var oe *OutputDirError
	if errors.As(e.Err, &oe) {
		return oe.Error() // it names the folder and says what to do
	}
	switch e.Op {
	case "publish":
		if heldOpen(e.Err) {
			return fmt.Sprintf("cannot publish to %s: another program has a file of it open (Excel, Word, a PDF reader, or a window of the folder); close it, then build again", e.Dir)
		}
		return fmt.Sprintf("cannot publish to %s: %v", e.Dir, e.Err)
	case "lock":
		return fmt.Sprintf("cannot lock the output folder %s against other builds: %v", e.Dir, e.Err)
	}
	return fmt.Sprintf("cannot create the output folder %s: %v", e.Dir, e.Err)
}

// Unwrap returns the underlying error.
func (e *DirError) Unwrap() error { return e.Err }

// DirResult tells what ToDir did.
type DirResult struct {
	*Result
	// Published is set when the output folder now holds this build; when
	// it is false, the folder holds what it held before.
	Published bool
	// CacheErr is set when the build was published but its state could
	// not be saved for the next one: that build will start afresh.
	CacheErr error
}

// ToDir builds the site opts describes into the folder dir and publishes
// it there atomically: the folder holds either the previous build or this
// one, whatever happens, and a build that fails or is interrupted leaves
// it as it was. Unless d.NoCache, a cache beside the folder keeps what
// the next build needs to write only what changed. The returned error is
// a *DirError about the folder; the site's own problems are in the
// result's diagnostics. While another build writes the same folder, ToDir
// waits for it (see DirOptions.Waiting), and gives up when ctx ends.
func ToDir(ctx context.Context, opts Options, dir string, d DirOptions) (*DirResult, error) {
	// One build at a time writes a folder: two at once would mix their
	// files, and each other's staging and cache.
	lock, err := lockDir(ctx, dir, d.Waiting)
	if err != nil {
		return nil, &DirError{Op: "lock", Dir: dir, Err: err}
	}
	defer lock.Unlock()
	start := time.Now() // the wait for another build left out
	// That the folder holds nothing but what risalah made is checked
	// while the site builds, and before it is published.
	strays := make(chan error, 1)
	go func() { strays <- strayFiles(filepath.Clean(dir), dir) }()
	b := NewBuilder(opts)
	if d.NoCache {
		stage, err := newStaging(dir)
		if err != nil {
			return nil, &DirError{Op: "prepare", Dir: dir, Err: err}
		}
		res := &DirResult{Result: b.Build(ctx, stage, nil, nil)}
		if !res.OK() || ctx.Err() != nil {
			_ = stage.Discard()
			return res, nil
		}
		if err := <-strays; err != nil {
			_ = stage.Discard()
			return res, &DirError{Op: "publish", Dir: dir, Err: err}
		}
		if err := stage.Publish(); err != nil {
			_ = stage.Discard()
			return res, &DirError{Op: "publish", Dir: dir, Err: err}
		}
		res.Published = true
		res.Duration = time.Since(start) // publishing included
		return res, nil
	}

	// The cache's state and folder are made ready while the site loads;
	// the front matter read before is needed first.
	cache := newCache(dir, cacheKey(d.SiteDir, opts))
	defer cache.Wait()
	b.parsed = cache.loadParsed()
	// Saved whether or not the build succeeds: it holds what the files
	// say, and a failure to save it costs the next build only time.
	defer func() { _ = cache.saveParsed(b.parsed) }()
	prepared := make(chan struct{})
	var (
		stage *staging
		have  *layer[string, sum]
		perr  error
	)
	go func() {
		defer close(prepared)
		stage, have, perr = cache.Prepare(b)
		if perr == nil {
			stage.Keep = true
		}
	}()
	b.later(func() (Output, *layer[string, sum], error) {
		<-prepared
		return stage, have, perr
	})
	res := &DirResult{Result: b.Build(ctx, nil, nil, nil)}
	<-prepared
	if perr != nil {
		return res, &DirError{Op: "prepare", Dir: dir, Err: perr}
	}
	if !res.OK() || ctx.Err() != nil {
		cache.keepOrDiscard(b, stage, have)
		return res, nil
	}
	if err := <-strays; err != nil {
		cache.keepOrDiscard(b, stage, have)
		return res, &DirError{Op: "publish", Dir: dir, Err: err}
	}
	if err := stage.Publish(); err != nil {
		cache.keepOrDiscard(b, stage, have)
		return res, &DirError{Op: "publish", Dir: dir, Err: err}
	}
	res.Published = true
	back := cache.mirror(ctx, stage, b.Sums())
	now := time.Now()
	res.Duration = now.Sub(start) // publishing and mirroring included
	if err := cache.Save(b, now, back, now); err != nil {
		res.CacheErr = fmt.Errorf("cannot save the build cache in %s: %v", cache.Dir(), err)
	}
	return res, nil
}

// cacheKey names what a saved build state is valid for: this program, the
// site folder and the settings that change what a build makes.
func cacheKey(siteDir string, opts Options) string {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			_, _ = io.Copy(h, f)
			f.Close()
		}
	}
	abs, _ := filepath.Abs(siteDir)
	fmt.Fprintf(h, "\x00%s\x00%v\x00%v\x00%v\x00%s", abs, opts.Drafts, opts.Future, opts.Strict, opts.BaseURL)
	return hex.EncodeToString(h.Sum(nil))
}
