// Package feed writes Atom 1.0 feeds (RFC 4287).
//
// It is a pure serializer: the caller decides which entries a feed holds,
// their order and their IDs, and Write turns them into deterministic,
// indented UTF-8 XML. Times are written in RFC 3339 with the offset of the
// location they carry, so a time in Asia/Jakarta is written with +07:00.
package feed

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// Namespace is the Atom 1.0 XML namespace written on the feed element.
const Namespace = "http://www.w3.org/2005/Atom"

// Feed is one Atom feed.
type Feed struct {
	ID        string    // stable IRI, e.g. "https://site.example/en/news/" or a tag: URI
	Title     string    // feed title, plain text
	Subtitle  string    // optional, plain text
	Lang      string    // xml:lang on <feed>
	SelfURL   string    // absolute URL of the feed itself (link rel="self")
	AltURL    string    // absolute URL of the HTML page (link rel="alternate")
	Updated   time.Time // newest entry's updated time; zero: computed from Entries
	Author    string    // feed-level author name (required by Atom when entries lack authors)
	Generator string    // e.g. "risalah"; empty: omitted
	Entries   []Entry   // written in the given order
}

// Entry is one Atom entry.
type Entry struct {
	ID         string    // stable IRI
	Title      string    // plain text
	URL        string    // absolute, link rel="alternate"
	Lang       string    // xml:lang on the entry; omitted when empty or equal to the feed's
	Published  time.Time // zero: omitted
	Updated    time.Time // zero: Published is written instead
	Summary    string    // plain text; empty: omitted
	Content    string    // HTML, written escaped as type="html"; empty: omitted
	Categories []string  // one <category term=...> each, in order
	Author     string    // optional
}

// Write returns the feed as UTF-8 XML with an XML declaration.
//
// When f.Updated is zero, the newest updated time among the entries is
// written. Write does not validate the feed: the caller is responsible for
// IDs, absolute URLs and an author where Atom requires one.
func (f *Feed) Write() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<feed xmlns="` + Namespace + `"`)
	writeAttrs(&b, "xml:lang", f.Lang)
	b.WriteString(">\n")
	writeElem(&b, 1, "id", f.ID)
	writeElem(&b, 1, "title", f.Title)
	if f.Subtitle != "" {
		writeElem(&b, 1, "subtitle", f.Subtitle)
	}
	if f.SelfURL != "" {
		writeElem(&b, 1, "link", "", "rel", "self", "type", "application/atom+xml", "href", f.SelfURL)
	}
	if f.AltURL != "" {
		writeElem(&b, 1, "link", "", "rel", "alternate", "type", "text/html", "href", f.AltURL)
	}
	writeElem(&b, 1, "updated", stamp(f.updated()))
	writeAuthor(&b, 1, f.Author)
	if f.Generator != "" {
		writeElem(&b, 1, "generator", f.Generator)
	}
	for i := range f.Entries {
		f.Entries[i].write(&b, f.Lang)
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// updated is the feed's updated time: f.Updated, or else the newest entry's.
func (f *Feed) updated() time.Time {
	if !f.Updated.IsZero() {
		return f.Updated
	}
	var newest time.Time
	for i := range f.Entries {
		if t := f.Entries[i].updated(); t.After(newest) {
			newest = t
		}
	}
	return newest
}

// updated is the entry's updated time, falling back to Published.
func (e *Entry) updated() time.Time {
	if e.Updated.IsZero() {
		return e.Published
	}
	return e.Updated
}

func (e *Entry) write(b *bytes.Buffer, feedLang string) {
	indent(b, 1)
	b.WriteString("<entry")
	if !strings.EqualFold(e.Lang, feedLang) {
		writeAttrs(b, "xml:lang", e.Lang)
	}
	b.WriteString(">\n")
	writeElem(b, 2, "id", e.ID)
	writeElem(b, 2, "title", e.Title)
	if e.URL != "" {
		writeElem(b, 2, "link", "", "rel", "alternate", "type", "text/html", "href", e.URL)
	}
	if !e.Published.IsZero() {
		writeElem(b, 2, "published", stamp(e.Published))
	}
	writeElem(b, 2, "updated", stamp(e.updated()))
	writeAuthor(b, 2, e.Author)
	for _, c := range e.Categories {
		writeElem(b, 2, "category", "", "term", c)
	}
	if e.Summary != "" {
		writeElem(b, 2, "summary", e.Summary)
	}
	if e.Content != "" {
		writeElem(b, 2, "content", e.Content, "type", "html")
	}
	indent(b, 1)
	b.WriteString("</entry>\n")
}

func writeAuthor(b *bytes.Buffer, depth int, name string) {
	if name == "" {
		return
	}
	indent(b, depth)
	b.WriteString("<author>\n")
	writeElem(b, depth+1, "name", name)
	indent(b, depth)
	b.WriteString("</author>\n")
}

// stamp formats t as RFC 3339, keeping t's offset.
func stamp(t time.Time) string {
	return t.Format(time.RFC3339)
}

// writeElem writes one element on its own line. attrs are name, value
// pairs; a pair with an empty value is left out. An element without text is
// written self-closing.
func writeElem(b *bytes.Buffer, depth int, name, text string, attrs ...string) {
	indent(b, depth)
	b.WriteString("<" + name)
	writeAttrs(b, attrs...)
	if text == "" {
		b.WriteString("/>\n")
		return
	}
	b.WriteString(">")
	escape(b, text, false)
	b.WriteString("</" + name + ">\n")
}

func writeAttrs(b *bytes.Buffer, attrs ...string) {
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		b.WriteString(" " + attrs[i] + `="`)
		escape(b, attrs[i+1], true)
		b.WriteString(`"`)
	}
}

func indent(b *bytes.Buffer, depth int) {
	for range depth {
		b.WriteString("  ")
	}
}

// escape writes s as XML character data, or as an attribute value when
// attr is set. Characters XML cannot hold, and invalid UTF-8, become U+FFFD;
// a carriage return (and, in attributes, tab and newline) is written as a
// character reference so that parsers do not normalize it away.
func escape(b *bytes.Buffer, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\r' || (attr && (r == '\n' || r == '\t')):
			fmt.Fprintf(b, "&#x%X;", r)
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || (r >= 0xD800 && r < 0xE000) || r == 0xFFFE || r == 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
}
