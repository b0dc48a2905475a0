package meta

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// aliasBomb is YAML whose every level names the one before it nine
// times: levels levels expand to 9^levels values.
func aliasBomb(levels int) string {
	var b strings.Builder
	b.WriteString("title: Bom\n")
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d]\n", i, i, i-1)
	}
	fmt.Fprintf(&b, "tags: *a%d\n", levels-1)
	return b.String()
}

// TestLimits feeds each format input past each bound, and requires an
// error at the value that passed it, and input just inside the bounds
// to parse.
func TestLimits(t *testing.T) {
	deepYAML := "title: A\nx: " + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + "\n"
	deepJSON := `{"title": "A", "x": ` + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + "}"
	deepTOML := "title = \"A\"\nx = " + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + "\n"
	manyJSON := `{"title": "A", "x": [` + strings.Repeat("1,", MaxValues) + "1]}"
	manyTOML := "title = \"A\"\nx = [" + strings.Repeat("1,", MaxValues) + "1]\n"
	long := strings.Repeat("x", 1<<19)
	textYAML := "title: A\nt: &t " + long + "\nl: [" + strings.Repeat("*t, ", 20) + "*t]\n"
	tests := []struct {
		name      string
		format    Format
		src       string
		line, col int // col 0: any column
		msg       string
	}{
		{"nine levels of nine aliases", YAML, aliasBomb(9), 7, 0, "more than 100000 values"},
		{"seven levels of nine aliases", YAML, aliasBomb(7), 7, 0, "more than 100000 values"},
		{"aliases to long text", YAML, textYAML, 3, 61, "more than 8 MiB of text"},
		{"YAML nested deep", YAML, deepYAML, 2, 68, "nest more than 64 levels"},
		{"JSON nested deep", JSON, deepJSON, 1, 85, "nest more than 64 levels"},
		{"TOML nested deep", TOML, deepTOML, 2, 1, "nest more than 64 levels"},
		{"JSON with too many values", JSON, manyJSON, 1, 200012, "more than 100000 values"},
		{"TOML with too many values", TOML, manyTOML, 2, 1, "more than 100000 values"},
		{"a block over 1 MiB", YAML, "title: A\nbody: " + long + long + "\n", 1, 1, "more than the 1024 KiB allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.format, []byte(tt.src), 1)
			var le *LimitError
			if !errors.As(err, &le) {
				t.Fatalf("error %v, want a *LimitError", err)
			}
			if le.Line != tt.line || tt.col != 0 && le.Col != tt.col || !strings.Contains(le.Msg, tt.msg) || le.Hint == "" {
				t.Errorf("got %d:%d %q (hint %q), want %d:%d, %q", le.Line, le.Col, le.Msg, le.Hint, tt.line, tt.col, tt.msg)
			}
			if strings.Contains(tt.name, "alias") { // blamed on the alias whose copy passed the bound
				if line := strings.Split(tt.src, "\n")[le.Line-1]; le.Col > len(line) || line[le.Col-1] != '*' {
					t.Errorf("%d:%d is not an alias in %.40q", le.Line, le.Col, line)
				}
			}
		})
	}
	// Inside the bounds, aliases and nesting work as before.
	ok := map[Format]string{
		YAML: aliasBomb(4) + "deep: " + strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1) + "\n",
		JSON: `{"x": [` + strings.Repeat("1,", MaxValues/2) + "1]}",
		TOML: "x = [" + strings.Repeat("1,", MaxValues/2) + "1]\n",
	}
	for f, src := range ok {
		n, err := Parse(f, []byte(src), 1)
		if err != nil {
			t.Errorf("%s inside the bounds: %v", f, err)
			continue
		}
		if f == YAML && len(n.Get("tags").Items) != 9 {
			t.Errorf("tags: *a3 gives %d items, want 9", len(n.Get("tags").Items))
		}
	}
}

// TestTOMLPositionsMany checks the lines of the keys of a long TOML block,
// which are found from an index of the lines that start keys.
func TestTOMLPositionsMany(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "k%d = %d\n", i, i)
	}
	b.WriteString("[table]\n  inner = \"v\"\n[[list]]\n  \"quoted\" = 1\n")
	n, err := Parse(TOML, []byte(b.String()), 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 999, 1999} {
		if v := n.Get(fmt.Sprintf("k%d", i)); v == nil || v.Line != i+3 || v.Col != 1 {
			t.Errorf("k%d at %v, want line %d", i, v, i+3)
		}
	}
	if v := n.Get("table"); v == nil || v.Line != 2003 {
		t.Errorf("table at %v, want line 2003", v)
	} else if in := v.Get("inner"); in == nil || in.Line != 2004 || in.Col != 3 {
		t.Errorf("table.inner at %v, want 2004:3", in)
	}
	if v := n.Get("list"); v == nil || len(v.Items) != 1 || v.Items[0].Get("quoted") == nil || v.Items[0].Get("quoted").Line != 2006 {
		t.Errorf("list at %v, want one table with quoted on line 2006", v)
	}
}
