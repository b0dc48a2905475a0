package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var verbRe = regexp.MustCompile(`%(\[\d+\])?[#+\- 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs returns the verb each argument of format is printed with, by the
// argument's position.
func verbs(format string) map[int]string {
	out := map[int]string{}
	arg := 0
	for _, v := range verbRe.FindAllStringSubmatch(format, -1) {
		if strings.HasSuffix(v[0], "%%") {
			continue
		}
		if v[1] != "" {
			arg, _ = strconv.Atoi(strings.Trim(v[1], "[]"))
			arg--
		}
		out[arg] = v[0][len(v[0])-1:]
		arg++
	}
	return out
}

// TestCatalogVerbs checks that each translation prints the same arguments
// with the same verbs as the English it words.
func TestCatalogVerbs(t *testing.T) {
	for lang, cat := range catalogs {
		for en, tr := range cat {
			a, b := verbs(en), verbs(tr)
			if len(a) != len(b) {
				t.Errorf("%s: %q has %d arguments, %q %d", lang, en, len(a), tr, len(b))
				continue
			}
			for i, v := range a {
				if b[i] != v {
					t.Errorf("%s: argument %d of %q is %%%s, in %q %%%s", lang, i+1, en, v, tr, b[i])
				}
			}
		}
	}
}

// inspectPackages calls fn with every node of the packages' Go files, other
// than tests, and the file's path.
func inspectPackages(t *testing.T, fn func(path string, n ast.Node)) {
	t.Helper()
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			fn(p, n)
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCatalogComplete reads every Errorf and Warnf call of the packages
// and requires each literal message format and hint to have its
// Indonesian wording, and each wording to belong to a call.
func TestCatalogComplete(t *testing.T) {
	used := map[string]bool{}
	inspectPackages(t, func(p string, n ast.Node) {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok {
			return
		}
		var args []ast.Expr
		switch {
		case (sel.Sel.Name == "Errorf" || sel.Sel.Name == "Warnf") && len(c.Args) >= 4:
			args = c.Args[2:4] // pos, code, hint, format
		case sel.Sel.Name == "report" && len(c.Args) >= 5:
			args = c.Args[3:5] // the Markdown sink's: off, severity, code, hint, format
		default:
			return
		}
		for _, a := range args { // hint, format
			if l, ok := a.(*ast.BasicLit); ok && l.Kind == token.STRING {
				if s, err := strconv.Unquote(l.Value); err == nil && strings.TrimSpace(verbRe.ReplaceAllString(s, "")) != "" {
					used[s] = true
					if _, ok := indonesian[s]; !ok {
						t.Errorf("%s: no Indonesian wording of %q in catalog_id.go", p, s)
					}
				}
			}
		}
	})
	if len(used) < 100 {
		t.Fatalf("found %d messages; is the walk reading the packages?", len(used))
	}
	for en := range indonesian {
		if !used[en] {
			t.Errorf("catalog_id.go words %q, which no Errorf or Warnf call uses", en)
		}
	}
}

// TestIn checks that a diagnostic made by Errorf is worded in Indonesian,
// and one that is not in the catalog stays as it is.
func TestIn(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 1}, CodeRequired, "add a line such as \"title: Rapat Koordinasi TIMPORA 2023\" to the front matter", "missing required field %q", "venue")
	l.Warnf(Pos{File: "b.md"}, CodeConfig, "a hint of its own", "a message of its own %d", 3)
	items := l.Items()
	if got := items[0].In("id").Error(); got != `a.md:2:1: error: ruas wajib "venue" tidak ada; tambahkan baris seperti "title: Rapat Koordinasi TIMPORA 2023" ke front matter [R103]` {
		t.Errorf("got %s", got)
	}
	if got := items[0].In("en").Error(); got != items[0].Error() {
		t.Errorf("English: %s", got)
	}
	if got := items[1].In("id").Error(); got != "b.md: warning: a message of its own 3; a hint of its own [R501]" {
		t.Errorf("got %s", got)
	}
}
