package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// dirLock keeps other builds out of one output folder while a build
// writes it, its staging and back folders and its cache. It is a lock of
// the operating system's on a file beside the folder (.<out>.lock), so it
// ends with the process that holds it, however that process ends: a lock
// file left by a killed build is no obstacle. The file says who holds it,
// for the message of the build that waits.
type dirLock struct{ f *os.File }

// lockPath is the lock file of the output folder final.
func lockPath(final string) string {
	final = filepath.Clean(final)
	return filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".lock")
}

// errBusy is what tryLock returns when another holds the lock.
var errBusy = errors.New("locked by another process")

// lockDir takes the lock of the output folder final, waiting while
// another build holds it: waiting, when not nil, is told once who that is.
// It gives up when ctx ends.
func lockDir(ctx context.Context, final string, waiting func(holder string)) (*dirLock, error) {
	p := lockPath(final)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	told := false
	for {
		err := tryLock(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errBusy) {
			f.Close()
			return nil, err
		}
		if !told && waiting != nil {
			waiting(holder(p))
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("stopped while waiting for %s: %w", holder(p), ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
	host, _ := os.Hostname()
	if f.Truncate(0) == nil {
		_, _ = fmt.Fprintf(f, "pid %d\nhost %s\nsince %s\n", os.Getpid(), host, time.Now().Format(time.RFC3339))
	}
	return &dirLock{f: f}, nil
}

// holder describes, from the lock file at p, the build that holds it.
func holder(p string) string {
	data, err := os.ReadFile(p)
	if err != nil {
		return "another build"
	}
	var pid, host, since string
	for _, line := range strings.Split(string(data), "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "pid":
			pid = v
		case "host":
			host = v
		case "since":
			since = v
		}
	}
	if pid == "" {
		return "another build"
	}
	s := "another build (process " + pid
	if host != "" {
		s += " on " + host
	}
	if t, err := time.Parse(time.RFC3339, since); err == nil {
		s += ", started " + t.Format("15:04:05")
	}
	return s + ")"
}

// Unlock lets the next build in.
func (l *dirLock) Unlock() {
	_ = unlock(l.f)
	_ = l.f.Close()
}
