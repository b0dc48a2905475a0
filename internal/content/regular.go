package content

import (
	"fmt"
	"io/fs"
)

// RegularFiles returns fsys with every file that is not a regular file
// refused when opened or read: a named pipe would block a build forever,
// a device could be read without end, and neither is a site's file. The
// mode is checked with Stat, which follows symbolic links, before the file
// is opened, as opening a named pipe already blocks.
func RegularFiles(fsys fs.FS) fs.FS {
	if fsys == nil {
		return nil
	}
	return regularFS{fsys}
}

type regularFS struct{ fsys fs.FS }

// check refuses name unless it is a regular file or a folder.
func (r regularFS) check(op, name string) error {
	info, err := fs.Stat(r.fsys, name)
	if err != nil {
		return err
	}
	if m := info.Mode(); !m.IsRegular() && !m.IsDir() {
		return &fs.PathError{Op: op, Path: name, Err: fmt.Errorf("%s, not a regular file; replace it with a file, or remove it", kindOf(m))}
	}
	return nil
}

// special reports whether the type m (fs.DirEntry.Type) is neither a
// file, a folder nor a symbolic link.
func special(m fs.FileMode) bool {
	return m&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0
}

// Special describes the type m (fs.DirEntry.Type) when it is neither a
// file, a folder nor a symbolic link, as "a named pipe"; else "".
func Special(m fs.FileMode) string {
	if !special(m) {
		return ""
	}
	return kindOf(m)
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Open opens name if it is a regular file or a folder.
func (r regularFS) Open(name string) (fs.File, error) {
	if err := r.check("open", name); err != nil {
		return nil, err
	}
	return r.fsys.Open(name)
}

// ReadFile reads name if it is a regular file.
func (r regularFS) ReadFile(name string) ([]byte, error) {
	if err := r.check("read", name); err != nil {
		return nil, err
	}
	return fs.ReadFile(r.fsys, name)
}

// Stat describes name as fsys does.
func (r regularFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.fsys, name) }

// ReadDir lists the folder name as fsys does.
func (r regularFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.fsys, name) }

// ReadLink returns the target of the symbolic link name, as fsys does.
func (r regularFS) ReadLink(name string) (string, error) { return fs.ReadLink(r.fsys, name) }

// Lstat describes name without following a symbolic link, as fsys does.
func (r regularFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(r.fsys, name) }
