package build

import (
	"bytes"
	"context"
	"image"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"risalah"
)

// photoSite is a site with photos in a news bundle, in a meeting's
// gallery and in static/, as the README shows them.
const photoSite = minimalConfig + `-- static/images/kantor.jpg --
@image jpeg 1200x800
-- content/news/a/index.md --
---
title: Berita bergambar
date: 2023-08-24
image: {src: foto.jpg, alt: Peserta rapat di aula, caption: Para peserta Rakor Timpora}
---
Isi. ![Gedung kantor](/images/kantor.jpg)
-- content/news/a/foto.jpg --
@image jpeg 2000x1500 o6
-- content/news/b.md --
---
title: Berita kedua
date: 2023-08-25
image: {src: "https://cdn.example/foto.jpg", alt: Kantor}
---
Isi. ![Lambang kantor](/img/emblem.svg)
-- content/meetings/m/index.md --
---
title: Rapat
date: 2023-08-23
venue: Aula
organizer: Kantor
photos:
  - {src: a.png, alt: Denah}
  - {src: b.jpg, alt: Peserta, credit: Humas}
---
Isi.
-- content/meetings/m/a.png --
@image png 700x500
-- content/meetings/m/b.jpg --
@image jpeg 1700x1000
`

// TestPhotos builds photoSite and checks what the README promises of
// photos: copies at each width no wider than the original, upright and
// without metadata, in place of the original, with srcset, width and
// height on every image, the first one eager; a picture on another site
// as it is.
func TestPhotos(t *testing.T) {
	res, out := buildSite(t, siteFS(t, []byte(photoSite)), Options{ImageCache: &memImages{}})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	news := string(out.Files["berita/a/index.html"])
	for _, want := range []string{
		`<img src="/berita/a/foto.jpg" alt="Peserta rapat di aula" width="1500" height="2000" srcset="/berita/a/foto-480w.jpg 480w, /berita/a/foto-960w.jpg 960w, /berita/a/foto.jpg 1500w" sizes="(min-width: 45em) 40em, 100vw" fetchpriority="high" decoding="async">`,
		`<figcaption>Para peserta Rakor Timpora</figcaption>`,
		`<meta property="og:image" content="https://situs.example/berita/a/foto.jpg">`,
		`<meta property="og:image:width" content="1500">`,
		`<img src="/images/kantor.jpg" alt="Gedung kantor" width="1200" height="800" srcset="/images/kantor-480w.jpg 480w, /images/kantor-960w.jpg 960w, /images/kantor.jpg 1200w" sizes="(min-width: 45em) 40em, 100vw" loading="lazy" decoding="async">`,
	} {
		if !strings.Contains(news, want) {
			t.Errorf("berita/a/index.html lacks\n%s", want)
		}
	}
	if b := string(out.Files["berita/b/index.html"]); !strings.Contains(b, `<img src="https://cdn.example/foto.jpg" alt="Kantor" fetchpriority="high" decoding="async">`) {
		t.Errorf("the picture on another site is not shown as it is")
	}
	if b := string(out.Files["berita/b/index.html"]); !strings.Contains(b, `<meta property="og:image" content="https://cdn.example/foto.jpg">`) ||
		!strings.Contains(b, `"image":{"@type":"ImageObject","contentUrl":"https://cdn.example/foto.jpg"`) {
		t.Errorf("the picture on another site is not its link preview at its own address")
	}
	if b := string(out.Files["berita/b/index.html"]); !strings.Contains(b, `<img src="/img/emblem.svg" alt="Lambang kantor" width="40" height="40" loading="lazy" decoding="async">`) {
		t.Errorf("the theme's SVG picture is not shown with its size")
	}
	meeting := string(out.Files["rapat/m/index.html"])
	for _, want := range []string{
		`<img src="/rapat/m/a.png" alt="Denah" width="700" height="500" srcset="/rapat/m/a-480w.png 480w, /rapat/m/a.png 700w" sizes="(min-width: 45em) 20em, 100vw" loading="lazy" decoding="async">`,
		`<figcaption><span class="credit">Humas</span></figcaption>`,
	} {
		if !strings.Contains(meeting, want) {
			t.Errorf("rapat/m/index.html lacks\n%s", want)
		}
	}
	for name, size := range map[string][2]int{
		"berita/a/foto-480w.jpg": {480, 640}, "berita/a/foto-960w.jpg": {960, 1280}, "berita/a/foto.jpg": {1500, 2000},
		"images/kantor.jpg": {1200, 800}, "images/kantor-480w.jpg": {480, 320},
		"rapat/m/a.png": {700, 500}, "rapat/m/b.jpg": {1600, 941}, "rapat/m/b-960w.jpg": {960, 565},
	} {
		data, ok := out.Files[name]
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != size[0] || cfg.Height != size[1] {
			t.Errorf("%s: %d×%d (%v), want %v", name, cfg.Width, cfg.Height, err, size)
		}
		if bytes.Contains(data, []byte("Exif\x00")) {
			t.Errorf("%s keeps its EXIF block, and with it the GPS position", name)
		}
	}
	if _, ok := out.Files["rapat/m/b-1600w.jpg"]; ok {
		t.Error("the largest copy is written twice: under the original's name and with its width")
	}
	if res.ImagesEncoded != 4 || res.ImagesCached != 0 {
		t.Errorf("encoded %d and cached %d photos, want 4 and 0", res.ImagesEncoded, res.ImagesCached)
	}
}

// TestPhotoCache builds photoSite twice with a cache folder, each time
// with a new Builder as two runs of risalah build are: the second
// encodes nothing and writes the same bytes. Then one photo changes and
// one is added: only those two are encoded.
func TestPhotoCache(t *testing.T) {
	fsys := siteFS(t, []byte(photoSite))
	cache := DirImageCache(t.TempDir())
	first, out1 := buildSite(t, fsys, Options{ImageCache: cache})
	second, out2 := buildSite(t, fsys, Options{ImageCache: cache})
	if !first.OK() || !second.OK() {
		t.Fatal(first.Diags, second.Diags)
	}
	if first.ImagesEncoded != 4 || second.ImagesEncoded != 0 || second.ImagesCached != 4 {
		t.Errorf("encoded %d then %d (cached %d), want 4 then 0 (cached 4)", first.ImagesEncoded, second.ImagesEncoded, second.ImagesCached)
	}
	for name, data := range out1.Files {
		if !bytes.Equal(out2.Files[name], data) {
			t.Errorf("%s differs when its copies come from the cache", name)
		}
	}
	fsys["content/meetings/m/b.jpg"].Data = testImage(t, "jpeg 1700x1001")
	fsys["content/meetings/m/c.jpg"] = &fstest.MapFile{Data: testImage(t, "jpeg 640x480")}
	third, out3 := buildSite(t, fsys, Options{ImageCache: cache})
	if !third.OK() {
		t.Fatal(third.Diags)
	}
	if third.ImagesEncoded != 2 || third.ImagesCached != 3 {
		t.Errorf("after an edit and an addition: encoded %d, cached %d; want 2 and 3", third.ImagesEncoded, third.ImagesCached)
	}
	if _, ok := out3.Files["rapat/m/c-480w.jpg"]; !ok {
		t.Error("the added photo has no copies")
	}
}

// TestPreviewPhotos runs the builds of a live preview: a body that shows
// a picture of static/ that no page showed before needs a full build
// (its copies replace the file), which gives what a clean build does; a
// photo added to a bundle is the only one encoded.
func TestPreviewPhotos(t *testing.T) {
	ctx := context.Background()
	fsys := siteFS(t, []byte(photoSite+"-- static/images/peta.png --\n@image png 900x600\n"))
	old := time.Now().Add(-time.Hour)
	for _, f := range fsys {
		f.ModTime = old
	}
	b := NewBuilder(Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, Preview: true})
	out := NewMemory()
	if res := b.Build(ctx, out, nil, nil); !res.OK() || res.ImagesEncoded != 4 {
		t.Fatalf("first build: encoded %d: %v", res.ImagesEncoded, res.Diags)
	}
	f := fsys["content/news/b.md"]
	f.Data = append(f.Data, []byte("\n![Peta](/images/peta.png)\n")...)
	res := b.Build(ctx, out, b.Sums(), []string{"content/news/b.md"})
	if !res.OK() || res.Partial {
		t.Fatalf("partial %v, want a full build: %v", res.Partial, res.Diags)
	}
	if res.ImagesEncoded != 1 {
		t.Errorf("encoded %d photos, want the one newly shown", res.ImagesEncoded)
	}
	clean := NewMemory()
	Run(ctx, Options{Site: fsys, Theme: risalah.Theme(), Now: testNow}, clean)
	compareFiles(t, "picture of static/ newly shown", out.Files, clean.Files)

	// The post's picture goes, then comes back: the body's image loads
	// at once while it is the page's first, and waits to come into view
	// below the post's picture.
	withPicture := f.Data
	for _, step := range []struct {
		name, want string
		data       []byte
	}{
		{"picture taken away", `width="40" height="40" decoding="async">`,
			bytes.Replace(withPicture, []byte("image: {src: \"https://cdn.example/foto.jpg\", alt: Kantor}"), []byte("author: Humas"), 1)},
		{"picture given back", `width="40" height="40" loading="lazy" decoding="async">`, withPicture},
	} {
		f.Data = step.data
		res = b.Build(ctx, out, b.Sums(), []string{"content/news/b.md"})
		if !res.OK() {
			t.Fatal(res.Diags)
		}
		clean = NewMemory()
		Run(ctx, Options{Site: fsys, Theme: risalah.Theme(), Now: testNow}, clean)
		compareFiles(t, step.name, out.Files, clean.Files)
		page := string(out.Files["berita/b/index.html"])
		if !strings.Contains(page, `<img src="/img/emblem.svg" alt="Lambang kantor" `+step.want) {
			t.Errorf("%s: the body's first image is not written %s", step.name, step.want)
		}
		if !strings.Contains(page, `alt="Peta" width="900" height="600" srcset="/images/peta-480w.png 480w, /images/peta.png 900w" sizes="(min-width: 45em) 40em, 100vw" loading="lazy"`) {
			t.Errorf("%s: the body's second image does not wait to come into view", step.name)
		}
	}

	fsys["content/news/a/baru.jpg"] = &fstest.MapFile{Data: testImage(t, "jpeg 800x600"), ModTime: old}
	res = b.Build(ctx, out, b.Sums(), []string{"content/news/a/baru.jpg"})
	if !res.OK() || res.ImagesEncoded != 1 || res.ImagesCached != 5 {
		t.Errorf("a photo added: encoded %d, cached %d, want 1 and 5: %v", res.ImagesEncoded, res.ImagesCached, res.Diags)
	}
	if _, ok := out.Files["berita/a/baru-480w.jpg"]; !ok {
		t.Error("the photo added has no copies")
	}
}

// TestBadPhotos checks that every problem of an image is reported with its
// file and, where an editor wrote it, its line.
func TestBadPhotos(t *testing.T) {
	for _, tt := range []struct {
		name, files string
		want        []string
		ok          bool
	}{
		{"corrupt", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
image: {src: foto.jpg, alt: Foto}
---
-- content/news/a/foto.jpg --
this is not a photo
`, []string{"content/news/a/foto.jpg: error: cannot publish the image: not a JPEG, PNG, GIF, WebP or SVG image; open the file in an image editor"}, false},
		{"cut short", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
---
-- content/news/a/foto.png --
` + "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00" + `
`, []string{"content/news/a/foto.png: error: cannot publish the image: cannot read the image"}, false},
		{"too large", `-- site.yaml --
title: {id: Situs, en: Site}
images: {maxPixels: 100000}
-- content/news/a/index.md --
---
title: A
date: 2023-08-24
---
-- content/news/a/foto.jpg --
@image jpeg 400x300
`, []string{"content/news/a/foto.jpg: error: cannot publish the image: image too large: 400×300 pixels, more than the 100000 allowed; scale the photo down", "raise images.maxPixels in site.yaml [R306]"}, false},
		{"alt left empty", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
image:
  src: foto.jpg
  alt:
---
-- content/news/a/foto.jpg --
@image jpeg 40x30
`, []string{`content/news/a/index.md:6:7: error: image: missing required field "image.alt"`}, false},
		{"decorative in front matter", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
image: {src: foto.jpg, alt: ""}
---
-- content/news/a/foto.jpg --
@image jpeg 40x30
`, nil, true},
		{"photo without alt", `-- content/meetings/m/index.md --
---
title: Rapat
date: 2023-08-23
venue: Aula
organizer: Kantor
photos:
  - {src: a.jpg, alt: Denah}
  - {src: b.jpg}
---
-- content/meetings/m/a.jpg --
@image jpeg 40x30
-- content/meetings/m/b.jpg --
@image jpeg 40x30
`, []string{`content/meetings/m/index.md:8:5: error: photos[2]: missing required field "photos[2].alt"`}, false},
		{"photo not in the bundle", `-- content/meetings/m/index.md --
---
title: Rapat
date: 2023-08-23
venue: Aula
organizer: Kantor
photos:
  - {src: hilang.jpg, alt: Denah}
---
`, []string{`content/meetings/m/index.md:7:5: error: photos "hilang.jpg": no file content/meetings/m/hilang.jpg in the bundle; put the picture in the page bundle folder`}, false},
		{"Markdown image without alt", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
---
Teks.

![](foto.jpg)
-- content/news/a/foto.jpg --
@image jpeg 40x30
`, []string{`content/news/a/index.md:7:1: error: image "foto.jpg" has no text alternative; describe the picture between the brackets`, `or write ![""](hiasan.png) if it is only decorative [R305]`}, false},
		{"decorative and remote", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
---
![""](garis.png)

![Peta](https://peta.example/a.png)
-- content/news/a/garis.png --
@image png 40x2
`, []string{`content/news/a/index.md:7:1: warning: image "https://peta.example/a.png" is on another site: its size is not known, so the page moves as it loads;`}, true},
		{"attachment of a news post missing", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
attachments: [{file: notulen.pdf}]
---
`, []string{`content/news/a/index.md:4:15: error: attachments: no file content/news/a/notulen.pdf;`}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := buildSite(t, siteFS(t, []byte(minimalConfig+tt.files)), Options{})
			all := diagText(res)
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("diagnostics lack %q; got:\n%s", w, all)
				}
			}
			if res.OK() != tt.ok {
				t.Errorf("build OK = %v, want %v:\n%s", res.OK(), tt.ok, all)
			}
		})
	}
}

// TestPixelBudget checks that the photos decoded at once never hold more
// pixels than the budget, however many workers ask, and that a photo
// larger than the budget still gets its turn alone.
func TestPixelBudget(t *testing.T) {
	b := newPixelBudget(100)
	var mu sync.Mutex
	inFlight, peak := int64(0), int64(0)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := int64(30 + i%5*20) // 30 to 110 pixels
			n := b.acquire(want)
			mu.Lock()
			inFlight += n
			peak = max(peak, inFlight)
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			inFlight -= n
			mu.Unlock()
			b.release(n)
		}()
	}
	wg.Wait()
	if peak > 100 || peak < 60 {
		t.Errorf("peak of pixels decoded at once = %d, want from 60 (two at once) to 100 (the budget)", peak)
	}
	if b.free != 100 {
		t.Errorf("budget left %d, want all 100 back", b.free)
	}
}
