package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"risalah/internal/diag"
)

type fakeResolver map[string]string

func (f fakeResolver) Resolve(dest string) (string, string) {
	if u, ok := f[dest]; ok {
		return u, ""
	}
	return "", "no file " + dest
}

func render(t *testing.T, src string, opts Options) (*Result, *diag.List) {
	t.Helper()
	var diags diag.List
	res := New(opts).Render(Input{File: "doc.md", Body: []byte(src), Line: 10, TableLabel: "Tabel", Text: true}, fakeResolver{"../r/uu.md": "/peraturan/uu/", "../r/uu.md#pasal-1": "/peraturan/uu/#pasal-1"}, &diags)
	return res, &diags
}

func TestHeadingIDs(t *testing.T) {
	res, _ := render(t, "## Hasil Rapat\n\n## Hasil Rapat\n\n## ???\n\n## Café Über\n\n## 2023\n", Options{})
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	if got, want := strings.Join(ids, " "), "hasil-rapat hasil-rapat-1 bagian cafe-uber h-2023"; got != want {
		t.Errorf("heading IDs = %s, want %s", got, want)
	}
	res2, _ := render(t, "## Hasil Rapat\n\n## Hasil Rapat\n\n## ???\n\n## Café Über\n\n## 2023\n", Options{})
	if string(res.HTML) != string(res2.HTML) {
		t.Error("heading IDs differ between runs")
	}
}

// TestHeadingIDsRepeated checks that IDs of repeated headings take the
// first free suffix, as they did when every suffix was tried from 1.
func TestHeadingIDsRepeated(t *testing.T) {
	res, _ := render(t, "## a\n\n## a\n\n## a-1\n\n## a\n\n## a-1\n", Options{})
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	if got, want := strings.Join(ids, " "), "a a-1 a-1-1 a-2 a-1-2"; got != want {
		t.Errorf("heading IDs = %s, want %s", got, want)
	}
}

func TestOneH1(t *testing.T) {
	res, _ := render(t, "# Judul\n\n## Sub\n", Options{})
	html := string(res.HTML)
	if strings.Contains(html, "<h1") || !strings.Contains(html, "<h2 id=\"judul\">") || !strings.Contains(html, "<h3 id=\"sub\">") {
		t.Errorf("headings not shifted below the page's h1:\n%s", html)
	}
}

func TestLinks(t *testing.T) {
	res, diags := render(t, "Lihat [UU](../r/uu.md) dan [pasal](../r/uu.md#pasal-1),\n[luar](https://example.org/), [rusak](../r/tidak-ada.md).\n", Options{})
	html := string(res.HTML)
	for _, want := range []string{`href="/peraturan/uu/"`, `href="/peraturan/uu/#pasal-1"`, `href="https://example.org/"`} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	err := diags.Err()
	if err == nil || !strings.Contains(err.Error(), `doc.md:11:`) || !strings.Contains(err.Error(), `broken link "../r/tidak-ada.md"`) {
		t.Errorf("broken link diagnostic = %v", err)
	}
}

func TestRawHTMLAndUnsafeLinks(t *testing.T) {
	src := "<div>blok</div>\n\nTeks <b>tebal</b> [x](javascript:alert(1)) ![i](data:text/html,evil) ![ok](data:image/png;base64,iVBOR) [e](javascript&#58;x)\n"
	res, diags := render(t, src, Options{})
	html := string(res.HTML)
	for _, bad := range []string{"<div>", "<b>", "javascript:", "data:text"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML contains %q:\n%s", bad, html)
		}
	}
	if !strings.Contains(html, "data:image/png") {
		t.Errorf("an image data URL was dropped:\n%s", html)
	}
	var codes []string
	for _, d := range diags.Items() {
		codes = append(codes, d.Pos.String()+" "+string(d.Code))
	}
	got := strings.Join(codes, ", ")
	for _, want := range []string{"doc.md:10:1 R301", "doc.md:12:6 R301", "doc.md:12:19 R302", "doc.md:12:105 R302"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics %s lack %s", got, want)
		}
	}
	res, _ = render(t, src, Options{Unsafe: true})
	if !strings.Contains(string(res.HTML), "<b>tebal</b>") {
		t.Error("unsafe mode dropped raw HTML")
	}
}

func TestGFMAndText(t *testing.T) {
	src := "Paragraf pertama yang cukup panjang.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n~~coret~~ https://example.org dan catatan[^1].\n\n[^1]: Isi catatan.\n"
	res, _ := render(t, src, Options{})
	html := string(res.HTML)
	for _, want := range []string{`<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel">`, "<table>", `<th scope="col">A</th>`, "<del>coret</del>", `<a href="https://example.org">`, `class="footnotes"`} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, "style=") || strings.Contains(html, "align=") {
		t.Errorf("HTML has style or align attributes, which a strict CSP or HTML5 rejects:\n%s", html)
	}
	if res.Summary != "Paragraf pertama yang cukup panjang." {
		t.Errorf("Summary = %q", res.Summary)
	}
	if !strings.Contains(res.Text, "coret https://example.org dan catatan") || len(strings.Fields(res.Text)) < 10 {
		t.Errorf("Text = %q", res.Text)
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"pendek", 20, "pendek"},
		{"satu dua tiga empat lima", 14, "satu dua tiga…"},
		{"  spasi   ganda  ", 20, "spasi ganda"},
	}
	for _, tt := range tests {
		if got := Shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// TestUnsafeLinksBecomeText requires an unsafe link, image or autolink to
// leave its text, and no link: an empty href would lead to the page itself.
func TestUnsafeLinksBecomeText(t *testing.T) {
	src := "Teks [x *y*](javascript:alert(1)) dan ![gambar](data:text/html,evil) dan <javascript:a&b\"c>.\n"
	res, _ := render(t, src, Options{})
	want := "<p>Teks x <em>y</em> dan gambar dan javascript:a&amp;b&quot;c.</p>\n"
	if string(res.HTML) != want {
		t.Errorf("HTML\n%s\nwant\n%s", res.HTML, want)
	}
}

// TestInvalidUTF8 requires bytes that are not UTF-8 to be an error at the
// first of them, naming the byte and the encoding it likely is, the page
// (for a preview) holding U+FFFD.
func TestInvalidUTF8(t *testing.T) {
	res, diags := render(t, "Satu.\n\nKata ca\xe7a dan \xff\xfe.\n", Options{})
	if !utf8.Valid(res.HTML) || !strings.Contains(string(res.HTML), "ca\uFFFDa dan \uFFFD") {
		t.Errorf("HTML %q", res.HTML)
	}
	items := diags.Items()
	if len(items) != 1 || items[0].Code != diag.CodeEncoding || items[0].Pos.Col != 8 || items[0].Severity != diag.Error ||
		!strings.Contains(items[0].Msg, "byte 0xe7 is not UTF-8 text; the file was probably saved as Windows-1252") {
		t.Errorf("diagnostics %v, want one R112 error at column 8", diags.Err())
	}
}

// TestImageWithoutAlt refuses a picture that has no text alternative,
// which screen readers cannot describe (WCAG 1.1.1), unless it says it is
// decorative; and warns of a picture on another site, whose size is not
// known.
func TestImageWithoutAlt(t *testing.T) {
	var diags diag.List
	New(Options{}).Render(Input{File: "doc.md", Line: 10, Body: []byte("Satu.\n\n![](a.jpg) dan ![Peserta rapat](https://cdn.example/b.jpg) dan ![ ](c.jpg) dan ![\"\"](d.png)\n")}, pictures{}, &diags)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Pos.String()+" "+string(d.Code)+" "+d.Severity.String()+" "+d.Msg)
	}
	want := []string{
		`doc.md:12:1 R305 error image "a.jpg" has no text alternative`,
		`doc.md:12:16 R306 warning image "https://cdn.example/b.jpg" is on another site: its size is not known, so the page moves as it loads`,
		`doc.md:12:64 R305 error image "c.jpg" has no text alternative`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// pictures is a Resolver that knows the size of some images.
type pictures map[string]Picture

func (p pictures) Resolve(dest string) (string, string) { return "/berita/a/" + dest, "" }

func (p pictures) Image(dest string) (Picture, bool) {
	pic, ok := p[dest]
	return pic, ok
}

// TestImages checks how images are written: width and height always, the
// copies in srcset with the theme's sizes, the first image eager when the
// page asks and the others lazy, a lone image with a title as a figure
// with its caption, and a decorative image with an empty alt.
func TestImages(t *testing.T) {
	res := pictures{
		"foto.jpg":  {Width: 1600, Height: 1200, Srcset: "/berita/a/foto-480w.jpg 480w, /berita/a/foto.jpg 1600w"},
		"kecil.png": {Width: 300, Height: 100},
	}
	src := "![Peserta rapat](foto.jpg \"Para peserta Rakor Timpora\")\n\nTeks ![Logo](kecil.png) di tengah.\n\n![\"\"](kecil.png)\n"
	for _, tt := range []struct {
		eager bool
		want  string
	}{
		{true, `<figure><img src="/berita/a/foto.jpg" alt="Peserta rapat" width="1600" height="1200" srcset="/berita/a/foto-480w.jpg 480w, /berita/a/foto.jpg 1600w" sizes="(min-width: 50em) 46em, 100vw" decoding="async"><figcaption>Para peserta Rakor Timpora</figcaption></figure>
<p>Teks <img src="/berita/a/kecil.png" alt="Logo" width="300" height="100" loading="lazy" decoding="async"> di tengah.</p>
<figure><img src="/berita/a/kecil.png" alt="" width="300" height="100" loading="lazy" decoding="async"></figure>
`},
		{false, `<figure><img src="/berita/a/foto.jpg" alt="Peserta rapat" width="1600" height="1200" srcset="/berita/a/foto-480w.jpg 480w, /berita/a/foto.jpg 1600w" sizes="(min-width: 50em) 46em, 100vw" loading="lazy" decoding="async"><figcaption>Para peserta Rakor Timpora</figcaption></figure>`},
	} {
		var diags diag.List
		out := New(Options{ImageSizes: "(min-width: 50em) 46em, 100vw"}).Render(Input{File: "a.md", Body: []byte(src), Eager: tt.eager}, res, &diags)
		if diags.Len() != 0 {
			t.Errorf("diagnostics: %v", diags.Err())
		}
		if !strings.HasPrefix(string(out.HTML), tt.want) {
			t.Errorf("eager=%v: HTML\n%s\nwant it to start with\n%s", tt.eager, out.HTML, tt.want)
		}
	}
}

// TestSummaryEntities checks that a summary, and the text search indexes,
// say what the page shows: entities and escapes resolved, once, so that
// lists, feeds and JSON-LD (which escape again) do not show "&amp;".
func TestSummaryEntities(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"Biaya Rp&nbsp;350.000 untuk AT&amp;T.\n", "Biaya Rp 350.000 untuk AT&T."}, // a summary is one line of plain spaces
		{"Tanda &#42; dan &#x2014; serta \\*bintang\\*.\n", "Tanda * dan \u2014 serta *bintang*."},
		{"Kode `a&amp;b` tetap.\n", "Kode a&amp;b tetap."},
		{"&lt;script&gt; hanya teks.\n", "<script> hanya teks."},
	} {
		res, _ := render(t, tc.src, Options{})
		if res.Summary != tc.want {
			t.Errorf("Summary of %q = %q, want %q", tc.src, res.Summary, tc.want)
		}
		if !strings.Contains(strings.Join(strings.Fields(res.Text), " "), tc.want) {
			t.Errorf("Text of %q = %q, want it to hold %q", tc.src, res.Text, tc.want)
		}
	}
}
