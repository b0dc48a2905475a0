package meta

import (
	"strings"
	"testing"

	"risalah/internal/diag"
)

func TestParsePositions(t *testing.T) {
	tests := []struct {
		format    Format
		src       string
		line0     int
		key       string
		line, col int
		value     string
	}{
		{YAML, "title: A\nyear: 2011\n", 2, "year", 3, 7, "2011"},
		{YAML, "title: A\nnumber: 010\n", 1, "number", 2, 9, "010"},
		{TOML, "title = \"A\"\nyear = 2011\n", 2, "year", 3, 1, "2011"},
		{JSON, "{\n  \"title\": \"A\",\n  \"year\": 2011\n}", 1, "year", 3, 11, "2011"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.format, []byte(tt.src), tt.line0)
		if err != nil {
			t.Fatalf("Parse(%s, %q) error: %v", tt.format, tt.src, err)
		}
		v := n.Get(tt.key)
		if v == nil {
			t.Fatalf("Parse(%s, %q): no %s", tt.format, tt.src, tt.key)
		}
		if v.Line != tt.line || v.Col != tt.col || v.Value != tt.value {
			t.Errorf("Parse(%s, %q).%s = %d:%d %q, want %d:%d %q", tt.format, tt.src, tt.key, v.Line, v.Col, v.Value, tt.line, tt.col, tt.value)
		}
	}
}

func TestSyntaxErrorLine(t *testing.T) {
	_, err := Parse(YAML, []byte("title: A\ndate: [1\n"), 5)
	se, ok := err.(*SyntaxError)
	if !ok {
		t.Fatalf("got %v, want a SyntaxError", err)
	}
	if se.Line < 5 || se.Line > 7 {
		t.Errorf("syntax error on line %d, want within the block (5-7)", se.Line)
	}
}

func TestMergeAndEqual(t *testing.T) {
	base, _ := Parse(YAML, []byte("title: A\nvenue: Aula\naliases: [/x/]\nlist: [1, 2]\n"), 1)
	over, _ := Parse(YAML, []byte("title: B\n"), 1)
	m := Merge(base, over, "aliases")
	if got := m.Get("title").Value; got != "B" {
		t.Errorf("merged title = %q, want B", got)
	}
	if m.Get("venue") == nil || m.Get("aliases") != nil {
		t.Errorf("merge kept the wrong fields: venue %v, aliases %v", m.Get("venue"), m.Get("aliases"))
	}
	a, _ := Parse(YAML, []byte("x: [1, 2]\ny: {a: 1, b: 2}\n"), 1)
	b, _ := Parse(JSON, []byte(`{"y": {"b": 2, "a": 1}, "x": [1, 2]}`), 1)
	if !Equal(a, b) {
		t.Error("Equal: same data in YAML and JSON differ")
	}
	c, _ := Parse(YAML, []byte("x: [2, 1]\ny: {a: 1, b: 2}\n"), 1)
	if Equal(a, c) {
		t.Error("Equal: lists in another order are equal")
	}
}

type person struct {
	Name string `meta:"name,required"`
	Role string `meta:"role"`
}

type doc struct {
	Title  string   `meta:"title,required"`
	Year   int      `meta:"year"`
	Draft  bool     `meta:"draft"`
	Tags   []string `meta:"tags"`
	Chair  *person  `meta:"chair"`
	People []person `meta:"people"`
}

func TestDecode(t *testing.T) {
	src := `title: T
year: 2011
draft: true
tags: solo
chair: {name: Erdiansyah}
people:
  - {role: Narasumber}
venu: x
`
	n, err := Parse(YAML, []byte(src), 1)
	if err != nil {
		t.Fatal(err)
	}
	var d doc
	var diags diag.List
	ok := Decode(n, &d, &Options{File: "f.md", Diags: &diags, Suggest: map[string]string{"venu": "venue"}})
	if d.Title != "T" || d.Year != 2011 || !d.Draft || len(d.Tags) != 1 || d.Tags[0] != "solo" || d.Chair.Name != "Erdiansyah" {
		t.Errorf("decoded %+v", d)
	}
	if ok {
		t.Error("Decode reported success despite a missing required field")
	}
	got := diags.Err().Error()
	for _, want := range []string{`f.md:7:5: error: people[1]: missing required field "people[1].name"`} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	all := ""
	for _, d := range diags.Items() {
		all += d.Error() + "\n"
	}
	if !strings.Contains(all, `f.md:8:1: warning: unknown field "venu": what it holds is left out of the site; did you mean "venue"?`) {
		t.Errorf("no unknown-field warning:\n%s", all)
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"title", "date", "venue", "organizer", "tags"}
	tests := []struct{ word, want string }{
		{"titel", "title"},
		{"organiser", "organizer"},
		{"Venue", "venue"},
		{"zzz", ""},
		{"dat", "date"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, names, nil); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Suggest("tempat", names, map[string]string{"tempat": "venue"}); got != "venue" {
		t.Errorf("Suggest with alias = %q, want venue", got)
	}
	// Two as near: the one sharing the longer beginning, whatever the order.
	types := []string{"UU", "PP", "Permen", "Perda", "Pergub", "Perbup", "Perwali"}
	if got := Suggest("Perbub", types, nil); got != "Perbup" {
		t.Errorf("Suggest(Perbub) = %q, want Perbup", got)
	}
	if got := Suggest("Pergup", types, nil); got != "Pergub" {
		t.Errorf("Suggest(Pergup) = %q, want Pergub", got)
	}
}
