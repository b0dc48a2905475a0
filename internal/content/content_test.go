package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"risalah/internal/config"
	"risalah/internal/diag"
	"risalah/internal/meta"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		format   meta.Format
		fmLine   int
		body     string
		bodyLine int
		ok       bool
	}{
		{"yaml", "---\ntitle: A\n---\nBody\n", meta.YAML, 2, "Body\n", 4, true},
		{"leading blank lines", "\n\n---\ntitle: A\n---\nBody\n", meta.YAML, 4, "Body\n", 6, true},
		{"toml", "+++\ntitle = 'A'\n+++\nBody\n", meta.TOML, 2, "Body\n", 4, true},
		{"json object", "{\n\"title\": \"A\"\n}\n\nBody\n", meta.JSON, 1, "Body\n", 5, true},
		{"none", "Just text\n", meta.YAML, 1, "Just text\n", 1, true},
		{"unclosed", "---\ntitle: A\nBody\n", "", 0, "", 0, false},
	}
	for _, tt := range tests {
		var diags diag.List
		_, f, fmLine, body, bodyLine, ok := Split("x.md", []byte(tt.src), &diags)
		if ok != tt.ok {
			t.Errorf("%s: ok = %v, want %v (%v)", tt.name, ok, tt.ok, diags.Err())
			continue
		}
		if !ok {
			continue
		}
		if f != tt.format || fmLine != tt.fmLine || string(body) != tt.body || bodyLine != tt.bodyLine {
			t.Errorf("%s: got %s line %d, body %q at %d; want %s line %d, body %q at %d",
				tt.name, f, fmLine, body, bodyLine, tt.format, tt.fmLine, tt.body, tt.bodyLine)
		}
	}
}

func TestNormalize(t *testing.T) {
	got := string(Normalize([]byte("\xef\xbb\xbfa\r\nb\rc\n")))
	if got != "a\nb\nc\n" {
		t.Errorf("Normalize = %q", got)
	}
}

func TestParseDate(t *testing.T) {
	jkt, _ := time.LoadLocation("Asia/Jakarta")
	tests := []struct {
		in      string
		day     string
		hasTime bool
		hour    int
	}{
		{"2023-08-23", "2023-08-23", false, 0},
		{"2023-08-23T23:30", "2023-08-23", true, 23},
		{"2023-08-23 09:00:00", "2023-08-23", true, 9},
		{"2023-08-23T20:00:00Z", "2023-08-24", true, 3}, // an offset is converted to the site's zone
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in, jkt)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if d.Day() != tt.day || d.HasTime != tt.hasTime || d.Time.Hour() != tt.hour {
			t.Errorf("ParseDate(%q) = %s (time %v, hour %d), want %s (%v, %d)", tt.in, d.Day(), d.HasTime, d.Time.Hour(), tt.day, tt.hasTime, tt.hour)
		}
	}
	for _, bad := range []string{"23/08/2023", "2023-02-30", "kemarin"} {
		if _, err := ParseDate(bad, jkt); err == nil {
			t.Errorf("ParseDate(%q) succeeded", bad)
		}
	}
}

func TestCheckSlugAndAlias(t *testing.T) {
	for _, s := range []string{"..", "a/b", `a\b`, "a b", "a?b"} {
		if CheckSlug(s) == "" {
			t.Errorf("CheckSlug(%q) accepted", s)
		}
	}
	for _, s := range []string{"rakor-timpora-2023", "uu-6-2011", "berita.lama"} {
		if r := CheckSlug(s); r != "" {
			t.Errorf("CheckSlug(%q) = %q", s, r)
		}
	}
	for _, a := range []string{"../x", "/a/../../b", "/", "https://x.example/", `\x`} {
		if CheckAlias(a) == "" {
			t.Errorf("CheckAlias(%q) accepted", a)
		}
	}
	if r := CheckAlias("/berita/2023/lama/"); r != "" {
		t.Errorf("CheckAlias rejected a plain path: %s", r)
	}
}

func TestLoadTranslations(t *testing.T) {
	fsys := fstest.MapFS{
		"content/meetings/m.id.md":      {Data: []byte("---\ntitle: Rapat\ndate: 2023-08-23\nvenue: Aula\norganizer: Kantor\naliases: [/lama/]\n---\nIsi.\n")},
		"content/meetings/m.en.md":      {Data: []byte("---\ntitle: Meeting\n---\nBody.\n")},
		"content/meetings/b/index.md":   {Data: []byte("---\ntitle: B\ndate: 2023-01-01\nvenue: V\norganizer: O\n---\n")},
		"content/meetings/b/file.pdf":   {Data: []byte("%PDF")},
		"content/meetings/.m.id.md.swp": {Data: []byte("junk")},
		"content/about.md":              {Data: []byte("---\ntitle: Tentang\n---\n")},
	}
	var diags diag.List
	cfg := config.Parse("site.yaml", []byte("title: {id: S}\n"), &diags)
	set := Load(context.Background(), fsys, cfg, &diags)
	if diags.Len() > 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	var keys []string
	for _, d := range set.Docs {
		keys = append(keys, string(d.Kind)+"/"+d.Key+"."+d.Lang)
	}
	if got, want := strings.Join(keys, " "), "meetings/b.id meetings/m.id meetings/m.en page/about.id"; got != want {
		t.Fatalf("docs = %s, want %s", got, want)
	}
	en := set.Docs[2]
	if en.Original != set.Docs[1] || en.Meeting.Venue != "Aula" || en.Common.Title != "Meeting" || en.Common.Date.Day() != "2023-08-23" {
		t.Errorf("translation did not inherit: %+v %+v", en.Common, en.Meeting)
	}
	if len(en.Common.Aliases) != 0 {
		t.Errorf("translation inherited aliases %v", en.Common.Aliases)
	}
	if len(set.Resources) != 1 || set.Resources[0] != "content/meetings/b/file.pdf" {
		t.Errorf("resources = %v", set.Resources)
	}
}
