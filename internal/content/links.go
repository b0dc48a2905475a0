package content

import (
	"errors"
	"io/fs"
	"path"
)

// ErrLinkEscapes is returned by CheckLink for a symbolic link that leads
// outside the file system it is in.
var ErrLinkEscapes = errors.New("symbolic link points outside the site folder")

// CheckLink follows the symbolic link at name inside fsys, link by link, and
// returns ErrLinkEscapes if it leads outside fsys (an absolute target, or a
// relative one climbing above the top). A site is read through an fs.FS that
// follows links, so every link must be checked before its file is read.
func CheckLink(fsys fs.FS, name string) error {
	for range 40 {
		target, err := fs.ReadLink(fsys, name)
		if err != nil {
			return err
		}
		if path.IsAbs(target) {
			return ErrLinkEscapes
		}
		next := path.Join(path.Dir(name), target)
		if !fs.ValidPath(next) {
			return ErrLinkEscapes
		}
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return nil
		}
		name = next
	}
	return errors.New("too many levels of symbolic links")
}
