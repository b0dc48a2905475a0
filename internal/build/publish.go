package build

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Staging is an Output that writes into a fresh folder beside the final
// output folder. Publish swaps it into place; Discard removes it. Until
// Publish, the previous output is untouched, so a failed or interrupted build
// never damages it, and a published build holds no stale files.
type Staging struct {
	// Keep makes Publish leave the previous output where the staging
	// folder was, for the next build to update (see Cache).
	Keep  bool
	kept  bool
	final string
	dir   string
	mu    sync.Mutex
	dirs  map[string]bool
}

// NewStaging prepares a staging folder for the output folder final.
func NewStaging(final string) (*Staging, error) {
	final = filepath.Clean(final)
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(final)+".staging-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	// MkdirTemp does not clean its result ("./.public.staging-1"), but the
	// paths made from it are cleaned: keep both in one form.
	return &Staging{final: final, dir: filepath.Clean(dir), dirs: map[string]bool{}}, nil
}

// Dir returns the staging folder.
func (s *Staging) Dir() string { return s.dir }

// WriteFile implements Output.
func (s *Staging) WriteFile(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("refusing to write outside the output folder: %s", name)
	}
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := s.ensureDir(filepath.Dir(p)); err != nil {
		return err
	}
	err := os.WriteFile(p, data, 0o644)
	if err != nil && errors.Is(err, unix.EISDIR) {
		// An earlier build had a folder of this name.
		if err := os.RemoveAll(p); err != nil {
			return err
		}
		err = os.WriteFile(p, data, 0o644)
	}
	return err
}

// ensureDir makes d and its missing parents, remembering what it made: on
// a slow disk every stat counts, and a site has one folder per page.
func (s *Staging) ensureDir(d string) error {
	s.mu.Lock()
	made := s.dirs[d]
	s.mu.Unlock()
	if made || d == s.dir {
		return nil
	}
	if parent := filepath.Dir(d); parent != d {
		if err := s.ensureDir(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(d, 0o755); err != nil {
		if !errors.Is(err, os.ErrExist) {
			return err
		}
		if info, err := os.Lstat(d); err == nil && !info.IsDir() {
			// An earlier build had a file of this name.
			if err := os.Remove(d); err != nil {
				return err
			}
			if err := os.Mkdir(d, 0o755); err != nil {
				return err
			}
		}
	}
	s.mu.Lock()
	s.dirs[d] = true
	s.mu.Unlock()
	return nil
}

// Discard removes the staging folder.
func (s *Staging) Discard() error { return os.RemoveAll(s.dir) }

// Publish puts the staging folder in the place of the output folder: with
// one atomic exchange where the system offers it, else with two renames.
// The previous output is removed, or with Keep left in the staging
// folder's place.
func (s *Staging) Publish() error {
	s.kept = false
	if _, err := os.Lstat(s.final); errors.Is(err, os.ErrNotExist) {
		return os.Rename(s.dir, s.final)
	}
	if err := unix.Renameat2(unix.AT_FDCWD, s.dir, unix.AT_FDCWD, s.final, unix.RENAME_EXCHANGE); err == nil {
		if s.Keep {
			s.kept = true
			return nil
		}
		return os.RemoveAll(s.dir) // now holds the previous output
	}
	old := s.dir + ".old"
	if err := os.Rename(s.final, old); err != nil {
		return err
	}
	if err := os.Rename(s.dir, s.final); err != nil {
		_ = os.Rename(old, s.final)
		return err
	}
	if s.Keep && os.Rename(old, s.dir) == nil {
		s.kept = true
		return nil
	}
	return os.RemoveAll(old)
}

// Kept reports whether Publish left the previous output in the staging
// folder's place.
func (s *Staging) Kept() bool { return s.kept }

// Remove implements Remover: it deletes a file of an earlier build from
// the staging folder, and the folders it leaves empty.
func (s *Staging) Remove(name string) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("refusing to remove outside the output folder: %s", name)
	}
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for d := filepath.Dir(p); d != s.dir && strings.HasPrefix(d, s.dir); d = filepath.Dir(d) {
		if os.Remove(d) != nil { // not empty
			break
		}
		s.mu.Lock()
		delete(s.dirs, d)
		s.mu.Unlock()
	}
	return nil
}

// CheckOutputDir refuses output folders that a build must not replace: the
// site folder itself, a folder containing it, one of its source folders, or
// an existing folder that does not look like a previous build.
func CheckOutputDir(siteDir, outDir string, sources []string) error {
	sa, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	oa, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	sa, oa = realPath(sa), realPath(oa)
	if sa == oa {
		return fmt.Errorf("output folder %s is the site folder itself; building would replace your content", outDir)
	}
	if within(sa, oa) {
		return fmt.Errorf("output folder %s contains the site folder; building would replace your content", outDir)
	}
	for _, src := range sources {
		sp := realPath(filepath.Join(sa, src))
		if oa == sp || within(oa, sp) || within(sp, oa) {
			return fmt.Errorf("output folder %s overlaps the source folder %s", outDir, src)
		}
	}
	entries, err := os.ReadDir(oa)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	for _, e := range entries {
		if e.Name() == "index.html" || e.Name() == "404.html" {
			return nil
		}
	}
	return fmt.Errorf("output folder %s holds files that are not a site build; a build replaces the whole folder", outDir)
}

func within(child, parent string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// realPath resolves symbolic links in the part of p that exists.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	dir, base := filepath.Split(p)
	if dir == p || dir == "" {
		return p
	}
	return filepath.Join(realPath(filepath.Clean(dir)), base)
}

// Memory is an Output that keeps files in memory, for tests and previews.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// WriteFile implements Output.
func (m *Memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	m.Files[name] = append([]byte(nil), data...)
	m.mu.Unlock()
	return nil
}

// Remove implements Remover.
func (m *Memory) Remove(name string) error {
	m.mu.Lock()
	delete(m.Files, name)
	m.mu.Unlock()
	return nil
}

// Clone returns a Memory holding the same files; the files' bytes are
// shared, as no Output changes bytes once written.
func (m *Memory) Clone() *Memory {
	m.mu.Lock()
	defer m.mu.Unlock()
	return &Memory{Files: maps.Clone(m.Files)}
}
