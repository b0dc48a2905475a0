//go:build !linux && !darwin

package build

import "errors"

// exchange reports that this system cannot swap two folders atomically
// (Windows has no such call), so Publish uses two recoverable renames.
func exchange(a, b string) error {
	return errors.New("no atomic exchange of folders on this system")
}
