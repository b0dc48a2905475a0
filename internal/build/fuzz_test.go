package build

import (
	"encoding/json"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzOutputPaths builds a site whose document key, slugs and alias come
// from the fuzzer, beside the files every build makes: nothing may panic,
// every file written must stay inside the output folder, and a build that
// succeeds must have lost none of its generated files to a page, written
// no file where another needs a folder, and no two paths that differ only
// in letter case.
func FuzzOutputPaths(f *testing.F) {
	f.Add("berita", "rakor-2023", "/lama/rakor/")
	f.Add("a", "../../etc", "../../../outside/")
	f.Add("b", "..", "/")
	f.Add("c", "x/../../y", "/a/./b/../../../c")
	f.Add("d", `..\..\win`, `\\server\share`)
	f.Add("e", "%2e%2e", "/%2e%2e/%2e%2e/x")
	f.Add("f", "index.html", "/404.html")
	f.Add("g", "", "//double//slash")
	f.Add("h", "sitemap.xml", "/robots.txt")
	f.Add("i", "atom.xml", "/css/risalah.css")
	f.Add("calendar.ics", "data", "/rapat/calendar.ics/")
	f.Add("j", "Sitemap.XML", "/BERITA/")
	f.Fuzz(func(t *testing.T, key, slug, alias string) {
		name := "content/news/" + key + ".md"
		if !fs.ValidPath(name) {
			return
		}
		doc := func(extra map[string]any) []byte {
			fm := map[string]any{"title": "T", "date": "2024-01-01"}
			maps.Copy(fm, extra)
			data, _ := json.Marshal(fm)
			return append(data, "\n\nIsi.\n"...)
		}
		fsys := fstest.MapFS{
			"site.yaml":             {Data: []byte("title: {id: S}\nbaseURL: https://situs.example/\n")},
			name:                    {Data: doc(map[string]any{"slug": slug, "aliases": []string{alias}})},
			"content/halaman.md":    {Data: doc(map[string]any{"slug": slug})},
			"content/meetings/r.md": {Data: doc(map[string]any{"slug": slug, "venue": "Aula", "organizer": "Kantor"})},
		}
		res, out := buildSite(t, fsys, Options{})
		for p := range out.Files {
			if !fs.ValidPath(p) || !filepath.IsLocal(filepath.FromSlash(p)) {
				t.Fatalf("wrote %q outside the output folder (slug %q, alias %q)", p, slug, alias)
			}
		}
		if !res.OK() {
			return
		}
		for _, want := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "atom.xml", "berita/atom.xml", "rapat/calendar.ics", "css/risalah.css", "data/meetings.csv"} {
			if _, ok := out.Files[want]; !ok {
				t.Errorf("the build succeeded without /%s (key %q, slug %q, alias %q)", want, key, slug, alias)
			}
		}
		folded := map[string]string{}
		for p := range out.Files {
			low := strings.ToLower(p)
			if q, ok := folded[low]; ok {
				t.Errorf("/%s and /%s differ only in letter case (slug %q, alias %q)", p, q, slug, alias)
			}
			folded[low] = p
		}
		for p := range out.Files {
			for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
				if _, ok := folded[strings.ToLower(dir)]; ok {
					t.Errorf("/%s is a file, and /%s needs it as a folder (slug %q, alias %q)", dir, p, slug, alias)
				}
			}
		}
	})
}
