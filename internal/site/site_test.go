package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
)

func newSite(t *testing.T, files map[string]string, now time.Time, opts Options) (*Site, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	var diags diag.List
	cfg := config.Parse("site.yaml", []byte("title: {id: S, en: S}\nlanguages: [{code: id, name: Indonesia}, {code: en, name: English}]\n"), &diags)
	set := content.Load(context.Background(), fsys, cfg, &diags)
	opts.Now = now
	return New(cfg, set, opts, &diags), &diags
}

// reg writes a regulation whose key, pp-NUMBER-YEAR, gives its number
// and year.
func reg(key, extra string) (string, string) {
	parts := strings.Split(key, "-")
	return "content/regulations/" + key + ".md", "---\ntitle: " + key + "\ntype: PP\nnumber: \"" + parts[1] + "\"\nyear: " + parts[2] + "\n" + extra + "---\n"
}

func TestRegulationStatusAndRelations(t *testing.T) {
	files := map[string]string{}
	for _, r := range [][2]string{{"pp-31-2013", ""}, {"pp-26-2016", "amends: [pp-31-2013]\n"}, {"pp-1-2000", ""}, {"pp-2-2001", "revokes: [pp-1-2000]\n"}} {
		k, v := reg(r[0], r[1])
		files[k] = v
	}
	s, diags := newSite(t, files, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Options{})
	if diags.Len() > 0 {
		t.Fatal(diags.Items())
	}
	status := func(key string) string { return s.Lookup(content.KindRegulation, key).Main().Status }
	for key, want := range map[string]string{"pp-31-2013": "amended", "pp-26-2016": "in-force", "pp-1-2000": "revoked", "pp-2-2001": "in-force"} {
		if got := status(key); got != want {
			t.Errorf("status of %s = %s, want %s", key, got, want)
		}
	}
	if by := s.Lookup(content.KindRegulation, "pp-31-2013").AmendedBy; len(by) != 1 || by[0].Key != "pp-26-2016" {
		t.Errorf("AmendedBy = %v", by)
	}
}

func TestMeetingStatusAndUpcoming(t *testing.T) {
	m := func(date, extra string) string {
		return "---\ntitle: M\ndate: " + date + "\nvenue: V\norganizer: O\n" + extra + "---\n"
	}
	files := map[string]string{
		"content/meetings/lalu.md":  m("2025-12-01", ""),
		"content/meetings/hari.md":  m("2026-01-01", ""),
		"content/meetings/nanti.md": m("2026-03-01T09:00", ""),
		"content/meetings/batal.md": m("2026-02-01", "status: cancelled\n"),
		"content/news/besok.md":     "---\ntitle: Besok\ndate: 2026-02-01\n---\n",
		"content/news/draf.md":      "---\ntitle: Draf\ndate: 2025-02-01\ndraft: true\n---\n",
		"content/news/hanya.id.md":  "---\ntitle: Hanya\ndate: 2025-02-01\n---\n",
	}
	jkt, _ := time.LoadLocation("Asia/Jakarta")
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, jkt)
	s, diags := newSite(t, files, now, Options{})
	if diags.Len() > 0 {
		t.Fatal(diags.Items())
	}
	for key, want := range map[string]string{"lalu": "held", "hari": "scheduled", "nanti": "scheduled", "batal": "cancelled"} {
		if got := s.Lookup(content.KindMeeting, key).Main().Status; got != want {
			t.Errorf("status of %s = %s, want %s", key, got, want)
		}
	}
	var up []string
	for _, it := range s.Lang("en").Upcoming {
		up = append(up, it.Entry.Key)
		if !it.Missing {
			t.Errorf("%s has no English version but is not marked missing", it.Entry.Key)
		}
	}
	if got := strings.Join(up, " "); got != "hari nanti" {
		t.Errorf("upcoming = %s, want hari nanti", got)
	}
	if s.Lookup(content.KindNews, "besok") != nil || s.Lookup(content.KindNews, "draf") != nil {
		t.Error("future or draft news published by default")
	}
	s, _ = newSite(t, files, now, Options{Future: true, Drafts: true})
	if s.Lookup(content.KindNews, "besok") == nil || s.Lookup(content.KindNews, "draf") == nil {
		t.Error("--future or --drafts did not publish")
	}
}

func TestResolve(t *testing.T) {
	files := map[string]string{
		"content/news/a.id.md":           "---\ntitle: A\ndate: 2025-01-01\n---\n",
		"content/news/a.en.md":           "---\ntitle: A\nslug: a-en\n---\n",
		"content/news/b.md":              "---\ntitle: B\ndate: 2025-01-01\n---\n",
		"content/meetings/m/index.md":    "---\ntitle: M\ndate: 2025-01-01\nvenue: V\norganizer: O\n---\n",
		"content/meetings/m/notulen.pdf": "%PDF",
		"content/news/draf.md":           "---\ntitle: D\ndate: 2025-01-01\ndraft: true\n---\n",
	}
	s, diags := newSite(t, files, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Options{})
	if diags.Len() > 0 {
		t.Fatal(diags.Items())
	}
	en, _ := s.Lookup(content.KindNews, "a").In("en")
	mp := s.Lookup(content.KindMeeting, "m").Main()
	tests := []struct {
		from       *Page
		dest, want string
		bad        bool
	}{
		{en, "b.md", "/berita/b/", false},                     // only in Indonesian: the existing version
		{en, "a.id.md#x", "/en/news/a-en/#x", false},          // any language's file: the page's language
		{en, "../meetings/m/index.id.md", "/rapat/m/", false}, // untranslated
		{mp, "notulen.pdf", "/rapat/m/notulen.pdf", false},
		{mp, "../../news/a.md", "/berita/a/", false},
		{en, "nope.md", "", true},
		{en, "draf.md", "", true},
		{en, "../meetings/m/notulen.pdf", "", true}, // another page's bundle file
	}
	for _, tt := range tests {
		got, reason := s.Resolve(tt.from, tt.dest)
		if (reason != "") != tt.bad || got != tt.want {
			t.Errorf("Resolve(%s, %q) = %q, %q; want %q (broken %v)", tt.from.URL, tt.dest, got, reason, tt.want, tt.bad)
		}
	}
}
