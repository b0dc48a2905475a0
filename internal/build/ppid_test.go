package build

import (
	"strings"
	"testing"
)

// TestPPIDRegister checks the register of public information and that
// exempt information never reaches the site.
func TestPPIDRegister(t *testing.T) {
	files := minimalConfig + `-- content/news/a.md --
---
title: Jadwal layanan
date: 2024-01-01
ppid: berkala
---
-- content/news/b.md --
---
title: Data pribadi pemohon
date: 2024-01-02
ppid: dikecualikan
draft: true
---
-- content/about.md --
---
title: Tentang
ppid: setiap-saat
---
`
	res, out := buildSite(t, siteFS(t, []byte(files)), Options{Drafts: true})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	reg := string(out.Files["informasi-publik/index.html"])
	for _, want := range []string{`id="ppid_berkala"`, "Jadwal layanan", "Tentang"} {
		if !strings.Contains(reg, want) {
			t.Errorf("register lacks %q", want)
		}
	}
	for name, data := range out.Files {
		if strings.Contains(string(data), "Data pribadi pemohon") {
			t.Errorf("exempt information published in %s, even with --drafts", name)
		}
	}
	if !strings.Contains(string(out.Files["index.html"]), `href="/informasi-publik/"`) {
		t.Error("the footer does not link the register")
	}

	// Without draft: true, exempt information stops the build.
	files = strings.Replace(files, "draft: true\n", "", 1)
	res, _ = buildSite(t, siteFS(t, []byte(files)), Options{})
	want := `content/news/b.md:4:7: error: "Data pribadi pemohon" is exempt public information (ppid: dikecualikan) but is not a draft`
	if err := res.Diags.Err(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}
