package build

import (
	"strings"
	"testing"
)

// layoutSite is a site written from the README's reference: every office
// field, a meeting with outcomes, actions, a body and files, a regulation
// with its official document, pages with and without two headings, and
// topics.
const layoutSite = `-- site.yaml --
title: {id: Kantor Contoh, en: Example Office}
baseURL: https://contoh.example/
office:
  name: {id: Kantor Contoh, en: Example Office}
  parent: {id: Direktorat Jenderal Contoh, en: Directorate General of Examples}
  address: |
    Jl. Percobaan 7
    Kota Contoh 12345
  phone: +62 (331) 123-456
  email: humas@contoh.example
  hours: {id: Senin–Jumat 08.00–16.00, en: Monday to Friday 8:00–16:00}
  social:
    - {name: Instagram, url: https://www.instagram.com/contoh/}
    - {name: YouTube, url: https://www.youtube.com/@contoh}
-- content/meetings/rapat-a/index.md --
---
title: Rapat A
date: 2024-03-05T09:00
venue: Aula Kantor
organizer: Kantor Contoh
theme: Tema rapat
chair: {name: Ketua Rapat}
tags: [pengawasan, Kerja Sama]
outcomes: [Hasil pertama, Hasil kedua]
actions:
  - {action: Tindakan satu, owner: Seksi A, due: 2024-04-01}
attachments:
  - {file: ringkasan.txt, title: Ringkasan}
  - {file: daftar.csv, title: Daftar hadir}
---

Jalannya rapat.
-- content/meetings/rapat-a/ringkasan.txt --
Ringkasan rapat.
-- content/meetings/rapat-a/daftar.csv --
nama,instansi
-- content/regulations/pp-1-2020.md --
---
title: Peraturan Pemerintah Nomor 1 Tahun 2020 tentang Contoh
type: PP
number: "1"
year: 2020
files:
  - {file: "https://jdih.contoh.example/pp-1-2020.pdf", title: Salinan resmi}
---

Tentang peraturan ini.
-- content/news/kabar.md --
---
title: Kabar
date: 2024-03-06
---

Isi kabar.
-- content/tentang.md --
---
title: Tentang
---

## Tugas

Tugas kantor.

## Wilayah kerja

Wilayah kantor.
-- content/kontak.md --
---
title: Kontak
---

## Alamat

Satu bagian saja.
`

// TestLayout builds layoutSite and checks the theme's public-service
// layout: the institutional header and footer, the side rail and the
// order of a meeting record and of a regulation.
func TestLayout(t *testing.T) {
	res, out := buildSite(t, siteFS(t, []byte(layoutSite)), Options{})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	page := func(name string) string {
		t.Helper()
		data, ok := out.Files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		return string(data)
	}
	// inOrder checks that each part comes after the one before it.
	inOrder := func(name, html string, parts ...string) {
		t.Helper()
		at := 0
		for _, p := range parts {
			i := strings.Index(html[at:], p)
			if i < 0 {
				t.Errorf("%s: %q missing, or not after %q", name, p, html[:at][max(0, at-60):])
				return
			}
			at += i + len(p)
		}
	}

	home := page("index.html")
	inOrder("index.html", home, `<span class="site-parent">Direktorat Jenderal Contoh</span>`, `<span class="site-office">Kantor Contoh</span>`,
		`<h2 id="f_office" class="footer-title">Kantor Contoh</h2>`, `<p class="office-parent">Direktorat Jenderal Contoh</p>`,
		`Jl. Percobaan 7<br>Kota Contoh 12345`, `<a href="tel:&#43;62331123456">&#43;62 (331) 123-456</a>`,
		`<a href="mailto:humas@contoh.example">humas@contoh.example</a>`, `Senin–Jumat 08.00–16.00`,
		`<a href="https://www.instagram.com/contoh/" rel="me">Instagram</a>`, `<a href="https://www.youtube.com/@contoh" rel="me">YouTube</a>`)
	if en := page("en/index.html"); !strings.Contains(en, `<span class="site-parent">Directorate General of Examples</span>`) || !strings.Contains(en, "Monday to Friday 8:00–16:00") {
		t.Error("en/index.html: the parent body and hours are not in English")
	}
	if news := page("berita/kabar/index.html"); !strings.Contains(news, `"publisher":{"@type":"GovernmentOrganization","address":"Jl. Percobaan 7, Kota Contoh 12345","email":"humas@contoh.example","name":"Kantor Contoh","parentOrganization":{"@type":"GovernmentOrganization","name":"Direktorat Jenderal Contoh"},"telephone":"+62 (331) 123-456"`) {
		t.Errorf("a news post's JSON-LD publisher is not the office with its details:\n%s", news[strings.Index(news, "application/ld+json"):][:700])
	}

	meeting := page("rapat/rapat-a/index.html")
	// The rail first (on phones it is on top), its facts and files; then
	// the outcomes and actions before the rest of the record.
	inOrder("meeting", meeting, `class="status status-held"`, `id="h_glance"`, "Aula Kantor", `href="/rapat/rapat-a/calendar.ics"`,
		`id="h_attachments"`, "Ringkasan", "(Teks biasa (TXT), 17 B)", "Daftar hadir", "(Tabel data (CSV), 14 B)",
		`id="h_toc"`, `href="#h_outcomes"`, `href="#h_actions"`, `href="#h_record"`, `href="#h_proceedings"`,
		`class="doc-main"`, `id="h_outcomes"`, "Hasil pertama", `id="h_actions"`, "Tindakan satu", `id="h_record"`, "Tema rapat",
		`id="h_proceedings"`, "Jalannya rapat.")
	if n := strings.Count(meeting, "Aula Kantor</dd>"); n != 1 {
		t.Errorf("meeting: the venue is shown %d times, want once", n)
	}
	inOrder("meeting topics", meeting, `<a class="tag" href="/topik/pengawasan/">pengawasan</a>`, `<a class="tag" href="/topik/kerja-sama/">Kerja Sama</a>`)

	reg := page("peraturan/pp-1-2020/index.html")
	inOrder("regulation", reg, "<h1>", `class="status status-in-force"`, `id="h_files"`, "Dokumen resmi",
		`href="https://jdih.contoh.example/pp-1-2020.pdf"`, "(PDF)", `id="h_metadata"`, `class="doc-main"`, `id="h_about"`, "Tentang peraturan ini.")
	if n := strings.Count(reg, `class="status status-`); n != 1 {
		t.Errorf("regulation: its status is shown %d times, want once", n)
	}

	inOrder("page with two headings", page("tentang/index.html"), `<div class="doc-layout">`, `id="h_toc"`, `href="#tugas"`, `href="#wilayah-kerja"`, `class="doc-main"`)
	if p := page("kontak/index.html"); strings.Contains(p, `id="h_toc"`) || !strings.Contains(p, `class="doc-layout no-rail"`) {
		t.Error("kontak: a page with one heading has contents")
	}

	if list := page("rapat/index.html"); !strings.Contains(list, `<meta name="description" content="Rapat: daftar dokumen Kantor Contoh, terbaru lebih dahulu.">`) {
		t.Error("the meetings list has no description of its own")
	}
}

// TestLayoutWithoutOffice checks a site that sets no office and no menus:
// its footer has no office part, and the home page still links to every
// section.
func TestLayoutWithoutOffice(t *testing.T) {
	res, out := buildSite(t, siteFS(t, []byte(minimalConfig+"-- content/news/a.md --\n---\ntitle: A\ndate: 2024-01-01\n---\nIsi.\n")), Options{})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	home := string(out.Files["index.html"])
	if strings.Contains(home, "footer-office") || strings.Contains(home, "site-parent") {
		t.Error("a site without an office shows an office part")
	}
	_, links, _ := strings.Cut(home, `class="home-sections"`)
	links, _, _ = strings.Cut(links, "</nav>")
	for _, href := range []string{`href="/berita/"`, `href="/rapat/"`, `href="/peraturan/"`, `href="/informasi-publik/"`, `href="/data/"`} {
		if !strings.Contains(links, href) {
			t.Errorf("the home page's links lack %s:\n%s", href, links)
		}
	}
}
