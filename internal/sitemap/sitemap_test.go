package sitemap

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Test structs that read the output back; elements are matched by
// namespace, so a missing xmlns or xmlns:xhtml declaration fails the checks.
type smURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []smURL  `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

type smURL struct {
	Loc     string   `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
	LastMod string   `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	Links   []smLink `xml:"http://www.w3.org/1999/xhtml link"`
}

type smLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type smIndex struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Locs    []string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap>loc"`
}

var wib = time.FixedZone("WIB", 7*60*60)

// versions returns the alternates shared by all language versions of a
// page: every version, including the one being listed, plus x-default.
func versions(path string) []Alternate {
	return []Alternate{
		{"id", "https://risalah.example/id/" + path},
		{"en", "https://risalah.example/en/" + path},
		{"x-default", "https://risalah.example/id/" + path},
	}
}

func sample() []URL {
	return []URL{
		{
			Loc:        "https://risalah.example/id/",
			LastMod:    time.Date(2024, 3, 11, 0, 0, 0, 0, wib),
			Alternates: versions(""),
		},
		{
			Loc:        "https://risalah.example/en/",
			LastMod:    time.Date(2024, 3, 11, 0, 0, 0, 0, wib),
			Alternates: versions(""),
		},
		{
			Loc:        "https://risalah.example/id/buku/tafsir/",
			LastMod:    time.Date(2024, 3, 12, 14, 5, 9, 0, wib),
			Alternates: versions("buku/tafsir/"),
		},
		{
			Loc:     "https://risalah.example/cari/?q=tafsir&lang=id",
			LastMod: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		},
		{Loc: "https://risalah.example/tentang/"},
	}
}

func parse(t *testing.T, data []byte) smURLSet {
	t.Helper()
	var s smURLSet
	if err := xml.Unmarshal(data, &s); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, data)
	}
	return s
}

func checkAbs(t *testing.T, what, s string) {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() {
		t.Errorf("%s %q is not an absolute URL (err %v)", what, s, err)
	}
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	data := Write(in)
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("missing XML declaration:\n%s", data)
	}
	if !bytes.Contains(data, []byte(`xmlns:xhtml="http://www.w3.org/1999/xhtml"`)) {
		t.Errorf("xhtml namespace not declared:\n%s", data)
	}
	s := parse(t, data)
	if len(s.URLs) != len(in) {
		t.Fatalf("got %d urls, want %d", len(s.URLs), len(in))
	}
	for i, u := range s.URLs {
		want := in[i]
		if u.Loc != want.Loc {
			t.Errorf("url %d loc = %q, want %q", i, u.Loc, want.Loc)
		}
		checkAbs(t, "loc", u.Loc)

		if want.LastMod.IsZero() {
			if u.LastMod != "" {
				t.Errorf("url %d: zero lastmod written as %q", i, u.LastMod)
			}
		} else {
			got, err := time.Parse(time.RFC3339, u.LastMod)
			if err != nil {
				got, err = time.ParseInLocation(time.DateOnly, u.LastMod, want.LastMod.Location())
			}
			if err != nil {
				t.Errorf("url %d lastmod %q does not parse: %v", i, u.LastMod, err)
			} else if !got.Equal(want.LastMod) {
				t.Errorf("url %d lastmod = %v, want %v", i, got, want.LastMod)
			}
		}

		if len(u.Links) != len(want.Alternates) {
			t.Errorf("url %d has %d alternates, want %d", i, len(u.Links), len(want.Alternates))
			continue
		}
		self, xdefault := false, false
		for j, l := range u.Links {
			if l.Rel != "alternate" || l.Hreflang != want.Alternates[j].Lang || l.Href != want.Alternates[j].URL {
				t.Errorf("url %d alternate %d = %+v, want %+v", i, j, l, want.Alternates[j])
			}
			checkAbs(t, "alternate href", l.Href)
			self = self || l.Href == u.Loc
			xdefault = xdefault || l.Hreflang == "x-default"
		}
		if len(u.Links) > 0 && (!self || !xdefault) {
			t.Errorf("url %d alternates lack self (%v) or x-default (%v)", i, self, xdefault)
		}
	}
}

func TestLastModFormat(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2024, 3, 11, 0, 0, 0, 0, wib), "2024-03-11"},
		{time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC), "2024-03-11"},
		{time.Date(2024, 3, 11, 9, 30, 0, 0, wib), "2024-03-11T09:30:00+07:00"},
		{time.Date(2024, 3, 11, 0, 0, 1, 0, time.UTC), "2024-03-11T00:00:01Z"},
	}
	for _, tt := range tests {
		data := string(Write([]URL{{Loc: "https://risalah.example/", LastMod: tt.t}}))
		if !strings.Contains(data, "<lastmod>"+tt.want+"</lastmod>") {
			t.Errorf("LastMod %v: want <lastmod>%s</lastmod> in\n%s", tt.t, tt.want, data)
		}
	}
}

func TestEscaping(t *testing.T) {
	loc := "https://risalah.example/cari/?q=a&lang=id&x=\"'<>"
	data := Write([]URL{{Loc: loc, Alternates: []Alternate{{"id", loc}}}})
	if bytes.Contains(data, []byte("&lang")) {
		t.Errorf("raw & in output:\n%s", data)
	}
	if !bytes.Contains(data, []byte("?q=a&amp;lang=id&amp;x=&quot;&apos;&lt;&gt;")) {
		t.Errorf("& not escaped as &amp;:\n%s", data)
	}
	s := parse(t, data)
	if s.URLs[0].Loc != loc || s.URLs[0].Links[0].Href != loc {
		t.Errorf("round trip: loc %q, href %q, want %q", s.URLs[0].Loc, s.URLs[0].Links[0].Href, loc)
	}
}

func TestWriteIndex(t *testing.T) {
	maps := []string{
		"https://risalah.example/sitemap-1.xml",
		"https://risalah.example/sitemap-2.xml?v=1&k=2",
	}
	data := WriteIndex(maps)
	var idx smIndex
	if err := xml.Unmarshal(data, &idx); err != nil {
		t.Fatalf("index does not parse: %v\n%s", err, data)
	}
	if strings.Join(idx.Locs, " ") != strings.Join(maps, " ") {
		t.Errorf("index locs = %q, want %q", idx.Locs, maps)
	}
	for _, l := range idx.Locs {
		checkAbs(t, "index loc", l)
	}
}

func TestRobots(t *testing.T) {
	got := string(Robots("https://risalah.example/sitemap.xml"))
	want := "User-agent: *\nAllow: /\n\nSitemap: https://risalah.example/sitemap.xml\n"
	if got != want {
		t.Errorf("Robots = %q, want %q", got, want)
	}
	var sitemap string
	for line := range strings.Lines(got) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Sitemap: "); ok {
			sitemap = v
		}
	}
	checkAbs(t, "robots Sitemap", sitemap)

	if got := string(Robots("")); got != "User-agent: *\nAllow: /\n" {
		t.Errorf("Robots(\"\") = %q", got)
	}
	if got := string(Robots("https://x.example/s.xml\nDisallow: /")); strings.Contains(got, "\nDisallow") {
		t.Errorf("line break in the URL injected a directive: %q", got)
	}
}

func makeURLs(n int) []URL {
	urls := make([]URL, n)
	for i := range urls {
		urls[i].Loc = fmt.Sprintf("https://risalah.example/p/%d/", i)
	}
	return urls
}

func sizes(chunks [][]URL) []int {
	var s []int
	for _, c := range chunks {
		s = append(s, len(c))
	}
	return s
}

func TestSplit(t *testing.T) {
	tests := []struct {
		n, max int
		want   []int
	}{
		{0, 10, []int{0}},
		{5, 2, []int{2, 2, 1}},
		{4, 2, []int{2, 2}},
		{5, 5, []int{5}},
		{5, 0, []int{5}},
		{5, -1, []int{5}},
		{MaxURLs + 1, 0, []int{MaxURLs, 1}},
		{MaxURLs + 1, MaxURLs * 2, []int{MaxURLs, 1}},
	}
	for _, tt := range tests {
		urls := makeURLs(tt.n)
		chunks := Split(urls, tt.max)
		if fmt.Sprint(sizes(chunks)) != fmt.Sprint(tt.want) {
			t.Errorf("Split(%d urls, %d) sizes = %v, want %v", tt.n, tt.max, sizes(chunks), tt.want)
			continue
		}
		var joined []URL
		for _, c := range chunks {
			joined = append(joined, c...)
		}
		for i := range urls {
			if joined[i].Loc != urls[i].Loc {
				t.Errorf("Split(%d urls, %d): order changed at %d", tt.n, tt.max, i)
				break
			}
		}
	}

	// Appending to one chunk must not overwrite the next.
	urls := makeURLs(4)
	chunks := Split(urls, 2)
	_ = append(chunks[0], URL{Loc: "https://risalah.example/extra/"})
	if chunks[1][0].Loc != "https://risalah.example/p/2/" {
		t.Errorf("append to chunk 0 changed chunk 1: %q", chunks[1][0].Loc)
	}
}

func TestSplitBytes(t *testing.T) {
	// Every URL here writes the same number of bytes; a limit that holds
	// the overhead plus three of them must give chunks of three.
	urls := makeURLs(8)
	for i := range urls {
		urls[i].Loc = fmt.Sprintf("https://risalah.example/p/%03d/", i)
	}
	one := len(Write(urls[:1]))
	per := len(Write(urls[:2])) - one
	limit := one + 2*per
	chunks := split(urls, 0, limit)
	if got := fmt.Sprint(sizes(chunks)); got != "[3 3 2]" {
		t.Errorf("split by bytes sizes = %s, want [3 3 2]", got)
	}
	for i, c := range chunks {
		if n := len(Write(c)); n > limit {
			t.Errorf("chunk %d writes %d bytes, over the limit %d", i, n, limit)
		}
	}
	// A single URL larger than the limit still gets a chunk of its own.
	if got := fmt.Sprint(sizes(split(urls[:2], 0, 1))); got != "[1 1]" {
		t.Errorf("oversized URLs: sizes = %s, want [1 1]", got)
	}
}

func TestDeterministic(t *testing.T) {
	a := Write(sample())
	for range 10 {
		if b := Write(sample()); !bytes.Equal(a, b) {
			t.Fatalf("output differs between runs:\n%s\n---\n%s", a, b)
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
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

func TestGolden(t *testing.T) {
	golden(t, "sitemap.golden.xml", Write(sample()))
	golden(t, "sitemapindex.golden.xml", WriteIndex([]string{
		"https://risalah.example/sitemap-1.xml",
		"https://risalah.example/sitemap-2.xml",
	}))
}
