//go:build !windows

package build

// heldOpen reports whether err says that another program has the file
// open; only Windows refuses a build for that.
func heldOpen(error) bool { return false }
