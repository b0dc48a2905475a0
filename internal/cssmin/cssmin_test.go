package cssmin

import (
	"bytes"
	"testing"
)

func TestMinify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a {\n  color: red;\n}\n", "a{color: red}"},
		{"/* tokens */\n:root {\n  --gap: 1rem;\n}", ":root{--gap: 1rem}"},
		{".site-header :focus-visible { outline: 0 }", ".site-header :focus-visible{outline: 0}"},
		{"a:hover,\na:focus { x: y }", "a:hover,a:focus{x: y}"},
		{"h1 { font-size: calc(1rem + 2vw); }", "h1{font-size: calc(1rem + 2vw)}"},
		{"li + li > a ~ b { m: 0 }", "li + li > a ~ b{m: 0}"},
		{`a::after { content: "\2192  /* no */ ;}" / ""; }`, `a::after{content: "\2192  /* no */ ;}" / ""}`},
		{`a { content: 'it\'s  {' }`, `a{content: 'it\'s  {'}`},
		{"a/**/b { }", "a b{}"},
		{"@media (min-width: 40em) {\n  a { b: c; }\n}\n", "@media (min-width: 40em){a{b: c}}"},
		{"a { background: url(x.png) no-repeat,\n    linear-gradient(to right, red 40%, blue); }", "a{background: url(x.png) no-repeat,linear-gradient(to right,red 40%,blue)}"},
		{"a { b: c } /* unclosed", "a{b: c}/* unclosed"},
		{`a { content: "unclosed`, `a{content: "unclosed`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(Minify([]byte(tt.in))); got != tt.want {
			t.Errorf("Minify(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// FuzzMinify checks that minifying twice changes nothing more, and that
// every string of the input survives.
func FuzzMinify(f *testing.F) {
	f.Add([]byte("a { content: \"x  y\"; }\n/* c */ b:hover , c { d: calc(1px + 2px) ; }"))
	f.Add([]byte(`a{content:'\'' "}"}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		once := Minify(src)
		if twice := Minify(once); !bytes.Equal(once, twice) {
			t.Errorf("not stable:\n%q\n%q\n%q", src, once, twice)
		}
	})
}
