package svgsafe

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// BenchmarkClean measures the theme's emblem and a generated drawing of
// about 200 KB, with the editor litter a real export carries.
func BenchmarkClean(b *testing.B) {
	emblem, err := os.ReadFile("../../static/img/emblem.svg")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"emblem", emblem},
		{"200KB", drawing(200 << 10)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if _, err := Clean(bc.data); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				Clean(bc.data)
			}
		})
	}
}

// drawing returns a safe SVG of at least size bytes, like an Inkscape
// export: metadata, layers of paths with styles, gradients, and text.
func drawing(size int) []byte {
	var s strings.Builder
	s.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" viewBox="0 0 1000 1000" inkscape:version="1.3">
  <metadata><rdf:RDF><rdf:Description rdf:about=""/></rdf:RDF></metadata>
  <defs>
    <linearGradient id="g"><stop offset="0" stop-color="#0f6e6e"/><stop offset="1" stop-color="#f2c14e"/></linearGradient>
    <style><![CDATA[ .a { fill: url(#g); stroke: #000 } ]]></style>
  </defs>
`)
	for i := 0; s.Len() < size; i++ {
		fmt.Fprintf(&s, "  <g id=\"layer%d\" inkscape:label=\"Lapis %d\" transform=\"translate(%d %d)\">\n", i, i, i%50, i%70)
		for j := range 8 {
			fmt.Fprintf(&s, "    <path class=\"a\" d=\"M%d %d c1.5 2.5 3 4 5 6 l%d %d h10 v-3 z\" style=\"opacity:.%d;stroke-width:1px\" inkscape:connector-curvature=\"0\"/>\n", i, j, j*2, i%9, j+1)
		}
		fmt.Fprintf(&s, "    <text x=\"%d\" y=\"20\">Bagian %d &amp; catatan</text>\n  </g>\n", i, i)
	}
	s.WriteString("</svg>\n")
	return []byte(s.String())
}
