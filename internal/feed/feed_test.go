package feed

import (
	"bytes"
	"encoding/xml"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Test structs that read the output back; every element is matched in the
// Atom namespace so a missing or wrong xmlns fails the decode checks.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID        string      `xml:"http://www.w3.org/2005/Atom id"`
	Title     string      `xml:"http://www.w3.org/2005/Atom title"`
	Subtitle  string      `xml:"http://www.w3.org/2005/Atom subtitle"`
	Updated   string      `xml:"http://www.w3.org/2005/Atom updated"`
	Links     []atomLink  `xml:"http://www.w3.org/2005/Atom link"`
	Author    string      `xml:"http://www.w3.org/2005/Atom author>name"`
	Generator string      `xml:"http://www.w3.org/2005/Atom generator"`
	Entries   []atomEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID         string         `xml:"http://www.w3.org/2005/Atom id"`
	Title      string         `xml:"http://www.w3.org/2005/Atom title"`
	Links      []atomLink     `xml:"http://www.w3.org/2005/Atom link"`
	Published  string         `xml:"http://www.w3.org/2005/Atom published"`
	Updated    string         `xml:"http://www.w3.org/2005/Atom updated"`
	Author     string         `xml:"http://www.w3.org/2005/Atom author>name"`
	Categories []atomCategory `xml:"http://www.w3.org/2005/Atom category"`
	Summary    atomText       `xml:"http://www.w3.org/2005/Atom summary"`
	Content    atomText       `xml:"http://www.w3.org/2005/Atom content"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

var wib = time.FixedZone("WIB", 7*60*60)

const (
	tricky     = `Harga < Rp 50.000 & ongkir "gratis" 'hari ini' > kemarin`
	trickyHTML = "<p>Kami dengan bangga mengumumkan edisi revisi &amp; diperluas.</p>\n" +
		"<p>Bab baru: <em>“Tafsir & Sejarah”</em> — kata 'pengantar' diperbarui.</p>"
)

func sample() *Feed {
	pub := time.Date(2024, 3, 11, 9, 30, 0, 0, wib)
	return &Feed{
		ID:        "https://risalah.example/id/berita/",
		Title:     "Berita & Pengumuman",
		Subtitle:  "Kabar terbaru dari penerbit",
		Lang:      "id",
		SelfURL:   "https://risalah.example/id/berita/atom.xml",
		AltURL:    "https://risalah.example/id/berita/",
		Author:    "Redaksi Risalah",
		Generator: "risalah",
		Entries: []Entry{
			{
				ID:         "https://risalah.example/id/berita/edisi-revisi/",
				Title:      "Peluncuran edisi revisi: “Risalah” <2024>",
				URL:        "https://risalah.example/id/berita/edisi-revisi/",
				Lang:       "id",
				Published:  pub,
				Updated:    pub.Add(26 * time.Hour),
				Summary:    tricky,
				Content:    trickyHTML,
				Categories: []string{"buku", "pengumuman & acara"},
				Author:     "Siti Nurhaliza",
			},
			{
				ID:        "https://risalah.example/en/news/book-fair/",
				Title:     "Book fair in Jakarta",
				URL:       "https://risalah.example/en/news/book-fair/",
				Lang:      "en", // not translated into Indonesian yet
				Published: time.Date(2024, 2, 1, 14, 0, 0, 0, time.UTC),
				Summary:   "Meet us at hall B.",
			},
		},
	}
}

func parse(t *testing.T, data []byte) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, data)
	}
	return f
}

func checkAbs(t *testing.T, what, s string) {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() {
		t.Errorf("%s %q is not an absolute URL (err %v)", what, s, err)
	}
}

func checkTime(t *testing.T, what, s string, want time.Time) {
	t.Helper()
	got, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Errorf("%s %q is not RFC 3339: %v", what, s, err)
		return
	}
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
	_, gotOff := got.Zone()
	_, wantOff := want.Zone()
	if gotOff != wantOff {
		t.Errorf("%s offset = %d, want %d (the location's offset must be kept)", what, gotOff, wantOff)
	}
}

func link(links []atomLink, rel string) (atomLink, bool) {
	for _, l := range links {
		if l.Rel == rel {
			return l, true
		}
	}
	return atomLink{}, false
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	data := in.Write()
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("missing XML declaration:\n%s", data)
	}
	f := parse(t, data)

	if f.XMLName.Space != Namespace {
		t.Errorf("namespace = %q, want %q", f.XMLName.Space, Namespace)
	}
	if f.Lang != "id" {
		t.Errorf("feed xml:lang = %q, want id", f.Lang)
	}
	if f.ID != in.ID || f.Title != in.Title || f.Subtitle != in.Subtitle {
		t.Errorf("feed id/title/subtitle = %q/%q/%q", f.ID, f.Title, f.Subtitle)
	}
	if f.Author != in.Author || f.Generator != in.Generator {
		t.Errorf("feed author/generator = %q/%q", f.Author, f.Generator)
	}
	// Feed.Updated is zero, so the newest entry's updated time is written.
	checkTime(t, "feed updated", f.Updated, in.Entries[0].Updated)

	self, ok := link(f.Links, "self")
	if !ok || self.Href != in.SelfURL || self.Type != "application/atom+xml" {
		t.Errorf("self link = %+v (found %v)", self, ok)
	}
	alt, ok := link(f.Links, "alternate")
	if !ok || alt.Href != in.AltURL || alt.Type != "text/html" {
		t.Errorf("alternate link = %+v (found %v)", alt, ok)
	}
	for _, l := range f.Links {
		checkAbs(t, "feed link", l.Href)
	}

	if len(f.Entries) != len(in.Entries) {
		t.Fatalf("got %d entries, want %d", len(f.Entries), len(in.Entries))
	}
	seen := map[string]bool{}
	for i, e := range f.Entries {
		want := in.Entries[i]
		if e.ID == "" || e.Title == "" || e.Updated == "" {
			t.Errorf("entry %d lacks id, title or updated: %+v", i, e)
		}
		if seen[e.ID] {
			t.Errorf("entry ID %q is not unique", e.ID)
		}
		seen[e.ID] = true
		checkAbs(t, "entry id", e.ID)
		if e.Title != want.Title {
			t.Errorf("entry %d title = %q, want %q", i, e.Title, want.Title)
		}
		l, ok := link(e.Links, "alternate")
		if !ok || l.Href != want.URL {
			t.Errorf("entry %d alternate link = %+v (found %v)", i, l, ok)
		}
		checkAbs(t, "entry link", l.Href)
		checkTime(t, "entry published", e.Published, want.Published)
		if want.Updated.IsZero() {
			checkTime(t, "entry updated (from published)", e.Updated, want.Published)
		} else {
			checkTime(t, "entry updated", e.Updated, want.Updated)
		}
		if e.Summary.Text != want.Summary || e.Summary.Type != "" {
			t.Errorf("entry %d summary = %+v, want %q", i, e.Summary, want.Summary)
		}
		if e.Content.Text != want.Content {
			t.Errorf("entry %d content = %q, want %q", i, e.Content.Text, want.Content)
		}
		if want.Content != "" && e.Content.Type != "html" {
			t.Errorf("entry %d content type = %q, want html", i, e.Content.Type)
		}
		if e.Author != want.Author {
			t.Errorf("entry %d author = %q, want %q", i, e.Author, want.Author)
		}
		var terms []string
		for _, c := range e.Categories {
			terms = append(terms, c.Term)
		}
		if strings.Join(terms, "|") != strings.Join(want.Categories, "|") {
			t.Errorf("entry %d categories = %q, want %q", i, terms, want.Categories)
		}
	}

	// The first entry is in the feed's language: no redundant xml:lang.
	if f.Entries[0].Lang != "" {
		t.Errorf("entry in the feed's language has xml:lang %q", f.Entries[0].Lang)
	}
	// The untranslated entry keeps its own language.
	if f.Entries[1].Lang != "en" {
		t.Errorf("untranslated entry xml:lang = %q, want en", f.Entries[1].Lang)
	}
}

func TestOffsetKept(t *testing.T) {
	pub := time.Date(2024, 3, 11, 9, 30, 0, 0, wib)
	f := &Feed{ID: "tag:risalah.example,2024:feed", Title: "T", Updated: pub,
		Entries: []Entry{{ID: "tag:risalah.example,2024:1", Title: "E", Published: pub}}}
	data := string(f.Write())
	for _, want := range []string{
		"<updated>2024-03-11T09:30:00+07:00</updated>",
		"<published>2024-03-11T09:30:00+07:00</published>",
	} {
		if !strings.Contains(data, want) {
			t.Errorf("output lacks %s:\n%s", want, data)
		}
	}
}

func TestEscapingEdgeCases(t *testing.T) {
	// Carriage returns, tabs and characters XML cannot hold must still give
	// well-formed XML; CR and tab survive the round trip.
	f := &Feed{
		ID:    "https://risalah.example/?a=1&b=\"2\"",
		Title: "A\r\nB\tC\x01D",
		Entries: []Entry{{
			ID:         "https://risalah.example/e",
			Title:      "e",
			Categories: []string{"x\"y\t<z>"},
			Content:    "line1\r\nline2",
		}},
	}
	got := parse(t, f.Write())
	if got.ID != f.ID {
		t.Errorf("id = %q, want %q", got.ID, f.ID)
	}
	if got.Title != "A\r\nB\tC\uFFFDD" {
		t.Errorf("title = %q", got.Title)
	}
	if got.Entries[0].Categories[0].Term != "x\"y\t<z>" {
		t.Errorf("category term = %q", got.Entries[0].Categories[0].Term)
	}
	if got.Entries[0].Content.Text != "line1\r\nline2" {
		t.Errorf("content = %q", got.Entries[0].Content.Text)
	}
}

func TestOptionalElementsOmitted(t *testing.T) {
	f := &Feed{ID: "tag:risalah.example,2024:f", Title: "T",
		Updated: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	data := string(f.Write())
	for _, absent := range []string{"xml:lang", "<subtitle", "<link", "<author", "<generator", "<entry"} {
		if strings.Contains(data, absent) {
			t.Errorf("empty feed contains %s:\n%s", absent, data)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := sample().Write()
	for range 10 {
		if b := sample().Write(); !bytes.Equal(a, b) {
			t.Fatalf("output differs between runs:\n%s\n---\n%s", a, b)
		}
	}
}

func TestGolden(t *testing.T) {
	got := sample().Write()
	path := filepath.Join("testdata", "feed.golden.xml")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update if the change is intended)\ngot:\n%s", path, got)
	}
}
