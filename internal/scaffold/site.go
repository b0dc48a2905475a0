package scaffold

import (
	"strings"
	"time"
)

// SiteConfig is the site.yaml that risalah init writes: every key, with
// a comment saying what it does.
const SiteConfig = `# Site settings. Every key is checked when the site is built: a misspelt
# key stops the build with its line number.

# The site's name, in each language (by language code).
title:
  id: Kantor Imigrasi
  en: Immigration Office
# One or two sentences for search engines and link previews.
description:
  id: Informasi publik kantor imigrasi, risalah rapat koordinasi, dan peraturan keimigrasian.
  en: Public information of the immigration office, records of coordination meetings and immigration regulations.
# The address the site is published at. Feeds, the sitemap and calendars
# need it; a path (https://example.go.id/kanim/) is honoured everywhere.
baseURL: https://example.go.id/
# The languages, the first being the site's own: its files are the
# originals, the others translations (file.en.md beside file.id.md).
languages:
  - code: id
    name: Bahasa Indonesia
  - code: en
    name: English
# The office's time zone (an IANA name): Asia/Jakarta (WIB), Asia/Makassar
# (WITA) or Asia/Jayapura (WIT). Dates without a time are days in it.
timezone: Asia/Jakarta
# How many documents a list shows on one page.
pageSize: 10
# The three sections: their addresses and titles in each language.
sections:
  news:
    slug: {id: berita, en: news}
    title: {id: Berita, en: News}
  meetings:
    slug: {id: rapat, en: meetings}
    title: {id: Risalah Rapat, en: Meeting Records}
  regulations:
    slug: {id: peraturan, en: regulations}
    title: {id: Peraturan, en: Regulations}
# The menus: a section, a page by its file's name (page: tentang), or an
# address (url: /berita/), each with a name per language if you like.
menus:
  main:
    - section: news
    - section: meetings
    - section: regulations
    - page: tentang
      name: {id: Tentang Kami, en: About Us}
  footer:
    - page: tentang
      name: {id: Tentang Kami, en: About Us}
# The office: its name and parent body head every page; its contact
# details fill every page's footer.
office:
  name: {id: Kantor Imigrasi, en: Immigration Office}
  # parent: {id: Direktorat Jenderal Imigrasi, en: Directorate General of Immigration}
  address: ""
  phone: ""
  email: ""
  # hours: {id: "Senin–Jumat, 08.00–16.00 WIB", en: "Monday to Friday, 08:00–16:00 WIB"}
  # logo: {src: /img/logo-kanim.png, alt: {id: Lambang Kantor Imigrasi, en: Emblem of the Immigration Office}}  # a file of static/, SVG or PNG
  # social:
  #   - {name: Instagram, url: https://www.instagram.com/...}
# markdown:
#   unsafe: false    # true lets raw HTML in documents through; only if you trust every editor
#   maxSize: 1MiB    # the largest document body
# regulationTypes:   # the site's own list of regulation types, which REPLACES the built-in one
#                    # (UU, Perppu, PP, Perpres, Permen, Perda, Pergub, Perbup, Perwali, Kepmen, SE):
#                    # list every type the site uses, in the order of the hierarchy of laws
#   - {code: UU, name: {id: Undang-Undang, en: Law}}
#   - {code: Perbup, name: {id: Peraturan Bupati, en: Regent Regulation}}
#   - {code: Perkada, name: {id: Peraturan Kepala Daerah, en: Regional Head Regulation}}
# paths:             # other folder names, if the site keeps them elsewhere
#   content: content
#   templates: templates
#   static: static
`

// GitIgnore is the .gitignore that risalah init writes: the output folder
// and what builds keep beside it.
const GitIgnore = `# risalah's output and what builds keep beside it
/public/
/.public.risalah/
/.public.lock
/.public.publishing
/.risalah-cache/
`

// GitAttributes is the .gitattributes that risalah init writes: Git for
// Windows, set to turn line ends into CR LF on checkout, would otherwise
// put CR bytes into every page made from the site's templates, and would
// change the bytes of pictures it took for text.
const GitAttributes = `# Text as LF on every computer, so that a build on Windows publishes the
# same bytes as one on Linux or macOS; pictures and documents as they are.
* text=auto eol=lf
*.md text eol=lf
*.yaml text eol=lf
*.yml text eol=lf
*.toml text eol=lf
*.json text eol=lf
*.html text eol=lf
*.css text eol=lf
*.js text eol=lf
*.svg text eol=lf
*.txt text eol=lf
*.csv text eol=lf
*.jpg binary
*.jpeg binary
*.png binary
*.gif binary
*.webp binary
*.pdf binary
*.ico binary
*.woff binary
*.woff2 binary
*.zip binary
*.doc binary
*.docx binary
*.xls binary
*.xlsx binary
*.ppt binary
*.pptx binary
*.odt binary
*.ods binary
`

// Example is one example document that risalah init writes.
type Example struct {
	Path string // slash-separated, in the site folder
	Text string
}

// Examples returns one document of each kind, in Indonesian and English,
// dated near now: a site that builds at once and shows every kind; the
// comments on their fields are in words, the editor's language.
func Examples(now time.Time, words string) []Example {
	day := now.AddDate(0, 0, -7)
	publish := func(s string) string {
		s = strings.Replace(s, DraftLine(words), "", 1)
		// The examples are published as they are, their example values
		// taken as the editor's: without the comment that marks them.
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if _, ok := Unfilled(l); ok {
				lines[i] = strings.TrimRight(l[:strings.Index(l, " # ")], " ")
			}
		}
		return strings.Join(lines, "\n")
	}
	var out []Example
	for _, ex := range []struct {
		kind, key, id, en, bodyID, bodyEN string
	}{
		{"news", "contoh-berita", "Contoh berita", "Example news post", "Ini contoh berita. Ubah atau hapus berkas ini.", "This is an example news post. Change or delete this file."},
		{"meeting", "contoh-rapat", "Contoh risalah rapat", "Example meeting record", "Ini contoh risalah rapat.", "This is an example meeting record."},
		{"regulation", "contoh-peraturan", "Contoh peraturan", "Example regulation", "Ini contoh peraturan.", "This is an example regulation."},
		{"page", "tentang", "Tentang kami", "About us", "Tentang kantor ini.", "About this office."},
	} {
		section, _ := Section(ex.kind)
		dir := "content/"
		if section != "" {
			dir += section + "/"
		}
		when := day
		if ex.kind == "meeting" {
			when = time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, day.Location())
		}
		id := publish(New(ex.kind, ex.id, "id", when, true, words))
		en := publish(New(ex.kind, ex.en, "en", when, false, words))
		id = id[:strings.LastIndex(id, "---\n")+4] + "\n" + ex.bodyID + "\n"
		en = en[:strings.LastIndex(en, "---\n")+4] + "\n" + ex.bodyEN + "\n"
		out = append(out, Example{dir + ex.key + ".id.md", id}, Example{dir + ex.key + ".en.md", en})
	}
	return out
}
