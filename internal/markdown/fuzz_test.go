package markdown

import (
	"bytes"
	stdhtml "html"
	"regexp"
	"strings"
	"testing"

	"risalah/internal/diag"
)

// anyDoc resolves every Markdown link, the way a site with every document
// would, and refuses everything else.
type anyDoc struct{}

func (anyDoc) Resolve(dest string) (string, string) {
	if strings.HasSuffix(strings.SplitN(dest, "#", 2)[0], ".md") {
		return "/dokumen/", ""
	}
	return "", "not found"
}

var (
	urlAttr = regexp.MustCompile(`(?i)(?:href|src)\s*=\s*"([^"]*)"`)
	idAttr  = regexp.MustCompile(`<h[1-6] id="([^"]*)"`)
)

// FuzzMarkdown renders any Markdown with link rewriting: nothing may panic,
// no unsafe link or raw HTML may come through, heading IDs must be unique
// and non-empty, and positions must point into the body.
func FuzzMarkdown(f *testing.F) {
	seeds := []string{
		"# Judul\n\n## Sub\n\n[UU](../regulations/uu-6-2011.id.md#pasal-1) [x](x.pdf)",
		"<script>alert(1)</script>\n\n[a](javascript:alert(1)) [b](JAVASCRIPT:x) ![c](data:text/html,x)",
		"| a | b |\n|---|---|\n| [l](d.md) | ~~s~~ |\n\nx[^1]\n\n[^1]: n",
		"## A\n## A\n## ?\n## 1\n###### deep\n",
		"<a href=\"javascript:x\">raw</a> <img src=x onerror=alert(1)>",
		"[a](<javascript:alert(1)>) [b]( \tjava\tscript:alert(1))",
		"[a](javascript&#58;alert(1)) [b](&#x6A;avascript:alert(1)) [c](java%0ascript:x)",
		"www.example.org https://example.org/a?b=c",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		res := r.Render(Input{File: "x.md", Body: []byte(src), Line: 5}, anyDoc{}, &diags)
		html := string(res.HTML)
		for _, m := range urlAttr.FindAllStringSubmatch(html, -1) {
			// Decode as a browser does before it reads the scheme.
			if u := stdhtml.UnescapeString(m[1]); dangerous(u) {
				t.Fatalf("unsafe link emitted: %s\n%s", m[0], html)
			}
		}
		if strings.Contains(strings.ToLower(html), "<script") {
			t.Fatalf("raw script emitted:\n%s", html)
		}
		seen := map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(html, -1) {
			if m[1] == "" || seen[m[1]] {
				t.Fatalf("heading ID %q is empty or repeated:\n%s", m[1], html)
			}
			seen[m[1]] = true
		}
		last := 5 + bytes.Count([]byte(src), []byte("\n")) + strings.Count(src, "\r")
		for _, d := range diags.Items() {
			if d.Pos.Line < 5 || d.Pos.Line > last {
				t.Fatalf("diagnostic at line %d, outside the body (5-%d): %v", d.Pos.Line, last, d)
			}
		}
	})
}
