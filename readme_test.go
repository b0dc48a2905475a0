package risalah_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"risalah/internal/config"
	"risalah/internal/content"
)

// keyPaths returns the dotted paths of the keys a struct decodes (its meta
// tags), descending into nested structs and lists of structs; a list's
// items are written name[].key, as in the README's reference.
func keyPaths(t reflect.Type, prefix string) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("meta"), ",")
		if f.Anonymous && tag == "" {
			out = append(out, keyPaths(f.Type, prefix)...)
			continue
		}
		if tag == "" || tag == "-" {
			continue
		}
		p := prefix + tag
		out = append(out, p)
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct:
			out = append(out, keyPaths(ft, p+".")...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			out = append(out, keyPaths(ft.Elem(), p+"[].")...)
		}
	}
	return out
}

// documented returns the names in backquotes in the first cell of each row
// of the Markdown tables in text.
func documented(text string) map[string]bool {
	out := map[string]bool{}
	for line := range strings.SplitSeq(text, "\n") {
		if !strings.HasPrefix(line, "| ") {
			continue
		}
		cell, _, _ := strings.Cut(line[2:], " |")
		parts := strings.Split(cell, "`")
		for i := 1; i < len(parts); i += 2 {
			out[parts[i]] = true
		}
	}
	return out
}

// readmeSection returns the text of the README from the heading given to
// the next heading of the same or a higher level.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README has no heading %q", heading)
	}
	s = s[i+1+len(heading):]
	level := strings.Repeat("#", strings.Index(heading, " "))
	for _, h := range []string{"\n" + level + " ", "\n" + level[:len(level)-1] + " "} {
		if len(h) > 2 {
			if j := strings.Index(s, h); j >= 0 {
				s = s[:j]
			}
		}
	}
	return s
}

// TestReadmeReference checks that the README's reference documents every
// key site.yaml may have and every field of every kind of document, so
// that a field added to the schema cannot stay undocumented.
func TestReadmeReference(t *testing.T) {
	site := readmeSection(t, "### site.yaml keys")
	for _, p := range keyPaths(reflect.TypeFor[config.Config](), "") {
		for _, s := range config.SectionNames() {
			p = strings.Replace(p, "sections."+s+".", "sections.<section>.", 1)
		}
		p = strings.Replace(p, "menus.footer[].", "menus.main[].", 1)
		if !documented(site)[p] {
			t.Errorf("README's site.yaml reference has no row for `%s`", p)
		}
	}
	fields := readmeSection(t, "### Front matter fields")
	for _, kind := range []struct {
		intro string
		typ   reflect.Type
	}{
		{"Fields every document may have:", reflect.TypeFor[content.Common]()},
		{"News (`content/news/`):", reflect.TypeFor[content.NewsFields]()},
		{"Meetings (`content/meetings/`):", reflect.TypeFor[content.MeetingFields]()},
		{"Regulations (`content/regulations/`):", reflect.TypeFor[content.RegulationFields]()},
	} {
		i := strings.Index(fields, kind.intro)
		if i < 0 {
			t.Errorf("README's front matter reference has no %q", kind.intro)
			continue
		}
		table := fields[i:]
		if j := strings.Index(table, "\n\n|"); j >= 0 {
			if k := strings.Index(table[j+2:], "\n\n"); k >= 0 {
				table = table[:j+2+k]
			}
		}
		rows := documented(table)
		for _, p := range keyPaths(kind.typ, "") {
			if !rows[p] {
				t.Errorf("README's table %q has no row for `%s`", kind.intro, p)
			}
		}
	}
}
