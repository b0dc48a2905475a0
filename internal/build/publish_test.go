package build

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// writeBuild writes a one-file build holding text into dir.
func writeBuild(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readIndex(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatalf("reading the output: %v", err)
	}
	return string(b)
}

// entries lists what the parent folder holds, to find litter.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// staged returns a staging folder for final holding index.html with text,
// published with two renames when noExchange is set.
func staged(t *testing.T, final, text string, noExchange bool) *staging {
	t.Helper()
	s, err := newStaging(final)
	if err != nil {
		t.Fatal(err)
	}
	s.noExchange = noExchange
	if err := s.WriteFile("index.html", []byte(text)); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPublishSchemes publishes over a previous build with the atomic
// exchange of this system and with the two renames used where there is
// none (Windows), with and without keeping the previous output.
func TestPublishSchemes(t *testing.T) {
	for _, tc := range []struct {
		name             string
		noExchange, keep bool
	}{
		{"exchange", false, false},
		{"exchange, keep", false, true},
		{"renames", true, false},
		{"renames, keep", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			final := filepath.Join(parent, "public")
			writeBuild(t, final, "old")
			s := staged(t, final, "new", tc.noExchange)
			s.Keep = tc.keep
			if err := s.Publish(); err != nil {
				t.Fatalf("Publish: %v", err)
			}
			if got := readIndex(t, final); got != "new" {
				t.Errorf("published output says %q, want new", got)
			}
			if s.Kept() != tc.keep {
				t.Errorf("Kept() = %v, want %v", s.Kept(), tc.keep)
			}
			want := 1
			if tc.keep {
				want = 2
				if got := readIndex(t, s.Dir()); got != "old" {
					t.Errorf("kept folder says %q, want old", got)
				}
			}
			if names := entries(t, parent); len(names) != want {
				t.Errorf("folder beside the output holds %q, want %d entries", names, want)
			}
		})
	}
}

// TestRecoverInterruptedPublish stops a publication by renames between its
// two renames, as a killed process or a power cut would, and checks that
// the next start leaves a whole build in place.
func TestRecoverInterruptedPublish(t *testing.T) {
	for _, tc := range []struct {
		name     string
		loseNext bool // the new build's folder is gone too
		want     string
		// cached publishes from the build cache's back folder, which is in
		// a folder of its own, into an output folder named out.
		cached bool
		out    string
	}{
		{"new build whole", false, "new", false, "public"},
		{"new build gone", true, "old", false, "public"},
		{"cached, new build whole", false, "new", true, "public"},
		{"cached, new build gone", true, "old", true, "situs kantor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			final := filepath.Join(parent, tc.out)
			writeBuild(t, final, "old")
			s := staged(t, final, "new", true)
			if tc.cached {
				back := newCache(final, "").backPath()
				if err := os.MkdirAll(filepath.Dir(back), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(s.dir, back); err != nil {
					t.Fatal(err)
				}
				s.dir = back
			}
			s.afterFirstRename = func() {
				if tc.loseNext {
					os.RemoveAll(s.dir)
				}
				runtime.Goexit() // the process dies here
			}
			done := make(chan struct{})
			go func() {
				defer close(done)
				_ = s.Publish()
			}()
			<-done
			if _, err := os.Stat(final); !os.IsNotExist(err) {
				t.Fatalf("the output folder should be missing mid-publication: %v", err)
			}
			if err := recoverPublish(final); err != nil {
				t.Fatalf("Recover: %v", err)
			}
			if got := readIndex(t, final); got != tc.want {
				t.Errorf("recovered output says %q, want %q", got, tc.want)
			}
			if tc.want == "new" && !tc.cached {
				if names := entries(t, parent); len(names) != 1 {
					t.Errorf("folder beside the output holds %q after recovery, want the output alone", names)
				}
			}
			// A second start has nothing left to do, and a new build publishes.
			if err := recoverPublish(final); err != nil {
				t.Fatalf("second Recover: %v", err)
			}
			if err := staged(t, final, "newer", true).Publish(); err != nil {
				t.Fatal(err)
			}
			if got := readIndex(t, final); got != "newer" {
				t.Errorf("output after the next build says %q, want newer", got)
			}
		})
	}
}

// TestRecoverDamagedNote refuses to guess when the note is not one that
// Publish wrote.
func TestRecoverDamagedNote(t *testing.T) {
	parent := t.TempDir()
	final := filepath.Join(parent, "public")
	if err := os.WriteFile(publishNote(final), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := recoverPublish(final); err == nil {
		t.Error("Recover accepted a damaged note")
	}
}

// TestWriteOverFolder replaces a folder of an earlier build by a file of
// the same name, on every system.
func TestWriteOverFolder(t *testing.T) {
	final := filepath.Join(t.TempDir(), "public")
	s, err := newStaging(final)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(s.Dir(), "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a", []byte("file")); err != nil {
		t.Fatalf("WriteFile over a folder: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(s.Dir(), "a")); err != nil || string(b) != "file" {
		t.Errorf("got %q, %v", b, err)
	}
}
