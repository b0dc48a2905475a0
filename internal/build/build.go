// Package build runs a whole build: load → validate → resolve → render →
// write. Parsing and rendering use every core; output goes through an Output,
// so the same build can write to a staging folder (then published
// atomically) or to memory.
package build

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/site"
	"risalah/internal/slug"
)

// Output receives the files of a build. WriteFile is called from several
// goroutines at once.
type Output interface {
	WriteFile(name string, data []byte) error
}

// StreamOutput is an Output that can also write a file from a reader,
// so that a large attachment is published without being held in memory.
type StreamOutput interface {
	Output
	CopyFile(name string, r io.Reader) error
}

// Options describes one build.
type Options struct {
	Site   fs.FS // the site folder: site.yaml, content/, templates/, static/
	Theme  fs.FS // the default theme: templates/ and static/
	Drafts bool
	Future bool
	Strict bool // warnings fail the build
	// BaseURL replaces site.yaml's baseURL when set.
	BaseURL string
	Now     time.Time
	// AtRoot serves the site from the root of its host whatever the path
	// of baseURL, as the live preview does: https://example.go.id/kanim/
	// gives pages at /berita/…, not /kanim/berita/….
	AtRoot bool
	// Progress, when set, is told as the pages of a whole build are done:
	// done of total. It is called from several goroutines at once.
	Progress func(done, total int)
	// Preview keeps more between the builds of one Builder, for a live
	// preview: the parsed front matter of every document, so that a
	// rebuild parses only the files that changed.
	Preview bool
	// ImageCache keeps the copies of photos between builds; nil keeps
	// them in the Builder's memory, for its later builds only.
	ImageCache ImageCache
}

// Result tells what a build did.
type Result struct {
	Diags    *diag.List
	Config   *config.Config
	Site     *site.Site
	Pages    map[string]int // document pages per language
	Files    int            // files in the output
	Written  int            // files written, the others being as they were
	Removed  int            // files of the previous build removed
	Executed int            // pages whose template ran
	Read     int            // documents read from their files; the others came from the cache unread
	// Search holds the sizes of the search indexes made, by language in
	// the site's order; a rebuild of bodies lists those it made again.
	Search []SearchSize
	// SearchPending is set when a rebuild of bodies left search indexes
	// as they were, for Builder.Search to make.
	SearchPending bool
	// ImagesEncoded counts the photos whose copies this build made, and
	// ImagesCached those whose copies it took from the image cache.
	ImagesEncoded, ImagesCached int
	// Partial is set when only edited bodies were rendered again, the
	// site's model being as before.
	Partial  bool
	Duration time.Duration
}

// OK reports whether the build succeeded.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Summary is the one line printed at the end of a build. A failed build
// counts its problems only: the files it made are not published.
func (r *Result) Summary() string { return r.SummaryIn("en") }

// summaryWords are the formats of the summary line, by language.
var summaryWords = map[string]map[string]string{
	"id": {
		"failed: %s, %s; %s":      "gagal: %s, %s; %s",
		"%d files written":        "%d berkas ditulis",
		"%d files, %d written":    "%d berkas, %d ditulis",
		", %d removed":            ", %d dihapus",
		"built: pages %s; %s; %s": "selesai: halaman %s; %s; %s",
		"; %s dated after today left out (--future publishes them)": "; %s bertanggal setelah hari ini tidak dicantumkan (--future menerbitkannya)",
		"; %s left out (--drafts publishes them)":                   "; %s tidak dicantumkan (--drafts menerbitkannya)",
		"; search index %s, a first query fetching at most %s":      "; indeks pencarian %s, kueri pertama mengambil paling banyak %s",
		"; photos: %d encoded, %d from the cache":                   "; foto: %d diproses, %d dari cache",
	},
}

// SummaryIn is Summary in the language lang ("id" for Indonesian; any
// other gives English).
func (r *Result) SummaryIn(lang string) string {
	w := func(f string) string {
		if t, ok := summaryWords[lang][f]; ok {
			return t
		}
		return f
	}
	count := func(n int, noun string) string { return diag.PluralIn(lang, n, noun) }
	errs, warns := r.Diags.Count()
	if errs > 0 {
		return fmt.Sprintf(w("failed: %s, %s; %s"), count(errs, "error"), count(warns, "warning"), r.Duration.Round(time.Millisecond))
	}
	var langs []string
	if r.Config != nil {
		for _, l := range r.Config.LangCodes() {
			langs = append(langs, fmt.Sprintf("%s %d", l, r.Pages[l]))
		}
	}
	files := fmt.Sprintf(w("%d files written"), r.Files)
	if r.Written < r.Files {
		files = fmt.Sprintf(w("%d files, %d written"), r.Files, r.Written)
		if r.Removed > 0 {
			files += fmt.Sprintf(w(", %d removed"), r.Removed)
		}
	}
	s := fmt.Sprintf(w("built: pages %s; %s; %s"), strings.Join(langs, ", "), files, count(warns, "warning"))
	if r.Site != nil {
		if n := r.Site.LeftOut.Future; n > 0 {
			s += fmt.Sprintf(w("; %s dated after today left out (--future publishes them)"), count(n, "document"))
			s += ": " + laterList(r.Site.LeftOut.Later)
		}
		if n := r.Site.LeftOut.Drafts; n > 0 {
			s += fmt.Sprintf(w("; %s left out (--drafts publishes them)"), count(n, "draft"))
		}
	}
	if len(r.Search) > 0 {
		var sizes, first []string
		for _, sz := range r.Search {
			sizes = append(sizes, fmt.Sprintf("%s %s", sz.Lang, diag.BytesIn(lang, sz.Bytes)))
			first = append(first, fmt.Sprintf("%s %s", sz.Lang, diag.BytesIn(lang, int64(sz.First))))
		}
		s += fmt.Sprintf(w("; search index %s, a first query fetching at most %s"), strings.Join(sizes, ", "), strings.Join(first, ", "))
	}
	if r.ImagesEncoded+r.ImagesCached > 0 {
		s += fmt.Sprintf(w("; photos: %d encoded, %d from the cache"), r.ImagesEncoded, r.ImagesCached)
	}
	return s + fmt.Sprintf("; %s", r.Duration.Round(time.Millisecond))
}

// laterList names the first few documents left out for their dates, each
// with its date: "content/news/a.md (2027-01-05), …".
func laterList(later []site.Later) string {
	var names []string
	for i, l := range later {
		if i == 3 {
			names = append(names, "…")
			break
		}
		names = append(names, l.File+" ("+l.Date+")")
	}
	return strings.Join(names, ", ")
}

// Stylesheet is the URL of the theme's stylesheet.
const Stylesheet = "/css/risalah.css"

// Run performs a build, writing every file to out. It stops before writing
// anything if loading or resolving found errors, so a failed build writes
// as little as possible; the caller decides whether to publish.
func Run(ctx context.Context, opts Options, out Output) *Result {
	return NewBuilder(opts).Build(ctx, out, nil, nil)
}

// tracker writes files, refusing a second writer of the same path, and
// skipping files whose bytes the output already holds.
type tracker struct {
	out Output
	mu  sync.Mutex
	// owners and sums record what made each file this build holds and its
	// bytes' fingerprint; in a rebuild of bodies (partial) they are
	// layers over the previous build's, whose files it makes again.
	owners *layer[string, string]
	sums   *layer[string, sum]
	sizes  *layer[string, int64] // each file's size in bytes
	// folded maps each claimed name, folded (slug.FoldName), to the name,
	// dirs each folder a claimed name needs, folded, to that name, and
	// spelt each such folder, folded, to its spelling.
	folded, dirs, spelt map[string]string
	partial             bool
	diags               *diag.List
	have                *layer[string, sum] // what out holds; only read
	// written counts the files actually written.
	written int
}

// owned reports whether name has been written.
func (t *tracker) owned(name string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.owners.Get(name)
	return ok
}

// claim records source as the maker of name, or reports a clash.
func (t *tracker) claim(name, source string, s sum, size int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if prev, ok := t.owners.own[name]; ok { // a file of the previous build is made again
		t.diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: source}, Severity: diag.Error, Code: diag.CodeURLClash,
			Msg: fmt.Sprintf("/%s is also written by %s", name, prev), Hint: "rename one of them",
			Related: []diag.Pos{{File: prev}}})
		return false
	}
	if !t.partial { // a rebuild of bodies writes only names a full build checked
		if why := content.CheckPortablePath(name); why != "" {
			t.diags.Errorf(diag.Pos{File: source}, diag.CodeNotPortable, "rename the file, or the document or term it is made from",
				"output path /%s %s", name, why)
			return false
		}
		low := slug.FoldName(name)
		if other, ok := t.folded[low]; ok && other != name {
			t.diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: source}, Severity: diag.Error, Code: diag.CodeURLClash,
				Msg: fmt.Sprintf("/%s differs only in letter case or accents' encoding from /%s, written by %s; Windows and macOS would keep only one of them",
					name, other, t.owners.Value(other)),
				Hint: "rename one of them in lowercase letters", Related: []diag.Pos{{File: t.owners.Value(other)}}})
			return false
		}
		if !t.fileOrFolder(name, source) {
			return false
		}
		// The folders name needs that no claim needed before, deepest
		// first, up to the first one known: a folder spelt two ways
		// (static/IMG/ beside the theme's img/) is one folder on Windows
		// and macOS, which merge them.
		var fresh [][2]string // folded, as spelt
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			fold := slug.FoldName(dir)
			other, ok := t.dirs[fold]
			if !ok {
				fresh = append(fresh, [2]string{fold, dir})
				continue
			}
			if odir := t.spelt[fold]; odir != dir {
				t.diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: source}, Severity: diag.Error, Code: diag.CodeURLClash,
					Msg: fmt.Sprintf("/%s is in the folder /%s/, which differs only in letter case or accents' encoding from /%s/ of /%s, written by %s; Windows and macOS would make them one folder",
						name, dir, odir, other, t.owners.Value(other)),
					Hint: "rename one of the folders as the other is spelt", Related: []diag.Pos{{File: t.owners.Value(other)}}})
				return false
			}
			break // the folders above it were compared when it was recorded
		}
		if t.folded == nil {
			t.folded, t.dirs, t.spelt = map[string]string{}, map[string]string{}, map[string]string{}
		}
		t.folded[low] = name
		for _, d := range fresh {
			t.dirs[d[0]], t.spelt[d[0]] = name, d[1]
		}
	}
	t.owners.Set(name, source)
	t.sums.Set(name, s)
	t.sizes.Set(name, size)
	return true
}

// fileOrFolder reports, as made by source, a claim of name where another
// claim needs a folder, or that needs a folder where another claim is a
// file; t.mu is held.
func (t *tracker) fileOrFolder(name, source string) bool {
	clash := func(msg string, other string) bool {
		t.diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: source}, Severity: diag.Error, Code: diag.CodeURLClash,
			Msg: msg, Hint: "rename one of them", Related: []diag.Pos{{File: other}}})
		return false
	}
	if inside, ok := t.dirs[slug.FoldName(name)]; ok {
		other := t.owners.Value(inside)
		return clash(fmt.Sprintf("/%s is a file here, but /%s, written by %s, needs a folder of that name", name, inside, other), other)
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if file, ok := t.folded[slug.FoldName(dir)]; ok {
			other := t.owners.Value(file)
			return clash(fmt.Sprintf("/%s needs a folder /%s/, which is the file /%s written by %s", name, dir, file, other), other)
		}
	}
	return true
}

// keep records a file that out already holds as it should be: its bytes'
// fingerprint and its size.
func (t *tracker) keep(name, source string, s sum, size int64) { t.claim(name, source, s, size) }

// write records and writes one file, unless out holds it already; it
// reports whether it wrote it.
func (t *tracker) write(name, source string, data []byte) bool {
	s := sha256.Sum256(data)
	if !t.claim(name, source, s, int64(len(data))) {
		return false
	}
	old, held := t.have.Get(name)
	if held && old == s {
		return false
	}
	t.mu.Lock()
	t.written++
	t.mu.Unlock()
	if err := t.out.WriteFile(name, data); err != nil {
		t.writeError(name, source, err)
	}
	return true
}

// copyFrom records and writes to so, the build's output, one file read
// from open, twice at most and never whole into memory: once to
// fingerprint it, and once more to write it unless the output holds it
// already. The bytes written are fingerprinted again as they pass: a file
// that changed between the two readings is an error, not a manifest that
// lies.
func (t *tracker) copyFrom(so StreamOutput, name, source string, open func() (io.ReadCloser, error)) {
	readErr := func(err error) {
		t.diags.Errorf(diag.Pos{File: source}, diag.CodeRead, "", "cannot read: %v", err)
	}
	s, size, err := fingerprint(open)
	if err != nil {
		readErr(err)
		return
	}
	if !t.claim(name, source, s, size) {
		return
	}
	if old, held := t.have.Get(name); held && old == s {
		return
	}
	t.mu.Lock()
	t.written++
	t.mu.Unlock()
	r, err := open()
	if err != nil {
		readErr(err)
		return
	}
	defer r.Close()
	h := sha256.New()
	if err := so.CopyFile(name, io.TeeReader(r, h)); err != nil {
		t.writeError(name, source, err)
		return
	}
	if sum(h.Sum(nil)) != s {
		t.diags.Errorf(diag.Pos{File: source}, diag.CodeRead, "build again once the file is saved", "the file changed while it was being published")
	}
}

// writeError reports why the output file name, made from source, could
// not be written.
func (t *tracker) writeError(name, source string, err error) {
	if heldOpen(err) {
		t.diags.Errorf(diag.Pos{File: source}, diag.CodeOutput, "close the program that has it open (Excel, Word, a PDF reader), then build again",
			"cannot write /%s: another program has the published file open", name)
		return
	}
	t.diags.Errorf(diag.Pos{File: source}, diag.CodeOutput, "check the output folder's permissions and free space", "cannot write /%s: %v", name, err)
}

// fingerprint reads what open gives to its end and returns its SHA-256
// and length.
func fingerprint(open func() (io.ReadCloser, error)) (sum, int64, error) {
	r, err := open()
	if err != nil {
		return sum{}, 0, err
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return sum{}, 0, err
	}
	return sum(h.Sum(nil)), n, nil
}

func sub(fsys fs.FS, dir string) fs.FS {
	if fsys == nil {
		return nil
	}
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return s
}
