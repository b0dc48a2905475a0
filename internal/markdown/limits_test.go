package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"risalah/internal/diag"
)

// limitErrors renders src with opts and returns the R304 errors and the
// result.
func limitErrors(src string, opts Options) ([]*diag.Diagnostic, *Result) {
	var diags diag.List
	res := New(opts).Render(Input{File: "doc.md", Body: []byte(src), Line: 10}, anyDoc{}, &diags)
	var out []*diag.Diagnostic
	for _, d := range diags.Items() {
		if d.Code == diag.CodeMarkdownLimit {
			out = append(out, d)
		}
	}
	return out, res
}

// lines joins f(i) for i from 0 to n-1.
func lines(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// limitTest is a body and the one limit error it should give, as
// "line:col message part", or "" for none.
type limitTest struct {
	name string
	src  string
	want string
}

func checkLimits(t *testing.T, tests []limitTest, opts Options) {
	t.Helper()
	for _, tt := range tests {
		errs, _ := limitErrors(tt.src, opts)
		switch {
		case tt.want == "" && len(errs) > 0:
			t.Errorf("%s: unexpected %v", tt.name, errs[0])
		case tt.want != "" && len(errs) != 1:
			t.Errorf("%s: %d limit errors %v, want one at %s", tt.name, len(errs), errs, tt.want)
		case tt.want != "":
			pos, msg, _ := strings.Cut(tt.want, " ")
			if got := fmt.Sprintf("%d:%d", errs[0].Pos.Line, errs[0].Pos.Col); got != pos || !strings.Contains(errs[0].Error(), msg) {
				t.Errorf("%s: error %v, want at doc.md:%s with %q", tt.name, errs[0], pos, msg)
			}
		}
	}
}

func TestNestingLimit(t *testing.T) {
	deep := fmt.Sprintf("nested more than %d levels", maxDepth)
	checkLimits(t, []limitTest{
		{"list markers on one line", "Teks.\n\n" + strings.Repeat("- ", 33) + "x\n", "12:65 " + deep},
		{"list markers at the limit", strings.Repeat("- ", 32) + "x\n", ""},
		{"ordered markers", strings.Repeat("1. ", 33) + "x\n", "10:97 " + deep},
		{"star markers after tabs", strings.Repeat("*\t", 33) + "x\n", "10:65 " + deep},
		{"quote markers", strings.Repeat(">", 33) + " x\n", "10:33 " + deep},
		{"quotes at the limit", strings.Repeat("> ", 32) + "x\n", ""},
		{"quotes and lists", strings.Repeat("> - ", 17) + "x\n", "10:65 " + deep},
		{"one level a line, by indentation", lines(34, func(i int) string { return strings.Repeat("  ", i) + "- butir\n" }), "42:65 " + deep},
		{"indentation at the limit", lines(32, func(i int) string { return strings.Repeat("  ", i) + "- butir\n" }), ""},
		{"quotes one more a line", lines(34, func(i int) string { return strings.Repeat(">", i+1) + " kutipan\n" }), "42:33 " + deep},
		{"lazy lines keep the levels", strings.Repeat("- ", 30) + "a\nlanjutan\n" + strings.Repeat(" ", 60) + "- - - b\n", "12:65 " + deep},
		{"a blank line ends quotes", lines(40, func(int) string { return strings.Repeat("> ", 20) + "x\n\n" }), ""},
		{"a thematic break is no list", strings.Repeat("- ", 40) + "\n", ""},
		{"markers in fenced code", "```\n" + strings.Repeat("- ", 40) + "x\n```\n", ""},
		{"markers in indented code", "    " + strings.Repeat("- ", 40) + "x\n", ""},
		{"markers after paragraph text", "Teks " + strings.Repeat("- ", 40) + "x\n", ""},
		{"ordered items cannot interrupt a paragraph", "Teks\n" + strings.Repeat("2. ", 40) + "x\n", ""},
	}, Options{})
}

func TestSizeLimit(t *testing.T) {
	body := strings.Repeat("kata kata\n", 150) // 1,500 bytes
	checkLimits(t, []limitTest{
		{"over", body, "110:1 the text is 1500 bytes, more than markdown.maxSize (1000 bytes) allows"},
		{"at the limit", body[:1000], ""},
	}, Options{MaxBytes: 1000})
	checkLimits(t, []limitTest{
		{"over the default", strings.Repeat("x", DefaultMaxBytes) + "\n", "10:1048577 more than markdown.maxSize (1 MiB)"},
		{"at the default", strings.Repeat("x", DefaultMaxBytes), ""},
	}, Options{})
}

// TestRejectedBeforeParsing checks that what checkBody finds never reaches
// goldmark: the result is empty however large the body.
func TestRejectedBeforeParsing(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("- ", DefaultMaxBytes/2-1) + "x",
		strings.Repeat("> - ", DefaultMaxBytes/4-1),
		lines(1000, func(i int) string { return strings.Repeat("  ", i) + "- x\n" }),
		strings.Repeat("x", DefaultMaxBytes+1),
	} {
		if p := checkBody([]byte(src), DefaultMaxBytes); p == nil {
			t.Errorf("checkBody(%.20q…) found nothing", src)
		}
		if errs, res := limitErrors(src, Options{}); len(errs) != 1 || len(res.HTML) != 0 || res.Text != "" {
			t.Errorf("Render(%.20q…) = %d bytes of HTML, errors %v; want none and one error", src, len(res.HTML), errs)
		}
	}
}

// TestNestingBackstop parses past checkBody: goldmark's block parsers
// refuse the level past maxDepth themselves.
func TestNestingBackstop(t *testing.T) {
	var diags diag.List
	src := strings.Repeat("- ", 40) + "x\n"
	s := &sink{file: "doc.md", line0: 10, src: []byte(src), diags: &diags, topLevel: 2}
	res := New(Options{}).render(Input{File: "doc.md", Body: []byte(src), Line: 10}, anyDoc{}, s)
	s.flush()
	if n := strings.Count(string(res.HTML), "<li>"); n != maxDepth {
		t.Errorf("%d list items, want %d", n, maxDepth)
	}
	if err := diags.Err(); err == nil || !strings.Contains(err.Error(), "doc.md:10:65: error: lists and block quotes are nested more than 32 levels deep here") {
		t.Errorf("diagnostics = %v", err)
	}
}

func TestInlineLimits(t *testing.T) {
	// The paragraph's lines each end a label: the lines read back over
	// pass maxLookupWork on line k.
	const n = 6000
	k, sum := 0, 0
	for ; sum+n-k <= maxLookupWork; k++ {
		sum += n - k
	}
	fnDefs := lines(1000, func(i int) string { return fmt.Sprintf("[^%d]: catatan\n\n", i) })
	checkLimits(t, []limitTest{
		{"emphasis runs", strings.Repeat("*a ", 501), "10:1501 more than 500 emphasis marks"},
		{"emphasis runs at the limit", strings.Repeat("*a ", 500), ""},
		{"emphasis runs in many paragraphs", strings.Repeat(strings.Repeat("*a ", 400)+"\n\n", 10), ""},
		{"a long run counts once", "a " + strings.Repeat("_", 5000) + " b\n", ""},
		{"table cells count apart", "| a | b |\n|---|---|\n" + strings.Repeat("| "+strings.Repeat("**b** ", 200)+"| c |\n", 3), ""},
		{"open brackets", "Teks " + strings.Repeat("[", 33), "10:38 more than 32 brackets [ open at once"},
		{"open brackets at the limit", strings.Repeat("[", 32) + strings.Repeat("]", 32), ""},
		{"closed brackets", strings.Repeat("[a] ", 1000), ""},
		{"footnote references stay closed", strings.Repeat("a[^1] ", 200) + "\n\n[^1]: catatan\n", ""},
		{"link targets in a word", strings.Repeat("[a](", 33), "10:131 more than 32 link targets \"](\" in one run of text without spaces"},
		{"link targets apart", strings.Repeat("[a](b) ", 1000), ""},
		{"link targets with <", strings.Repeat("[a](<b ", 33), "10:227 more than 32 link targets \"](\" in one line"},
		{"labels in a long paragraph", lines(n, func(int) string { return "x [a]\n" }), fmt.Sprintf("%d:5 a paragraph of %d lines with this many links", 10+k, n)},
		{"reference definitions", strings.Repeat("[a]: /x\n", 3163), `10:1 a paragraph of 3163 lines, 3163 of them starting with "["`},
		{"reference definitions at the limit", strings.Repeat("[a]: /x\n", 3162), ""},
		{"footnotes", strings.Repeat("a[^1]\n\n", 10001) + fnDefs, "20010:2 10001 footnote references to 1000 footnotes"},
		{"footnotes at the limit", strings.Repeat("a[^1]\n\n", 10000) + fnDefs, ""},
	}, Options{})
}

// TestShortcutsKeepOutput checks the inputs whose work inlineGuard cuts
// short without a limit: the HTML is what goldmark gives without it.
func TestShortcutsKeepOutput(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a ~~~~~~ b ~~c~~ d~~~www.example.org ~~~\n",
			`<p>a ~~~~~~ b <del>c</del> d~~~<a href="http://www.example.org">www.example.org</a> ~~~</p>` + "\n"},
		{"\\`` a ``b`` `c ``` d `` e\n\n`x\ny` ``z\n",
			"<p>`<code>a ``b``</code>c ``` d `` e</p>\n<p><code>x y</code> ``z</p>\n"},
	}
	for _, tt := range tests {
		if errs, res := limitErrors(tt.src, Options{}); string(res.HTML) != tt.want || len(errs) > 0 {
			t.Errorf("Render(%q) = %q, %v; want %q", tt.src, res.HTML, errs, tt.want)
		}
	}
}

// pathological are inputs on which goldmark alone takes time quadratic in
// their size (or worse), with whether the limits refuse them.
var pathological = []struct {
	name  string
	gen   func(n int) string // about n bytes
	limit bool               // an R304 error is expected
}{
	{"list markers on one line (goldmark #592)", func(n int) string { return strings.Repeat("- ", n/2-1) + "x" }, true},
	{"a list level a line", func(n int) string { return nest(n, func(i int) string { return strings.Repeat("  ", i) + "- x\n" }) }, true},
	{"quote markers", func(n int) string { return strings.Repeat(">", n-2) + " x" }, true},
	{"quote and list markers", func(n int) string { return strings.Repeat("> - ", n/4-1) + "x" }, true},
	{"ordered list markers", func(n int) string { return strings.Repeat("1. ", n/3-1) + "x" }, true},
	{"list markers and tabs", func(n int) string { return strings.Repeat("-\t", n/2-1) + "x" }, true},
	{"mixed emphasis (goldmark #555)", func(n int) string { return fill(n, "*a_b*c_d**e_f*g**h*i_j**") }, true},
	{"emphasis that never closes", func(n int) string { return fill(n/2, "*a ") + fill(n/2, "a_ ") }, true},
	{"emphasis at the limit, many paragraphs", func(n int) string { return fill(n, strings.Repeat("*a ", 250)+strings.Repeat("a_ ", 249)+"\n\n") }, false},
	{"a run of ~", func(n int) string { return "." + strings.Repeat("~", n-1) }, false},
	{"unmatched backticks", func(n int) string { return fill(n, "\\``") }, false},
	{"backtick runs of every length", func(n int) string {
		return nest(n, func(i int) string { return strings.Repeat("`", i+1) + " " })
	}, false},
	{"open brackets", func(n int) string { return strings.Repeat("[", n) }, true},
	{"brackets opened then closed", func(n int) string { return strings.Repeat("[", n/2) + strings.Repeat("]", n/2) }, true},
	{"brackets at the limit, many paragraphs", func(n int) string { return fill(n, strings.Repeat("[", 32)+strings.Repeat("]", 32)+"\n\n") }, false},
	{"images opened", func(n int) string { return fill(n, "[![") }, true},
	{"link targets in one word", func(n int) string { return fill(n, "[a](") }, true},
	{"link targets with < in one line", func(n int) string { return fill(n, "[a](<") }, true},
	{"link targets at the limit", func(n int) string { return fill(n, strings.Repeat("[a](", 32)+" ") }, false},
	{"link reference definitions", func(n int) string { return fill(n, "[a]: /x\n") }, true},
	{"unfinished definitions", func(n int) string { return fill(n, "[a]:\n") }, true},
	{"labels in one long paragraph", func(n int) string { return fill(n, "x [a]\n") }, true},
	{"footnotes citing the next", func(n int) string {
		return "a[^0]\n\n" + nest(n-8, func(i int) string { return fmt.Sprintf("[^%d]: x[^%d]\n", i, i+1) })
	}, true},
	{"equal headings", func(n int) string { return fill(n, "## a\n") }, false},
	{"equal setext headings", func(n int) string { return fill(n, "a\n=\n") }, false},
	{"raw HTML, a warning each", func(n int) string { return fill(n, "<b>") }, false},
	{"unsafe links, a warning each", func(n int) string { return fill(n, "- [a](javascript:x)\n") }, false},
	{"unclosed HTML comments (goldmark #593)", func(n int) string { return fill(n, "a <!--a\n") }, false},
	{"a table of many columns", func(n int) string { return fill(n/2, "|a") + "\n" + fill(n/2-1, "|-") }, false},
	{"too large", func(n int) string { return strings.Repeat("kata ", n/5+1) }, true},
}

// fill repeats unit to at most n bytes.
func fill(n int, unit string) string { return strings.Repeat(unit, n/len(unit)) }

// nest joins f(i) while the result stays within n bytes.
func nest(n int, f func(i int) string) string {
	var b strings.Builder
	for i := 0; ; i++ {
		s := f(i)
		if b.Len()+len(s) > n {
			return b.String()
		}
		b.WriteString(s)
	}
}

// pathologicalBound is how long one input just under the default size may
// take. Bounded, each renders in well under a second on a loaded two-core
// machine; unbounded, each takes a minute or more at this size (and the
// nesting ones hours), so the margin leaves no room for flakiness.
const pathologicalBound = 10 * time.Second

func TestPathological(t *testing.T) {
	size := DefaultMaxBytes - 64
	if testing.Short() {
		size = 64 << 10
	}
	r := New(Options{})
	for _, p := range pathological {
		src := p.gen(size)
		if p.name == "too large" {
			src = p.gen(DefaultMaxBytes + 1)
		}
		done := make(chan *diag.List, 1)
		go func() {
			var diags diag.List
			r.Render(Input{File: "doc.md", Body: []byte(src), Line: 1}, anyDoc{}, &diags)
			done <- &diags
		}()
		select {
		case <-time.After(pathologicalBound):
			t.Fatalf("%s (%d bytes): still rendering after %v", p.name, len(src), pathologicalBound)
		case diags := <-done:
			limited := false
			for _, d := range diags.Items() {
				if d.Code == diag.CodeMarkdownLimit {
					limited = true
				} else if d.Severity == diag.Error {
					t.Errorf("%s: %v", p.name, d)
				}
			}
			if limited != p.limit {
				t.Errorf("%s (%d bytes): limit error %v, want %v: %v", p.name, len(src), limited, p.limit, diags.Err())
			}
		}
	}
}

// BenchmarkPathological renders each pathological input at just under the
// default size: every one should take time linear in its size.
func BenchmarkPathological(b *testing.B) {
	r := New(Options{})
	for _, p := range pathological {
		src := []byte(p.gen(DefaultMaxBytes - 64))
		b.Run(strings.ReplaceAll(p.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				r.Render(Input{File: "doc.md", Body: src, Line: 1}, anyDoc{}, &diag.List{})
			}
		})
	}
}
