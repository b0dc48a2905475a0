package build

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"risalah"

	"risalah/internal/search"
)

// searchSite is a bilingual site, not the sample, with every field the
// search index reads: a regulation known by its type, number and file
// name, a meeting with venue, organiser, chair, speakers and agencies, and
// news with an author and tags.
const searchSite = `-- site.yaml --
title: {id: Kantor Imigrasi Contoh, en: Example Immigration Office}
baseURL: https://example.go.id/kanim/
languages: [{code: id, name: Indonesia}, {code: en, name: English}]
agencies:
  - {key: polres, name: {id: Kepolisian Resor Jember, en: Jember Police}}
-- content/regulations/permenkumham-50-2016.id.md --
---
title: Tim Pengawasan Orang Asing
type: Permen
number: "50"
year: 2016
issuer: Menteri Hukum dan HAM
subjects: [kerja sama antarinstansi]
---
Peraturan ini mengatur tata kerja tim.
-- content/regulations/permenkumham-50-2016.en.md --
---
title: Foreign National Supervision Team
---
This regulation sets out how the team works.
-- content/regulations/uu-6-2011.id.md --
---
title: Keimigrasian
type: UU
number: "6"
year: 2011
status: amended
---
Undang-undang tentang lalu lintas orang.
-- content/meetings/rakor.id.md --
---
title: Rakor Tim
date: 2024-02-20T09:00
venue: Hotel Santika
organizer: Kantor Imigrasi Contoh
chair: {name: Budi Santoso, role: Kepala Kantor}
speakers: [{name: Siti Rahma, role: Kepala Seksi Intelijen}]
participants: [polres]
outcomes: [Patroli gabungan dijadwalkan]
actions: [{action: Menyusun jadwal patroli, owner: Seksi Inteldakim}]
---
Peserta membahas peningkatan pengawasan.
-- content/news/kabar.id.md --
---
title: Kabar layanan
date: 2024-03-01
author: Humas
tags: [paspor]
---
Layanan paspor direncanakan buka hari Sabtu.
`

// searchIndex opens the search index of one language in a built site.
func searchIndexOf(t *testing.T, out *Memory, dir string) *search.Index {
	t.Helper()
	x, err := search.Open(func(path string) ([]byte, error) {
		data, ok := out.Files[dir+path]
		if !ok {
			return nil, fmt.Errorf("no %s%s", dir, path)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestSearchIndex builds a site under a sub-path and searches its indexes
// as the search page does: every field listed in the README finds its
// document, in other forms of its words, and results carry the sub-path.
func TestSearchIndex(t *testing.T) {
	res, out := buildSite(t, siteFS(t, []byte(searchSite)), Options{})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	id := searchIndexOf(t, out, "cari/index/")
	for _, tc := range []struct{ query, want string }{
		{"permenkumham 50", "/kanim/peraturan/permenkumham-50-2016/"},
		{"Peraturan Menteri 50/2016", "/kanim/peraturan/permenkumham-50-2016/"},
		{"uu 6 2011", "/kanim/peraturan/uu-6-2011/"},
		{"undang-undang nomor 6 tahun 2011", "/kanim/peraturan/uu-6-2011/"},
		{"HAM", "/kanim/peraturan/permenkumham-50-2016/"},           // issuer
		{"antarinstansi", "/kanim/peraturan/permenkumham-50-2016/"}, // subjects
		{"santika", "/kanim/rapat/rakor/"},                          // venue
		{"budi", "/kanim/rapat/rakor/"},                             // chair
		{"intelijen", "/kanim/rapat/rakor/"},                        // a speaker's role
		{"kepolisian resor", "/kanim/rapat/rakor/"},                 // an agency, by its name in the registry
		{"patroli", "/kanim/rapat/rakor/"},                          // outcomes
		{"inteldakim", "/kanim/rapat/rakor/"},                       // an action's owner
		{"ditingkatkan diawasi", "/kanim/rapat/rakor/"},             // forms no page holds
		{"humas", "/kanim/berita/kabar/"},                           // author
		{"paspor", "/kanim/berita/kabar/"},
		{"rencana", "/kanim/berita/kabar/"},
	} {
		hits, err := id.Search(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].URL != tc.want {
			t.Errorf("search %q: %+v, want %s first", tc.query, hits, tc.want)
		}
	}
	en := searchIndexOf(t, out, "en/search/index/")
	if hits, _ := en.Search("supervised teams"); len(hits) != 1 || hits[0].URL != "/kanim/en/regulations/permenkumham-50-2016/" {
		t.Errorf("English: %+v", hits)
	}
	// Filters: section, year, type and status, in the page's language.
	hits, _ := id.Search("keimigrasian")
	if len(hits) != 2 || hits[0].Top != 1 { // the law by its title, the meeting by its organiser
		t.Fatalf("keimigrasian: %+v", hits)
	}
	for facet, want := range map[string]string{"section": "Peraturan", "year": "2011", "type": "Undang-Undang", "status": "Diubah"} {
		if got := id.Facet(hits[0].Doc, facet); got != want {
			t.Errorf("facet %s = %q, want %q", facet, got, want)
		}
	}
	// The page, its script and the header's form, under the sub-path.
	page := string(out.Files["cari/index.html"])
	for _, want := range []string{`data-index="/kanim/cari/index/"`, `src="/kanim/js/search.js"`, `<form role="search" class="search-form search-main" action="/kanim/cari/" method="get">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the search page lacks %s", want)
		}
	}
	if home := string(out.Files["index.html"]); !strings.Contains(home, `<form role="search" class="search-form header-search" action="/kanim/cari/" method="get">`) {
		t.Error("the home page's header has no search form")
	}
	if len(res.Search) != 2 || res.Search[0].Lang != "id" || res.Search[0].Docs != 4 || res.Search[1].Docs != 1 || res.Search[0].First == 0 {
		t.Errorf("sizes: %+v", res.Search)
	}
	if !regexp.MustCompile(`search index id [0-9.,]+ K?B, en [0-9.,]+ K?B, a first query fetching at most id [0-9.,]+ K?B, en [0-9.,]+ K?B`).MatchString(res.Summary()) {
		t.Errorf("summary: %s", res.Summary())
	}
}

// TestSearchDisabled builds with search.disabled: no page, no index, no
// form.
func TestSearchDisabled(t *testing.T) {
	fsys := siteFS(t, []byte(searchSite))
	cfg := *fsys["site.yaml"]
	cfg.Data = append(slices.Clone(cfg.Data), "search: {disabled: true}\n"...)
	fsys["site.yaml"] = &cfg
	res, out := buildSite(t, fsys, Options{})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	for name, data := range out.Files {
		if strings.HasPrefix(name, "cari/") || strings.HasPrefix(name, "en/search/") || strings.Contains(string(data), `role="search"`) {
			t.Errorf("%s: search is disabled", name)
		}
	}
	if len(res.Search) != 0 || strings.Contains(res.Summary(), "search") {
		t.Errorf("search disabled, yet: %+v, %s", res.Search, res.Summary())
	}
}

// TestSearchAfterBodies edits bodies as the preview does: the rebuild
// leaves the search index as it was and says so, and Builder.Search then
// makes it as a clean build would, with a rebuild of bodies when the
// index keeps its files and a full build when a shard comes or goes.
func TestSearchAfterBodies(t *testing.T) {
	ctx := context.Background()
	fsys := siteFS(t, []byte(searchSite))
	opts := Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	popts := opts
	popts.Preview = true
	b := NewBuilder(popts)
	out := NewMemory()
	if res := b.Build(ctx, out, nil, nil); !res.OK() || res.SearchPending {
		t.Fatalf("first build: pending %v, %v", res.SearchPending, res.Diags)
	}
	if b.Search(ctx, out, b.Sums()) != nil {
		t.Fatal("Search after a full build made something")
	}
	const kabar = "content/news/kabar.id.md"
	for _, tc := range []struct {
		name, from, to string
		full           bool // a shard comes or goes
	}{
		{"a word in a shard that exists", "buka hari Sabtu", "buka hari Minggu", false},
		{"a word with a new first letter", "buka hari Minggu", "buka hari Minggu qasidah", true},
		{"the word goes again", "buka hari Minggu qasidah", "buka hari Minggu", true},
	} {
		f := fsys[kabar]
		fsys[kabar] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(tc.from), []byte(tc.to), 1), Mode: 0o644}
		before := out.Clone()
		res := b.Build(ctx, out, b.Sums(), []string{kabar})
		if !res.OK() || !res.Partial || !res.SearchPending {
			t.Fatalf("%s: rebuild: partial %v, pending %v, %v", tc.name, res.Partial, res.SearchPending, res.Diags)
		}
		for name, data := range out.Files {
			if strings.HasPrefix(name, "cari/index/") && !bytes.Equal(before.Files[name], data) {
				t.Errorf("%s: the rebuild of bodies changed %s", tc.name, name)
			}
		}
		res = b.Search(ctx, out, b.Sums())
		if res == nil || !res.OK() || res.SearchPending || res.Partial == tc.full {
			t.Fatalf("%s: Search: %+v", tc.name, res)
		}
		clean := NewMemory()
		if want := Run(ctx, opts, clean); !want.OK() {
			t.Fatal(want.Diags)
		}
		compareFiles(t, tc.name, out.Files, clean.Files)
		if b.Search(ctx, out, b.Sums()) != nil {
			t.Errorf("%s: a second Search made something", tc.name)
		}
	}
}

// TestSearchTurnedOn builds a site with search disabled, then enables it:
// the bodies rendered without their terms are not reused, so the index
// holds the bodies' words.
func TestSearchTurnedOn(t *testing.T) {
	ctx := context.Background()
	fsys := siteFS(t, []byte(searchSite))
	cfg := *fsys["site.yaml"]
	fsys["site.yaml"] = &fstest.MapFile{Data: append(slices.Clone(cfg.Data), "search: {disabled: true}\n"...)}
	b := NewBuilder(Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages, Preview: true})
	out := NewMemory()
	if res := b.Build(ctx, out, nil, nil); !res.OK() {
		t.Fatal(res.Diags)
	}
	fsys["site.yaml"] = &cfg
	if res := b.Build(ctx, out, b.Sums(), []string{"site.yaml"}); !res.OK() {
		t.Fatal(res.Diags)
	}
	hits, err := searchIndexOf(t, out, "cari/index/").Search("sabtu") // a word of a body only
	if err != nil || len(hits) != 1 {
		t.Errorf("search enabled again: %+v, %v", hits, err)
	}
}
