package diag

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestWordHint checks hints put together from pieces, as the packages make
// them, worded in Indonesian: the quoted and numbered parts kept, the
// text parts worded in turn, and a hint no pattern knows left as it is.
func TestWordHint(t *testing.T) {
	for _, tc := range []struct{ en, id string }{
		{`did you mean "participants"?`, `maksud Anda "participants"?`},
		{`did you mean "participants" (peserta)?`, `maksud Anda "participants" (peserta)?`},
		{`did you mean "a \"b\" c"?`, `maksud Anda "a \"b\" c"?`},
		{`did you mean #hasil-rapat?`, `maksud Anda #hasil-rapat?`},
		{`did you mean "rakor-timpora-2023"? Rename this file to rakor-timpora-2023.en.md`, `maksud Anda "rakor-timpora-2023"? Ubah nama berkas ini menjadi rakor-timpora-2023.en.md`},
		{`did you mean "UU"? use one of UU, PP, or add the type to regulationTypes in site.yaml`, `maksud Anda "UU"? gunakan salah satu dari UU, PP, atau tambahkan jenis itu ke regulationTypes di site.yaml`},
		{`use one of scheduled, held, cancelled`, `gunakan salah satu dari: scheduled, held, cancelled`},
		{`known fields: date, title`, `ruas yang dikenal: date, title`},
		{`did you mean "title"? add a line such as "title: X" to the front matter`, `maksud Anda "title"? tambahkan baris seperti "title: X" ke front matter`},
		{`no pattern knows this`, `no pattern knows this`},
		{`did you mean "x`, `did you mean "x`}, // an unclosed quote is not a %q
	} {
		if got := wordHint("id", tc.en, 0); got != tc.id {
			t.Errorf("wordHint(%q)\n got %q\nwant %q", tc.en, got, tc.id)
		}
		if got := wordHint("en", tc.en, 0); got != tc.en {
			t.Errorf("English %q became %q", tc.en, got)
		}
	}
}

// TestHintPatternsUsed requires each hint pattern to be the format of a
// fmt.Sprintf call of the packages, or a FieldError's message or hint, so that a changed hint cannot leave
// its wording behind unnoticed, and each wording to print the same verbs.
func TestHintPatternsUsed(t *testing.T) {
	used := map[string]bool{}
	use := func(e ast.Expr) {
		if l, ok := e.(*ast.BasicLit); ok && l.Kind == token.STRING {
			if s, err := strconv.Unquote(l.Value); err == nil {
				used[s] = true
			}
		}
	}
	inspectPackages(t, func(_ string, n ast.Node) {
		switch n := n.(type) {
		case *ast.CallExpr: // fmt.Sprintf("did you mean %q?", …)
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" && len(n.Args) > 0 {
				use(n.Args[0])
			}
		case *ast.KeyValueExpr: // FieldError{Msg: "…", Hint: "…"}
			if k, ok := n.Key.(*ast.Ident); ok && (k.Name == "Msg" || k.Name == "Hint") {
				use(n.Value)
			}
		case *ast.ValueSpec: // const hint = "…"
			for i, name := range n.Names {
				if strings.EqualFold(name.Name, "hint") && i < len(n.Values) {
					use(n.Values[i])
				}
			}
		case *ast.AssignStmt: // hint := "…"
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == "hint" && i < len(n.Rhs) {
					use(n.Rhs[i])
				}
			}
		}
	})
	for en, id := range indonesianHints {
		if !used[en] {
			t.Errorf("hints_id.go words %q, which no fmt.Sprintf makes", en)
		}
		if a, b := hintVerb.FindAllString(en, -1), hintVerb.FindAllString(id, -1); strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("%q prints %v, its wording %q %v", en, a, id, b)
		}
	}
}

// TestInPieces checks a diagnostic whose message a decoder put together
// from a field's name and a value's own message: both the message after
// the field and the hint are worded in Indonesian.
func TestInPieces(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "a.md", Line: 3, Col: 7}, CodeDate, "write YYYY-MM-DD, such as 2023-08-23", "%s%s", "actions[0].due: ", `"2023-13-45" is not a valid date`)
	l.Errorf(Pos{File: "b.md", Line: 9, Col: 1}, CodeBrokenLink, "", "broken link %q: %s", "foto.jpg", "no file content/foto.jpg in the bundle")
	l.Errorf(Pos{File: "c.md", Line: 1, Col: 1}, CodeBrokenLink, "", "broken link %q: %s", "no file x", "a reason no pattern knows")
	for i, want := range []string{
		`a.md:3:7: error: actions[0].due: "2023-13-45" bukan tanggal yang sah; tulis YYYY-MM-DD, seperti 2023-08-23 [R106]`,
		`b.md:9:1: error: tautan "foto.jpg" rusak: tidak ada berkas content/foto.jpg di folder halaman ini [R204]`,
		// %q arguments are the editor's own text, never worded
		`c.md:1:1: error: tautan "no file x" rusak: a reason no pattern knows [R204]`,
	} {
		if got := l.Items()[i].In("id").Error(); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}
