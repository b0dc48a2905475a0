package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// staging is an Output that writes into a fresh folder beside the final
// output folder. Publish swaps it into place; Discard removes it. Until
// Publish, the previous output is untouched, so a failed or interrupted build
// never damages it, and a published build holds no stale files.
type staging struct {
	// Keep makes Publish leave the previous output where the staging
	// folder was, for the next build to update (see dirCache).
	Keep  bool
	kept  bool
	final string
	dir   string
	mu    sync.Mutex
	dirs  map[string]bool
	// shared is set when the folder's files may be hard links to the
	// published output's (see dirCache.mirror): a file is then replaced,
	// never rewritten in place.
	shared bool
	// written and removed list, by output path, what this build changed
	// in the folder.
	written, removed []string
	// noExchange makes Publish use the scheme of systems without an
	// atomic exchange, and afterFirstRename runs between its two
	// renames: both for tests.
	noExchange       bool
	afterFirstRename func()
}

// newStaging prepares a staging folder for the output folder final.
func newStaging(final string) (*staging, error) {
	final = filepath.Clean(final)
	if err := recoverPublish(final); err != nil {
		return nil, err
	}
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
	return &staging{final: final, dir: filepath.Clean(dir), dirs: map[string]bool{}}, nil
}

// Dir returns the staging folder.
func (s *staging) Dir() string { return s.dir }

// WriteFile implements Output.
func (s *staging) WriteFile(name string, data []byte) error {
	p, err := s.place(name)
	if err != nil {
		return err
	}
	if s.shared {
		if err := clearPath(p); err != nil {
			return err
		}
	}
	err = os.WriteFile(p, data, 0o644)
	if err != nil {
		// An earlier build may have had a folder of this name: every
		// system says so with its own error, so look.
		if info, serr := os.Lstat(p); serr == nil && info.IsDir() {
			if err := os.RemoveAll(p); err != nil {
				return err
			}
			err = os.WriteFile(p, data, 0o644)
		}
	}
	return err
}

// CopyFile implements StreamOutput.
func (s *staging) CopyFile(name string, r io.Reader) error {
	p, err := s.place(name)
	if err != nil {
		return err
	}
	if err := clearPath(p); err != nil { // a hard link to the published file, or a folder
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// place returns the path in the folder of the output file name, its
// folder made, and records it as written.
func (s *staging) place(name string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return "", fmt.Errorf("refusing to write outside the output folder: %s", name)
	}
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := s.ensureDir(filepath.Dir(p)); err != nil {
		return "", err
	}
	s.mu.Lock()
	s.written = append(s.written, name)
	s.mu.Unlock()
	return p, nil
}

// link puts a hard link to the file from at name in the folder, in place
// of whatever the folder held there.
func (s *staging) link(name, from string) error {
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := s.ensureDir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := clearPath(p); err != nil {
		return err
	}
	return os.Link(from, p)
}

// clearPath removes the file, or the folder an earlier build had, at p.
func clearPath(p string) error {
	err := os.Remove(p)
	if err == nil || errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if isDir(p) {
		return os.RemoveAll(p)
	}
	return err
}

// ensureDir makes d and its missing parents, remembering what it made: on
// a slow disk every stat counts, and a site has one folder per page.
func (s *staging) ensureDir(d string) error {
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
func (s *staging) Discard() error { return os.RemoveAll(s.dir) }

// Publish puts the staging folder in the place of the output folder. Where
// the system can exchange two folders atomically (Linux, macOS), it does;
// elsewhere (Windows) it renames the output folder away and the staging
// folder into its place, having first written a note beside them
// (.<output>.publishing) that recoverPublish reads at the next start to finish or
// undo an interrupted publication, so that the output folder is always
// either the previous build or the new one. The previous output is removed,
// or with Keep left in the staging folder's place.
func (s *staging) Publish() error {
	s.kept = false
	if _, err := os.Lstat(s.final); errors.Is(err, os.ErrNotExist) {
		return os.Rename(s.dir, s.final)
	}
	if !s.noExchange {
		if err := exchange(s.dir, s.final); err == nil {
			if s.Keep {
				s.kept = true
				return nil
			}
			return os.RemoveAll(s.dir) // now holds the previous output
		}
	}
	return s.publishByRenames()
}

// publishByRenames publishes with two renames, recoverably.
func (s *staging) publishByRenames() error {
	old := s.dir + ".old"
	note := publishNote(s.final)
	if err := writeNote(note, old, s.dir); err != nil {
		return err
	}
	if err := os.Rename(s.final, old); err != nil {
		_ = os.Remove(note)
		return err
	}
	if s.afterFirstRename != nil {
		s.afterFirstRename()
	}
	if err := os.Rename(s.dir, s.final); err != nil {
		if os.Rename(old, s.final) == nil {
			_ = os.Remove(note)
		}
		return err
	}
	if err := os.Remove(note); err != nil {
		return err
	}
	if s.Keep && os.Rename(old, s.dir) == nil {
		s.kept = true
		return nil
	}
	return os.RemoveAll(old)
}

// removeLeftovers deletes the staging folders, and the previous outputs
// set aside while publishing (".old"), that builds of the output folder
// final killed before they could clean up left beside it. recoverPublish
// calls it once an interrupted publication has used what it needs; the
// build holds the folder's lock, so no other build is using them.
func removeLeftovers(final string) {
	prefix := "." + filepath.Base(final) + ".staging-"
	entries, err := os.ReadDir(filepath.Dir(final))
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			_ = os.RemoveAll(filepath.Join(filepath.Dir(final), e.Name()))
		}
	}
}

// publishNote is the file that records a publication in progress.
func publishNote(final string) string {
	return filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".publishing")
}

// writeNote records, durably, the folder the output is moved to (old) and
// the folder that takes its place (next), one a line, each as a path from
// the folder that holds the note and the output: the build cache's back
// folder is inside a folder of its own (.public.risalah/back).
func writeNote(note, old, next string) error {
	parent := filepath.Dir(note)
	ro, err := filepath.Rel(parent, old)
	if err != nil {
		return err
	}
	rn, err := filepath.Rel(parent, next)
	if err != nil {
		return err
	}
	f, err := os.Create(note)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(f, "%s\n%s\n", filepath.ToSlash(ro), filepath.ToSlash(rn)); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// recoverPublish finishes a publication of the output folder final that was
// interrupted between its two renames (see Publish): when the output folder
// is missing, the new build is moved into its place if it is whole, else
// the previous output is moved back. Then it removes what builds killed
// before they could clean up left beside the folder (removeLeftovers).
// Builds call it before they start, holding the folder's lock.
func recoverPublish(final string) error {
	final = filepath.Clean(final)
	note := publishNote(final)
	data, err := os.ReadFile(note)
	if errors.Is(err, os.ErrNotExist) {
		removeLeftovers(final)
		return nil
	}
	if err != nil {
		return err
	}
	// One path a line: a folder's name may hold a space.
	names := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(names) != 2 || !filepath.IsLocal(filepath.FromSlash(names[0])) || !filepath.IsLocal(filepath.FromSlash(names[1])) {
		return fmt.Errorf("%s is damaged; check that %s holds the site you expect, then delete the note", note, final)
	}
	parent := filepath.Dir(final)
	old, next := filepath.Join(parent, filepath.FromSlash(names[0])), filepath.Join(parent, filepath.FromSlash(names[1]))
	if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) {
		// The note is written before the first rename and removed after
		// the second: with the output folder missing, the new build in
		// next is complete.
		src := next
		if _, err := os.Lstat(next); err != nil {
			src = old
		}
		if err := os.Rename(src, final); err != nil {
			return fmt.Errorf("cannot finish publishing to %s after an interrupted build: %v", final, err)
		}
	}
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Remove(note); err != nil {
		return err
	}
	removeLeftovers(final)
	return nil
}

// Kept reports whether Publish left the previous output in the staging
// folder's place.
func (s *staging) Kept() bool { return s.kept }

// Remove implements Remover: it deletes a file of an earlier build from
// the staging folder, and the folders it leaves empty.
func (s *staging) Remove(name string) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("refusing to remove outside the output folder: %s", name)
	}
	s.mu.Lock()
	s.removed = append(s.removed, name)
	s.mu.Unlock()
	return removeFile(s.dir, name, func(d string) {
		s.mu.Lock()
		delete(s.dirs, d)
		s.mu.Unlock()
	})
}

// removeFile deletes the file name from the folder root, and the folders it
// leaves empty, telling gone of each; a file already missing is no error.
func removeFile(root, name string, gone func(dir string)) error {
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for d := filepath.Dir(p); d != root && strings.HasPrefix(d, root); d = filepath.Dir(d) {
		if os.Remove(d) != nil { // not empty
			break
		}
		if gone != nil {
			gone(d)
		}
	}
	return nil
}

func isDir(p string) bool {
	info, err := os.Lstat(p)
	return err == nil && info.IsDir()
}

// CheckOutputDir refuses output folders that a build must not replace: the
// site folder itself, a folder containing it, one of its source folders, or
// an existing folder that risalah did not make (one without its manifest
// or build state). That a folder risalah made holds nothing else is
// checked by ToDir (strayFiles).
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
	if samePath(sa, oa) {
		return &OutputDirError{OutputIsSite, []any{outDir}}
	}
	if within(sa, oa) {
		return &OutputDirError{OutputHoldsSite, []any{outDir}}
	}
	for _, src := range sources {
		sp := realPath(filepath.Join(sa, src))
		if samePath(oa, sp) || within(oa, sp) || within(sp, oa) {
			return &OutputDirError{OutputOverlaps, []any{outDir, src}}
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
	if _, ok := readManifest(filepath.Join(oa, ManifestName)); ok {
		return nil // what it lists is checked while the build runs (strayFiles)
	}
	if _, err := os.Stat(newCache(oa, "").statePath()); err == nil {
		return nil // a site whose own manifest.json replaces risalah's
	}
	return &OutputDirError{OutputNotRisalahs, []any{outDir, filepath.Join(outDir, entries[0].Name())}}
}

// OutputDirError is why an output folder is refused: its kind and the
// names it is about, so that the command line can word it in the editor's
// language.
type OutputDirError struct {
	Kind OutputDirProblem
	Args []any // the folder as the user named it, then what Kind says
}

// OutputDirProblem is a reason to refuse an output folder.
type OutputDirProblem int

// The reasons to refuse an output folder; the arguments each takes follow
// the folder's name.
const (
	OutputIsSite      OutputDirProblem = iota // the site folder itself
	OutputHoldsSite                           // contains the site folder
	OutputOverlaps                            // overlaps a source folder: its name
	OutputNotRisalahs                         // holds files not made by risalah: one of them
	OutputStrayFiles                          // holds some files risalah did not make: their count, one of them
)

// outputDirFormats words each OutputDirProblem in English.
var outputDirFormats = [...]string{
	OutputIsSite:      "output folder %s is the site folder itself; building would replace your content",
	OutputHoldsSite:   "output folder %s contains the site folder; building would replace your content",
	OutputOverlaps:    "output folder %s overlaps the source folder %s",
	OutputNotRisalahs: "output folder %s holds files that risalah did not make, such as %s; a build replaces the whole folder, which would delete them: move them elsewhere, or build into a new folder",
	OutputStrayFiles:  "output folder %s holds files that risalah did not make (%d in all), such as %s; a build replaces the whole folder, which would delete them: move them elsewhere, or build into a new folder",
}

// Error implements error, in English.
func (e *OutputDirError) Error() string { return fmt.Sprintf(outputDirFormats[e.Kind], e.Args...) }

// strayFiles refuses the output folder dir (named as the user wrote it)
// when it holds a file that its manifest does not list: a build replaces
// the whole folder, so a file someone put there (uploads, a .env) would be
// deleted without a word. A folder without risalah's manifest was refused
// before the build, by CheckOutputDir. Walking a large site's output
// takes a tenth of a second or more, so ToDir does it while the site
// builds, and publishes only if it finds nothing.
func strayFiles(dir, name string) error {
	listed, ok := readManifest(filepath.Join(dir, ManifestName))
	if !ok {
		return nil
	}
	var stray []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !listed[rel] && rel != ManifestName {
			stray = append(stray, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(stray) == 0 {
		return nil
	}
	slices.Sort(stray)
	return &OutputDirError{OutputStrayFiles,
		[]any{name, len(stray), filepath.Join(name, filepath.FromSlash(stray[0]))}}
}

// readManifest returns the paths that the manifest file lists, and false
// when there is none or it is not risalah's.
func readManifest(file string) (map[string]bool, bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	var m struct {
		Files []struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	if json.Unmarshal(data, &m) != nil || len(m.Files) == 0 {
		return nil, false
	}
	listed := make(map[string]bool, len(m.Files))
	for _, f := range m.Files {
		if f.Path == "" || len(f.SHA256) != 64 {
			return nil, false // some other program's manifest
		}
		listed[f.Path] = true
	}
	return listed, true
}

// within reports whether child is inside the folder parent, on a disk
// that tells letter case apart or not (macOS's and Windows' do not, where
// -o Templates is the folder templates).
func within(child, parent string) bool {
	for d := filepath.Dir(child); ; d = filepath.Dir(d) {
		if samePath(d, parent) {
			return true
		}
		if filepath.Dir(d) == d {
			return false
		}
	}
}

// samePath reports whether a and b name one file or folder: the same
// path, or one that differs in letter case only where the disk takes the
// two for one.
func samePath(a, b string) bool {
	if a == b {
		return true
	}
	if !strings.EqualFold(a, b) {
		return false
	}
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
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
