package build

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzOutputPaths builds a site whose document key, slug and alias come from
// the fuzzer: nothing may panic, and every file written must stay inside
// the output folder.
func FuzzOutputPaths(f *testing.F) {
	f.Add("berita", "rakor-2023", "/lama/rakor/")
	f.Add("a", "../../etc", "../../../outside/")
	f.Add("b", "..", "/")
	f.Add("c", "x/../../y", "/a/./b/../../../c")
	f.Add("d", `..\..\win`, `\\server\share`)
	f.Add("e", "%2e%2e", "/%2e%2e/%2e%2e/x")
	f.Add("f", "index.html", "/404.html")
	f.Add("g", "", "//double//slash")
	f.Fuzz(func(t *testing.T, key, slug, alias string) {
		name := "content/news/" + key + ".md"
		if !fs.ValidPath(name) {
			return
		}
		fm, _ := json.Marshal(map[string]any{"title": "T", "date": "2024-01-01", "slug": slug, "aliases": []string{alias}})
		fsys := fstest.MapFS{
			"site.yaml": {Data: []byte("title: {id: S}\n")},
			name:        {Data: append(fm, "\n\nIsi.\n"...)},
		}
		res, out := buildSite(t, fsys, Options{})
		_ = res
		for p := range out.Files {
			if !fs.ValidPath(p) || !filepath.IsLocal(filepath.FromSlash(p)) {
				t.Fatalf("wrote %q outside the output folder (slug %q, alias %q)", p, slug, alias)
			}
		}
	})
}
