package build

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"risalah"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testNow is the build time of every test build: fixed, so output is stable.
var testNow = time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)

// siteFS turns a txtar archive into a site file system.
func siteFS(t testing.TB, archive []byte) fstest.MapFS {
	t.Helper()
	a := txtar.Parse(archive)
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// buildSite builds fsys in memory with the default theme.
func buildSite(t testing.TB, fsys fstest.MapFS, opts Options) (*Result, *Memory) {
	t.Helper()
	opts.Site = fsys
	opts.Theme = risalah.Theme()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	out := NewMemory()
	res := Run(context.Background(), opts, out)
	return res, out
}

// archive turns built files into one txtar text, sorted by name; the
// theme's stylesheet is left out so that golden files show pages only.
func archive(files map[string][]byte) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		if strings.HasPrefix(n, "css/") {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	a := &txtar.Archive{}
	for _, n := range names {
		data := files[n]
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(append([]byte(nil), data...), '\n')
		}
		a.Files = append(a.Files, txtar.File{Name: n, Data: data})
	}
	return txtar.Format(a)
}

// TestGoldenSites builds each site in testdata/sites and compares every
// output file with testdata/golden. Run with -update after a deliberate
// change to the output.
func TestGoldenSites(t *testing.T) {
	sites, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(sites) == 0 {
		t.Fatal("no fixture sites")
	}
	for _, path := range sites {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, out := buildSite(t, siteFS(t, src), Options{})
			for _, d := range res.Diags.Items() {
				t.Log(d)
			}
			if !res.OK() {
				t.Fatalf("build failed")
			}
			got := archive(out.Files)
			golden := filepath.Join("testdata", "golden", name+".txtar")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/build -run TestGoldenSites -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				wantFiles := map[string]string{}
				for _, f := range txtar.Parse(want).Files {
					wantFiles[f.Name] = string(f.Data)
				}
				for _, f := range txtar.Parse(got).Files {
					w, ok := wantFiles[f.Name]
					switch {
					case !ok:
						t.Errorf("new file %s", f.Name)
					case w != string(f.Data):
						t.Errorf("%s differs from golden:\n%s", f.Name, firstDiff(w, string(f.Data)))
					}
					delete(wantFiles, f.Name)
				}
				for n := range wantFiles {
					t.Errorf("missing file %s", n)
				}
				t.Log("run with -update if the change is intended")
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}

func itoa(i int) string { return strconv.Itoa(i) }
