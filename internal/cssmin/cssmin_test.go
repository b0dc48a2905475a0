package cssmin

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestMinify(t *testing.T) {
	tests := []struct{ in, want string }{
		// White space and comments.
		{"a {\n  color: red;\n}\n", "a{color:red}"},
		{"/* tokens */\n:root {\n  --gap: 1rem;\n}", ":root{--gap:1rem}"},
		{".site-header :focus-visible { outline: 0 }", ".site-header :focus-visible{outline:0}"},
		{"a:hover,\na:focus { x: y }", "a:hover,a:focus{x:y}"},
		{"li + li > a ~ b { m: 0 }", "li + li > a ~ b{m:0}"},
		{":not(.a .b) { x: y }", ":not(.a .b){x:y}"},
		{"a { color : red }", "a{color :red}"},
		{"a { b: c } /* unclosed", "a{b:c}"},
		{"", ""},
		{"  /* only */  ", ""},

		// A comment separates nothing: it is not white space.
		{".a/**/.b { x: y }", ".a.b{x:y}"},
		{"a/**/b { }", "a/**/b{}"},
		{"a { margin: 1px/**/2px }", "a{margin:1px/**/2px}"},
		{"a { width: 1/**/e3px }", "a{width:1/**/e3px}"},
		{"a { b: -/**/-c }", "a{b:-/**/-c}"},
		{"a { b: c/**/(d) }", "a{b:c/**/(d)}"},
		{"a { b: 1/**/% }", "a{b:1/**/%}"},
		{"a { b: #/**/c }", "a{b:#/**/c}"},
		{"a { b: @/**/c }", "a{b:@/**/c}"},
		{"a { b: </**/!--c }", "a{b:<!/**/--c}"},
		{"a { b: c/**/, d }", "a{b:c,d}"},

		// Strings.
		{`a::after { content: "\2192  /* no */ ;}" / ""; }`, `a::after{content:"\2192  /* no */ ;}" / ""}`},
		{`a { content: 'it\'s  {' }`, `a{content:'it\'s  {'}`},
		{`a { content: "a\"b" "c" }`, `a{content:"a\"b" "c"}`},
		{"a { content: \"line\\\ncontinued\" }", "a{content:\"line\\\ncontinued\"}"},
		{`a { content: "unclosed`, `a{content:"unclosed`},
		{"a { content: \"bad\n; b: c }", "a{content:\"bad\n;b:c}"},
		{"a { content: \"bad\\\r\r0 }", "a{content:\"bad\\\r\r\n0}"},

		// url(): unquoted, one token, comments and all.
		{"a { b: url(//example.com/a/*b*/c.png) }", "a{b:url(//example.com/a/*b*/c.png)}"},
		{"a { b: url( x.png ) }", "a{b:url( x.png )}"},
		{`a { b: url("a b") }`, `a{b:url("a b")}`},
		{`a { b: url( 'a b' ) }`, `a{b:url( 'a b' )}`},
		{"a { b: URL(x/*y*/z) }", "a{b:URL(x/*y*/z)}"},
		{`a { b: u\72l(x/*y*/z) }`, `a{b:u\72l(x/*y*/z)}`},
		{"a { b: url(a b/*c*/) }", "a{b:url(a b/*c*/)}"},
		{"a { background: url(x.png) no-repeat,\n    linear-gradient(to right, red 40%, blue); }", "a{background:url(x.png) no-repeat,linear-gradient(to right,red 40%,blue)}"},

		// Escapes.
		{`a { --e: \;} b { c: d }`, `a{--e:\;}b{c:d}`},
		{`.a\:hover { b: c }`, `.a\:hover{b:c}`},
		{`.a\ b { c: d }`, `.a\ b{c:d}`},
		{`.\31 0 { c: d }`, `.\31 0{c:d}`},
		{`a { content: "\"" }`, `a{content:"\""}`},
		{`a { b: c\`, `a{b:c\`},
		{"a { b: \\\n; c: d }", "a{b:\\\n;c:d}"},
		{"a { b: \\ /* x */\n}", "a{b:\\ }"},

		// Spaces that mean something.
		{"h1 { font-size: calc(1rem + 2vw); }", "h1{font-size:calc(1rem + 2vw)}"},
		{"a { width: calc(1px + 2px) }", "a{width:calc(1px + 2px)}"},
		{"a { width: calc( 100% - ( 2 * 1em ) ) }", "a{width:calc( 100% - ( 2 * 1em ) )}"},
		{"@media screen and (min-width: 40em) {\n  a { b: c; }\n}\n", "@media screen and (min-width:40em){a{b:c}}"},
		{"@media (min-width: 40em) and (max-width: 60em) { a { b: c } }", "@media (min-width:40em) and (max-width:60em){a{b:c}}"},
		{"@supports not (display: grid) { a { b: c } }", "@supports not (display:grid){a{b:c}}"},
		{"a { margin: 0 auto !important; }", "a{margin:0 auto!important}"},
		{"a { margin: 0 ! important }", "a{margin:0! important}"},
		{"@font-face { unicode-range: U+0025-00FF, u+4??; }", "@font-face{unicode-range:U+0025-00FF,u+4??}"},
		{"a [href] { b: c }", "a [href]{b:c}"},

		// Custom properties keep their text.
		{":root { --x: { a b } }", ":root{--x:{ a b }}"},
		{":root { --x:  a   b  ; }", ":root{--x:a b}"},
		{":root { --x: a , b ; --y: c }", ":root{--x:a , b;--y:c}"},
		{":root { --x: ; }", ":root{--x: ;}"},
		{":root { --x: }", ":root{--x: }"},
		{":root { --x: [ ; ] ; }", ":root{--x:[ ; ]}"},
		{":root { --x: a /* c */ b }", ":root{--x:a b}"},
		{":root { --x: a/**/b }", ":root{--x:a/**/b}"},

		// Semicolons.
		{"a { b: c;; d: e; }", "a{b:c;d:e}"},
		{"a { ; b: c }", "a{;b:c}"},
		{"a { b: f(;;) }", "a{b:f(;;)}"},
		{";; a { b: c }", ";;a{b:c}"},
		{"@import url(x.css);\n@import 'y.css';\na{b:c}", "@import url(x.css);@import 'y.css';a{b:c}"},
		{"@media print { ; a { b: c } }", "@media print{;a{b:c}}"},

		// Nesting and at-rules.
		{"a { color: red; & b { c: d; } }", "a{color:red;& b{c:d}}"},
		{"@keyframes k { from { a: b } 50% { a: c } }", "@keyframes k{from{a:b}50%{a:c}}"},
		{"@page :first { margin: 1cm }", "@page :first{margin:1cm}"},
		{"<!-- a { b: c } -->", "<!-- a{b:c}-->"},

		// Unclosed things.
		{"a { b: c", "a{b:c"},
		{"a { b: c;", "a{b:c;"},
		{"a { b: (c", "a{b:(c"},
		{"/* unclosed comment", ""},
	}
	for _, tt := range tests {
		got := string(Minify([]byte(tt.in)))
		if got != tt.want {
			t.Errorf("Minify(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if msg := sameTokens([]byte(tt.in), []byte(got)); msg != "" {
			t.Errorf("Minify(%q) = %q changed the tokens: %s", tt.in, got, msg)
		}
	}
}

// significant returns src's tokens as a browser would read them, with
// comments dropped and white space kept only where it can mean something,
// and semicolons that end nothing dropped. It is looser than Minify:
// what it drops, Minify may drop.
func significant(src []byte) []string {
	var toks []token
	s := &scanner{src: src}
	for t := s.next(); t.kind != tEOF; t = s.next() {
		merge := t.kind == tWhitespace && len(toks) > 0 && toks[len(toks)-1].kind == tWhitespace
		if t.kind != tComment && !merge {
			toks = append(toks, t)
		}
	}
	text := func(t token) string {
		if t.kind == tWhitespace {
			return " "
		}
		return string(src[t.start:t.end])
	}
	loose := func(t token) bool {
		switch t.kind {
		case tOpenCurly, tCloseCurly, tSemicolon, tComma:
			return true
		}
		return false
	}
	var out []token
	for i, t := range toks {
		if t.kind == tWhitespace {
			if len(out) == 0 || i+1 == len(toks) || loose(out[len(out)-1]) || out[len(out)-1].kind == tColon ||
				loose(toks[i+1]) || toks[i+1].kind == tDelim && src[toks[i+1].start] == '!' {
				continue
			}
		}
		out = append(out, t)
	}
	var words []string
	for i, t := range out {
		if t.kind == tSemicolon && i+1 < len(out) && (out[i+1].kind == tSemicolon || out[i+1].kind == tCloseCurly) {
			continue
		}
		words = append(words, text(t))
	}
	return words
}

// sameTokens returns "" if a and b hold the same significant tokens, or
// says where they differ.
func sameTokens(a, b []byte) string {
	ta, tb := significant(a), significant(b)
	if slices.Equal(ta, tb) {
		return ""
	}
	for i := range min(len(ta), len(tb)) {
		if ta[i] != tb[i] {
			return fmt.Sprintf("token %d: %q became %q", i, ta[i], tb[i])
		}
	}
	return fmt.Sprintf("%d tokens became %d", len(ta), len(tb))
}

// TestTheme checks the theme's stylesheets keep their tokens.
func TestTheme(t *testing.T) {
	files, _ := filepath.Glob("../../static/css/*.css")
	if len(files) == 0 {
		t.Skip("no theme stylesheet")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		once := Minify(src)
		if msg := sameTokens(src, once); msg != "" {
			t.Errorf("%s: %s", f, msg)
		}
		if twice := Minify(once); !bytes.Equal(once, twice) {
			t.Errorf("%s: a second pass changes it", f)
		}
	}
}

// FuzzMinify checks that minifying keeps the tokens, and that minifying
// twice changes nothing more.
func FuzzMinify(f *testing.F) {
	f.Add([]byte("a { content: \"x  y\"; }\n/* c */ b:hover , c { d: calc(1px + 2px) ; }"))
	f.Add([]byte(`a{content:'\'' "}"}`))
	f.Add([]byte(".a/**/.b{x:url(//e/a/*b*/c.png)}a{--e: \\;}b{c:d}"))
	f.Add([]byte("@media screen and (min-width : 1px){:root{--x: { a b } ;;}}"))
	f.Add([]byte("a{b:\"bad\n;c:\\\n}u\\72l(x)1/**/e3 -/**/-a <!-- -->"))
	f.Fuzz(func(t *testing.T, src []byte) {
		once := Minify(src)
		if msg := sameTokens(src, once); msg != "" {
			t.Errorf("tokens changed: %s\n%q\n%q", msg, src, once)
		}
		if twice := Minify(once); !bytes.Equal(once, twice) {
			t.Errorf("not stable:\n%q\n%q\n%q", src, once, twice)
		}
	})
}

func BenchmarkMinify(b *testing.B) {
	src, err := os.ReadFile("../../static/css/risalah.css")
	if err != nil {
		b.Skip("no theme stylesheet")
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Minify(src)
	}
}
