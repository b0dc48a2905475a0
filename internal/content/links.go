package content

import (
	"errors"
	"io/fs"
	"path"
	"strings"
)

// ErrLinkEscapes is returned by CheckLink for a symbolic link that leads
// outside the file system it is in.
var ErrLinkEscapes = errors.New("symbolic link points outside the site folder")

// ErrLinkHidden is returned by CheckLink for a symbolic link that leads to
// a hidden, backup or temporary file or folder of the site (a .env, .git),
// which a build never reads as itself: through a link it would be
// published under another name.
var ErrLinkHidden = errors.New("symbolic link points to a hidden or backup file, which is never published")

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
		for _, seg := range strings.Split(next, "/") {
			if Litter(seg) && seg != ".well-known" {
				return ErrLinkHidden
			}
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
