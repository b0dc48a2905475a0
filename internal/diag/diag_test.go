package diag

import (
	"strings"
	"testing"
)

func TestListFormatAndOrder(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.md", Line: 2, Col: 1}, CodeUnknownField, `did you mean "venue"?`, "unknown field %q", "venu")
	l.Errorf(Pos{File: "a.md", Line: 9}, CodeRequired, "", "missing required field %q", "title")
	l.Errorf(Pos{File: "b.md", Line: 1, Col: 4}, CodeDate, "write YYYY-MM-DD", "bad date")
	if !l.HasErrors() {
		t.Fatal("HasErrors = false")
	}
	if e, w := l.Count(); e != 2 || w != 1 {
		t.Errorf("Count = %d, %d", e, w)
	}
	want := strings.Join([]string{
		`a.md:9: error: missing required field "title" [R103]`,
		`b.md:1:4: error: bad date; write YYYY-MM-DD [R106]`,
		`b.md:2:1: warning: unknown field "venu"; did you mean "venue"? [R105]`,
	}, "\n")
	if got := l.Err().Error(); got != want {
		t.Errorf("Err() =\n%s\nwant\n%s", got, want)
	}
	l.Promote()
	if e, w := l.Count(); e != 3 || w != 0 {
		t.Errorf("after Promote: Count = %d, %d", e, w)
	}
}

func TestNoErrors(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "x"}, CodeRawHTML, "", "w")
	if l.Err() != nil {
		t.Error("a list with only warnings is an error")
	}
}

// TestPromoteCopies promotes a list's warnings without changing the
// diagnostics themselves, which a build cache may hold for later builds.
func TestPromoteCopies(t *testing.T) {
	w := &Diagnostic{Pos: Pos{File: "a.md", Line: 1}, Severity: Warning, Code: CodeRawHTML, Msg: "raw HTML"}
	var l List
	l.Add(w)
	l.Promote()
	if w.Severity != Warning {
		t.Error("Promote changed the diagnostic it was given")
	}
	if !l.HasErrors() {
		t.Error("Promote left no error in the list")
	}
}
