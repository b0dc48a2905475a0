package build

import (
	"strings"
	"testing"

	"risalah/internal/diag"
)

// TestTrackerFileOrFolder claims paths in turn and requires a path that
// is a file where another needs a folder, in any letter case, to clash
// with the claim before it, naming both makers.
func TestTrackerFileOrFolder(t *testing.T) {
	tests := []struct {
		first, second string
		want          string // "" when both may be written
	}{
		{"a/b/index.html", "a/b", "/a/b is a file here, but /a/b/index.html, written by first, needs a folder of that name"},
		{"a/b", "a/b/index.html", "/a/b/index.html needs a folder /a/b/, which is the file /a/b written by first"},
		{"A/B/c.ics", "a/b", "/a/b is a file here, but /A/B/c.ics, written by first, needs a folder of that name"},
		{"sitemap.xml", "Sitemap.XML/index.html", "needs a folder /Sitemap.XML/, which is the file /sitemap.xml written by first"},
		{"a/b/c.html", "a/b/d.html", ""},
		{"a/b.html", "a/bc/index.html", ""},
	}
	for _, tt := range tests {
		diags := &diag.List{}
		w := &tracker{out: NewMemory(), owners: newLayer[string, string](0), sums: newLayer[string, sum](0), sizes: newLayer[string, int64](0), diags: diags}
		w.write(tt.first, "first", []byte("1"))
		w.write(tt.second, "second", []byte("2"))
		got := diags.Items()
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s then %s: %v", tt.first, tt.second, diags)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0].Error(), tt.want) || got[0].Pos.File != "second"):
			t.Errorf("%s then %s: %v, want second: %q", tt.first, tt.second, diags, tt.want)
		}
	}
}
