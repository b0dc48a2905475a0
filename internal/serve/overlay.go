package serve

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"risalah/internal/diag"
)

// Problem is one error shown in the overlay.
type Problem struct {
	File      string // slash-separated, relative to the site folder
	Line, Col int    // 1-based, 0 = unknown
	Severity  string // "error" or "warning"
	Code      string // stable code like "R103"
	Message   string
	Hint      string
	Lang      string // the language of Message and Hint; "" for English
	// Local holds Message and Hint in other languages, by language code,
	// so that a page in that language shows the problem in it.
	Local   map[string]Wording
	Excerpt []ExcerptLine // the offending lines with some context
}

// Wording is a problem's message and hint in one language.
type Wording struct {
	Message, Hint string
}

// ExcerptLine is one source line of an excerpt.
type ExcerptLine struct {
	N    int    // 1-based line number
	Text string // the line, without its line end
	Mark bool   // the line the problem is on
}

// maxLineRunes is where Excerpt cuts a line: minified or generated files can
// have lines of megabytes, which would swamp the overlay and the event stream.
const maxLineRunes = 240

// Excerpt returns the lines around line (ctx lines before and after) of the
// named file in fsys, marking line itself; nil if the file is unreadable or
// line <= 0 or past the end. Long lines are cut to a sane length and end in
// "…".
func Excerpt(fsys fs.FS, file string, line, ctx int) []ExcerptLine {
	if line <= 0 || fsys == nil {
		return nil
	}
	if info, err := fs.Stat(fsys, file); err != nil || !info.Mode().IsRegular() {
		return nil // opening a named pipe would block the preview
	}
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	// The empty "line" after a final newline only counts when it is the one
	// asked for, as for an error at the end of the file.
	if n := len(lines); n > 1 && lines[n-1] == "" && line < n {
		lines = lines[:n-1]
	}
	if line > len(lines) {
		return nil
	}
	ctx = max(ctx, 0)
	first := max(line-ctx, 1)
	last := min(line+ctx, len(lines))
	out := make([]ExcerptLine, 0, last-first+1)
	for n := first; n <= last; n++ {
		out = append(out, ExcerptLine{N: n, Text: cutLine(lines[n-1]), Mark: n == line})
	}
	return out
}

// cutLine drops a CR line end, repairs invalid UTF-8 and cuts long lines.
func cutLine(s string) string {
	s = strings.TrimSuffix(s, "\r")
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= maxLineRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxLineRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// The overlay's view of the problems, ready for the template: everything a
// template would otherwise compute is done here, where it can be tested.
type (
	overlayView struct {
		Seq      uint64
		Lang     string // of the overlay's own words
		Words    overlayWords
		Summary  string
		Problems []problemView
	}
	// overlayWords are the overlay's own words in one language.
	overlayWords struct {
		Title, Close, Hint, ErrorHere, Footer string
	}
	problemView struct {
		Where    string // file:line:col
		Class    string // a fixed class for the severity, never problem text
		Severity string
		Code     string
		Message  string
		Hint     string
		Lang     string // of Message and Hint, when not English
		Lines    []lineView
	}
	lineView struct {
		Num   string // right-aligned to the widest number of the excerpt
		Pad   string // blanks as wide as Num, for the caret line
		Text  string
		Mark  bool
		Caret string // under a marked line with a known column: spaces and "^"
	}
)

// overlayTemplate renders the overlay. All problem text goes through
// html/template's escaping: messages quote the editor's files, which may hold
// anything, "<script>" included. The markup has no style attributes and no
// inline script, so a page's strict Content-Security-Policy does not break it.
// Whitespace inside <pre> is significant, so the excerpt is written tightly.
var overlayTemplate = template.Must(template.New("overlay").Parse(`<div id="risalah-overlay" class="risalah-overlay" role="alertdialog" aria-labelledby="risalah-overlay-title" aria-describedby="risalah-overlay-summary" tabindex="-1" lang="{{.Lang}}" dir="ltr" data-risalah-failure="{{.Seq}}">
<div class="risalah-overlay__panel">
<div class="risalah-overlay__head">
<div class="risalah-overlay__titles">
<h2 id="risalah-overlay-title" class="risalah-overlay__title">{{.Words.Title}}</h2>
</div>
<button type="button" class="risalah-overlay__close" data-risalah-close>{{.Words.Close}}</button>
</div>
<p id="risalah-overlay-summary" class="risalah-overlay__summary">{{.Summary}}</p>
{{- if .Problems}}
<ol class="risalah-overlay__problems">
{{- range .Problems}}
<li class="risalah-problem risalah-problem--{{.Class}}">
<p class="risalah-problem__where"><code class="risalah-problem__file">{{.Where}}</code> <span class="risalah-problem__severity">{{.Severity}}</span>{{if .Code}} <span class="risalah-problem__code">{{.Code}}</span>{{end}}</p>
<p class="risalah-problem__message"{{with .Lang}} lang="{{.}}"{{end}}>{{.Message}}</p>
{{- if .Hint}}
<p class="risalah-problem__hint"><span class="risalah-problem__label">{{$.Words.Hint}}</span> <span{{with .Lang}} lang="{{.}}"{{end}}>{{.Hint}}</span></p>
{{- end}}
{{- if .Lines}}
<pre class="risalah-excerpt"><code>
{{- range .Lines -}}
{{if .Mark}}<span class="risalah-excerpt__line risalah-excerpt__line--mark" aria-current="true"><span class="risalah-excerpt__gutter" aria-hidden="true">&gt;</span><span class="risalah-excerpt__n">{{.Num}}</span><span class="risalah-sr">{{$.Words.ErrorHere}} </span>{{.Text}}
</span>{{if .Caret}}<span class="risalah-excerpt__line risalah-excerpt__caret" aria-hidden="true"><span class="risalah-excerpt__gutter"> </span><span class="risalah-excerpt__n">{{.Pad}}</span>{{.Caret}}
</span>{{end}}{{else}}<span class="risalah-excerpt__line"><span class="risalah-excerpt__gutter" aria-hidden="true"> </span><span class="risalah-excerpt__n">{{.Num}}</span>{{.Text}}
</span>{{end}}
{{- end -}}
</code></pre>
{{- end}}
</li>
{{- end}}
</ol>
{{- end}}
<p class="risalah-overlay__footer">{{.Words.Footer}}</p>
</div>
</div>`))

// words returns the overlay's own words in lang: Indonesian for "id",
// else English.
func words(lang string) overlayWords {
	if lang == "id" {
		return overlayWords{
			Title:     "Gagal membangun situs — halaman ini menampilkan hasil terakhir yang berhasil",
			Close:     "Tutup",
			Hint:      "Saran:",
			ErrorHere: "(galat di sini)",
			Footer:    "Perbaiki berkasnya lalu simpan: halaman ini dimuat ulang sendiri setelah pembangunan berikutnya berhasil.",
		}
	}
	return overlayWords{
		Title:     "Build failed — the page shows the last good build",
		Close:     "Close",
		Hint:      "Hint:",
		ErrorHere: "(error here)",
		Footer:    "Fix the file and save: this page reloads by itself after the next good build.",
	}
}

// renderOverlays returns the overlay markup for problems in every language
// they are worded in, by language code, and under "" in the language of
// their own Message and Hint, for pages in any other language.
func renderOverlays(problems []Problem, seq uint64) map[string][]byte {
	own := "en"
	langs := map[string]bool{"en": true}
	for _, p := range problems {
		if p.Lang != "" {
			own = p.Lang
			langs[p.Lang] = true
		}
		for l := range p.Local {
			langs[l] = true
		}
	}
	out := map[string][]byte{}
	for l := range langs {
		out[l] = renderOverlay(problems, seq, l)
	}
	out[""] = out[own]
	return out
}

// overlayIn picks the overlay for a page in lang from renderOverlays' map.
func overlayIn(overlays map[string][]byte, lang string) []byte {
	if o, ok := overlays[lang]; ok {
		return o
	}
	return overlays[""]
}

// renderOverlay returns the overlay markup for problems, in lang where they
// have a wording in it; seq numbers the failure so the script can leave
// closed one it has already shown.
func renderOverlay(problems []Problem, seq uint64, lang string) []byte {
	if lang != "id" {
		lang = "en"
	}
	v := overlayView{Seq: seq, Lang: lang, Words: words(lang), Summary: summary(problems, lang)}
	for _, p := range problems {
		if w, ok := p.Local[lang]; ok {
			p.Message, p.Hint, p.Lang = w.Message, w.Hint, lang
		}
		v.Problems = append(v.Problems, viewProblem(p, lang))
	}
	var b bytes.Buffer
	if err := overlayTemplate.Execute(&b, v); err != nil {
		// Cannot happen with this template and view; never show a blank page.
		return []byte(`<div id="risalah-overlay" role="alertdialog" aria-labelledby="risalah-overlay-title"><h2 id="risalah-overlay-title">Build failed</h2><p>` +
			html.EscapeString(err.Error()) + `</p></div>`)
	}
	return b.Bytes()
}

// summary counts the problems, in words an editor reads at a glance, in
// lang ("id" or English).
func summary(problems []Problem, lang string) string {
	if len(problems) == 0 {
		if lang == "id" {
			return "Pembangunan gagal tanpa rincian; lihat terminal yang menjalankan risalah serve."
		}
		return "The build failed without details; see the terminal running risalah serve."
	}
	errs, warns := 0, 0
	for _, p := range problems {
		if severityClass(p.Severity) == "warning" {
			warns++
		} else {
			errs++
		}
	}
	if lang == "id" {
		switch {
		case warns == 0:
			return fmt.Sprintf("%d galat.", errs)
		case errs == 0:
			return fmt.Sprintf("%d peringatan.", warns)
		}
		return fmt.Sprintf("%d galat dan %d peringatan.", errs, warns)
	}
	switch {
	case warns == 0:
		return diag.Plural(errs, "error") + "."
	case errs == 0:
		return diag.Plural(warns, "warning") + "."
	}
	return diag.Plural(errs, "error") + " and " + diag.Plural(warns, "warning") + "."
}

// severityClass maps a severity to one of two fixed class names, so problem
// text never reaches a class attribute; anything unknown counts as an error.
func severityClass(sev string) string {
	if strings.EqualFold(sev, "warning") {
		return "warning"
	}
	return "error"
}

// viewProblem prepares one problem for an overlay whose own words are in
// lang; its message and hint are marked with their language when it differs.
func viewProblem(p Problem, lang string) problemView {
	pv := problemView{
		Where:    where(p),
		Class:    severityClass(p.Severity),
		Severity: p.Severity,
		Code:     p.Code,
		Message:  p.Message,
		Hint:     p.Hint,
	}
	if pl := cmp.Or(p.Lang, "en"); pl != lang {
		pv.Lang = pl
	}
	if pv.Severity == "" {
		pv.Severity = "error"
	}
	width := 1
	for _, l := range p.Excerpt {
		width = max(width, len(strconv.Itoa(l.N)))
	}
	for _, l := range p.Excerpt {
		num := fmt.Sprintf("%*d ", width, l.N)
		lv := lineView{Num: num, Pad: strings.Repeat(" ", len(num)), Text: l.Text, Mark: l.Mark}
		if l.Mark && p.Col > 0 {
			lv.Caret = caret(l.Text, p.Col)
		}
		pv.Lines = append(pv.Lines, lv)
	}
	return pv
}

// where formats the position as file:line:col, leaving out unknown parts.
func where(p Problem) string {
	s := p.File
	if s == "" {
		s = "(site)"
	}
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// caret returns the text that puts "^" under column col (1-based, counted in
// characters) of line, keeping tabs so it lines up with the line above; ""
// if the column is past the end of the (possibly cut) line.
func caret(line string, col int) string {
	var b strings.Builder
	n := 1
	for _, r := range line {
		if n == col {
			b.WriteByte('^')
			return b.String()
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	if n == col { // just past the last character, as for a missing closing mark
		b.WriteByte('^')
		return b.String()
	}
	return ""
}
