package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCheckAndBuildAgree checks, on sites each broken in one way, that
// every error check reports is an error of build too, word for word, so
// that a site check passes is one build publishes and a site check fails
// is one build refuses. (check adds warnings of its own: links, anchors
// and unused files.)
func TestCheckAndBuildAgree(t *testing.T) {
	news := func(fm, body string) string { return "---\ntitle: A\ndate: 2024-01-01\n" + fm + "---\n" + body + "\n" }
	for _, tc := range []struct {
		name  string
		files map[string]string
		link  [2]string // a symbolic link to make: its name and target
	}{
		{name: "section index", files: map[string]string{"content/news/index.md": news("", "Bagian."), "content/news/b.md": news("draft: true\n", "Draf.")}},
		{name: "markdown in a bundle", files: map[string]string{"content/news/x/index.md": news("", "Isi."), "content/news/x/catatan.md": news("draft: true\n", "Rahasia.")}},
		{name: "markdown in static", files: map[string]string{"static/catatan.md": "rahasia"}},
		{name: "misspelt field", files: map[string]string{"content/meetings/m.md": "---\ntitle: R\ndate: 2024-01-01T09:00\nvenue: Aula\norganizer: K\nparticpants: [Polres]\n---\n"}},
		{name: "example left by new", files: map[string]string{"content/news/x.md": news("", "Tulis isi dokumen di sini, dalam Markdown.")}},
		{name: "script in an SVG", files: map[string]string{"static/img/x.svg": `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`}},
		{name: "HEIC photo", files: map[string]string{"content/news/x/index.md": news("attachments: [{file: f.heic, title: F}]\n", "Isi."), "content/news/x/f.heic": "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"}},
		{name: "file: attachment", files: map[string]string{"content/news/x/index.md": news("attachments: [{file: \"file:///etc/passwd\", title: F}]\n", "Isi.")}},
		{name: "javascript: menu", files: map[string]string{"site.yaml": "title: {id: Situs, en: Site}\nbaseURL: https://situs.example/\nmenus:\n  main:\n    - url: \"javascript:alert(1)\"\n      name: {id: X, en: X}\n"}},
		{name: "link to a dotfile", files: map[string]string{"content/news/x/index.md": news("", "[env](env.txt)"), ".env": "SECRET=1"}, link: [2]string{"content/news/x/env.txt", "../../../.env"}},
		{name: "exempt and published", files: map[string]string{"content/news/x.md": news("ppid: dikecualikan\n", "Isi.")}},
		{name: "broken link", files: map[string]string{"content/news/x.md": news("", "[x](/tidak-ada/)")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := basicSite()
			for k, v := range tc.files {
				files[k] = v
			}
			site := newSite(t, files)
			if tc.link[0] != "" {
				if err := os.Symlink(tc.link[1], filepath.Join(site, filepath.FromSlash(tc.link[0]))); err != nil {
					t.Skip("no symbolic links here:", err)
				}
			}
			ccode, cout, _ := run(t, "check", "-s", site)
			bcode, _, berr := run(t, "build", "-s", site, "-o", filepath.Join(t.TempDir(), "out"))
			checkErrs, buildErrs := errorLines(cout), errorLines(berr)
			if len(checkErrs) == 0 {
				t.Fatalf("check found no error (exit %d):\n%s", ccode, cout)
			}
			if ccode != ExitBuild || bcode != ExitBuild {
				t.Errorf("check exit %d, build exit %d; want both %d", ccode, bcode, ExitBuild)
			}
			t.Log(strings.Join(checkErrs, "\n"))
			if !slices.Equal(checkErrs, buildErrs) {
				t.Errorf("check and build disagree:\ncheck:\n%s\nbuild:\n%s", strings.Join(checkErrs, "\n"), strings.Join(buildErrs, "\n"))
			}
		})
	}
}

// errorLines returns the sorted lines of out that report an error.
func errorLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, ": error: ") {
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	return lines
}
