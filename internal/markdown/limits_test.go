package markdown

import (
	"fmt"
	"strings"
	"testing"

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
