package svgsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// head is the first line of most hostile cases, so that what follows it
// is on line 2 and its columns can be read off the test.
const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`

// doc returns an SVG with body on its second line.
func doc(body string) string { return head + "\n" + body + "\n</svg>" }

// hostile are SVGs that Clean must refuse, with everything it must find.
var hostile = []struct {
	name string
	in   string
	want []Finding
}{
	{"script", doc(`<script>alert(1)</script>`),
		[]Finding{{2, 1, Script, "script"}}},
	{"script upper case", doc(`<SCRIPT>alert(1)</SCRIPT>`),
		[]Finding{{2, 1, Script, "SCRIPT"}}},
	{"script prefixed svg", doc(`<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>`),
		[]Finding{{2, 1, Script, "s:script"}}},
	{"script xhtml", doc(`<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>`),
		[]Finding{{2, 1, Script, "h:script"}}},
	{"script unknown namespace", doc(`<script xmlns="urn:x">alert(1)</script>`),
		[]Finding{{2, 1, Script, "script"}}},
	{"script cdata", doc(`<g><script><![CDATA[alert(1)]]></script></g>`),
		[]Finding{{2, 4, Script, "script"}}},
	{"script in metadata", doc(`<metadata><script>alert(1)</script></metadata>`),
		[]Finding{{2, 11, Script, "script"}}},
	{"handler", doc(`<handler type="application/ecmascript">alert(1)</handler>`),
		[]Finding{{2, 1, Script, "handler"}}},
	{"svg onload", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
		[]Finding{{1, 41, EventHandler, "onload"}}},
	{"onclick mixed case", doc(`<g OnClick="alert(1)"/>`),
		[]Finding{{2, 4, EventHandler, "OnClick"}}},
	{"event handler on second line of tag", doc("<rect x=\"1\"\n   onmouseover=\"alert(1)\"/>"),
		[]Finding{{3, 4, EventHandler, "onmouseover"}}},
	{"a xlink javascript", doc(`<a xlink:href="javascript:alert(1)"><text>x</text></a>`),
		[]Finding{{2, 4, ScriptURL, "javascript:alert(1)"}}},
	{"javascript with tab reference", doc(`<a href="java&#x09;script:alert(1)">x</a>`),
		[]Finding{{2, 4, ScriptURL, `"java\tscript:alert(1)"`}}},
	{"javascript with character reference", doc(`<a href="&#106;avascript:alert(1)">x</a>`),
		[]Finding{{2, 4, ScriptURL, "javascript:alert(1)"}}},
	{"javascript mixed case and space", doc(`<a href="  JaVaScRiPt:alert(1)">x</a>`),
		[]Finding{{2, 4, ScriptURL, "JaVaScRiPt:alert(1)"}}},
	{"vbscript", doc(`<a href="vbscript:msgbox(1)">x</a>`),
		[]Finding{{2, 4, ScriptURL, "vbscript:msgbox(1)"}}},
	{"data html", doc(`<a href="data:text/html,&lt;script>alert(1)&lt;/script>">x</a>`),
		[]Finding{{2, 4, ScriptURL, "data:text/html,<script>alert(1)</script>"}}},
	{"use external", doc(`<use href="https://evil.example/x.svg#a"/>`),
		[]Finding{{2, 6, ExternalRef, "https://evil.example/x.svg#a"}}},
	{"use relative xlink", doc(`<use xlink:href="sprite.svg#a"/>`),
		[]Finding{{2, 6, ExternalRef, "sprite.svg#a"}}},
	{"image http", doc(`<image href="http://tracker.example/p.png" width="1" height="1"/>`),
		[]Finding{{2, 8, ExternalRef, "http://tracker.example/p.png"}}},
	{"image svg data", doc(`<image href="data:image/svg+xml;base64,PHN2Zy8+"/>`),
		[]Finding{{2, 8, ScriptURL, "data:image/svg+xml;base64,PHN2Zy8+"}}},
	{"raster data outside image", doc(`<use href="data:image/png;base64,iVBORw0KGgo="/>`),
		[]Finding{{2, 6, ExternalRef, "data:image/png;base64,iVBORw0KGgo="}}},
	{"feImage external", doc(`<filter id="f"><feImage href="//evil.example/a.png"/></filter>`),
		[]Finding{{2, 25, ExternalRef, "//evil.example/a.png"}}},
	{"a external", doc(`<a href="https://example.org/">x</a>`),
		[]Finding{{2, 4, ExternalRef, "https://example.org/"}}},
	{"foreignObject", doc(`<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>`),
		[]Finding{{2, 1, ForeignObject, "foreignObject"}}},
	{"iframe", doc(`<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>`),
		[]Finding{{2, 1, ForeignObject, "iframe"}, {2, 46, ExternalRef, "https://evil.example/"}}},
	{"embed and object", doc(`<embed/><object/>`),
		[]Finding{{2, 1, ForeignObject, "embed"}, {2, 9, ForeignObject, "object"}}},
	{"style import", doc(`<style>@import url(//evil.example/x.css);</style>`),
		[]Finding{{2, 8, StyleImport, "@import"}, {2, 8, StyleImport, "url(//evil.example/x.css)"}}},
	{"style import split by comment", doc(`<style>@im<!-- -->port "x.css";</style>`),
		[]Finding{{2, 8, StyleImport, "@import"}}},
	{"style url escaped", doc(`<style>a{background:\75 rl(http://x)}</style>`),
		[]Finding{{2, 8, StyleImport, "url(http://x)"}}},
	{"style url in cdata", doc(`<style><![CDATA[a{cursor:URL( "http://x" )}]]></style>`),
		[]Finding{{2, 8, StyleImport, `url( "http://x" )`}}},
	{"style image-set", doc(`<style>a{background:image-set("http://x/a.png" 1x)}</style>`),
		[]Finding{{2, 8, StyleImport, `image-set("http://x/a.png" 1x)`}}},
	{"style import split by an element", doc(`<style>@im<g/>port "x.css";</style>`),
		[]Finding{{2, 8, StyleImport, "@import"}}},
	{"style import around a nested style", doc(`<style>@im<style>a{}</style>port "x.css";</style>`),
		[]Finding{{2, 8, StyleImport, "@import"}}},
	{"illustrator foreignObject", doc(`<switch><foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/"/><g/></switch>`),
		[]Finding{{2, 9, ForeignObject, "foreignObject"}}},
	{"xlink under another prefix", doc(`<a l:href="javascript:alert(1)" xmlns:l="http://www.w3.org/1999/xlink">x</a>`),
		[]Finding{{2, 4, ScriptURL, "javascript:alert(1)"}}},
	{"animation to an external paint", doc(`<rect><set attributeName="fill" to="url(https://x/#p)"/></rect>`),
		[]Finding{{2, 33, ExternalRef, "url(https://x/#p)"}}},
	{"style javascript", doc(`<style>a{background:url(javascript:alert(1))}</style>`),
		[]Finding{{2, 8, StyleImport, "url(javascript:alert(1)"}, {2, 8, ScriptURL, "javascript:"}}},
	{"style attribute url", doc(`<rect style="background:url(http://x)"/>`),
		[]Finding{{2, 7, StyleImport, "url(http://x)"}}},
	{"style attribute quoted url", doc(`<rect style="fill:url(&quot;https://x&quot;)"/>`),
		[]Finding{{2, 7, StyleImport, `url("https://x")`}}},
	{"style attribute expression", doc(`<rect style="width:expr/**/ession(alert(1))"/>`),
		[]Finding{{2, 7, ScriptURL, "expression("}}},
	{"presentation attribute url", doc(`<rect fill="url(http://x#g)" filter="url(#f)"/>`),
		[]Finding{{2, 7, ExternalRef, "url(http://x#g)"}}},
	{"doctype entity", "<!DOCTYPE svg [<!ENTITY lol \"lol\">]>\n<svg>&lol;</svg>",
		[]Finding{{1, 1, Entity, "ENTITY lol"}, {2, 11, Malformed, "invalid character entity &lol;"}}},
	{"billion laughs unused", "<!DOCTYPE svg [\n <!ENTITY a \"aaaaaaaaaa\">\n <!ENTITY b \"&a;&a;&a;&a;&a;\">\n]>\n<svg/>",
		[]Finding{{1, 1, Entity, "ENTITY a"}}},
	{"doctype external entity", `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg/>`,
		[]Finding{{1, 1, Entity, "ENTITY x SYSTEM"}}},
	{"doctype subset", `<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]><svg/>`,
		[]Finding{{1, 1, Entity, ""}}},
	{"animate href", doc(`<a href="#x"><animate attributeName="href" to="javascript:alert(1)"/>x</a>`),
		[]Finding{{2, 14, Script, `animate attributeName="href"`}, {2, 44, ScriptURL, "javascript:alert(1)"}}},
	{"set xlink href", doc(`<a><set attributeName="xlink:href" to="https://evil.example/"/>x</a>`),
		[]Finding{{2, 4, Script, `set attributeName="xlink:href"`}}},
	{"set onclick", doc(`<set attributeName="onclick" to="alert(1)"/>`),
		[]Finding{{2, 1, Script, `set attributeName="onclick"`}}},
	{"byte order mark", "\ufeff<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>",
		[]Finding{{1, 41, Script, "script"}}},
	{"everything is collected", doc("<script/>\n<g onclick=\"x\">\n<use href=\"x.svg#a\"/></g>"),
		[]Finding{{2, 1, Script, "script"}, {3, 4, EventHandler, "onclick"}, {4, 6, ExternalRef, "x.svg#a"}}},
	{"root not svg", `<html xmlns="http://www.w3.org/1999/xhtml"/>`,
		[]Finding{{1, 1, Malformed, "root element <html> is not <svg>"}}},
	{"root in other namespace", `<svg xmlns="urn:x"/>`,
		[]Finding{{1, 1, Malformed, "root element <svg> is not <svg>"}}},
	{"not well-formed", doc(`<g>`),
		[]Finding{{3, 7, Malformed, "element <g> closed by </svg>"}}},
	{"empty", "",
		[]Finding{{1, 1, Malformed, "no <svg> element"}}},
	{"second root", `<svg/><svg/>`,
		[]Finding{{1, 7, Malformed, "a second root element <svg>"}}},
	{"text after root", "<svg/>\nhello",
		[]Finding{{1, 7, Malformed, "text outside the <svg> element"}}},
	{"duplicate attribute", doc(`<rect x="1" x="2"/>`),
		[]Finding{{2, 13, Malformed, "attribute x given twice"}}},
	{"duplicate resolved attribute", doc(`<use xlink:href="#a" l:href="#b" xmlns:l="http://www.w3.org/1999/xlink"/>`),
		[]Finding{{2, 22, Malformed, "attribute l:href given twice"}}},
	{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><svg/>`,
		[]Finding{{1, 44, Malformed, `encoding "ISO-8859-1" declared but Decoder.CharsetReader is nil`}}},
	{"late xml declaration", "\n<?xml version=\"1.0\"?><svg/>",
		[]Finding{{2, 1, Malformed, "an XML declaration not at the start"}}},
	{"too deep", strings.Repeat("<svg>", 300),
		[]Finding{{1, 1281, Malformed, "elements nested deeper than 256"}}},
}

func TestClean(t *testing.T) {
	for _, tt := range hostile {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Clean([]byte(tt.in))
			if out != nil {
				t.Errorf("Clean returned %q with its error", out)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Clean(%q) = %v, want an *Error", tt.in, err)
			}
			if got, want := fmt.Sprint(e.Findings), fmt.Sprint(tt.want); got != want {
				t.Errorf("Clean(%q) found\n%s\nwant\n%s", tt.in, got, want)
			}
		})
	}
}

// safe are SVGs that Clean must accept; each output is kept in
// testdata/<name>.golden.svg.
var safe = []struct{ name, in string }{
	{"gradient", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
  <defs>
    <linearGradient id="g" x1="0" x2="1" gradientUnits="objectBoundingBox">
      <stop offset="0" stop-color="#0f6e6e"/>
      <stop offset="1" stop-color="#f2c14e" stop-opacity=".5"/>
    </linearGradient>
    <radialGradient id="r" href="#g"/>
  </defs>
  <rect width="10" height="10" fill="url(#g)" style="stroke: url( '#r' )"/>
</svg>`},
	{"use fragment", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
  <symbol id="a" viewBox="0 0 1 1"><path d="M0 0h1v1z"/></symbol>
  <use href="#a" width="4" height="4"/>
  <use xlink:href="#a" x="5" width="4" height="4"/>
  <a href="#a"><text x="1" y="9">see a</text></a>
</svg>`},
	{"metadata dropped", `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with a camera app -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:exif="http://ns.adobe.com/exif/1.0/" width="2" height="2">
  <metadata>
    <rdf:RDF>
      <rdf:Description rdf:about="" exif:GPSLatitude="6,10.5S" exif:GPSLongitude="106,49.7E">
        <exif:GPSAltitude>12</exif:GPSAltitude>
      </rdf:Description>
    </rdf:RDF>
  </metadata>
  <circle cx="1" cy="1" r="1"/>
</svg>`},
	{"inkscape litter", `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<?xml-stylesheet type="text/css" href="https://example.org/style.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/" sodipodi:docname="logo.svg" inkscape:version="1.3" width="8" height="8" data-name="x">
  <sodipodi:namedview id="nv" pagecolor="#fff" inkscape:zoom="2"><inkscape:grid type="xygrid"/></sodipodi:namedview>
  <i:pgf id="adobe_illustrator_pgf">eJzt...</i:pgf>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1" i:extraneous="self">
    <path d="M0 0 L8 8" style="stroke:#000;stroke-width:1px" sodipodi:nodetypes="cc" inkscape:connector-curvature="0"/>
  </g>
</svg>`},
	{"raster image", "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:x=\"http://www.w3.org/1999/xlink\">\n" +
		"  <image width=\"1\" height=\"1\" x:href=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\"/>\n" +
		"  <image width=\"1\" height=\"1\" href=\"\n DATA:image/JPEG;base64,/9j/4AAQ\nSkZJRg==\"/>\n" +
		"</svg>"},
	{"text escaped", `<svg xmlns="http://www.w3.org/2000/svg" xml:lang="id">
  <title>Lambang &amp; "nama" &lt;kantor&gt;</title>
  <desc><![CDATA[Perisai <hijau> & emas]]></desc>
  <text aria-label="a &quot;b&quot;" xml:space="preserve">  x &#xD; y  </text>
  <style><![CDATA[ g > path { fill: url(#g) } ]]></style>
</svg>`},
	{"foreign namespaces dropped", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:x="urn:x">
  <h:div>html text<h:p>more</h:p></h:div>
  <x:thing x:attr="1"><rect/></x:thing>
  <unknownElement><rect/></unknownElement>
  <g x:attr="2" data-x="y" target="_blank" xml:base="https://example.org/"><rect/></g>
</svg>`},
	{"prefixed svg", `<s:svg xmlns:s="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><s:g><s:rect width="1" height="1"/></s:g></s:svg>`},
	{"no namespace", "\ufeff<svg viewBox=\"0 0 1 1\"><g></g><a href=\"\"><rect width=\"1\"\n\theight=\"1\"/></a></svg>"},
	{"animation", `<svg xmlns="http://www.w3.org/2000/svg">
  <circle r="1"><animate attributeName="r" values="1;2;1" dur="2s" repeatCount="indefinite"/></circle>
  <rect width="1" height="1"><set attributeName="fill" to="red" begin="1s"/></rect>
</svg>`},
}

func TestCleanSafe(t *testing.T) {
	for _, tt := range safe {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Clean([]byte(tt.in))
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			golden := filepath.Join("testdata", strings.ReplaceAll(tt.name, " ", "-")+".golden.svg")
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("Clean(%q)\n got %s\nwant %s", tt.in, out, want)
			}
			if msg := audit(out); msg != "" {
				t.Errorf("audit of the output: %s", msg)
			}
			if again, err := Clean(out); err != nil || !bytes.Equal(again, out) {
				t.Errorf("Clean of the output = %q, %v; want it unchanged", again, err)
			}
		})
	}
}

// TestEmblem checks that the theme's emblem, shown on every page, passes
// and keeps every element, attribute and piece of text it had.
func TestEmblem(t *testing.T) {
	in, err := os.ReadFile("../../static/img/emblem.svg")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Clean(in)
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	if got, want := skeleton(t, out), skeleton(t, in); got != want {
		t.Errorf("the emblem changed:\n got %s\nwant %s", got, want)
	}
}

// skeleton lists the elements, attributes and non-blank text of an SVG,
// which is what decides how it renders.
func skeleton(t *testing.T, data []byte) string {
	t.Helper()
	var b strings.Builder
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			fmt.Fprintf(&b, "<%s %s", tok.Name.Space, tok.Name.Local)
			for _, a := range tok.Attr {
				fmt.Fprintf(&b, " %s %s=%q", a.Name.Space, a.Name.Local, a.Value)
			}
			b.WriteString(">\n")
		case xml.EndElement:
			fmt.Fprintf(&b, "</%s>\n", tok.Name.Local)
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				fmt.Fprintf(&b, "%q\n", s)
			}
		}
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := Clean([]byte(doc("<script/>\n<rect onload=\"x\" style=\"fill:url(//x)\"/>")))
	want := "line 2, column 1: a script <script>; " +
		"line 3, column 7: an event handler attribute onload; " +
		"line 3, column 18: a style rule loading another file url(//x)"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant %s", err, want)
	}
}

func TestKindString(t *testing.T) {
	seen := map[string]Kind{}
	for k := Script; k <= StyleImport; k++ {
		s := k.String()
		if strings.HasPrefix(s, "svgsafe.Kind") {
			t.Errorf("Kind(%d) has no phrase", int(k))
		}
		if other, ok := seen[s]; ok {
			t.Errorf("Kind(%d) and Kind(%d) are both %q", int(k), int(other), s)
		}
		seen[s] = k
	}
	if got := Kind(0).String(); got != "svgsafe.Kind(0)" {
		t.Errorf("Kind(0).String() = %q", got)
	}
}

func TestDetailCut(t *testing.T) {
	long := "data:text/html;base64," + strings.Repeat("ä", 40)
	_, err := Clean([]byte(doc(`<a href="` + long + `">x</a>`)))
	var e *Error
	if !errors.As(err, &e) || len(e.Findings) != 1 {
		t.Fatalf("Clean = %v", err)
	}
	d := e.Findings[0].Detail
	if !strings.HasSuffix(d, "…") || len(d) > maxDetail+len("…") || !strings.HasPrefix(long, strings.TrimSuffix(d, "…")) {
		t.Errorf("Detail = %q, want the URL's first %d bytes at most", d, maxDetail)
	}
}
