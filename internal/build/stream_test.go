package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"
	"time"

	"risalah"
)

// bigFS is a site whose one large attachment is made as it is read, never
// held in memory by the test: size bytes of a repeating pattern.
type bigFS struct {
	fstest.MapFS
	name string
	size int64
}

func (b bigFS) Open(name string) (fs.File, error) {
	if name == b.name {
		return &bigFile{name: name, size: b.size}, nil
	}
	return b.MapFS.Open(name)
}

func (b bigFS) ReadFile(name string) ([]byte, error) {
	if name == b.name {
		return io.ReadAll(&bigFile{name: name, size: b.size})
	}
	return b.MapFS.ReadFile(name)
}

func (b bigFS) Stat(name string) (fs.FileInfo, error) {
	if name == b.name {
		return (&bigFile{name: name, size: b.size}).Stat()
	}
	return fs.Stat(b.MapFS, name)
}

func (b bigFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := b.MapFS.ReadDir(name)
	if err != nil {
		return nil, err
	}
	for i, e := range entries {
		if name+"/"+e.Name() == b.name {
			info, _ := b.Stat(b.name)
			entries[i] = fs.FileInfoToDirEntry(info)
		}
	}
	return entries, nil
}

type bigFile struct {
	name      string
	size, off int64
}

func (f *bigFile) Stat() (fs.FileInfo, error) { return bigInfo{f}, nil }
func (f *bigFile) Close() error               { return nil }
func (f *bigFile) Read(p []byte) (int, error) {
	if f.off >= f.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), f.size-f.off))
	for i := range n {
		p[i] = byte((f.off + int64(i)) % 251)
	}
	f.off += int64(n)
	return n, nil
}

type bigInfo struct{ f *bigFile }

func (i bigInfo) Name() string       { return filepath.Base(i.f.name) }
func (i bigInfo) Size() int64        { return i.f.size }
func (i bigInfo) Mode() fs.FileMode  { return 0o644 }
func (i bigInfo) ModTime() time.Time { return time.Time{} }
func (i bigInfo) IsDir() bool        { return false }
func (i bigInfo) Sys() any           { return nil }

// TestLargeAttachmentStreamed builds into a folder a site with a 96 MB
// attachment and requires it published whole, byte for byte, while the
// build allocates far less than the file: it is copied as a stream, not
// read into memory.
func TestLargeAttachmentStreamed(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 96 MB")
	}
	const size = 96 << 20
	site := siteFS(t, []byte(minimalConfig+`-- content/news/a/index.md --
---
title: Arsip
date: 2023-08-24
attachments: [{file: arsip.zip, title: Arsip rapat}]
---
Isi.
`))
	fsys := bigFS{MapFS: site, name: "content/news/a/arsip.zip", size: size}
	// The folder listing must show the file that Open makes.
	fsys.MapFS["content/news/a/arsip.zip"] = &fstest.MapFile{Mode: 0o644}
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := ToDir(context.Background(), opts, out, DirOptions{NoCache: true})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	t.Logf("allocated %d MB", (after.TotalAlloc-before.TotalAlloc)>>20)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size/4 {
		t.Errorf("the build allocated %d MB for a %d MB attachment: it was read into memory", alloc>>20, size>>20)
	}
	got, err := os.Open(filepath.Join(out, "berita", "a", "arsip.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	h1, h2 := sha256.New(), sha256.New()
	n, _ := io.Copy(h1, got)
	io.Copy(h2, &bigFile{size: size})
	if n != size || !bytes.Equal(h1.Sum(nil), h2.Sum(nil)) {
		t.Errorf("published %d bytes, not the attachment's %d", n, size)
	}
	page, _ := os.ReadFile(filepath.Join(out, "berita", "a", "index.html"))
	if !bytes.Contains(page, []byte("101 MB")) {
		t.Errorf("the attachment's size is not listed as 268 MB")
	}
}
