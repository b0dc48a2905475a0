package build

import (
	"strings"
	"sync"
	"testing"
)

// TestSiteOverridesTheme checks that a site's own templates and static
// files replace the built-in ones by file name, and that the rest of the
// theme still applies.
func TestSiteOverridesTheme(t *testing.T) {
	files := minimalConfig + `-- content/news/a.md --
---
title: A
date: 2024-01-01
---
-- templates/404.html --
{{define "main"}}<p>Halaman khusus 404 situs ini.</p>{{end}}
-- static/css/risalah.css --
/* the site's own colours */
body { color: black; }
-- static/robots.txt --
User-agent: *
`
	res, out := buildSite(t, siteFS(t, []byte(files)), Options{})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	if got := string(out.Files["404.html"]); !strings.Contains(got, "Halaman khusus 404 situs ini.") || !strings.Contains(got, `<html lang="id">`) {
		t.Errorf("404.html does not use the site's template inside the theme's base:\n%s", got)
	}
	if got := string(out.Files["css/risalah.css"]); got != "body{color:black}" {
		t.Errorf("css/risalah.css = %q, want the site's own without its comment and spaces", got)
	}
	if _, ok := out.Files["robots.txt"]; !ok {
		t.Error("static/robots.txt not copied")
	}
	if _, ok := out.Files["img/emblem.svg"]; !ok {
		t.Error("the theme's other static files were not copied")
	}
	if !strings.Contains(string(out.Files["berita/a/index.html"]), `class="skip-link"`) {
		t.Error("the theme's page templates no longer apply")
	}
}

// TestTemplateErrorsArePositioned breaks a site's template and checks that
// the error names the template file and line once, not once per page.
func TestTemplateErrorsArePositioned(t *testing.T) {
	files := minimalConfig + `-- content/news/a.md --
---
title: A
date: 2024-01-01
---
-- content/news/b.md --
---
title: B
date: 2024-01-02
---
-- templates/news.html --
{{define "main"}}
<p>{{.Doc.Nope}}</p>
{{end}}
`
	res, _ := buildSite(t, siteFS(t, []byte(files)), Options{})
	if res.OK() {
		t.Fatal("a broken template built")
	}
	items := res.Diags.Items()
	if len(items) != 1 {
		t.Fatalf("want one grouped error, got %d: %v", len(items), res.Diags.Err())
	}
	got := items[0].Error()
	for _, want := range []string{"templates/news.html:2:", "can't evaluate field Nope", "and 1 more pages", "[R401]"} {
		if !strings.Contains(got, want) {
			t.Errorf("error lacks %q: %s", want, got)
		}
	}
	files = minimalConfig + "-- templates/page.html --\n{{define \"main\"}}{{if}}{{end}}\n"
	res, _ = buildSite(t, siteFS(t, []byte(files)), Options{})
	if err := res.Diags.Err(); err == nil || !strings.Contains(err.Error(), "templates/page.html") || !strings.Contains(err.Error(), "missing value for if") {
		t.Errorf("parse error = %v", err)
	}
}

func TestAliasClash(t *testing.T) {
	files := minimalConfig + `-- content/news/a.md --
---
title: A
date: 2024-01-01
aliases: [/berita/]
---
`
	res, _ := buildSite(t, siteFS(t, []byte(files)), Options{})
	if err := res.Diags.Err(); err == nil || !strings.Contains(err.Error(), `content/news/a.md:4:11: error: /berita/ is also written by the news list`) {
		t.Errorf("got %v", err)
	}
}

// TestLinksSurviveABundle links to a document by its file, then moves the
// document into a page bundle, as an editor does to add a photo, and
// another out of one: the links still lead to them.
func TestLinksSurviveABundle(t *testing.T) {
	fsys := siteFS(t, []byte(minimalConfig+`-- content/news/a.md --
---
title: A
date: 2023-08-24
---
Lihat [B](b.md), [C](c/index.md) dan [D](../meetings/d.md).
-- content/news/b/index.md --
---
title: B
date: 2023-08-25
---
Isi B.
-- content/news/c.md --
---
title: C
date: 2023-08-26
---
Isi C.
-- content/meetings/d/index.md --
---
title: D
date: 2023-08-27
venue: Aula
organizer: Kantor
---
Isi D.
`))
	res, out := buildSite(t, fsys, Options{})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	page := string(out.Files["berita/a/index.html"])
	for _, want := range []string{`href="/berita/b/"`, `href="/berita/c/"`, `href="/rapat/d/"`} {
		if !strings.Contains(page, want) {
			t.Errorf("berita/a lacks %s", want)
		}
	}
}

// TestProgress counts the pages a build reports done: every page once,
// ending at the total.
func TestProgress(t *testing.T) {
	var mu sync.Mutex
	calls, last, total := 0, 0, 0
	res, out := buildSite(t, sampleSite(t), Options{Progress: func(done, n int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		last, total = max(last, done), n
	}})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	pages := 0
	for name := range out.Files {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	if calls != total || last != total || total != pages {
		t.Errorf("%d calls, last %d of %d; the build wrote %d pages", calls, last, total, pages)
	}
}

// TestManifestOfTheSite checks that a site's own static/manifest.json (a
// web app manifest by an older name) is published as it is, with a
// warning that the build's list of files is then not written.
func TestManifestOfTheSite(t *testing.T) {
	fsys := siteFS(t, []byte(minimalConfig+`-- static/manifest.json --
{"name": "Kantor"}
`))
	res, out := buildSite(t, fsys, Options{})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	if got := string(out.Files[ManifestName]); got != "{\"name\": \"Kantor\"}\n" {
		t.Errorf("manifest.json is %q, want the site's own", got)
	}
	var got []string
	for _, d := range res.Diags.Items() {
		got = append(got, d.Error())
	}
	if w := strings.Join(got, "\n"); !strings.Contains(w, "static/manifest.json: warning: /manifest.json is the site's own file") {
		t.Errorf("warnings: %s", w)
	}
}

// TestWindowsSavedTheme builds a site whose own template and stylesheet
// were saved on Windows, with a byte-order mark and CR LF line ends (Git's
// autocrlf): the pages and the stylesheet are the bytes a Linux build
// writes, without a BOM or a CR.
func TestWindowsSavedTheme(t *testing.T) {
	files := minimalConfig + "-- content/news/a.md --\n---\ntitle: A\ndate: 2024-01-01\n---\nIsi.\n" +
		"-- templates/404.html --\n\ufeff{{define \"main\"}}\r\n<p>Tidak ada.</p>\r\n{{end}}\r\n" +
		"-- static/css/situs.css --\n\ufeffbody {\r\n  color: black;\r\n}\r\n"
	res, out := buildSite(t, siteFS(t, []byte(files)), Options{})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	page := string(out.Files["404.html"])
	if !strings.Contains(page, "<p>Tidak ada.</p>") || strings.Contains(page, "\r") || strings.Contains(page, "\ufeff") {
		t.Errorf("404.html keeps a CR or a BOM:\n%q", page)
	}
	if got := string(out.Files["css/situs.css"]); got != "body{color:black}" {
		t.Errorf("css/situs.css = %q, want it without its BOM", got)
	}
}
