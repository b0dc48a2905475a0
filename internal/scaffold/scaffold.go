// Package scaffold writes the text of new documents: every field of a
// kind present, the ones to fill in set to placeholders and the optional
// ones commented out, each with a comment saying what it holds. A new
// document is a draft until its editor removes draft: true, so that no
// placeholder is ever published.
package scaffold

import (
	"fmt"
	"strings"
	"time"
)

// Kinds lists the kinds of document New writes, as risalah new names them.
func Kinds() []string { return []string{"news", "meeting", "regulation", "page"} }

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
}

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
			{name: "venue", value: `"Aula Kantor Imigrasi"`, help: "where it is held", fact: true},
			{name: "organizer", value: `"Kantor Imigrasi"`, help: "the agency that organises it", fact: true},
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
			{name: "type", value: "UU", help: "UU, Perppu, PP, Perpres, Permen, Perda, Pergub, Perbup, Perwali, Kepmen or SE", fact: true},
			{name: "number", value: `"1"`, help: "its number, as written (in quotes: \"010\" keeps its zero)", fact: true},
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

// New returns the text of a new document of kind titled title, dated
// date, in lang; original is set for the site's first language, whose
// file holds the facts its translations inherit.
func New(kind, title, lang string, date time.Time, original bool) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %q\n", title)
	b.WriteString("draft: true # remove this line when the document is ready to publish\n")
	for _, f := range fields(kind, date) {
		if f.fact && !original {
			continue // inherited from the original
		}
		prefix := ""
		if f.optional {
			prefix = "# "
		}
		line := prefix + f.name + ":"
		if f.value != "" {
			line += " " + f.value
		}
		fmt.Fprintf(&b, "%-40s # %s\n", line, f.help)
	}
	b.WriteString("---\n")
	switch {
	case lang == "id" && original:
		b.WriteString("\nTulis isi dokumen di sini, dalam Markdown.\n")
	case lang == "id":
		b.WriteString("\nTulis terjemahan isinya di sini. Fakta seperti tanggal, tempat dan kunci diambil dari dokumen aslinya.\n")
	case original:
		b.WriteString("\nWrite the text of the document here, in Markdown.\n")
	default:
		b.WriteString("\nWrite the translation of the text here. Facts such as dates, places and keys come from the original.\n")
	}
	return b.String()
}
