package build

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"risalah/internal/linkcheck"
)

// subPathSite is a bilingual site with one of everything that links:
// a news bundle with a picture, a meeting (calendars), regulations (open
// data), topics, a page with an alias, and Markdown links both relative
// and root-relative.
const subPathSite = `-- site.yaml --
title: {id: Kantor Imigrasi Banyuwangi, en: Banyuwangi Immigration Office}
languages: [{code: id, name: Indonesia}, {code: en, name: English}]
menus:
  main:
    - {page: tentang}
    - {name: {id: Berita, en: News}, url: /berita/}
-- content/tentang.id.md --
---
title: Tentang kami
aliases: [/profil/]
---
Lihat [berita](news/foto/index.id.md) dan [daftar berita](/berita/).
-- content/tentang.en.md --
---
title: About us
---
See the [news](news/foto/index.en.md).
-- content/news/foto/index.id.md --
---
title: Rapat bergambar
date: 2024-03-01
tags: [timpora]
image: {src: foto.jpg, alt: Peserta rapat}
regulations: [uu-6-2011]
meetings: [rakor]
---
Rapat membahas [UU 6/2011](../../regulations/uu-6-2011.md).
-- content/news/foto/index.en.md --
---
title: A meeting in pictures
---
The meeting.
-- content/news/foto/foto.jpg --
@image jpeg 640x480
-- content/meetings/rakor.md --
---
title: Rakor TIMPORA
date: 2024-02-20T09:00
venue: Aula
organizer: Kantor Imigrasi
regulations: [uu-6-2011]
---
Isi rapat.
-- content/regulations/uu-6-2011.md --
---
title: Keimigrasian
type: UU
number: "6"
year: 2011
---
Isi.
`

// TestSubPath builds a site whose baseURL has a path, as an office
// published under its ministry's domain is: every address the build
// writes must start with that path. The output is served under the path
// and every link checked; then every absolute address in every file must
// carry the path.
func TestSubPath(t *testing.T) {
	const base = "https://example.go.id/kanim-banyuwangi/"
	res, out := buildSite(t, siteFS(t, []byte(subPathSite)), Options{BaseURL: base})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	served := fstest.MapFS{} // the output where the web server puts it
	for name, data := range out.Files {
		served["kanim-banyuwangi/"+name] = &fstest.MapFile{Data: data}
	}
	// The host's root, where the served tree starts.
	problems, err := linkcheck.Check(served, linkcheck.Options{BaseURL: "https://example.go.id/"})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range problems {
		if i == 20 {
			t.Errorf("and %d more", len(problems)-i)
			break
		}
		t.Errorf("served under /kanim-banyuwangi/: %s", p)
	}
	// Absolute addresses in feeds, the sitemap, calendars, open data,
	// robots.txt and the pages' metadata.
	abs := regexp.MustCompile(`https://example\.go\.id[^"'<>\s,]*`)
	for name, data := range out.Files {
		data = bytes.ReplaceAll(data, []byte("\r\n "), nil) // iCalendar folds long lines
		for _, u := range abs.FindAll(data, -1) {
			if !bytes.HasPrefix(u, []byte(base)) && !bytes.Equal(u, []byte(strings.TrimSuffix(base, "/"))) {
				t.Errorf("%s: %s is outside the base path", name, u)
			}
		}
	}
	// Root-relative addresses in pages.
	rel := regexp.MustCompile(`(?:href|src|action|data-index)="(/[^/"][^"]*)"`)
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range rel.FindAllSubmatch(data, -1) {
			if !bytes.HasPrefix(m[1], []byte("/kanim-banyuwangi/")) {
				t.Errorf("%s: %s is outside the base path", name, m[1])
			}
		}
	}
	for _, f := range []string{"index.html", "en/index.html", "berita/foto/foto.jpg", "css/risalah.css", "sitemap.xml", "profil/index.html"} {
		if _, ok := out.Files[f]; !ok {
			t.Errorf("no %s: output paths do not carry the base path", f)
		}
	}
}

// TestSubPathPreview builds the same site as the preview does, from the
// root of its host whatever baseURL's path.
func TestSubPathPreview(t *testing.T) {
	res, out := buildSite(t, siteFS(t, []byte(subPathSite)), Options{BaseURL: "https://example.go.id/kanim-banyuwangi/", AtRoot: true})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	served := fstest.MapFS{}
	for name, data := range out.Files {
		served[name] = &fstest.MapFile{Data: data}
	}
	problems, err := linkcheck.Check(served, linkcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("served from the root: %s", p)
	}
	if home := string(out.Files["index.html"]); !strings.Contains(home, `href="/css/risalah.css"`) {
		t.Error("the preview's pages do not start at /")
	}
}
