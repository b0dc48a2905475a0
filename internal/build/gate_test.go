package build

import (
	"strings"
	"testing"

	"risalah/internal/imaging"
	"risalah/internal/imaging/imagingtest"
)

// metadataSite holds pictures carrying metadata (EXIF with GPS, XMP,
// IPTC, comments, text chunks) in every format and from every folder a
// build publishes files of: a bundle's files, shown or only linked,
// static/ pictures shown by a document, only linked, shown only by a
// draft, or not referenced at all; one with a name that hides its format.
const metadataSite = minimalConfig + `-- content/news/a/index.md --
---
title: Berita
date: 2023-08-24
image: {src: foto.jpg, alt: Peserta}
---
![Denah](denah.png) ![Animasi](animasi.gif) ![Peta](peta.webp) ![Lambang](lambang.svg)

[Foto asli](asli.jpg), [dari kamera](kamera.jfif), [bergerak](gerak.webp), [kantor](/images/kantor.jpg)
-- content/news/a/foto.jpg --
@image tagged-jpeg 900x600
-- content/news/a/asli.jpg --
@image tagged-jpeg 300x200 o6
-- content/news/a/kamera.jfif --
@image tagged-jpeg 300x200
-- content/news/a/denah.png --
@image tagged-png 300x200
-- content/news/a/animasi.gif --
@image tagged-gif 300x200
-- content/news/a/peta.webp --
@image tagged-webp 300x200
-- content/news/a/gerak.webp --
@image animated-webp 64x64
-- content/news/a/lampiran.bin --
@image tagged-jpeg 100x100
-- content/news/a/lambang.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description exif:GPSLatitude="8,10S" xmlns:exif="http://ns.adobe.com/exif/1.0/"/></rdf:RDF></metadata><circle cx="5" cy="5" r="4"/></svg>
-- content/news/b.md --
---
title: Draf
date: 2023-08-24
draft: true
---
![Hanya di draf](/images/draf.png)
-- static/images/kantor.jpg --
@image tagged-jpeg 400x300
-- static/images/draf.png --
@image tagged-png 200x100
-- static/images/lepas.jpg --
@image tagged-jpeg 200x100 o8
-- static/images/lepas.gif --
@image tagged-gif 100x100
-- static/images/lepas.webp --
@image tagged-webp 100x100
-- static/images/tanpa-akhiran --
@image tagged-png 50x50
-- static/img/peta.svg --
<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata><x:xmpmeta xmlns:x="adobe:ns:meta/">GPS</x:xmpmeta></metadata><rect width="4" height="4"/></svg>
`

// TestNoMetadataPublished builds metadataSite and reads every published
// file as exiftool would (imagingtest.Metadata, written apart from the
// code that removes metadata): none may hold EXIF, XMP, IPTC, a GPS
// position, a comment or a text chunk, whatever its folder and format.
func TestNoMetadataPublished(t *testing.T) {
	fsys := siteFS(t, []byte(metadataSite))
	// The fixtures must carry what the test says they do.
	for _, name := range []string{"content/news/a/foto.jpg", "content/news/a/animasi.gif", "content/news/a/peta.webp", "static/images/lepas.jpg", "static/images/tanpa-akhiran"} {
		if len(imagingtest.Metadata(fsys[name].Data)) == 0 {
			t.Fatalf("fixture %s has no metadata to remove", name)
		}
	}
	res, out := buildSite(t, fsys, Options{})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	for _, name := range []string{"berita/a/animasi.gif", "berita/a/peta.webp", "berita/a/gerak.webp", "berita/a/kamera.jfif",
		"berita/a/lampiran.bin", "berita/a/lambang.svg", "images/lepas.jpg", "images/lepas.gif", "images/lepas.webp",
		"images/tanpa-akhiran", "images/draf.png", "img/peta.svg"} {
		if _, ok := out.Files[name]; !ok {
			t.Errorf("%s not published", name)
		}
	}
	checked := 0
	for name, data := range out.Files {
		if found := imagingtest.Metadata(data); len(found) > 0 {
			t.Errorf("/%s holds %s", name, strings.Join(found, ", "))
		}
		checked++
	}
	for _, name := range []string{"berita/a/lambang.svg", "img/peta.svg"} {
		if s := string(out.Files[name]); strings.Contains(s, "metadata") || strings.Contains(s, "GPS") {
			t.Errorf("/%s keeps its metadata: %s", name, s)
		}
	}
	t.Logf("%d published files read", checked)

	// The sample site too, theme and all.
	res, out = buildSite(t, sampleSite(t), Options{})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	for name, data := range out.Files {
		if found := imagingtest.Metadata(data); len(found) > 0 {
			t.Errorf("sample site: /%s holds %s", name, strings.Join(found, ", "))
		}
	}
}

// TestGateRefuses checks that a file a build must not publish fails the
// build with its file and, where it has one, its line: a script in an
// SVG, a photo format that cannot be cleaned, an image cut short, a
// Markdown file in static/.
func TestGateRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, files string
		want        []string
	}{
		{"svg with a script in a bundle", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
---
[peta](gps.svg)
-- content/news/a/gps.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"
  onload="alert(document.domain)">
<script>fetch('/x')</script>
</svg>
`, []string{"content/news/a/gps.svg:2:3: error: the SVG holds an event handler (onload), which runs a script",
			"content/news/a/gps.svg:3:1: error: the SVG holds a script (script)"}},
		{"svg with foreignObject in static", `-- static/img/x.svg --
<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>
`, []string{"static/img/x.svg:1:41: error: the SVG holds embedded web content"}},
		{"svg linking outside", `-- static/img/x.svg --
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/a.svg#x"/></svg>
`, []string{"static/img/x.svg:1:", "error: the SVG refers to a file outside itself"}},
		{"svg with a javascript link", `-- static/img/x.svg --
<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>
`, []string{"static/img/x.svg:1:", "error: the SVG holds a script address"}},
		{"heic photo", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
---
Isi.
-- content/news/a/foto.heic --
@image heic 10x10
`, []string{"content/news/a/foto.heic: error: HEIC, HEIF and AVIF photos cannot be published", "save the photo as JPEG"}},
		{"heic attachment", `-- content/news/a/index.md --
---
title: A
date: 2023-08-24
attachments: [{file: foto.heic, title: Foto}]
---
Isi.
-- content/news/a/foto.heic --
@image heic 10x10
`, []string{`content/news/a/index.md:4:15: error: attachments file "foto.heic" is a photo format that is not published as it is`}},
		{"tiff in static that no document shows", `-- static/images/pindai.tif --
@image tagged-tiff 40x30
`, []string{"static/images/pindai.tif: error: a TIFF that no document shows is not published"}},
		{"gif cut short", `-- static/images/a.gif --
@image gif 100x100 cut
`, []string{"static/images/a.gif: error: cannot publish the image: cannot read the image"}},
		{"webp cut short", `-- static/images/a.webp --
@image webp 100x100 cut
`, []string{"static/images/a.webp: error: cannot publish the image: cannot read the image"}},
		{"markdown in static", `-- static/catatan.md --
rahasia
`, []string{"static/catatan.md: error: a Markdown file is a source and is never published as a file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := buildSite(t, siteFS(t, []byte(minimalConfig+tc.files)), Options{})
			if res.OK() {
				t.Fatal("the build passed")
			}
			got := res.Diags.Err().Error()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics lack %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestTIFF checks that a TIFF a document shows (a scan, a print master)
// is published as JPEG copies under .jpg names, upright, without its
// metadata, and that the page's picture, body image and link lead to them.
func TestTIFF(t *testing.T) {
	files := minimalConfig + `-- content/news/a/index.md --
---
title: Pindaian
date: 2023-08-24
image: {src: pindai.tif, alt: Surat yang dipindai}
---
![Peta](peta.tiff)

[Unduh peta](peta.tiff)
-- content/news/a/pindai.tif --
@image tagged-tiff 1200x900
-- content/news/a/peta.tiff --
@image tagged-tiff 600x400 o6
`
	res, out := buildSite(t, siteFS(t, []byte(files)), Options{})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	for name := range out.Files {
		if strings.HasSuffix(name, ".tif") || strings.HasSuffix(name, ".tiff") {
			t.Errorf("/%s published", name)
		}
	}
	for _, name := range []string{"berita/a/pindai.jpg", "berita/a/pindai-480w.jpg", "berita/a/peta.jpg"} {
		data, ok := out.Files[name]
		if !ok {
			t.Errorf("/%s not published", name)
			continue
		}
		if imaging.Sniff(data) != "jpeg" || len(imagingtest.Metadata(data)) > 0 {
			t.Errorf("/%s is %s with %v", name, imaging.Sniff(data), imagingtest.Metadata(data))
		}
	}
	if d := describeImage(out.Files["berita/a/peta.jpg"]); !strings.Contains(d, "400×600") {
		t.Errorf("peta.jpg is %s, want it upright, 400×600", d)
	}
	page := string(out.Files["berita/a/index.html"])
	for _, want := range []string{`src="/berita/a/pindai.jpg"`, `srcset="/berita/a/pindai-480w.jpg 480w, /berita/a/pindai-960w.jpg 960w, /berita/a/pindai.jpg 1200w"`,
		`<img src="/berita/a/peta.jpg" alt="Peta"`, `<a href="/berita/a/peta.jpg">Unduh peta</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, ".tif") {
		t.Error("page still names a .tif")
	}
}
