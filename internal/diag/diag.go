// Package diag holds positioned diagnostics: the errors and warnings that a
// build collects from every stage before it decides whether to fail.
//
// A diagnostic prints as "file:line:col: severity: message; hint [CODE]", the
// form editors' tools and CI annotations understand. Codes are stable so that
// documentation, tests and CI filters can refer to them.
package diag

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Pos is a position in a site file. Line and Col are 1-based; zero means
// unknown, and the part is left out when printed.
type Pos struct {
	File string // slash-separated path relative to the site folder
	Line int
	Col  int
}

// String formats p as file:line:col, leaving out unknown parts.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Severity says whether a diagnostic fails the build.
type Severity int

// Severities, from least to most serious.
const (
	Warning Severity = iota
	Error
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem found in a site.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     Code
	Msg      string // what is wrong
	Hint     string // how to fix it; may be empty
	Related  []Pos  // other places involved, such as the second of two clashing files
	// format and args made Msg (Errorf, Warnf), for In to word it in
	// another language.
	format string
	args   []any
}

// Langs returns the codes of the languages messages are worded in: "en",
// their own, and those of the catalogs, in order.
func Langs() []string {
	out := []string{"en"}
	for l := range catalogs {
		out = append(out, l)
	}
	slices.Sort(out[1:])
	return out
}

// In returns d worded in the language lang where the catalog has its
// message and hint (Indonesian, "id"), else d.
func (d *Diagnostic) In(lang string) *Diagnostic {
	cat := catalogs[lang]
	if cat == nil {
		return d
	}
	c := *d
	if f, ok := cat[d.format]; ok && d.format != "" {
		// A text argument may itself be a reason put together from
		// pieces, such as "no file %s in the bundle".
		// Only %s arguments: a %q one quotes the editor's own text.
		args := slices.Clone(d.args)
		for i, v := range argVerbs(d.format) {
			if i >= len(args) {
				break
			}
			if s, ok := args[i].(string); ok && v == 's' {
				args[i] = wordHint(lang, s, 1)
			}
		}
		c.Msg = fmt.Sprintf(f, args...)
	} else {
		c.Msg = wordMessage(lang, d.Msg)
	}
	if d.Hint != "" {
		c.Hint = wordHint(lang, d.Hint, 0)
	}
	return &c
}

// Error implements error.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString("; ")
		b.WriteString(d.Hint)
	}
	if d.Code != "" {
		b.WriteString(" [")
		b.WriteString(string(d.Code))
		b.WriteString("]")
	}
	return b.String()
}

// List collects diagnostics. The zero value is ready to use and safe for
// concurrent use by the parallel stages of a build.
type List struct {
	mu    sync.Mutex
	items []*Diagnostic
}

// Add appends d.
func (l *List) Add(d *Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, code Code, hint string, format string, args ...any) {
	l.Add(&Diagnostic{Pos: pos, Severity: Error, Code: code, Msg: fmt.Sprintf(format, args...), Hint: hint, format: format, args: args})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, code Code, hint string, format string, args ...any) {
	l.Add(&Diagnostic{Pos: pos, Severity: Warning, Code: code, Msg: fmt.Sprintf(format, args...), Hint: hint, format: format, args: args})
}

// Append adds every diagnostic of other.
func (l *List) Append(other *List) {
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// Items returns the diagnostics sorted by file, line, column, severity and
// message, so that output is the same whatever order stages ran in.
func (l *List) Items() []*Diagnostic {
	l.mu.Lock()
	items := append([]*Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.Msg < b.Msg
	})
	return items
}

// Len returns the number of diagnostics.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Count returns the number of errors and of warnings.
func (l *List) Count() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	n, _ := l.Count()
	return n > 0
}

// Promote turns every warning into an error, for strict builds.
func (l *List) Promote() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, d := range l.items {
		if d.Severity != Error {
			// A copy: the diagnostic may be kept elsewhere too (a build
			// cache replays a body's diagnostics), where it stays a warning.
			e := *d
			e.Severity = Error
			l.items[i] = &e
		}
	}
}

// Err returns the list as an error if it holds any error, else nil.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ErrorList(l.Items())
}

// ErrorList is a sorted slice of diagnostics usable as an error.
type ErrorList []*Diagnostic

// Error prints every diagnostic, one a line.
func (e ErrorList) Error() string {
	var b strings.Builder
	for i, d := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Plural writes n and the noun, adding an s unless n is 1: "1 error",
// "3 warnings".
func Plural(n int, noun string) string { return PluralIn("en", n, noun) }

// nouns are the nouns that PluralIn words in other languages, which
// (Indonesian among them) say a number without a plural form.
var nouns = map[string]map[string]string{
	"id": {"error": "galat", "warning": "peringatan", "document": "dokumen", "draft": "draf", "file": "berkas"},
}

// PluralIn is Plural in the language lang, for the nouns it knows.
func PluralIn(lang string, n int, noun string) string {
	if t, ok := nouns[lang][noun]; ok {
		return fmt.Sprintf("%d %s", n, t)
	}
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// BytesIn writes a size in bytes for people, in the number format of lang:
// "812 B", "9 KB", "1.2 MB" in English and "1,2 MB" in Indonesian. A
// kilobyte is 1,000 bytes, as browsers and file managers count.
func BytesIn(lang string, n int64) string {
	units := []string{"B", "KB", "MB", "GB", "TB"}
	v, u := float64(n), 0
	for v >= 999.5 && u < len(units)-1 {
		v /= 1000
		u++
	}
	s := fmt.Sprintf("%.0f", v)
	if u > 0 && v < 9.95 {
		s = fmt.Sprintf("%.1f", v)
		if lang == "id" {
			s = strings.Replace(s, ".", ",", 1)
		}
	}
	return s + " " + units[u]
}

// hintPattern is a hint format compiled to match the hints it makes.
type hintPattern struct {
	re    *regexp.Regexp
	verbs []byte // 'q', 's' or 'd', in order
	to    string // the translation, its verbs all %s: they get the matched text
	size  int    // the length of the format's literal text
}

// hintPatterns holds, by language, the patterns of the hints put together
// with fmt.Sprintf, most specific first. They are built once and never
// changed.
var hintPatterns = map[string][]hintPattern{"id": compileHints(indonesianHints)}

var hintVerb = regexp.MustCompile(`%[qsd]`)

// compileHints turns formats into patterns: a %q matches a quoted Go
// string, a %d a number and a %s any text.
func compileHints(formats map[string]string) []hintPattern {
	var out []hintPattern
	for en, tr := range formats {
		var re strings.Builder
		re.WriteString("^")
		var verbs []byte
		last := 0
		for _, m := range hintVerb.FindAllStringIndex(en, -1) {
			re.WriteString(regexp.QuoteMeta(en[last:m[0]]))
			v := en[m[0]+1]
			verbs = append(verbs, v)
			switch v {
			case 'q':
				re.WriteString(`("(?:[^"\\]|\\.)*")`)
			case 'd':
				re.WriteString(`(-?[0-9]+)`)
			default:
				re.WriteString(`(.*?)`)
			}
			last = m[1]
		}
		re.WriteString(regexp.QuoteMeta(en[last:]))
		re.WriteString("$")
		out = append(out, hintPattern{re: regexp.MustCompile(re.String()), verbs: verbs,
			to: hintVerb.ReplaceAllString(tr, "%s"), size: len(hintVerb.ReplaceAllString(en, ""))})
	}
	slices.SortFunc(out, func(a, b hintPattern) int {
		if a.size != b.size {
			return b.size - a.size
		}
		return strings.Compare(a.re.String(), b.re.String())
	})
	return out
}

// fieldPrefix is the "field: " a decoder puts before a value's own message.
var fieldPrefix = regexp.MustCompile(`^[A-Za-z0-9_.\[\]-]+: `)

// wordMessage returns a message no catalog format made in lang by the
// patterns, after the name of the field it is about, if any.
func wordMessage(lang, msg string) string {
	if w := wordHint(lang, msg, 0); w != msg {
		return w
	}
	if p := fieldPrefix.FindString(msg); p != "" {
		return p + wordHint(lang, msg[len(p):], 0)
	}
	return msg
}

// wordHint returns hint in lang: from the catalog, else by the first
// pattern it matches, whose %s parts are worded in turn; as it is when
// neither knows it.
func wordHint(lang, hint string, depth int) string {
	if h, ok := catalogs[lang][hint]; ok {
		return h
	}
	if depth > 2 {
		return hint
	}
	for _, p := range hintPatterns[lang] {
		m := p.re.FindStringSubmatch(hint)
		if m == nil {
			continue
		}
		args := make([]any, len(p.verbs))
		for i, v := range p.verbs {
			args[i] = m[i+1]
			if v == 's' {
				args[i] = wordHint(lang, m[i+1], depth+1)
			}
		}
		return fmt.Sprintf(p.to, args...)
	}
	return hint
}

// argVerb finds the verbs of a format, and the %% that are none.
var argVerb = regexp.MustCompile(`%[#+\- 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

// argVerbs returns the verb letter of each argument of format, in order.
func argVerbs(format string) []byte {
	var out []byte
	for _, v := range argVerb.FindAllString(format, -1) {
		if c := v[len(v)-1]; c != '%' {
			out = append(out, c)
		}
	}
	return out
}
