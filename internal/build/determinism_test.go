package build

import (
	"bytes"
	"io/fs"
	"os"
	"runtime"
	"testing"
	"testing/fstest"
)

// sampleSite is the repository's own sample site.
func sampleSite(t testing.TB) fstest.MapFS {
	t.Helper()
	root := os.DirFS("../..")
	out := fstest.MapFS{}
	for _, top := range []string{"site.yaml", "content", "templates", "static"} {
		err := fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			out[p] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestSampleSiteBuildsCleanly builds the repository's sample site strictly:
// no errors and no warnings.
func TestSampleSiteBuildsCleanly(t *testing.T) {
	res, out := buildSite(t, sampleSite(t), Options{Strict: true})
	for _, d := range res.Diags.Items() {
		t.Error(d)
	}
	if len(out.Files) < 40 {
		t.Errorf("only %d files written", len(out.Files))
	}
	for _, f := range []string{"index.html", "en/index.html", "rapat/rakor-timpora-2023/index.html", "404.html", "en/404.html", "css/risalah.css"} {
		if _, ok := out.Files[f]; !ok {
			t.Errorf("missing %s", f)
		}
	}
}

// TestDeterministic builds the sample site twice, with different numbers
// of threads, and requires byte-identical output.
func TestDeterministic(t *testing.T) {
	site := sampleSite(t)
	_, a := buildSite(t, site, Options{})
	prev := runtime.GOMAXPROCS(1)
	_, b := buildSite(t, site, Options{})
	runtime.GOMAXPROCS(prev)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("first build wrote %d files, second %d", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}
