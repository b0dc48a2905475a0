// Package corpus generates bilingual sites of any size for benchmarks: news
// (60%), meetings (25%) and regulations (15%) with the real front-matter
// schema, Indonesian- and English-like text with headings, lists, tables and
// links between documents, and tags from a fixed vocabulary. The same seed
// gives the same site.
package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// Files is a generated site: slash-separated path → content.
type Files map[string][]byte

// Write writes the files under dir, making folders as needed.
func (f Files) Write(dir string) error {
	for name, data := range f {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Config is the site.yaml of every generated site.
const Config = `title:
  id: Kantor Imigrasi Contoh
  en: Example Immigration Office
baseURL: https://contoh.example/
languages:
  - {code: id, name: Bahasa Indonesia}
  - {code: en, name: English}
pageSize: 20
menus:
  main:
    - section: news
    - section: meetings
    - section: regulations
`

func idWords() []string {
	return strings.Fields(`pengawasan orang asing kantor imigrasi wilayah kabupaten kecamatan desa
koordinasi rapat pelayanan paspor izin tinggal peraturan pemerintah menteri hukum kegiatan
masyarakat pariwisata investasi keamanan ketertiban laporan data informasi publik petugas
instansi daerah provinsi tim kerja sama pemantauan penindakan pemeriksaan dokumen perjalanan
warga negara keluarga usaha tenaga pekerja sosialisasi evaluasi program tahun bulan minggu`)
}

func enWords() []string {
	return strings.Fields(`supervision foreign nationals immigration office region regency district
village coordination meeting service passport stay permit regulation government minister law
activity community tourism investment security order report data public information officer
agency regional province team cooperation monitoring enforcement inspection travel document
citizen family business worker outreach evaluation programme year month week`)
}

func tags() []string {
	return []string{"timpora", "paspor", "izin-tinggal", "pengawasan", "pelayanan", "pariwisata",
		"investasi", "intelijen", "penindakan", "sosialisasi", "informasi-publik", "pengaduan"}
}

func regTypes() []string { return []string{"UU", "PP", "Perpres", "Permen", "Perda", "Kepmen", "SE"} }

type gen struct {
	r                  *rand.Rand
	n                  int
	nNews, nMeet, nReg int
}

// Generate returns a site with n documents per language.
func Generate(n int, seed int64) Files {
	g := &gen{r: rand.New(rand.NewSource(seed)), n: n}
	g.nNews = n * 60 / 100
	g.nMeet = n * 25 / 100
	g.nReg = n - g.nNews - g.nMeet
	f := Files{"site.yaml": []byte(Config)}
	for i := 0; i < g.nReg; i++ {
		id, en := g.regulation(i)
		f[fmt.Sprintf("content/regulations/reg-%05d.id.md", i)] = id
		f[fmt.Sprintf("content/regulations/reg-%05d.en.md", i)] = en
	}
	for i := 0; i < g.nMeet; i++ {
		id, en := g.meeting(i)
		f[fmt.Sprintf("content/meetings/meet-%05d.id.md", i)] = id
		f[fmt.Sprintf("content/meetings/meet-%05d.en.md", i)] = en
	}
	for i := 0; i < g.nNews; i++ {
		id, en := g.news(i)
		f[fmt.Sprintf("content/news/news-%05d.id.md", i)] = id
		f[fmt.Sprintf("content/news/news-%05d.en.md", i)] = en
	}
	return f
}

func (g *gen) sentence(words []string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := words[g.r.Intn(len(words))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

func (g *gen) date(i, total int) string {
	day := i * 3650 / max(total, 1)
	y, d := 2016+day/365, day%365
	return fmt.Sprintf("%d-%02d-%02d", y, 1+d/31%12, 1+d%28)
}

// body writes 400–900 words with headings, a list, a table and links.
func (g *gen) body(words []string, lang string, link func() string) string {
	var b strings.Builder
	target := 400 + g.r.Intn(500)
	count := 0
	heading := "Bagian"
	if lang == "en" {
		heading = "Part"
	}
	for s := 1; count < target; s++ {
		fmt.Fprintf(&b, "## %s %d\n\n", heading, s)
		for p := 0; p < 3 && count < target; p++ {
			n := 8 + g.r.Intn(14)
			for k := 0; k < 4; k++ {
				b.WriteString(g.sentence(words, n))
				b.WriteByte(' ')
				count += n
			}
			if g.r.Intn(3) == 0 {
				b.WriteString(link())
			}
			b.WriteString("\n\n")
		}
		if s%2 == 0 {
			for k := 0; k < 3; k++ {
				fmt.Fprintf(&b, "- %s\n", g.sentence(words, 6))
				count += 6
			}
			b.WriteByte('\n')
		}
		if s%3 == 0 {
			b.WriteString("| No | " + words[0] + " | " + words[1] + " |\n|---|---|---|\n")
			for k := 1; k <= 3; k++ {
				fmt.Fprintf(&b, "| %d | %s | %s |\n", k, words[g.r.Intn(len(words))], words[g.r.Intn(len(words))])
				count += 2
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (g *gen) linkTo(lang, fromSection string) func() string {
	return func() string {
		if g.nReg == 0 {
			return ""
		}
		k := g.r.Intn(g.nReg)
		return fmt.Sprintf("[reg %d](../regulations/reg-%05d.%s.md) ", k, k, lang)
	}
}

func (g *gen) tagList() string {
	t := tags()
	a, b := g.r.Intn(len(t)), g.r.Intn(len(t))
	if a == b {
		return "[" + t[a] + "]"
	}
	return "[" + t[a] + ", " + t[b] + "]"
}

func (g *gen) news(i int) ([]byte, []byte) {
	date := g.date(i, g.nNews)
	tg := g.tagList()
	refs := ""
	if g.nMeet > 0 {
		refs += fmt.Sprintf("meetings: [meet-%05d]\n", g.r.Intn(g.nMeet))
	}
	if g.nReg > 0 {
		refs += fmt.Sprintf("regulations: [reg-%05d]\n", g.r.Intn(g.nReg))
	}
	id := fmt.Sprintf("---\ntitle: %q\ndate: %s\ntags: %s\nauthor: Humas\n%s---\n%s",
		g.sentence(idWords(), 6), date, tg, refs, g.body(idWords(), "id", g.linkTo("id", "news")))
	en := fmt.Sprintf("---\ntitle: %q\ndate: %s\ntags: %s\n---\n%s", g.sentence(enWords(), 6), date, tg, g.body(enWords(), "en", g.linkTo("en", "news")))
	return []byte(id), []byte(en)
}

func (g *gen) meeting(i int) ([]byte, []byte) {
	date := g.date(i, g.nMeet)
	refs := ""
	if g.nReg > 0 {
		refs = fmt.Sprintf("regulations: [reg-%05d, reg-%05d]\n", g.r.Intn(g.nReg), g.r.Intn(g.nReg))
	}
	id := fmt.Sprintf(`---
title: %q
date: %sT09:00:00
end: %sT12:00:00
venue: Aula Kantor Imigrasi
organizer: Kantor Imigrasi Contoh
theme: %q
chair: {name: Kepala Kantor, role: Pimpinan rapat}
speakers:
  - {name: Narasumber, role: Kepala Bidang}
participants: [Polres, Kodim, Dinas Pariwisata]
agenda: [Pembukaan, Paparan, Diskusi]
outcomes: [%q]
actions:
  - {action: Menyusun laporan, owner: Seksi Intelijen, due: %s}
tags: %s
%s---
%s`, g.sentence(idWords(), 5), date, date, g.sentence(idWords(), 7), g.sentence(idWords(), 9), date, g.tagList(), refs,
		g.body(idWords(), "id", g.linkTo("id", "meetings")))
	en := fmt.Sprintf("---\ntitle: %q\ndate: %sT09:00:00\ntheme: %q\nagenda: [Opening, Presentation, Discussion]\noutcomes: [%q]\n---\n%s",
		g.sentence(enWords(), 5), date, g.sentence(enWords(), 7), g.sentence(enWords(), 9), g.body(enWords(), "en", g.linkTo("en", "meetings")))
	return []byte(id), []byte(en)
}

func (g *gen) regulation(i int) ([]byte, []byte) {
	types := regTypes()
	typ := types[i%len(types)]
	year := 1990 + i*35/max(g.nReg, 1)
	amends := ""
	if i > 0 && i%5 == 0 {
		amends = fmt.Sprintf("amends: [reg-%05d]\n", g.r.Intn(i))
	}
	id := fmt.Sprintf("---\ntitle: %q\ndate: %d-06-01\ntype: %s\nnumber: \"%d\"\nyear: %d\nenacted: %d-06-01\nissuer: Pemerintah\nfield: Keimigrasian\n%s---\n%s",
		g.sentence(idWords(), 7), year, typ, i+1, year, year, amends, g.body(idWords(), "id", func() string { return "" }))
	en := fmt.Sprintf("---\ntitle: %q\ndate: %d-06-01\nissuer: Government\nfield: Immigration\n---\n%s", g.sentence(enWords(), 7), year, g.body(enWords(), "en", func() string { return "" }))
	return []byte(id), []byte(en)
}
