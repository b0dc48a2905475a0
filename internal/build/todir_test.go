package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"risalah"
)

// writeSite writes a txtar site into a new folder, its files dated an
// hour ago, as files are that an editor saved before the build.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for name, f := range siteFS(t, []byte(archive)) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readTree returns every file below dir by slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestToDirReadsOnlyChangedFiles builds into a folder with the cache
// three times: a warm build reads no document whose file kept its size
// and time, and one edit is read alone; every build equals a clean one.
func TestToDirReadsOnlyChangedFiles(t *testing.T) {
	site := writeSite(t, minimalConfig+`-- content/news/a.md --
---
title: A
date: 2023-01-01
tags: [rapat]
---
Isi A.
-- content/news/b.md --
---
title: B
date: 2023-01-02
---
Isi B.
-- content/meetings/m.id.md --
---
title: Rapat
date: 2023-08-23
venue: Aula
organizer: Kantor
---
Isi.
-- content/meetings/m.en.md --
---
title: Meeting
---
Body.
`)
	out := filepath.Join(t.TempDir(), "public")
	build := func(noCache bool, dir string) *DirResult {
		t.Helper()
		opts := Options{Site: os.DirFS(site), Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
		res, err := ToDir(context.Background(), opts, dir, DirOptions{SiteDir: site, NoCache: noCache})
		if err != nil || !res.OK() || !res.Published {
			t.Fatalf("build: %v %v", err, res.Diags)
		}
		return res
	}
	same := func(step string) {
		t.Helper()
		clean := filepath.Join(t.TempDir(), "clean")
		build(true, clean)
		compareFiles(t, step, readTree(t, out), readTree(t, clean))
	}
	if res := build(false, out); res.Read != 4 {
		t.Errorf("cold build read %d documents, want 4", res.Read)
	}
	same("cold")
	if res := build(false, out); res.Read != 0 {
		t.Errorf("warm build read %d documents, want 0", res.Read)
	}
	same("warm")
	p := filepath.Join(site, "content", "news", "b.md")
	if err := os.WriteFile(p, []byte("---\ntitle: B baru\ndate: 2023-01-02\n---\nIsi B.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	minute := time.Now().Add(-time.Minute)
	if err := os.Chtimes(p, minute, minute); err != nil {
		t.Fatal(err)
	}
	if res := build(false, out); res.Read != 1 {
		t.Errorf("build after one edit read %d documents, want 1", res.Read)
	}
	same("edit")
	if got := string(readTree(t, out)["berita/b/index.html"]); !strings.Contains(got, "B baru") {
		t.Error("the edited title is not on its page")
	}
}

// TestToDirMirror checks the back folder that the cache keeps: after every
// published build it holds the output's files as hard links, a failed
// build that wrote nothing leaves it usable, and the build after writes
// only what changed.
// checkManifest checks that the manifest.json of files, an output, lists
// every other file with its size and SHA-256.
func checkManifest(t *testing.T, step string, files map[string][]byte) {
	t.Helper()
	var m struct {
		Files []struct {
			Path, SHA256 string
			Size         int
		}
	}
	if err := json.Unmarshal(files[ManifestName], &m); err != nil {
		t.Fatalf("%s: %s: %v", step, ManifestName, err)
	}
	want := len(files) - 1
	if len(m.Files) != want {
		t.Errorf("%s: %s lists %d files, want %d", step, ManifestName, len(m.Files), want)
	}
	for _, f := range m.Files {
		data, ok := files[f.Path]
		if sum := sha256.Sum256(data); !ok || len(data) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: %s lists %s as %d bytes %s; it is %d bytes %x", step, ManifestName, f.Path, f.Size, f.SHA256, len(data), sum)
		}
	}
}

func TestToDirMirror(t *testing.T) {
	site := writeSite(t, minimalConfig+`-- content/news/a.md --
---
title: A
date: 2023-01-01
---
Isi A.

Paragraf kedua.
-- content/about.md --
---
title: Tentang
---
Isi.
`)
	out := filepath.Join(t.TempDir(), "public")
	back := filepath.Join(filepath.Dir(out), ".public.risalah", "back")
	build := func() *DirResult {
		t.Helper()
		opts := Options{Site: os.DirFS(site), Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
		res, err := ToDir(context.Background(), opts, out, DirOptions{SiteDir: site})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	mirrored := func(step string) {
		t.Helper()
		outFiles, backFiles := readTree(t, out), readTree(t, back)
		checkManifest(t, step, outFiles)
		if len(outFiles) != len(backFiles) {
			t.Errorf("%s: back folder holds %d files, the output %d", step, len(backFiles), len(outFiles))
		}
		for name := range outFiles {
			a, errA := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
			b, errB := os.Stat(filepath.Join(back, filepath.FromSlash(name)))
			if errA != nil || errB != nil || !os.SameFile(a, b) {
				t.Errorf("%s: %s is not shared with the back folder", step, name)
			}
		}
	}
	res := build()
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	mirrored("cold")
	a := filepath.Join(site, "content", "news", "a.md")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(a, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := readTree(t, out)
	write("---\ntitle: A\ndate: 2023-01-01\n---\nIsi A.\n\nParagraf kedua yang baru.\n")
	res = build()
	after := readTree(t, out)
	var changed, index []string
	for name, data := range after {
		if !bytes.Equal(before[name], data) {
			changed = append(changed, name)
			if strings.HasPrefix(name, "cari/index/") {
				index = append(index, name)
			}
		}
	}
	sort.Strings(changed)
	// The page, manifest.json, and of the search index only what holds
	// the document: its words' shards, docs.json and its doc/K.json.
	if !res.OK() || res.Written != len(changed) || len(changed) != 2+len(index) || len(index) == 0 ||
		!slices.Contains(changed, "berita/a/index.html") || !slices.Contains(changed, ManifestName) {
		t.Errorf("body edit: OK %v, %d files written, changed %q", res.OK(), res.Written, changed)
	}
	mirrored("body edit")
	write("---\ntitle: [A\n---\n")
	if res := build(); res.OK() || res.Published {
		t.Fatal("a build with broken front matter succeeded")
	}
	write("---\ntitle: A\ndate: 2023-01-01\n---\nIsi A.\n\nParagraf kedua yang baru.\n")
	if res := build(); !res.OK() || res.Written != 0 {
		t.Errorf("after a failed build: OK %v, %d files written, want 0", res.OK(), res.Written)
	}
	mirrored("after a failed build")
}
