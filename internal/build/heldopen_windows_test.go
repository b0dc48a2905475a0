package build

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"
)

// TestHeldOpen opens a file as Excel does, sharing it with no one, and
// checks that writing it is known for what it is.
func TestHeldOpen(t *testing.T) {
	name := filepath.Join(t.TempDir(), "laporan.xlsx")
	if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		t.Fatal(err)
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer windows.CloseHandle(h)
	err = os.WriteFile(name, []byte("y"), 0o644)
	if err == nil || !heldOpen(err) {
		t.Fatalf("writing a file another program holds: %v, heldOpen false", err)
	}
}
