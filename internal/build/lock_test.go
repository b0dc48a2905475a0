package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"risalah"
)

const lockSite = minimalConfig + `-- content/news/a.md --
---
title: A
date: 2023-01-01
tags: [rapat]
---
Isi A.
-- content/meetings/m.md --
---
title: Rapat
date: 2023-08-23
venue: Aula
organizer: Kantor
---
Isi.
`

// TestToDirWaitsForTheLock holds an output folder's lock and requires a
// build into it to wait, saying who holds it, until the lock is let go;
// and to give up, naming the holder, when its context ends first.
func TestToDirWaitsForTheLock(t *testing.T) {
	site := writeSite(t, lockSite)
	out := filepath.Join(t.TempDir(), "public")
	held, err := lockDir(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Site: os.DirFS(site), Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	told := make(chan string, 1)
	done := make(chan *DirResult, 1)
	go func() {
		res, err := ToDir(context.Background(), opts, out, DirOptions{SiteDir: site, Waiting: func(h string) { told <- h }})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	select {
	case h := <-told:
		if want := "process " + itoa(os.Getpid()); !strings.Contains(h, want) || !strings.Contains(h, "started") {
			t.Errorf("holder %q, want %q and when it started", h, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the build did not say it waits")
	}
	select {
	case <-done:
		t.Fatal("the build did not wait for the lock")
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the waiting build wrote the output folder")
	}
	held.Unlock()
	select {
	case res := <-done:
		if res == nil || !res.OK() || !res.Published {
			t.Fatalf("after the wait: %+v", res)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the build did not go on once the lock was let go")
	}

	// A context that ends while waiting ends the wait.
	held, err = lockDir(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = ToDir(ctx, opts, out, DirOptions{SiteDir: site})
	var de *DirError
	if !errors.As(err, &de) || de.Op != "lock" || !strings.Contains(err.Error(), "another build (process") {
		t.Errorf("interrupted wait: %v, want a lock error naming the holder", err)
	}
}

// TestToDirStaleLock leaves a lock file as a killed build would: the next
// build does not wait for it.
func TestToDirStaleLock(t *testing.T) {
	site := writeSite(t, lockSite)
	out := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(lockPath(out), []byte("pid 999999\nhost elsewhere\nsince 2026-01-01T00:00:00Z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Site: os.DirFS(site), Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	waited := false
	res, err := ToDir(context.Background(), opts, out, DirOptions{SiteDir: site, Waiting: func(string) { waited = true }})
	if err != nil || !res.Published || waited {
		t.Fatalf("build after a stale lock: %v, published %v, waited %v", err, res != nil && res.Published, waited)
	}
}

// TestToDirConcurrent runs builds into one folder at once, with and
// without the cache, as CI retries and a second terminal do: every one
// succeeds, and the folder ends as a clean build.
func TestToDirConcurrent(t *testing.T) {
	site := writeSite(t, lockSite)
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: os.DirFS(site), Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			res, err := ToDir(context.Background(), opts, out, DirOptions{SiteDir: site, NoCache: i%2 == 1})
			if err != nil || !res.OK() || !res.Published {
				t.Errorf("build %d: %v %+v", i, err, res)
			}
		})
	}
	wg.Wait()
	clean := filepath.Join(t.TempDir(), "clean")
	if _, err := ToDir(context.Background(), opts, clean, DirOptions{NoCache: true}); err != nil {
		t.Fatal(err)
	}
	compareFiles(t, "concurrent", readTree(t, out), readTree(t, clean))
}
