package build

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/cssmin"
	"risalah/internal/diag"
	"risalah/internal/imaging"
)

// resources are the files of page bundles, copied beside their pages.
var resources = producer{name: "bundle files", all: allResources, bodies: noBodies}

func allResources(rs *renderState) {
	for _, r := range rs.m.site.Resources {
		publishAsIs(rs, rs.b.opts.Site, r.Source, r.Output, r.Source, false)
	}
}

// staticFiles are the site's static/ folder over the theme's, listed
// before the site is resolved (model.static) so that no page or alias
// takes their paths.
var staticFiles = producer{name: "static files", all: allStatic, bodies: noBodies}

func allStatic(rs *renderState) {
	for _, f := range rs.m.static {
		publishAsIs(rs, rs.m.staticFS, f, f, rs.m.cfg.Paths.Static+"/"+f, true)
	}
}

// publishAsIs publishes at out the file name of fsys, a file of a bundle
// or of static/ named source in messages and by the media: unless the
// images producer publishes its copies, as a stream when it is large, a
// stylesheet of static/ (minify) minified, and always through the gate.
func publishAsIs(rs *renderState, fsys fs.FS, name, out, source string, minify bool) {
	if rs.m.media.published(source) {
		return // a document shows it: its copies are published
	}
	if streamed(rs.w, fsys, name, out, source) {
		return
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		rs.diags.Errorf(diag.Pos{File: source}, diag.CodeRead, "", "cannot read: %v", err)
		return
	}
	if minify && strings.HasSuffix(name, ".css") {
		// What readers fetch carries no comments, and no byte-order mark,
		// which a browser would take for part of the first selector.
		data = cssmin.Minify(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	}
	if data, ok := gate(out, source, data, rs.m.media.opts, rs.diags); ok {
		rs.w.write(out, source, data)
	}
}

// staticFS is the site's static/ folder over the theme's.
func staticFS(opts Options, cfg *config.Config) fs.FS {
	return Overlay(sub(opts.Site, cfg.Paths.Static), sub(opts.Theme, "static"))
}

// listStatic lists the files of fsys to copy, sorted; label names the
// folder in messages.
func listStatic(fsys fs.FS, label string, diags *diag.List) []string {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != "." && content.Litter(d.Name()) && d.Name() != ".well-known" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if kind := content.Special(d.Type()); kind != "" {
			diags.Errorf(diag.Pos{File: label + "/" + p}, diag.CodeRead, "replace it with a file, or remove it", "%s, not a regular file", kind)
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if err := content.CheckLink(fsys, p); err != nil {
				diags.Errorf(diag.Pos{File: label + "/" + p}, diag.CodeSymlink, "replace the link with a copy of the file", "%v", err)
				return nil
			}
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{File: label}, diag.CodeRead, "", "cannot read: %v", err)
	}
	sort.Strings(files)
	return files
}

// streamMin is the size from which a file that the gate passes as it is
// is copied without being held in memory.
const streamMin = 1 << 20

// streamed copies the file name of fsys to out, named source in messages,
// as a stream, and reports whether it did: only into an output that takes
// streams (a folder), and only a large file that the gate would pass
// unchanged (no image, SVG, stylesheet or Markdown), such as a 600 MB
// attachment, which would otherwise be held whole in memory.
func streamed(w *tracker, fsys fs.FS, name, out, source string) bool {
	so, ok := w.out.(StreamOutput)
	if !ok {
		return false // held in memory all the same
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".svg", ".svgz", ".css":
		return false
	}
	info, err := fs.Stat(fsys, name)
	if err != nil || !info.Mode().IsRegular() || info.Size() < streamMin {
		return false
	}
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if imaging.Sniff(head[:n]) != "" {
		return false // an image: the gate reads it whole to clean it
	}
	w.copyFrom(so, out, source, func() (io.ReadCloser, error) { return fsys.Open(name) })
	return true
}
