// Package risalah holds the default theme, embedded in the binary: the
// templates/ and static/ folders at the top of the repository, which is
// itself the sample site. A site's own templates/ and static/ override these
// file by file.
package risalah

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var theme embed.FS

// Theme returns the default theme: a file system with templates/ and static/.
func Theme() fs.FS { return theme }
