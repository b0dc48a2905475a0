package build

import (
	"strings"
	"testing"
)

// agencySite has a registry of two agencies and a meeting, in Indonesian
// and English, that names them by key and one more in words.
const agencySite = `-- site.yaml --
title: {id: Situs, en: Site}
baseURL: https://situs.example/
agencies:
  - key: kanim-jember
    name: {id: Kantor Imigrasi Kelas I TPI Jember, en: Jember Immigration Office}
    short: {id: Kanim Jember, en: Jember Immigration}
    url: https://jember.imigrasi.go.id/
  - key: camat-banyuwangi
    name: {id: Camat se-Kabupaten Banyuwangi, en: Sub-district heads across Banyuwangi Regency}
-- content/meetings/rakor.id.md --
---
title: Rakor Timpora
date: 2023-08-23T09:00:00+07:00
venue: Aula
organizer: kanim-jember
participants: [camat-banyuwangi, Polresta Banyuwangi]
---
Isi.
-- content/meetings/rakor.en.md --
---
title: Timpora coordination meeting
---
Body.
`

// TestAgencies checks that a meeting's organizer and participants named by
// key show in each page's language on the page, in JSON-LD, the calendar
// and open data, and that the agencies taxonomy has one term per agency
// in every language, at the agency's key.
func TestAgencies(t *testing.T) {
	res, out := buildSite(t, siteFS(t, []byte(agencySite)), Options{})
	if !res.OK() || res.Diags.Len() != 0 {
		t.Fatal(res.Diags.Items())
	}
	for file, wants := range map[string][]string{
		"rapat/rakor/index.html": {"Kantor Imigrasi Kelas I TPI Jember", "<li>Camat se-Kabupaten Banyuwangi</li>", "<li>Polresta Banyuwangi</li>",
			`"organizer":{"@type":"Organization","alternateName":"Kanim Jember","name":"Kantor Imigrasi Kelas I TPI Jember","url":"https://jember.imigrasi.go.id/"}`},
		"en/meetings/rakor/index.html": {"Jember Immigration Office", "<li>Sub-district heads across Banyuwangi Regency</li>", "<li>Polresta Banyuwangi</li>",
			`"alternateName":"Jember Immigration","name":"Jember Immigration Office","url":"https://jember.imigrasi.go.id/"`},
		"en/meetings/rakor/calendar.ics":             {"Jember Immigration Office"},
		"en/data/meetings.json":                      {`"organizer": "Jember Immigration Office"`, `"Sub-district heads across Banyuwangi Regency"`},
		"data/meetings.csv":                          {"Kantor Imigrasi Kelas I TPI Jember"},
		"instansi/kanim-jember/index.html":           {"Kantor Imigrasi Kelas I TPI Jember"},
		"en/agencies/kanim-jember/index.html":        {"Jember Immigration Office"},
		"en/agencies/camat-banyuwangi/index.html":    {"Sub-district heads across Banyuwangi Regency"},
		"en/agencies/polresta-banyuwangi/index.html": {"Polresta Banyuwangi"},
	} {
		got, ok := out.Files[file]
		if !ok {
			t.Errorf("no %s", file)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(string(got), w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
	if page := string(out.Files["en/meetings/rakor/index.html"]); strings.Contains(page, "Kantor Imigrasi Kelas I TPI Jember") {
		t.Error("the English page shows the Indonesian name")
	}
}

// TestAgencyMistakes checks the registry's and the keys' mistakes.
func TestAgencyMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, from, to string
		want           []string
	}{
		{"misspelt key, reported once for both languages", "organizer: kanim-jember", "organizer: kanim-jembr",
			[]string{`content/meetings/rakor.id.md:5:12: warning: organizer "kanim-jembr" is not a key of site.yaml's agencies, so the page shows it as written; did you mean kanim-jember?`}},
		{"two agencies with one key", "key: camat-banyuwangi", "key: kanim-jember",
			[]string{`site.yaml:8:10: error: agency key "kanim-jember" is also the key of agency 1`}},
		{"no name in the first language", "name: {id: Camat se-Kabupaten Banyuwangi, en:", "name: {en:",
			[]string{`site.yaml:9:11: error: agency "camat-banyuwangi" has no name in the site's first language; add id: … to its name`}},
		{"a key that is no URL segment", "key: camat-banyuwangi", "key: Camat Banyuwangi",
			[]string{`agency key "Camat Banyuwangi" is not a valid URL segment`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(agencySite, tc.from, tc.to, 1)
			if src == agencySite {
				t.Fatal("the fixture did not change")
			}
			res, _ := buildSite(t, siteFS(t, []byte(src)), Options{})
			var got []string
			for _, d := range res.Diags.Items() {
				got = append(got, d.Error())
			}
			all := strings.Join(got, "\n")
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("want %s\ngot:\n%s", w, all)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("%d diagnostics, want %d:\n%s", len(got), len(tc.want), all)
			}
		})
	}
}
