//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"risalah"
)

// TestNamedPipes puts named pipes where a site has files (a document, a
// bundle's file, a static file, a template, site.yaml through a symbolic
// link): the build ends at once with an error naming each, instead of
// waiting forever for something to write into the pipe.
func TestNamedPipes(t *testing.T) {
	for _, tt := range []struct {
		name, pipe, want string
	}{
		{"document", "content/news/b.md", "content/news/b.md: error: a named pipe, not a regular file"},
		{"bundle file", "content/news/c/foto.jpg", "content/news/c/foto.jpg: error: a named pipe, not a regular file"},
		{"static file", "static/robots.txt", "static/robots.txt: error: a named pipe, not a regular file"},
		{"template", "templates/news.html", "a named pipe, not a regular file"},
		{"document through a link", "content/pipe", "content/pipe: error: a named pipe, not a regular file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := writeSite(t, minimalConfig+`-- content/news/a.md --
---
title: A
date: 2023-01-01
---
Isi.
-- content/news/c/index.md --
---
title: C
date: 2023-01-02
---
Isi.
`)
			p := filepath.Join(site, filepath.FromSlash(tt.pipe))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			if tt.pipe == "content/pipe" {
				if err := os.Symlink("../pipe", filepath.Join(site, "content", "news", "d.md")); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			opts := Options{Site: os.DirFS(site), Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
			res, err := ToDir(ctx, opts, filepath.Join(t.TempDir(), "public"), DirOptions{SiteDir: site})
			if ctx.Err() != nil {
				t.Fatal("the build waited on the pipe")
			}
			if err != nil || res.OK() || !strings.Contains(diagText(res.Result), tt.want) {
				t.Fatalf("err %v; diagnostics\n%s\nwant %q", err, diagText(res.Result), tt.want)
			}
		})
	}
}
