// Package scaffold writes the text of new documents: every field of a
// kind present, the ones to fill in set to placeholders and the optional
// ones commented out, each with a comment saying what it holds. A new
// document is a draft until its editor removes draft: true, so that no
// placeholder is ever published.
package scaffold

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"risalah/internal/config"
)

// Kinds lists the kinds of document New writes, as risalah new names them.
func Kinds() []string { return []string{"news", "meeting", "regulation", "page"} }

// KindNamed returns the kind that name says, in English as Kinds lists
// them or in Indonesian (berita, rapat, peraturan, halaman), and false for
// any other name.
func KindNamed(name string) (string, bool) {
	switch strings.ToLower(name) {
	case "news", "berita":
		return "news", true
	case "meeting", "rapat", "risalah":
		return "meeting", true
	case "regulation", "peraturan":
		return "regulation", true
	case "page", "halaman":
		return "page", true
	}
	return "", false
}

// Section returns the content folder of kind, "" for a page (which sits
// in content/ itself) or for an unknown kind.
func Section(kind string) (string, bool) {
	switch kind {
	case "news":
		return "news", true
	case "meeting":
		return "meetings", true
	case "regulation":
		return "regulations", true
	case "page":
		return "", true
	}
	return "", false
}

// field is one line of front matter: set (with a placeholder) or, when
// optional, commented out; fact fields are written in the original only,
// translations inheriting them.
type field struct {
	name, value, help string
	optional, fact    bool
	// example marks a value that only shows what to write: left as it
	// is, the document is not ready to publish (Unfilled).
	example bool
}

// The help of a regulation's type and number, which Unfilled knows.
const (
	typeHelp   = "UU, Perppu, PP, Perpres, Permen, Perda, Pergub, Perbup, Perwali, Kepmen or SE"
	numberHelp = "its number, as written (in quotes: \"010\" keeps its zero)"
)

func fields(kind string, date time.Time) []field {
	day := date.Format("2006-01-02")
	common := []field{
		{name: "summary", value: `""`, help: "one or two sentences for lists and search results; without it, the first paragraph", optional: true},
		{name: "tags", value: "[]", help: "topics, such as [timpora, pengawasan]", optional: true},
		{name: "slug", value: "", help: "the page's address, when it should differ from the file's name", optional: true},
		{name: "aliases", value: "[]", help: "old addresses that should lead here, such as [/berita/lama/]", optional: true},
	}
	switch kind {
	case "news":
		return append([]field{
			{name: "date", value: day, help: "publication date, YYYY-MM-DD", fact: true},
			{name: "author", value: `""`, help: "who wrote it", optional: true},
			{name: "image", value: "{src: foto.jpg, alt: \"what the picture shows\", caption: \"\"}", help: "a picture of the page bundle (--bundle), with its description for screen readers", optional: true},
			{name: "attachments", value: "[{file: siaran-pers.pdf, title: Siaran pers}]", help: "files of the page bundle (--bundle)", optional: true},
			{name: "meetings", value: "[]", help: "keys of the meetings it is about", optional: true, fact: true},
			{name: "regulations", value: "[]", help: "keys of the regulations it cites", optional: true, fact: true},
		}, common...)
	case "meeting":
		return append([]field{
			{name: "date", value: date.Format("2006-01-02T15:04"), help: "when it starts, YYYY-MM-DDTHH:MM in the site's time zone", fact: true},
			{name: "end", value: date.Add(3 * time.Hour).Format("2006-01-02T15:04"), help: "when it ends", optional: true, fact: true},
			{name: "venue", value: `"Aula Kantor Imigrasi"`, help: "where it is held", fact: true, example: true},
			{name: "organizer", value: `"Kantor Imigrasi"`, help: "the agency that organises it", fact: true, example: true},
			{name: "theme", value: `""`, help: "its theme", optional: true},
			{name: "chair", value: "{name: \"\", role: \"\"}", help: "who chairs it", optional: true},
			{name: "speakers", value: "[{name: \"\", role: \"\"}]", help: "who speaks, with their roles", optional: true},
			{name: "participants", value: "[]", help: "the participating agencies", optional: true, fact: true},
			{name: "agenda", value: "[]", help: "the items discussed", optional: true},
			{name: "outcomes", value: "[]", help: "what was agreed", optional: true},
			{name: "actions", value: "[{action: \"\", owner: \"\", due: " + day + "}]", help: "follow-up actions", optional: true},
			{name: "regulations", value: "[]", help: "keys of the regulations discussed", optional: true, fact: true},
			{name: "photos", value: "[{src: foto.jpg, alt: \"what the photo shows\", caption: \"\"}]", help: "photos of the page bundle (--bundle), each with its description for screen readers", optional: true},
			{name: "attachments", value: "[{file: notulen.pdf, title: Notulen}]", help: "files of the page bundle (--bundle)", optional: true},
			{name: "status", value: "scheduled", help: "scheduled, held or cancelled; by default from the date", optional: true, fact: true},
		}, common...)
	case "regulation":
		return append([]field{
			{name: "type", value: "UU", help: typeHelp, fact: true, example: true},
			{name: "number", value: `"1"`, help: numberHelp, fact: true, example: true},
			{name: "year", value: date.Format("2006"), help: "its year", fact: true},
			{name: "issuer", value: `""`, help: "who issued it", optional: true},
			{name: "enacted", value: day, help: "date of enactment", optional: true, fact: true},
			{name: "promulgated", value: day, help: "date of promulgation", optional: true, fact: true},
			{name: "source", value: `""`, help: "where it was published, such as LN 2011 (52), TLN 5216", optional: true},
			{name: "field", value: `""`, help: "the field of law", optional: true},
			{name: "subjects", value: "[]", help: "its subjects", optional: true},
			{name: "amends", value: "[]", help: "keys of the regulations it amends", optional: true, fact: true},
			{name: "revokes", value: "[]", help: "keys of the regulations it revokes", optional: true, fact: true},
			{name: "files", value: "[{file: peraturan.pdf, title: Salinan}]", help: "its text as files of the page bundle (--bundle)", optional: true},
		}, common...)
	}
	return common // a page
}

// draftHelp is the comment after the draft line New writes.
const draftHelp = "remove this line when the document is ready to publish"

// DraftLine returns the draft line New writes, its comment in words.
func DraftLine(words string) string { return "draft: true # " + help(words, draftHelp) + "\n" }

// New returns the text of a new document of kind titled title, dated
// date, in lang; original is set for the site's first language, whose
// file holds the facts its translations inherit. The comments that say
// what each field holds are in words, the editor's language ("id" or
// English).
func New(kind, title, lang string, date time.Time, original bool, words string) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %q\n", title)
	b.WriteString(DraftLine(words))
	fs := fields(kind, date)
	if kind == "regulation" {
		fs = fromTitle(fs, title)
	}
	for _, f := range fs {
		if f.fact && !original {
			continue // inherited from the original
		}
		b.WriteString(fieldLine(f, words) + "\n")
	}
	b.WriteString("---\n")
	body := placeholders[0] // Indonesian, original
	switch {
	case lang == "id" && !original:
		body = placeholders[1]
	case lang != "id" && original:
		body = placeholders[2]
	case lang != "id":
		body = placeholders[3]
	}
	b.WriteString("\n" + body + "\n")
	return b.String()
}

// placeholders are the bodies New writes, one sentence each: for the
// original in Indonesian, a translation into Indonesian, the original in
// another language, a translation into another.
var placeholders = []string{
	"Tulis isi dokumen di sini, dalam Markdown.",
	"Tulis terjemahan isinya di sini. Fakta seperti tanggal, tempat dan kunci diambil dari dokumen aslinya.",
	"Write the text of the document here, in Markdown.",
	"Write the translation of the text here. Facts such as dates, places and keys come from the original.",
}

// Placeholder reports whether a line of a body is the sentence New puts
// where the document's text goes.
func Placeholder(line string) bool {
	line = strings.TrimSpace(line)
	for _, p := range placeholders {
		if line == p {
			return true
		}
	}
	return false
}

// MayHoldPlaceholder reports whether body may hold one of the sentences
// New writes: false is sure, and spares reading a body line by line.
func MayHoldPlaceholder(body []byte) bool {
	return bytes.Contains(body, []byte("Tulis ")) || bytes.Contains(body, []byte("Write the "))
}

// unfilledLines maps each line New writes with an example value to its
// field; made once, never changed.
var unfilledLines = func() map[string]string {
	m := map[string]string{}
	for _, kind := range []string{"meeting", "regulation"} {
		for _, f := range fields(kind, time.Time{}) {
			if f.example {
				m[fieldLine(f, "en")] = f.name
				m[fieldLine(f, "id")] = f.name
			}
		}
	}
	return m
}()

// Unfilled reports whether a line of front matter is still as New wrote
// it with an example value (a meeting's venue, a regulation's type), and
// the field's name. The line is known by its value and its help comment
// together, so that a value an editor has confirmed, by deleting the
// comment, is not taken for an example.
func Unfilled(line string) (string, bool) {
	field, ok := unfilledLines[strings.TrimRight(line, " \t\r")]
	return field, ok
}

// fieldLine is the line New writes for the field f, commented out when
// it is optional, its comment in words.
func fieldLine(f field, words string) string {
	line := f.name + ":"
	if f.optional {
		line = "# " + line
	}
	if f.value != "" {
		line += " " + f.value
	}
	return fmt.Sprintf("%-40s # %s", line, help(words, f.help))
}

// regTitleRe reads a regulation's type, number and year from a title
// such as "Perbup 12 Tahun 2026", "Permenkumham Nomor 10 Tahun 2024" or
// "UU No. 6 Tahun 2011".
var regTitleRe = regexp.MustCompile(`(?i)^\s*([A-Za-z]+)\s+(?:(?:nomor|no\.?)\s*)?([0-9][0-9A-Za-z./-]*)\s+tahun\s+([0-9]{4})\b`)

// fromTitle sets a regulation's type, number and year from its title
// where the title says them; the type as the site's list of types writes
// it when it is one of them, such as PP for "pp".
func fromTitle(fs []field, title string) []field {
	m := regTitleRe.FindStringSubmatch(title)
	if m == nil {
		return fs
	}
	// The type as the built-in list writes it: the longest type the
	// title's word starts with (Permen for Permenkumham).
	typ := ""
	for _, rt := range config.DefaultRegTypes() {
		t := rt.Code
		if len(t) > len(typ) && len(m[1]) >= len(t) && strings.EqualFold(m[1][:len(t)], t) {
			typ = t
		}
	}
	if typ == "" {
		return fs
	}
	out := make([]field, len(fs))
	copy(out, fs)
	for i := range out {
		switch out[i].name {
		case "type":
			out[i].value, out[i].example = typ, false
		case "number":
			out[i].value, out[i].example = strconv.Quote(m[2]), false
		case "year":
			out[i].value = m[3]
		}
	}
	return out
}
