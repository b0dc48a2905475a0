package content

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"risalah/internal/config"
	"risalah/internal/diag"
)

// stampedSite is a small site whose files were saved an hour before now.
func stampedSite(now time.Time) fstest.MapFS {
	old := now.Add(-time.Hour)
	return fstest.MapFS{
		"content/meetings/m.id.md":    {Data: []byte("---\ntitle: Rapat\ndate: 2023-08-23\nvenue: Aula\norganizer: Kantor\ntags: [a, b]\n---\nIsi.\n"), ModTime: old},
		"content/meetings/m.en.md":    {Data: []byte("---\ntitle: Meeting\n---\nBody.\n"), ModTime: old},
		"content/news/b/index.md":     {Data: []byte("+++\ntitle = 'B'\ndate = 2023-01-01\n+++\nTOML.\n"), ModTime: old},
		"content/regulations/uu.md":   {Data: []byte("{\n\"title\": \"UU\", \"type\": \"UU\", \"number\": \"6\", \"year\": 2011\n}\n\nJSON.\n"), ModTime: old},
		"content/about.md":            {Data: []byte("\ufeff---\r\ntitle: \"Tentang\"\r\n---\r\nCRLF.\r\n"), ModTime: old},
		"content/news/b/lampiran.pdf": {Data: []byte("%PDF"), ModTime: old},
	}
}

func loadWith(t *testing.T, fsys fstest.MapFS, cache *Parsed) (*Set, string) {
	t.Helper()
	var diags diag.List
	cfg := config.Parse("site.yaml", []byte("title: {id: S}\n"), &diags)
	set := LoadCached(context.Background(), fsys, cfg, cache, &diags)
	var msgs []string
	for _, d := range diags.Items() {
		msgs = append(msgs, d.Error())
	}
	return set, stringsJoin(msgs)
}

func stringsJoin(s []string) string {
	var b bytes.Buffer
	for _, x := range s {
		b.WriteString(x + "\n")
	}
	return b.String()
}

// TestParsedSavedAndRead saves the cache of one load, reads it back as a
// later run would, and requires the next load to read no file whose size
// and time are unchanged, and to give the same documents and diagnostics.
func TestParsedSavedAndRead(t *testing.T) {
	fsys := stampedSite(time.Now())
	cache := NewParsed()
	first, firstDiags := loadWith(t, fsys, cache)
	if first.Read != 5 {
		t.Fatalf("first load read %d documents, want 5", first.Read)
	}
	var saved bytes.Buffer
	if _, err := cache.WriteTo(&saved); err != nil {
		t.Fatal(err)
	}
	again, err := ReadParsed(bytes.NewReader(saved.Bytes()))
	if err != nil {
		t.Fatalf("ReadParsed: %v", err)
	}
	for f, want := range cache.prev {
		if got, ok := again.lookup(f); !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s read back differs from the one saved", f)
		}
	}
	second, secondDiags := loadWith(t, fsys, again)
	if second.Read != 0 {
		t.Errorf("second load read %d documents, want 0", second.Read)
	}
	if firstDiags != secondDiags {
		t.Errorf("diagnostics differ:\n%s\nwant\n%s", secondDiags, firstDiags)
	}
	if len(first.Docs) != len(second.Docs) {
		t.Fatalf("%d documents, want %d", len(second.Docs), len(first.Docs))
	}
	for i := range first.Docs {
		a, b := first.Docs[i], second.Docs[i]
		if a.File != b.File || a.Common.Title != b.Common.Title || a.BodySum != b.BodySum || a.BodyLine != b.BodyLine ||
			!reflect.DeepEqual(a.Common.Tags, b.Common.Tags) || (a.Original == nil) != (b.Original == nil) {
			t.Errorf("document %s differs when taken from the cache", a.File)
		}
	}
	// The same bytes for the same site.
	var resaved bytes.Buffer
	if _, err := again.WriteTo(&resaved); err != nil {
		t.Fatal(err)
	}
	if loadedA, loadedB := cache.loaded, again.loaded; loadedA.Equal(loadedB) && !bytes.Equal(saved.Bytes(), resaved.Bytes()) {
		t.Error("saving the same cache twice gave different bytes")
	}
}

// TestParsedStamps reads again every file whose size or time changed, or
// whose time is too close to the load that cached it to be trusted.
func TestParsedStamps(t *testing.T) {
	now := time.Now()
	fsys := stampedSite(now)
	cache := NewParsed()
	loadWith(t, fsys, cache)

	// Same size, later time: a real edit.
	fsys["content/meetings/m.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Meetinx\n---\nBody.\n"), ModTime: now.Add(-time.Minute)}
	// Same time, other size.
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Tentang kami\n---\n"), ModTime: now.Add(-time.Hour)}
	set, _ := loadWith(t, fsys, cache)
	if set.Read != 2 {
		t.Errorf("read %d documents after two edits, want 2", set.Read)
	}
	for _, d := range set.Docs {
		if d.File == "content/meetings/m.en.md" && d.Common.Title != "Meetinx" {
			t.Errorf("edited title = %q", d.Common.Title)
		}
	}

	// A file saved just before the load that cached it is read again,
	// even when its stamp did not change.
	fsys["content/news/b/index.md"] = &fstest.MapFile{Data: fsys["content/news/b/index.md"].Data, ModTime: time.Now()}
	loadWith(t, fsys, cache)
	set, _ = loadWith(t, fsys, cache)
	if set.Read != 1 {
		t.Errorf("read %d documents, want the one saved during the last load", set.Read)
	}
}

// TestReadParsedDamaged refuses every cut-short or altered cache.
func TestReadParsedDamaged(t *testing.T) {
	cache := NewParsed()
	loadWith(t, stampedSite(time.Now()), cache)
	var saved bytes.Buffer
	if _, err := cache.WriteTo(&saved); err != nil {
		t.Fatal(err)
	}
	b := saved.Bytes()
	for n := 0; n < len(b); n++ {
		if _, err := ReadParsed(bytes.NewReader(b[:n])); err == nil {
			t.Fatalf("a cache cut at byte %d of %d was accepted", n, len(b))
		}
	}
	bad := append([]byte(nil), b...)
	bad[3] ^= 0xff
	if _, err := ReadParsed(bytes.NewReader(bad)); err == nil {
		t.Error("a cache of another version was accepted")
	}
}

// TestCompactParsed keeps the documents of a build encoded, saves and
// reads them back, and still reads no unchanged file.
func TestCompactParsed(t *testing.T) {
	fsys := stampedSite(time.Now())
	cache := NewCompactParsed()
	if set, _ := loadWith(t, fsys, cache); set.Read != 5 {
		t.Fatalf("first load read %d documents, want 5", set.Read)
	}
	if set, _ := loadWith(t, fsys, cache); set.Read != 0 {
		t.Errorf("second load, same cache, read %d documents, want 0", set.Read)
	}
	var saved bytes.Buffer
	if _, err := cache.WriteTo(&saved); err != nil {
		t.Fatal(err)
	}
	again, err := ReadParsed(&saved)
	if err != nil {
		t.Fatal(err)
	}
	set, diags := loadWith(t, fsys, again)
	if set.Read != 0 || len(set.Docs) != 5 {
		t.Errorf("load from the saved cache read %d of %d documents, want 0 of 5\n%s", set.Read, len(set.Docs), diags)
	}
}

// TestParsedWithoutTimes reads every file of a file system that gives no
// modification times, such as embed.FS, even when its size is the same.
func TestParsedWithoutTimes(t *testing.T) {
	fsys := stampedSite(time.Now())
	for _, f := range fsys {
		f.ModTime = time.Time{}
	}
	cache := NewCompactParsed()
	loadWith(t, fsys, cache)
	fsys["content/meetings/m.id.md"].Data = bytes.Replace(fsys["content/meetings/m.id.md"].Data, []byte("2023-08-23"), []byte("2024-09-24"), 1)
	set, _ := loadWith(t, fsys, cache)
	if set.Read != 5 {
		t.Errorf("read %d documents, want all 5", set.Read)
	}
	for _, d := range set.Docs {
		if d.File == "content/meetings/m.id.md" && d.Common.Date.Day() != "2024-09-24" {
			t.Errorf("date = %s, want the edited one", d.Common.Date.Day())
		}
	}
}
