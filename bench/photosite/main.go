// Command photosite writes two sites of n news posts, each a page bundle
// with one 12-megapixel photo as a phone takes it (4000×3000), one site
// for risalah and the same for Hugo, to compare what publishing photos
// costs (issue 14). Written for Hugo v0.165.0.
//
//	go run ./bench/photosite -n 200 -o DIR    # DIR/risalah and DIR/hugo
//
// Both make the same copies of each photo: 480, 960 and 1600 pixels wide,
// JPEG at quality 80, listed in an <img srcset> on the post's page. Hugo is
// set up as its documentation recommends for responsive images
// (https://gohugo.io/content-management/image-processing/): the page's
// template asks for each copy with .Resize "480x q80" and so on, and Hugo
// keeps what it made in resources/_gen, which a second build reuses. Its
// resampling filter is Hugo's default (Box) unless -filter names another;
// risalah scales with Catmull-Rom, which is slower and sharper, so
// "-filter CatmullRom" compares the same work. With -chain each smaller
// copy is made from the one before it ($l.Resize "960x q80"), as risalah
// makes its copies, instead of each from the photo.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"

	"risalah/internal/imaging/imagingtest"
)

func main() {
	n := flag.Int("n", 200, "news posts, one photo each")
	out := flag.String("o", "", "folder to write the two sites into")
	filter := flag.String("filter", "Box", "Hugo's resampleFilter")
	chain := flag.Bool("chain", false, "make each smaller copy from the one before it")
	flag.Parse()
	if *out == "" {
		log.Fatal("usage: photosite -n N -o DIR [-filter NAME]")
	}
	// The photos differ in their last bytes only, after the image's end:
	// each is decoded in full, but made once here.
	base := imagingtest.JPEG(imagingtest.Camera(4000, 3000, 1), 1)
	write := func(name string, data []byte) {
		name = filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("risalah/site.yaml", []byte("title: {id: Foto, en: Photos}\nbaseURL: https://foto.example/\n"))
	write("hugo/hugo.toml", []byte(fmt.Sprintf(`baseURL = "https://foto.example/"
title = "Foto"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[imaging]
  quality = 80
  resampleFilter = %q
`, *filter)))
	resize := `{{- $s := .Resize "480x q80" }}{{ $m := .Resize "960x q80" }}{{ $l := .Resize "1600x q80" }}`
	if *chain {
		resize = `{{- $l := .Resize "1600x q80" }}{{ $m := $l.Resize "960x q80" }}{{ $s := $m.Resize "480x q80" }}`
	}
	write("hugo/layouts/_default/single.html", []byte(`<!doctype html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>
{{- with .Resources.GetMatch "foto.jpg" }}
`+resize+`
<img src="{{ $l.RelPermalink }}" srcset="{{ $s.RelPermalink }} 480w, {{ $m.RelPermalink }} 960w, {{ $l.RelPermalink }} 1600w" sizes="(min-width: 45em) 40em, 100vw" width="{{ $l.Width }}" height="{{ $l.Height }}" alt="{{ $.Params.alt }}">
{{- end }}
{{ .Content }}</body></html>
`))
	write("hugo/layouts/_default/list.html", []byte("<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n"))
	for i := range *n {
		photo := append(slices.Clip(base), fmt.Sprintf("photo %d", i)...)
		dir := fmt.Sprintf("content/news/foto-%03d/", i)
		write("risalah/"+dir+"index.md", []byte(fmt.Sprintf("---\ntitle: Foto %d\ndate: 2024-01-01\nimage: {src: foto.jpg, alt: Foto kegiatan %d}\n---\nIsi.\n", i, i)))
		write("risalah/"+dir+"foto.jpg", photo)
		write("hugo/"+dir+"index.md", []byte(fmt.Sprintf("---\ntitle: Foto %d\ndate: 2024-01-01\nalt: Foto kegiatan %d\n---\nIsi.\n", i, i)))
		write("hugo/"+dir+"foto.jpg", photo)
	}
}
