package build

import (
	"errors"
	"io/fs"
	"sort"
)

// Overlay returns a file system where upper's files replace lower's of the
// same name, so that a site's own templates and static files override the
// built-in theme file by file. Either may be nil.
func Overlay(upper, lower fs.FS) fs.FS { return overlay{upper, lower} }

type overlay struct{ upper, lower fs.FS }

func (o overlay) layers() []fs.FS {
	var out []fs.FS
	for _, l := range []fs.FS{o.upper, o.lower} {
		if l != nil {
			out = append(out, l)
		}
	}
	return out
}

// Open implements fs.FS: the first layer that has name opens it, and a
// layer that has it but cannot open it (a named pipe, say) gives its
// error, rather than the file of a layer below.
func (o overlay) Open(name string) (fs.File, error) {
	var firstErr error
	for _, l := range o.layers() {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return nil, firstErr
}

// ReadDir implements fs.ReadDirFS, merging both layers.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o.layers() {
		es, err := fs.ReadDir(l, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range es {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// ReadLink implements fs.ReadLinkFS, from the first layer that has name.
func (o overlay) ReadLink(name string) (string, error) {
	for _, l := range o.layers() {
		if _, err := fs.Lstat(l, name); err == nil {
			return fs.ReadLink(l, name)
		}
	}
	return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrNotExist}
}

// Lstat implements fs.ReadLinkFS, from the first layer that has name.
func (o overlay) Lstat(name string) (fs.FileInfo, error) {
	var firstErr error
	for _, l := range o.layers() {
		info, err := fs.Lstat(l, name)
		if err == nil {
			return info, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
	}
	return nil, firstErr
}
