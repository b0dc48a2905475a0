package quality

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// exists reports whether an absolute URL of the site names a file of the
// output, as a static server would serve it.
func exists(t *testing.T, u string) bool {
	t.Helper()
	if !strings.HasPrefix(u, baseURL) {
		return false
	}
	p := "/" + strings.TrimPrefix(u, baseURL)
	if i := strings.IndexAny(p, "#?"); i >= 0 {
		p = p[:i]
	}
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	_, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(p)))
	return err == nil
}

// outputFiles lists output files whose names match suffix.
func outputFiles(t *testing.T, suffix string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(siteDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, suffix) {
			out = append(out, p)
		}
		return err
	})
	if len(out) == 0 {
		t.Fatalf("no %s files in the output", suffix)
	}
	return out
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomFeed struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Author  string     `xml:"author>name"`
	Links   []atomLink `xml:"link"`
	Entries []struct {
		ID        string     `xml:"id"`
		Title     string     `xml:"title"`
		Updated   string     `xml:"updated"`
		Published string     `xml:"published"`
		Links     []atomLink `xml:"link"`
	} `xml:"entry"`
}

// TestAtomFeeds parses every feed back and checks Atom's required elements,
// stable unique IDs and that every link exists.
func TestAtomFeeds(t *testing.T) {
	for _, file := range outputFiles(t, "atom.xml") {
		data, _ := os.ReadFile(file)
		var f atomFeed
		if err := xml.Unmarshal(data, &f); err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		rel, _ := filepath.Rel(siteDir, file)
		if f.ID == "" || f.Title == "" || f.Author == "" || (f.Lang != "id" && f.Lang != "en") {
			t.Errorf("%s: id %q, title %q, author %q, xml:lang %q", rel, f.ID, f.Title, f.Author, f.Lang)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("%s: updated %q: %v", rel, f.Updated, err)
		}
		rels := map[string]bool{}
		for _, l := range f.Links {
			rels[l.Rel] = true
			if !exists(t, l.Href) {
				t.Errorf("%s: link rel=%s %s does not exist", rel, l.Rel, l.Href)
			}
		}
		if !rels["self"] || !rels["alternate"] {
			t.Errorf("%s: links %v lack self or alternate", rel, f.Links)
		}
		ids := map[string]bool{}
		for _, e := range f.Entries {
			if e.ID == "" || ids[e.ID] || !strings.HasPrefix(e.ID, "tag:") {
				t.Errorf("%s: entry ID %q missing, repeated or not a tag URI", rel, e.ID)
			}
			ids[e.ID] = true
			for _, ts := range []string{e.Updated, e.Published} {
				if _, err := time.Parse(time.RFC3339, ts); err != nil {
					t.Errorf("%s: entry %s time %q: %v", rel, e.ID, ts, err)
				}
			}
			if len(e.Links) == 0 || !exists(t, e.Links[0].Href) {
				t.Errorf("%s: entry %s links to %v, which does not exist", rel, e.ID, e.Links)
			}
		}
		if len(f.Entries) == 0 {
			t.Errorf("%s has no entries", rel)
		}
	}
}

type sitemapSet struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

// TestSitemap checks that the sitemap lists every page and nothing else,
// with alternates that include the page itself and x-default, and that
// robots.txt points at it.
func TestSitemap(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(siteDir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm sitemapSet
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, u := range sm.URLs {
		listed[u.Loc] = true
		if !exists(t, u.Loc) {
			t.Errorf("sitemap lists %s, which does not exist", u.Loc)
		}
		if u.LastMod == "" {
			t.Errorf("%s has no lastmod", u.Loc)
		} else if _, err := time.Parse("2006-01-02", u.LastMod); err != nil {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("%s: lastmod %q", u.Loc, u.LastMod)
			}
		}
		self, xdef := false, false
		for _, l := range u.Links {
			if !exists(t, l.Href) {
				t.Errorf("%s: alternate %s does not exist", u.Loc, l.Href)
			}
			self = self || l.Href == u.Loc
			xdef = xdef || l.Hreflang == "x-default"
		}
		if !self || !xdef {
			t.Errorf("%s: alternates lack the page itself (%v) or x-default (%v)", u.Loc, self, xdef)
		}
	}
	for _, page := range contentPages(t, siteDir) {
		if strings.HasSuffix(page, "404.html") {
			continue
		}
		if u := strings.TrimSuffix(baseURL, "/") + pageURL(page); !listed[u] {
			t.Errorf("sitemap lacks %s", u)
		}
	}
	robots, _ := os.ReadFile(filepath.Join(siteDir, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: "+baseURL+"sitemap.xml") {
		t.Errorf("robots.txt does not point at the sitemap:\n%s", robots)
	}
}

// TestCalendars checks every .ics strictly: CRLF, lines folded at 75
// octets, balanced components, a VTIMEZONE for each TZID, unique UIDs,
// required properties and URLs that exist; cancelled meetings stay in.
func TestCalendars(t *testing.T) {
	cancelled := false
	for _, file := range outputFiles(t, ".ics") {
		rel, _ := filepath.Rel(siteDir, file)
		data, _ := os.ReadFile(file)
		if !bytes.HasSuffix(data, []byte("\r\n")) {
			t.Errorf("%s does not end with CRLF", rel)
		}
		raw := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
		var lines []string
		for i, l := range raw {
			if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
				t.Errorf("%s:%d: bare line break", rel, i+1)
			}
			if len(l) > 75 {
				t.Errorf("%s:%d: %d octets, more than 75", rel, i+1, len(l))
			}
			if strings.HasPrefix(l, " ") {
				if len(lines) == 0 {
					t.Fatalf("%s: starts with a continuation line", rel)
				}
				lines[len(lines)-1] += l[1:]
				continue
			}
			lines = append(lines, l)
		}
		var stack []string
		tzids, usedTZ, uids := map[string]bool{}, map[string]bool{}, map[string]bool{}
		props := map[string]bool{}
		tzRe := regexp.MustCompile(`;TZID=([^:;]+)`)
		for _, l := range lines {
			name, value, ok := strings.Cut(l, ":")
			if !ok {
				t.Errorf("%s: line without a colon: %q", rel, l)
				continue
			}
			key, _, _ := strings.Cut(name, ";")
			switch key {
			case "BEGIN":
				stack = append(stack, value)
				if value == "VEVENT" {
					props = map[string]bool{}
				}
				continue
			case "END":
				if len(stack) == 0 || stack[len(stack)-1] != value {
					t.Fatalf("%s: END:%s does not close %v", rel, value, stack)
				}
				if value == "VEVENT" {
					for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "SUMMARY", "STATUS", "URL"} {
						if !props[p] {
							t.Errorf("%s: an event lacks %s", rel, p)
						}
					}
				}
				stack = stack[:len(stack)-1]
				continue
			}
			props[key] = true
			switch key {
			case "TZID":
				if stack[len(stack)-1] == "VTIMEZONE" {
					tzids[value] = true
				}
			case "UID":
				if uids[value] {
					t.Errorf("%s: UID %s twice", rel, value)
				}
				uids[value] = true
			case "URL":
				if !exists(t, value) {
					t.Errorf("%s: URL %s does not exist", rel, value)
				}
			case "STATUS":
				cancelled = cancelled || value == "CANCELLED"
			case "DTSTAMP":
				if !strings.HasSuffix(value, "Z") {
					t.Errorf("%s: DTSTAMP %s is not UTC", rel, value)
				}
			}
			if m := tzRe.FindStringSubmatch(name); m != nil {
				usedTZ[m[1]] = true
			}
		}
		if len(stack) != 0 {
			t.Errorf("%s: unclosed %v", rel, stack)
		}
		for tz := range usedTZ {
			if !tzids[tz] {
				t.Errorf("%s: TZID %s has no VTIMEZONE", rel, tz)
			}
		}
	}
	if !cancelled {
		t.Error("no calendar keeps the cancelled meeting")
	}
}

// TestJSONLD parses every page's structured data and checks the
// properties search engines need, and that its URLs exist.
func TestJSONLD(t *testing.T) {
	re := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	required := map[string][]string{
		"NewsArticle": {"headline", "datePublished", "author", "publisher", "inLanguage", "url"},
		"Event":       {"name", "startDate", "location", "organizer", "eventStatus", "inLanguage", "url"},
		"Legislation": {"name", "legislationIdentifier", "legislationType", "legislationLegalForce", "inLanguage", "url"},
	}
	seen := map[string]int{}
	for _, page := range contentPages(t, siteDir) {
		data, _ := os.ReadFile(filepath.Join(siteDir, page))
		m := re.FindSubmatch(data)
		if m == nil {
			continue
		}
		var doc struct {
			Context string           `json:"@context"`
			Graph   []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal(m[1], &doc); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", page, err)
			continue
		}
		if doc.Context != "https://schema.org" || len(doc.Graph) != 2 {
			t.Errorf("%s: @context %q, %d graph nodes", page, doc.Context, len(doc.Graph))
			continue
		}
		main, crumbs := doc.Graph[0], doc.Graph[1]
		typ, _ := main["@type"].(string)
		seen[typ]++
		for _, p := range required[typ] {
			if _, ok := main[p]; !ok {
				t.Errorf("%s: %s lacks %s", page, typ, p)
			}
		}
		if u, _ := main["url"].(string); !exists(t, u) {
			t.Errorf("%s: url %q does not exist", page, u)
		}
		if typ == "Event" {
			if s, _ := main["startDate"].(string); strings.Contains(s, "T") && !regexp.MustCompile(`[+-]\d\d:\d\d$|Z$`).MatchString(s) {
				t.Errorf("%s: startDate %s has no offset", page, s)
			}
		}
		items, _ := crumbs["itemListElement"].([]any)
		if crumbs["@type"] != "BreadcrumbList" || len(items) < 2 {
			t.Errorf("%s: breadcrumbs %v", page, crumbs)
		}
		for _, it := range items {
			if u, _ := it.(map[string]any)["item"].(string); !exists(t, u) {
				t.Errorf("%s: breadcrumb %q does not exist", page, u)
			}
		}
		if !bytes.Contains(data, []byte(`<meta property="og:locale" content="`)) {
			t.Errorf("%s has no og:locale", page)
		}
	}
	for typ := range required {
		if seen[typ] == 0 {
			t.Errorf("no page carries a %s", typ)
		}
	}
}

// TestManifest checks that manifest.json lists every other file of the
// output, each with its size and SHA-256.
func TestManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(siteDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Files []struct {
			Path   string
			Size   int64
			SHA256 string
		}
		Count int
		Size  int64
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	var total int64
	for _, f := range m.Files {
		listed[f.Path] = true
		total += f.Size
		b, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("listed but not in the output: %s", f.Path)
			continue
		}
		if sum := sha256.Sum256(b); int64(len(b)) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: listed as %d bytes, %s; is %d bytes, %x", f.Path, f.Size, f.SHA256, len(b), sum)
		}
	}
	if m.Count != len(m.Files) || m.Size != total {
		t.Errorf("count %d and size %d, want %d and %d", m.Count, m.Size, len(m.Files), total)
	}
	for _, file := range outputFiles(t, "") {
		rel, _ := filepath.Rel(siteDir, file)
		if rel = filepath.ToSlash(rel); rel != "manifest.json" && !listed[rel] {
			t.Errorf("%s is not listed", rel)
		}
	}
}

// TestOpenData parses the open-data files back and checks their URLs.
func TestOpenData(t *testing.T) {
	for _, file := range outputFiles(t, ".json") {
		rel, _ := filepath.Rel(siteDir, file)
		if rel == "manifest.json" {
			continue // TestManifest
		}
		if strings.Contains(filepath.ToSlash(rel), "/index/") {
			continue // the search index: TestSearch
		}
		data, _ := os.ReadFile(file)
		var rows []map[string]any
		if err := json.Unmarshal(data, &rows); err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if len(rows) == 0 {
			t.Errorf("%s is empty", rel)
		}
		for _, r := range rows {
			for _, k := range []string{"urlDetailPeraturan", "url", "calendar_url"} {
				if u, ok := r[k].(string); ok && u != "" && !exists(t, u) {
					t.Errorf("%s: %s %s does not exist", rel, k, u)
				}
			}
		}
		csvFile := strings.TrimSuffix(file, ".json") + ".csv"
		cdata, err := os.ReadFile(csvFile)
		if err != nil {
			t.Errorf("%s has no CSV twin", rel)
			continue
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(cdata, []byte("\ufeff")))).ReadAll()
		if err != nil || len(recs) != len(rows)+1 {
			t.Errorf("%s: %d records (%v), want %d rows and a header", csvFile, len(recs), err, len(rows))
		}
	}
}
