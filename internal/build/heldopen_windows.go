package build

import (
	"errors"

	"golang.org/x/sys/windows"
)

// heldOpen reports whether err says that another program has the file
// open: Windows refuses to replace or move a file that Excel, Word or a
// PDF reader holds, where other systems let a build go on.
func heldOpen(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION) ||
		errors.Is(err, windows.ERROR_USER_MAPPED_FILE)
}
