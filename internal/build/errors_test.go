package build

import (
	"strings"
	"testing"
)

const minimalConfig = `-- site.yaml --
title: {id: Situs, en: Site}
baseURL: https://situs.example/
`

// TestBadInput builds small broken sites and checks that each problem is
// reported with its file, line, column and code, and that it fails the
// build (or not, for warnings).
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files string
		want  []string // substrings of the diagnostics, in any order
		ok    bool     // the build still succeeds (warnings only)
		// errors, when > 0, is how many errors there are: no more than
		// those wanted.
		errors int
	}{
		{
			name: "malformed YAML",
			files: `-- content/news/a.md --
---
title: Rapat
date: [2023-08-23
---
`,
			want: []string{"content/news/a.md:", "malformed YAML front matter", "[R101]"},
		},
		{
			name: "YAML line counted from the top of the file",
			files: `-- content/news/a.md --


---
title: Rapat
date: 2023-08-23
summary: a: b: c
---
`,
			want: []string{"content/news/a.md:6:", "[R101]"},
		},
		{
			name: "front matter never closed",
			files: `-- content/news/a.md --
---
title: Rapat
date: 2023-08-23
Isi berita.
`,
			want: []string{"content/news/a.md:1:1: error: front matter opened here is never closed; add a line with only --- after the last field [R102]"},
		},
		{
			name:  "BOM and CRLF simply work",
			files: "-- content/news/a.md --\n\ufeff---\r\ntitle: Rapat\r\ndate: 2023-08-23\r\nvenu: x\r\n---\r\nIsi.\r\n",
			want:  []string{"content/news/a.md:4:1: error: unknown field \"venu\""},
		},
		{
			name: "missing required field",
			files: `-- content/meetings/m.md --
---
title: Rapat
date: 2023-08-23
organizer: Kantor
---
`,
			want: []string{"content/meetings/m.md:2:1: error: missing required field \"venue\"", "[R103]"},
		},
		{
			name: "missing title",
			files: `-- content/about.md --
---
slug: tentang
---
`,
			want: []string{"content/about.md:2:1: error: missing required field \"title\""},
		},
		{
			name: "wrong type",
			files: `-- content/regulations/uu.md --
---
title: UU
type: UU
number: "6"
year: dua ribu sebelas
tags: {a: b}
---
`,
			want: []string{`content/regulations/uu.md:5:7: error: year: expected a whole number, found "dua ribu sebelas"`,
				"content/regulations/uu.md:6:7: error: tags: expected a list, found a mapping of fields", "[R104]"},
		},
		{
			name: "unknown field with suggestion",
			files: `-- content/meetings/m.md --
---
title: Rapat
date: 2023-08-23
venue: Aula
organizer: Kantor
tempat: Aula
pesertaa: [Polres]
---
`,
			// An error: what the field holds would be left out of the site.
			want: []string{`content/meetings/m.md:6:1: error: unknown field "tempat"; did you mean "venue"? [R105]`,
				`content/meetings/m.md:7:1: error: unknown field "pesertaa"; did you mean "participants" (peserta)? [R105]`},
		},
		{
			name: "invalid date",
			files: `-- content/news/a.md --
---
title: Rapat
date: 2023-13-45
---
`,
			want: []string{`content/news/a.md:3:7: error: date: "2023-13-45" is not a valid date; write YYYY-MM-DD`, "[R106]"},
		},
		{
			name: "unknown regulation type",
			files: `-- content/regulations/x.md --
---
title: X
type: Permenn
number: "1"
year: 2020
---
`,
			want: []string{`content/regulations/x.md:3:7: error: unknown regulation type "Permenn"; did you mean "Permen"?`, "[R107]"},
		},
		{
			name: "two documents, one URL",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
slug: sama
---
-- content/news/b.md --
---
title: B
date: 2023-01-02
slug: sama
---
`,
			want: []string{"content/news/b.md:4:7: error: /berita/sama/ is also written by content/news/a.md", "[R202]"},
		},
		{
			name: "slug leaving the output folder",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
slug: ../../../etc
---
`,
			want: []string{`content/news/a.md:4:7: error: slug "../../../etc" contains a slash`, "[R203]"},
		},
		{
			name: "alias leaving the output folder",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
aliases:
  - /ok/
  - ../../outside/
---
`,
			want: []string{`content/news/a.md:6:5: error: alias "../../outside/" would write outside the output folder`, "[R203]"},
		},
		{
			name: "two files for one document",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
---
-- content/news/a.id.md --
---
title: A
date: 2023-01-01
---
`,
			want: []string{`document "a" in language "id" is also defined by`, "[R201]"},
		},
		{
			name: "broken link and unknown key",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
regulations: [uu-6-2011, uu-6-2012]
---
Lihat [UU](../regulations/uu-6-2010.id.md).
-- content/regulations/uu-6-2011.md --
---
title: UU 6/2011
type: UU
number: "6"
year: 2011
---
`,
			want: []string{`content/news/a.md:6:7: error: broken link "../regulations/uu-6-2010.id.md": no file content/regulations/uu-6-2010.id.md`,
				`content/news/a.md:4:26: error: regulations: no regulations document with key "uu-6-2012"; did you mean "uu-6-2011"? [R205]`},
		},
		{
			name: "translation changes a fact",
			files: `-- content/meetings/m.id.md --
---
title: Rapat
date: 2023-08-23
venue: Hotel Santika Banyuwangi
organizer: Kantor
---
-- content/meetings/m.en.md --
---
title: Meeting
venue: Santika Hotel
---
`,
			want: []string{`content/meetings/m.en.md:3:1: error: "venue" differs from the original in content/meetings/m.id.md:4`, "[R206]"},
		},
		{
			name: "raw HTML and unsafe links",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
---
Teks <span>miring</span>.

[klik](javascript:alert(1)) dan [data](data:text/html;base64,PHNjcmlwdD4=)
`,
			want: []string{"content/news/a.md:5:6: warning: raw HTML is left out of the page", "[R301]",
				`content/news/a.md:7:1: warning: unsafe link "javascript:alert(1)" is not emitted`, "[R302]"},
			ok: true,
		},
		{
			name: "TOML front matter positions",
			files: `-- content/regulations/uu.md --
+++
title = "UU"
type = "UU"
number = "6"
year = "dua"
+++
`,
			want: []string{`content/regulations/uu.md:5:1: error: year: expected a whole number`},
		},
		{
			name: "JSON front matter positions",
			files: `-- content/regulations/uu.md --
{
  "title": "UU",
  "type": "UU",
  "number": "6",
  "year": "dua"
}

Isi.
`,
			want: []string{`content/regulations/uu.md:5:11: error: year: expected a whole number`},
		},
		{
			name: "file in a language the site does not have",
			files: `-- content/news/a.fr.md --
---
title: A
date: 2023-01-01
---
`,
			want: []string{`content/news/a.fr.md: error: language "fr" of this file is not a language of the site`},
		},
		{
			name: "body over markdown.maxSize",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
---
Paragraf pertama yang cukup panjang untuk melewati batas.

Paragraf kedua.
-- site.yaml --
title: {id: Situs, en: Site}
baseURL: https://situs.example/
markdown: {maxSize: 40}
`,
			want: []string{"content/news/a.md:5:", "[R304]"},
		},
		{
			// 390 bytes that expand to 43 million values: the build must
			// stop at the alias, not at the kernel's memory killer.
			name: "YAML aliases that expand without bound",
			files: `-- content/news/a.md --
---
title: Bom
date: 2023-01-01
a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
tags: *i
---
`,
			want: []string{"content/news/a.md:9:", "more than 100000 values", "[R111]"},
		},
		{
			name: "slug and alias Windows cannot create",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
slug: con
aliases: [/lama/aux.html, "/titik./"]
---
`,
			want: []string{
				`content/news/a.md:4:7: error: slug "con" is a device name on Windows (CON)`,
				`content/news/a.md:5:11: error: alias "/lama/aux.html" has "aux.html", which is a device name on Windows (AUX)`,
				`content/news/a.md:5:27: error: alias "/titik./" has "titik.", which ends in a dot`,
			},
		},
		{
			name: "file names Windows cannot create",
			files: `-- content/news/nul.md --
---
title: A
date: 2023-01-01
---
`,
			want: []string{`content/news/nul.md: error: the name "nul.md" is a device name on Windows (NUL)`, `[R110]`},
		},
		{
			name: "translation named with a capital letter, after its original",
			files: `-- content/meetings/rakor-timpora-2023.md --
---
title: Rakor
date: 2023-08-23
venue: Aula
organizer: Kanim
---
-- content/meetings/rakor-timpora-2O23.en.md --
---
title: Meeting
---
`,
			want:   []string{`content/meetings/rakor-timpora-2O23.en.md: error: the name "rakor-timpora-2O23", which gives the page's address, has capital letters; addresses are written in lowercase; rename the file after the document "rakor-timpora-2023" it belongs with: rakor-timpora-2023.en.md [R108]`},
			errors: 1,
		},
		{
			name: "static file names Windows cannot create",
			files: `-- static/lpt1.txt --
x
-- static/img/com3 --
x
`,
			want: []string{
				`static/lpt1.txt: error: output path /lpt1.txt has "lpt1.txt", which is a device name on Windows (LPT1)`,
				`static/img/com3: error: output path /img/com3 has "com3"`,
				`[R110]`,
			},
		},
		{
			name: "taxonomy term Windows cannot create",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
tags: [Con]
---
`,
			want: []string{`content/news/a.md:4:7: error: "Con" would be published as the folder "con", which is a device name on Windows (CON)`},
		},
		{
			// Slugs are lowercase, so two can no longer differ only in
			// letter case; static files and terms still can (below).
			name: "slugs outside the slug policy",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
slug: Rakor
---
-- content/news/b.md --
---
title: B
date: 2023-01-02
slug: rapat-kerja-ñusantara
---
-- content/news/c.md --
---
title: C
date: 2023-01-03
slug: "\u202e"
---
-- content/news/d.md --
---
title: D
date: 2023-01-04
slug: ` + strings.Repeat("panjang-", 38) + `
---
-- content/news/Rapat Besar.md --
---
title: E
date: 2023-01-05
---
`,
			want: []string{
				`content/news/a.md:4:7: error: slug "Rakor" has capital letters; addresses are written in lowercase; write it as "rakor" [R203]`,
				`content/news/b.md:4:7: error: slug "rapat-kerja-ñusantara" has 'ñ', which is not a plain letter or digit (U+00F1); write it as "rapat-kerja-nusantara"`,
				`content/news/c.md:4:7: error: slug "\u202e" has '\u202e', which is not a plain letter or digit (U+202E); use lowercase letters`,
				`content/news/d.md:4:7: error: slug "panjang-panjang-`, `is 304 bytes long, more than 100`,
				`content/news/Rapat Besar.md: error: the name "Rapat Besar", which gives the page's address, has capital letters; addresses are written in lowercase; rename the file: write it as "rapat-besar" [R108]`,
			},
		},
		{
			name: "a date-only end on the day of a timed start",
			files: `-- content/meetings/r.md --
---
title: Rapat
date: 2023-08-23T09:00
end: 2023-08-23
venue: Aula
organizer: Kantor
---
`,
			ok: true,
		},
		{
			name: "a date-only end the day before a timed start",
			files: `-- content/meetings/r.md --
---
title: Rapat
date: 2023-08-23T09:00
end: 2023-08-22
venue: Aula
organizer: Kantor
---
`,
			want: []string{"content/meetings/r.md:4:6: error: the meeting ends (2023-08-22) before it starts (2023-08-23T09:00:00+07:00)"},
		},
		{
			name: "root-relative links to pages, files and lists of the site, and to none",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
tags: [rapat]
---
[ada](/berita/b/) [juga](/berita/b/#isi) [daftar](/berita/) [topik](/topik/rapat/)
[umpan](/atom.xml) [gaya](/css/risalah.css) [data](/data/meetings.csv?x=1) [peta](/sitemap.xml)

[hilang](/peraturan/uu-6-2012/) [berkas](/files/tidak-ada.pdf)
-- content/news/b.md --
---
title: B
date: 2023-01-02
---
Isi.
`,
			want: []string{
				`content/news/a.md:9:1: error: broken link "/peraturan/uu-6-2012/": no page or file of this site is at /peraturan/uu-6-2012/; link to the document's file instead`,
				`content/news/a.md:9:33: error: broken link "/files/tidak-ada.pdf": no page or file of this site is at /files/tidak-ada.pdf`,
			},
			errors: 2,
		},
		{
			name: "a translation whose file name has no original",
			files: `-- site.yaml --
title: {id: Situs, en: Site}
languages: [{code: id, name: Indonesia}, {code: en, name: English}]
-- content/meetings/rakor-timpora-2023.id.md --
---
title: Rakor
date: 2023-08-23
venue: Aula
organizer: Kantor
---
-- content/meetings/rakor-timpora-2o23.en.md --
---
title: Coordination meeting
---
`,
			want:   []string{`content/meetings/rakor-timpora-2o23.en.md:1:1: error: this en version has no original: there is no document "rakor-timpora-2o23" in id, the site's first language, to take its other fields from; did you mean "rakor-timpora-2023"? Rename this file to rakor-timpora-2023.en.md [R207]`},
			errors: 1,
		},
		{
			name:  "an unquoted colon in a value",
			files: "-- content/news/a.md --\n---\ntitle: Rakor: Timpora\ndate: 2023-08-23\n---\n",
			want:  []string{`content/news/a.md:2:1: error: malformed YAML front matter: the value of title has ": " in it, which YAML reads as the start of another field; put the value in quotes: title: "Rakor: Timpora" [R101]`},
		},
		{
			name:  "a tab in the front matter",
			files: "-- content/news/a.md --\n---\ntitle: A\n\tdate: 2023-08-23\n---\n",
			want:  []string{`content/news/a.md:3:1: error: malformed YAML front matter: the line is indented with a tab`, "YAML indents with spaces only: replace the tab with spaces [R101]"},
		},
		{
			// The original's error is the cause: its translations do not
			// add errors for the fields they would have inherited.
			name: "an original that cannot be read, with a translation",
			files: `-- site.yaml --
title: {id: Situs, en: Site}
languages: [{code: id, name: Indonesia}, {code: en, name: English}]
-- content/meetings/rakor.id.md --
---
title: Rakor
date: 2023-08-23
-- content/meetings/rakor.en.md --
---
title: Coordination meeting
---
`,
			want:   []string{"content/meetings/rakor.id.md:1:1: error: front matter opened here is never closed"},
			errors: 1,
		},
		{
			name:   "a document saved as Windows-1252",
			files:  "-- content/news/a.md --\n---\ntitle: Rapat di Caf\xe9\ndate: 2023-08-23\n---\n",
			want:   []string{"content/news/a.md:2:20: error: byte 0xe9 is not UTF-8 text; the file was probably saved as Windows-1252 (ANSI); save the file as UTF-8"},
			errors: 1,
		},
		{
			name: "a meeting still scheduled after it ended",
			files: `-- content/meetings/r.md --
---
title: Rapat
date: 2023-08-23T09:00
end: 2023-08-23T12:00
venue: Aula
organizer: Kantor
status: scheduled
---
`,
			want: []string{"content/meetings/r.md:7:9: warning: status: scheduled, but the meeting was over by 2023-08-23 12:00; set status: held, or cancelled, or remove status and let the date decide [R208]"},
			ok:   true,
		},
		{
			name: "two regulations with one type, number and year",
			files: `-- content/regulations/uu-6-2011.md --
---
title: Keimigrasian
type: UU
number: "6"
year: 2011
---
-- content/regulations/uu-06-2011.md --
---
title: Keimigrasian (salinan)
type: UU
number: "06"
year: 2011
---
`,
			want:   []string{`content/regulations/uu-6-2011.md:4:9: error: UU 6/2011 is also content/regulations/uu-06-2011.md; keep one file for the regulation, or correct its type, number or year [R201]`},
			errors: 1,
		},
		{
			name: "a regulation that revokes itself",
			files: `-- content/regulations/permen-1-2020.md --
---
title: Peraturan 1
type: Permen
number: "1"
year: 2020
revokes: [permen-1-2020]
---
`,
			want: []string{"content/regulations/permen-1-2020.md:6:11: error: a regulation cannot revoke itself"},
		},
		{
			name: "two regulations that revoke each other",
			files: `-- content/regulations/permen-1-2020.md --
---
title: Peraturan 1
type: Permen
number: "1"
year: 2020
revokes: [permen-2-2020]
---
-- content/regulations/permen-2-2020.md --
---
title: Peraturan 2
type: Permen
number: "2"
year: 2020
revokes: [permen-1-2020]
---
`,
			want: []string{"content/regulations/permen-1-2020.md:6:11: error: regulations permen-1-2020, permen-2-2020 amend or revoke one another in a ring", "[R210]"},
		},
		{
			name: "a ring of three through amends and revokes",
			files: `-- content/regulations/permen-1-2020.md --
---
title: Peraturan 1
type: Permen
number: "1"
year: 2020
amends: [permen-2-2020]
---
-- content/regulations/permen-2-2020.md --
---
title: Peraturan 2
type: Permen
number: "2"
year: 2020
revokes: [permen-3-2020]
---
-- content/regulations/permen-3-2020.md --
---
title: Peraturan 3
type: Permen
number: "3"
year: 2020
amends: [permen-1-2020]
---
-- content/regulations/permen-4-2020.md --
---
title: Peraturan 4
type: Permen
number: "4"
year: 2020
amends: [permen-1-2020]
---
`,
			want: []string{"content/regulations/permen-1-2020.md:6:10: error: regulations permen-1-2020, permen-2-2020, permen-3-2020 amend or revoke one another in a ring"},
		},
		{
			name:  "a body that is not UTF-8",
			files: "-- content/news/a.md --\n---\ntitle: A\ndate: 2023-01-01\n---\nParagraf pertama.\n\nKata ca\xe7a dan \xff.\n",
			want:  []string{"content/news/a.md:7:8: error: byte 0xe7 is not UTF-8 text; the file was probably saved as Windows-1252 (ANSI); save the file as UTF-8", "[R112]"},
		},
		{
			name:  "a document saved as UTF-16",
			files: "-- content/news/a.md --\n\xff\xfe-\x00-\x00-\x00\n\x00t\x00i\x00t\x00l\x00e\x00\n",
			want:  []string{"content/news/a.md:1:1: error: the file is UTF-16 (little-endian) text; risalah reads UTF-8", "[R112]"},
		},
		{
			name: "a slug that needs the sitemap as a folder",
			files: `-- content/peta.md --
---
title: Peta
slug: sitemap.xml
---
`,
			want: []string{`content/peta.md:3:7: error: /sitemap.xml/ needs a folder /sitemap.xml/, which is the file /sitemap.xml written by the sitemap`, "[R202]"},
		},
		{
			name: "a slug that needs the site's feed as a folder",
			files: `-- content/umpan.md --
---
title: Umpan
slug: atom.xml
---
`,
			want: []string{`content/umpan.md:3:7: error: /atom.xml/ needs a folder /atom.xml/, which is the file /atom.xml written by the site's Atom feed`},
		},
		{
			name: "aliases over robots.txt and the stylesheet",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
aliases: [/robots.txt, /css/risalah.css]
---
`,
			want: []string{
				`content/news/a.md:4:11: error: /robots.txt/ needs a folder /robots.txt/, which is the file /robots.txt written by the robots.txt file`,
				`content/news/a.md:4:24: error: /css/risalah.css/ needs a folder /css/risalah.css/, which is the file /css/risalah.css written by static/css/risalah.css`,
			},
		},
		{
			name: "a meeting slug that is the meetings calendar",
			files: `-- content/meetings/r.md --
---
title: Rapat
date: 2023-08-23
venue: Aula
organizer: Kantor
slug: calendar.ics
---
`,
			want: []string{`content/meetings/r.md:6:7: error: /rapat/calendar.ics/ needs a folder /rapat/calendar.ics/, which is the file /rapat/calendar.ics written by the meetings calendar`},
		},
		{
			name: "a bundle file where the page's calendar goes",
			files: `-- content/meetings/r/index.md --
---
title: Rapat
date: 2023-08-23
venue: Aula
organizer: Kantor
---
-- content/meetings/r/calendar.ics --
x
`,
			want: []string{`content/meetings/r/calendar.ics: error: /rapat/r/calendar.ics is also written by content/meetings/r/index.md`},
		},
		{
			name: "a static file where a folder of pages goes",
			files: `-- content/news/a.md --
---
title: A
date: 2023-01-01
---
-- static/berita --
x
`,
			want: []string{`static/berita: error: /berita is a file here, but /berita/, written by the news list, needs a folder of that name`},
		},
		{
			// Windows would merge static/IMG/ into the theme's img/, and
			// one of the emblem or the logo would be lost.
			name: "a static folder spelt otherwise than the theme's",
			files: `-- static/IMG/logo.png --
x
`,
			want: []string{`static/img/emblem.svg: error: /img/emblem.svg is in the folder /img/, which differs only in letter case or accents' encoding from /IMG/ of /IMG/logo.png, written by static/IMG/logo.png; Windows and macOS would make them one folder`, "[R202]"},
		},
		{
			// macOS takes "é" as one code point and as e with a combining
			// accent for one name.
			name:  "static files whose names differ only in their accents' encoding",
			files: "-- static/kaf\u00e9.txt --\nx\n-- static/kafe\u0301.txt --\ny\n",
			want:  []string{"differs only in letter case or accents' encoding from", "[R202]"},
		},
		{
			name: "static file and page that differ only in letter case",
			files: `-- content/about.md --
---
title: Tentang
---
-- static/About/index.html --
x
`,
			// The static files are claimed before the pages, so the page is
			// the one blamed.
			want: []string{`content/about.md:1:1: error: /about/ differs only in letter case from /About/, written by static/About/index.html`, "[R202]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, out := buildSite(t, siteFS(t, []byte(minimalConfig+tt.files)), Options{})
			var lines []string
			for _, d := range res.Diags.Items() {
				lines = append(lines, d.Error())
			}
			all := strings.Join(lines, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("diagnostics lack %q; got:\n%s", w, all)
				}
			}
			if errs, _ := res.Diags.Count(); tt.errors > 0 && errs != tt.errors {
				t.Errorf("%d errors, want %d:\n%s", errs, tt.errors, all)
			}
			if res.OK() != tt.ok {
				t.Errorf("build OK = %v, want %v; diagnostics:\n%s", res.OK(), tt.ok, all)
			}
			_ = out // a failed build may have written to its staging output; the CLI discards it
			// The preview builds the same input the same way.
			preview, _ := buildSite(t, siteFS(t, []byte(minimalConfig+tt.files)), Options{Preview: true})
			if got := diagText(preview); got != diagText(res) {
				t.Errorf("the preview's diagnostics\n%s\ndiffer from the build's\n%s", got, diagText(res))
			}
		})
	}
}

func TestUnsafeLinkNotEmitted(t *testing.T) {
	files := minimalConfig + `-- content/news/a.md --
---
title: A
date: 2023-01-01
---
[klik](javascript:alert(1)) [k2](  JaVaScRiPt:alert(2)) [d](data:text/html,x)
`
	res, out := buildSite(t, siteFS(t, []byte(files)), Options{})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	page := string(out.Files["berita/a/index.html"])
	for _, bad := range []string{"javascript:", "JaVaScRiPt", "data:text"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
}

func TestStrictTurnsWarningsIntoErrors(t *testing.T) {
	files := minimalConfig + `-- content/news/a.md --
---
title: A
date: 2023-01-01
---
-- content/news/catatan.txt --
not published
`
	res, _ := buildSite(t, siteFS(t, []byte(files)), Options{})
	if !res.OK() {
		t.Fatalf("non-strict build failed: %v", res.Diags.Err())
	}
	res, out := buildSite(t, siteFS(t, []byte(files)), Options{Strict: true})
	if res.OK() || len(out.Files) > 0 {
		t.Fatalf("strict build succeeded or wrote files")
	}
}

func TestUnknownConfigKey(t *testing.T) {
	files := `-- site.yaml --
title: {id: Situs}
baseurl: https://x.example/
`
	res, _ := buildSite(t, siteFS(t, []byte(files)), Options{})
	want := `site.yaml:2:1: error: unknown field "baseurl"; did you mean "baseURL"? [R105]`
	if err := res.Diags.Err(); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %s", err, want)
	}
}
