// Package sitemap writes sitemaps in the sitemaps.org XML format, with
// hreflang alternates for multilingual sites, sitemap index files and a
// robots.txt that points at the sitemap.
//
// The protocol limits one sitemap file to MaxURLs URLs and MaxBytes bytes
// (uncompressed). A larger site is written as several sitemaps: Split
// groups the URLs, Write writes each group, and WriteIndex writes the
// sitemap index that lists them.
package sitemap

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// Namespaces written on the root elements.
const (
	// Namespace is the sitemaps.org 0.9 namespace.
	Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
	// XHTMLNamespace is the namespace of the xhtml:link alternates.
	XHTMLNamespace = "http://www.w3.org/1999/xhtml"
)

// Limits of one sitemap or sitemap index file, from sitemaps.org.
const (
	// MaxURLs is the largest number of URLs (or, in an index, sitemaps)
	// one file may list.
	MaxURLs = 50000
	// MaxBytes is the largest size of one uncompressed file: 50 MiB.
	MaxBytes = 50 * 1024 * 1024
)

const (
	header      = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	urlsetOpen  = `<urlset xmlns="` + Namespace + `" xmlns:xhtml="` + XHTMLNamespace + `">` + "\n"
	urlsetClose = "</urlset>\n"
)

// Alternate is one language version of a URL.
type Alternate struct {
	Lang string // a BCP 47 code, or "x-default"
	URL  string // absolute
}

// URL is one <url> entry.
type URL struct {
	// Loc is the page's absolute URL.
	Loc string
	// LastMod is when the page last changed. Zero: omitted. At local
	// midnight it is written as a date (2006-01-02), otherwise as RFC 3339
	// with the time's own offset; both are W3C datetime formats.
	LastMod time.Time
	// Alternates are written as xhtml:link rel="alternate" in the given
	// order. Each language version should list all versions including
	// itself, plus "x-default"; the caller supplies them.
	Alternates []Alternate
}

// Write returns the sitemap: a urlset in the sitemaps.org namespace that
// also declares the xhtml namespace for alternates. It does not enforce
// MaxURLs or MaxBytes; use Split for large sites.
func Write(urls []URL) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString(urlsetOpen)
	for i := range urls {
		writeURL(&b, &urls[i])
	}
	b.WriteString(urlsetClose)
	return b.Bytes()
}

func writeURL(b *bytes.Buffer, u *URL) {
	b.WriteString("  <url>\n    <loc>")
	escape(b, u.Loc)
	b.WriteString("</loc>\n")
	if !u.LastMod.IsZero() {
		b.WriteString("    <lastmod>" + lastMod(u.LastMod) + "</lastmod>\n")
	}
	for _, a := range u.Alternates {
		b.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
		escape(b, a.Lang)
		b.WriteString(`" href="`)
		escape(b, a.URL)
		b.WriteString("\"/>\n")
	}
	b.WriteString("  </url>\n")
}

// lastMod formats t as a W3C datetime: a date at midnight, else RFC 3339.
func lastMod(t time.Time) string {
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// WriteIndex returns a sitemap index listing the absolute URLs of the
// given sitemaps, in order. An index is subject to the same limits as a
// sitemap (MaxURLs entries, MaxBytes).
func WriteIndex(sitemaps []string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString(`<sitemapindex xmlns="` + Namespace + `">` + "\n")
	for _, s := range sitemaps {
		b.WriteString("  <sitemap>\n    <loc>")
		escape(&b, s)
		b.WriteString("</loc>\n  </sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	return b.Bytes()
}

// Split groups urls, in order, into chunks that each fit in one sitemap
// file: at most max URLs (MaxURLs when max is not in 1..MaxURLs) and at
// most MaxBytes once written by Write. With no URLs it returns one empty
// chunk, so the caller still writes a (valid, empty) sitemap. The chunks
// share urls' backing array but appending to one does not overwrite the
// next.
func Split(urls []URL, max int) [][]URL {
	return split(urls, max, MaxBytes)
}

func split(urls []URL, max, maxBytes int) [][]URL {
	if max <= 0 || max > MaxURLs {
		max = MaxURLs
	}
	overhead := len(header) + len(urlsetOpen) + len(urlsetClose)
	chunks := [][]URL{}
	start, size := 0, overhead
	var b bytes.Buffer
	for i := range urls {
		b.Reset()
		writeURL(&b, &urls[i])
		n := b.Len()
		if i > start && (i-start == max || size+n > maxBytes) {
			chunks = append(chunks, urls[start:i:i])
			start, size = i, overhead
		}
		size += n
	}
	return append(chunks, urls[start:len(urls):len(urls)])
}

// Robots returns a robots.txt that allows every crawler everything and
// names the sitemap's absolute URL (or the sitemap index's). When
// sitemapURL is empty the Sitemap line is left out.
func Robots(sitemapURL string) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if sitemapURL != "" {
		// A line break in the URL would start a new directive.
		clean := strings.NewReplacer("\r", "", "\n", "").Replace(sitemapURL)
		fmt.Fprintf(&b, "\nSitemap: %s\n", clean)
	}
	return []byte(b.String())
}

// escape writes s as XML text that is also safe inside a double-quoted
// attribute. Characters XML cannot hold, and invalid UTF-8, become U+FFFD.
func escape(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case r == '\t' || r == '\n' || r == '\r':
			fmt.Fprintf(b, "&#x%X;", r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
}
