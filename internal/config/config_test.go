package config

import (
	"strings"
	"testing"

	"risalah/internal/diag"
)

func TestMarkdownMaxSize(t *testing.T) {
	tests := []struct {
		yaml string
		want Size
		err  string // part of the one error expected, with its position
	}{
		{"", DefaultMaxSize, ""},
		{"markdown: {unsafe: true}\n", DefaultMaxSize, ""},
		{"markdown:\n  maxSize: 2MiB\n", 2 << 20, ""},
		{"markdown:\n  maxSize: 512KiB\n", 512 << 10, ""},
		{"markdown:\n  maxSize: 300000\n", 300000, ""},
		{"markdown:\n  maxSize: \" 3 MiB \"\n", 3 << 20, ""},
		{"markdown:\n  maxSize: 1024MiB\n", 1 << 30, ""},
		{"markdown:\n  maxSize: 2MB\n", DefaultMaxSize, `site.yaml:3:12: error: markdown.maxSize: "2MB" is not a size from 1 byte to 1024MiB; write a size such as 512KiB or 2MiB [R501]`},
		{"markdown:\n  maxSize: 0\n", DefaultMaxSize, `site.yaml:3:12: error: markdown.maxSize: "0" is not a size`},
		{"markdown:\n  maxSize: -5KiB\n", DefaultMaxSize, `"-5KiB" is not a size`},
		{"markdown:\n  maxSize: 1025MiB\n", DefaultMaxSize, `"1025MiB" is not a size`},
		{"markdown:\n  maxSize: [1]\n", DefaultMaxSize, "site.yaml:3:12: error: markdown.maxSize: expected a size, found"},
		{"markdown:\n  maxsize: 2MiB\n", DefaultMaxSize, `site.yaml:3:3: error: unknown field "markdown.maxsize"; did you mean "maxSize"? [R105]`},
	}
	for _, tt := range tests {
		var diags diag.List
		c := Parse(FileName, []byte("title: {id: Situs}\n"+tt.yaml), &diags)
		if c.Markdown.MaxSize != tt.want {
			t.Errorf("Parse(%q): MaxSize = %d, want %d", tt.yaml, c.Markdown.MaxSize, tt.want)
		}
		wantOneError(t, tt.yaml, &diags, tt.err)
	}
}

// TestTimeZone checks that a site names its zone: Local, the machine's
// own, would make builds differ between machines.
func TestTimeZone(t *testing.T) {
	tests := []struct {
		yaml, zone, err string
	}{
		{"", "Asia/Jakarta", ""},
		{"timezone: Asia/Makassar\n", "Asia/Makassar", ""},
		{"timezone: Local\n", "WIB", "site.yaml:2:11: error: timezone: Local makes every date depend on the machine that builds the site"},
		{"timezone: Mars/Olympus\n", "WIB", `site.yaml:2:11: error: unknown time zone "Mars/Olympus"`},
	}
	for _, tt := range tests {
		var diags diag.List
		c := Parse(FileName, []byte("title: {id: Situs}\n"+tt.yaml), &diags)
		if c.Loc.String() != tt.zone {
			t.Errorf("%q: zone %s, want %s", tt.yaml, c.Loc, tt.zone)
		}
		items := diags.Items()
		if tt.err == "" && len(items) > 0 || tt.err != "" && (len(items) != 1 || !strings.Contains(items[0].Error(), tt.err)) {
			t.Errorf("%q: diagnostics %v, want %q", tt.yaml, diags.Err(), tt.err)
		}
	}
}

// TestTextPerLanguage checks the hint for a text given once where each
// language needs its own.
func TestTextPerLanguage(t *testing.T) {
	var diags diag.List
	Parse(FileName, []byte("title: Kantor Imigrasi\n"), &diags)
	want := `site.yaml:1:8: error: title: expected a text for each language, found only "Kantor Imigrasi"; write it per language code, such as {id: Kantor Imigrasi, en: …} [R104]`
	if items := diags.Items(); len(items) != 1 || items[0].Error() != want {
		t.Errorf("diagnostics %v, want %s", diags.Err(), want)
	}
	diags = diag.List{}
	c := Parse(FileName, []byte("title: {id: Kantor, en: Office}\n"), &diags)
	if diags.HasErrors() || c.Title["en"] != "Office" {
		t.Errorf("per-language title: %v, %v", c.Title, diags.Err())
	}
}

// TestEncodings checks that a site.yaml in another encoding than UTF-8
// says which.
func TestEncodings(t *testing.T) {
	for src, want := range map[string]string{
		"\xff\xfet\x00i\x00":     "site.yaml:1:1: error: the file is UTF-16 text; risalah reads UTF-8",
		"title: {id: Caf\xe9}\n": "site.yaml:1:1: error: line 1 holds byte 0xe9, which is not UTF-8 text; the file was probably saved as Windows-1252 (ANSI)",
	} {
		var diags diag.List
		Parse(FileName, []byte(src), &diags)
		if items := diags.Items(); len(items) != 1 || !strings.Contains(items[0].Error(), want) {
			t.Errorf("%q: %v, want %q", src, diags.Err(), want)
		}
	}
}

// TestOffice checks the office's identity and contact details: what is
// kept, and the position and hint of each value refused.
func TestOffice(t *testing.T) {
	full := "office:\n  name: {id: Kantor Imigrasi, en: Immigration Office}\n  parent: {id: Direktorat Jenderal Imigrasi, en: Directorate General of Immigration}\n" +
		"  address: Jl. Contoh 1, Jember\n  phone: +62 (331) 123-456\n  email: humas@contoh.go.id\n" +
		"  hours: {id: Senin–Jumat 08.00–16.00, en: Monday to Friday 8:00–16:00}\n" +
		"  social:\n    - {name: Instagram, url: https://www.instagram.com/contoh/}\n"
	tests := []struct {
		yaml   string
		err    string // part of the one error expected, with its position
		check  func(o Office) bool
		social int
	}{
		{full, "", func(o Office) bool {
			return o.Parent["en"] == "Directorate General of Immigration" && o.Hours["id"] == "Senin–Jumat 08.00–16.00" && o.Phone == "+62 (331) 123-456" && o.Email == "humas@contoh.go.id"
		}, 1},
		{"office:\n  email: humas at contoh\n", `site.yaml:3:10: error: office email "humas at contoh" is not an e-mail address; write one address`, func(o Office) bool { return o.Email == "" }, 0},
		{"office:\n  email: a@b@c\n", `office email "a@b@c" is not an e-mail address`, func(o Office) bool { return o.Email == "" }, 0},
		{"office:\n  phone: 0331+123\n", `office phone "0331+123" holds other characters`, func(o Office) bool { return o.Phone == "" }, 0},
		{"office:\n  phone: call us\n", `site.yaml:3:10: error: office phone "call us" holds other characters`, func(o Office) bool { return o.Phone == "" }, 0},
		{"office:\n  social:\n    - {name: Instagram, url: instagram.com/contoh}\n    - {name: YouTube, url: https://www.youtube.com/@contoh}\n",
			`site.yaml:4:30: error: social url "instagram.com/contoh" is not an absolute http(s) URL`, func(o Office) bool { return o.Social[0].Name == "YouTube" }, 1},
		{"office:\n  social:\n    - {url: https://x.example/}\n", `name`, nil, 0},
		{"office:\n  hours: Senin–Jumat\n", `site.yaml:3:10: error: office.hours: expected a text for each language`, nil, 0},
	}
	for _, tt := range tests {
		var diags diag.List
		c := Parse(FileName, []byte("title: {id: Situs}\n"+tt.yaml), &diags)
		wantOneError(t, tt.yaml, &diags, tt.err)
		if tt.check != nil && !tt.check(c.Office) {
			t.Errorf("Parse(%q): office %+v", tt.yaml, c.Office)
		}
		if tt.check != nil && len(c.Office.Social) != tt.social {
			t.Errorf("Parse(%q): %d social links kept, want %d", tt.yaml, len(c.Office.Social), tt.social)
		}
	}
}

// wantOneError checks the diagnostics of parsing yaml: none when want is
// "", else exactly one error holding want.
func wantOneError(t *testing.T, yaml string, diags *diag.List, want string) {
	t.Helper()
	items := diags.Items()
	switch {
	case want == "" && len(items) > 0:
		t.Errorf("Parse(%q): unexpected %v", yaml, diags.Err())
	case want != "" && (len(items) != 1 || !strings.Contains(items[0].Error(), want)):
		t.Errorf("Parse(%q) = %v, want one error with %q", yaml, diags.Err(), want)
	}
}
