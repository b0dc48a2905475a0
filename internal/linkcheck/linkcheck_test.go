package linkcheck

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheck(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html": {Data: []byte(`<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/css/site.css">
<link rel="alternate" hreflang="en" href="https://x.example/en/">
<link rel="alternate" hreflang="fr" href="https://x.example/fr/">
</head><body>
<a href="/berita/">ok</a> <a href="berita/#bagian">frag ok</a>
<a href="/berita/#hilang">bad fragment</a>
<a href="/tidak-ada/">missing</a>
<a href="https://elsewhere.example/x">external</a>
<a href="mailto:a@b.example">mail</a>
<a href="javascript:alert(1)">js</a>
<img src="/img/a.png" alt="">
<img src="img/b.png" srcset="/img/a.png 1x, /img/c.png 2x" alt="">
<a href="#atas" id="atas">self</a>
</body></html>`)},
		"berita/index.html": {Data: []byte(`<h2 id="bagian">x</h2><meta http-equiv="refresh" content="0; url=/lama/">`)},
		"en/index.html":     {Data: []byte(`<a href="../berita/">up</a>`)},
		"css/site.css":      {Data: []byte("")},
		"img/a.png":         {Data: []byte("")},
		"img/b.png":         {Data: []byte("")},
	}
	probs, err := Check(fsys, Options{BaseURL: "https://x.example/"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	want := []string{
		`berita/index.html:1: meta refresh "/lama/": no such file in the output`,
		`index.html:4: link[alternate hreflang=fr] href "https://x.example/fr/": no such file in the output`,
		`index.html:7: a href "/berita/#hilang": no element with id "hilang" in berita/index.html`,
		`index.html:8: a href "/tidak-ada/": no such file in the output`,
		`index.html:11: a href "javascript:alert(1)": unsafe javascript: link`,
		`index.html:13: img srcset "/img/c.png": no such file in the output`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
