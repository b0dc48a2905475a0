package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"risalah/internal/config"
	"risalah/internal/diag"
)

func TestCheckPortable(t *testing.T) {
	for _, tc := range []struct {
		name string
		want string // part of the reason; "" when the name is fine
	}{
		{"rakor-timpora-2023", ""},
		{"index.html", ""},
		{"consul", ""},
		{"com10", ""},
		{"lpt", ""},
		{"auxiliary.txt", ""},
		{"berita.lama", ""},
		{"con", "device name"},
		{"CON", "device name"},
		{"Con.md", "device name"},
		{"con.id.md", "device name"},
		{"prn.txt", "device name"},
		{"aux", "device name"},
		{"nul.tar.gz", "device name"},
		{"com1", "device name"},
		{"COM9.log", "device name"},
		{"lpt5", "device name"},
		{"lpt¹", "device name"},
		{"con .txt", "device name"},
		{"x.", "ends in a dot"},
		{"x ", "ends in a space"},
		{"a:b", "character"},
		{"a|b", "character"},
		{"a*b", "character"},
		{"a\tb", "character"},
	} {
		got := CheckPortable(tc.name)
		if (got == "") != (tc.want == "") || !strings.Contains(got, tc.want) {
			t.Errorf("CheckPortable(%q) = %q, want a reason containing %q", tc.name, got, tc.want)
		}
	}
	if got := CheckPortablePath("berita/aux/index.html"); !strings.Contains(got, `"aux"`) {
		t.Errorf("CheckPortablePath names no segment: %q", got)
	}
	for _, s := range []string{"con", "lpt1", "x.", "nul.html"} {
		if CheckSlug(s) == "" {
			t.Errorf("CheckSlug(%q) accepted a name Windows cannot create", s)
		}
	}
	for _, a := range []string{"/berita/con/", "/aux.html", "/lama./"} {
		if CheckAlias(a) == "" {
			t.Errorf("CheckAlias(%q) accepted a name Windows cannot create", a)
		}
	}
}

// TestUnportableFileNames reports content files and folders that Windows
// cannot create, by name, and loads the rest.
func TestUnportableFileNames(t *testing.T) {
	doc := []byte("---\ntitle: T\ndate: 2023-01-01\n---\nx\n")
	fsys := fstest.MapFS{
		"content/news/con.md":          {Data: doc},
		"content/news/ok.md":           {Data: doc},
		"content/news/lpt1/index.md":   {Data: doc},
		"content/news/b/aux.pdf":       {Data: []byte("%PDF")},
		"content/news/b/index.md":      {Data: doc},
		"content/news/titik./index.md": {Data: doc},
		"content/news/ok.id.md.swp":    {Data: doc}, // litter is not looked at
	}
	diags := &diag.List{}
	cfg := config.Parse("site.yaml", []byte("title: {id: S}\n"), diags)
	set := Load(t.Context(), fsys, cfg, diags)
	var got []string
	for _, d := range diags.Items() {
		if d.Code == diag.CodeNotPortable {
			got = append(got, d.Pos.File)
		}
	}
	want := []string{"content/news/b/aux.pdf", "content/news/con.md", "content/news/lpt1", "content/news/titik."}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("names reported: %q, want %q\n%v", got, want, diags.Items())
	}
	var keys []string
	for _, d := range set.Docs {
		keys = append(keys, d.Key)
	}
	if strings.Join(keys, " ") != "b ok" {
		t.Errorf("documents loaded: %q, want b and ok", keys)
	}
}
