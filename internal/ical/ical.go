// Package ical writes calendars in the iCalendar format of RFC 5545.
//
// It is a pure serializer: the caller fills a Calendar with Events and
// Write returns the text, with CRLF line endings, lines folded at 75 octets,
// TEXT values escaped and a VTIMEZONE component derived from the Go
// time.Location the times are written in. The output depends only on the
// input, so writing the same calendar twice gives the same bytes.
package ical

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxLine is the longest physical line RFC 5545 allows, in octets,
// not counting the CRLF.
const maxLine = 75

const (
	localFormat = "20060102T150405"
	utcFormat   = "20060102T150405Z"
	dateFormat  = "20060102"
)

// Calendar is one VCALENDAR.
type Calendar struct {
	ProdID string         // e.g. "-//risalah//Kantor Imigrasi Jember//ID"
	Name   string         // X-WR-CALNAME
	Lang   string         // language of the texts, e.g. "id" (LANGUAGE parameter)
	Zone   *time.Location // the site's time zone, e.g. Asia/Jakarta; nil means UTC
	Events []Event        // written in the order given
}

// Event is one VEVENT.
//
// Timed events are written in the calendar's Zone, whatever the location of
// Start and End. For AllDay events only the calendar dates of Start and End,
// read in their own locations, count: End is the last day of the event
// (inclusive) and DTEND is the day after it, as RFC 5545 wants.
type Event struct {
	UID         string    // stable, e.g. "rakor-timpora-2023@kanim-jember.example.go.id"
	Stamp       time.Time // DTSTAMP, written in UTC; Start is used when zero
	Start, End  time.Time // End may be zero; an End not after Start is left out
	AllDay      bool      // date-only event
	Summary     string
	Description string
	Location    string
	URL         string // absolute
	// Organizer is the organizer's name. It becomes the CN of an ORGANIZER
	// property when OrganizerEmail is set; otherwise it is added to the
	// DESCRIPTION, since ORGANIZER must be an address.
	Organizer      string
	OrganizerEmail string
	Status         string // "scheduled" or "held" -> CONFIRMED, "cancelled" -> CANCELLED
	Categories     []string
	Sequence       int
}

// Write returns the calendar as RFC 5545 text.
func (c *Calendar) Write() []byte {
	var w writer
	utc := isUTC(c.Zone)
	tzid := "UTC"
	if !utc {
		tzid = zoneID(c.Zone)
	}
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	prodID := c.ProdID
	if prodID == "" {
		prodID = "-//risalah//risalah//EN"
	}
	w.prop("PRODID", escapeText(prodID))
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
	if c.Name != "" {
		w.prop("X-WR-CALNAME", escapeText(c.Name))
	}
	w.prop("X-WR-TIMEZONE", escapeText(tzid))
	if !utc {
		if first, last, ok := timedRange(c.Events); ok {
			w.timezone(c.Zone, tzid, first, last)
		}
	}
	for i := range c.Events {
		w.event(&c.Events[i], c, utc, tzid)
	}
	w.prop("END", "VCALENDAR")
	return w.buf.Bytes()
}

// writer accumulates folded content lines.
type writer struct {
	buf bytes.Buffer
}

// prop writes one content line: name, then the parameters (already in
// "NAME=value" form), then the value, folded.
func (w *writer) prop(name, value string, params ...string) {
	var line strings.Builder
	line.WriteString(name)
	for _, p := range params {
		if p != "" {
			line.WriteByte(';')
			line.WriteString(p)
		}
	}
	line.WriteByte(':')
	line.WriteString(value)
	w.buf.WriteString(fold(line.String()))
}

// event writes one VEVENT; tzid names c.Zone unless utc is set.
func (w *writer) event(e *Event, c *Calendar, utc bool, tzid string) {
	lang := languageParam(c.Lang)
	w.prop("BEGIN", "VEVENT")
	uid := e.UID
	if uid == "" {
		h := fnv.New64a()
		fmt.Fprintf(h, "%s\x00%s", e.Start.UTC().Format(time.RFC3339Nano), e.Summary)
		uid = fmt.Sprintf("%016x@risalah", h.Sum64())
	}
	w.prop("UID", escapeText(uid))
	stamp := e.Stamp
	if stamp.IsZero() {
		stamp = e.Start
	}
	w.prop("DTSTAMP", stamp.UTC().Format(utcFormat))

	switch {
	case e.AllDay:
		start := dateOf(e.Start)
		end := start.AddDate(0, 0, 1)
		if !e.End.IsZero() {
			if last := dateOf(e.End); last.After(start) {
				end = last.AddDate(0, 0, 1)
			}
		}
		w.prop("DTSTART", start.Format(dateFormat), "VALUE=DATE")
		w.prop("DTEND", end.Format(dateFormat), "VALUE=DATE")
	case utc:
		w.prop("DTSTART", e.Start.UTC().Format(utcFormat))
		if e.End.After(e.Start) {
			w.prop("DTEND", e.End.UTC().Format(utcFormat))
		}
	default:
		tz := param("TZID", tzid, false)
		w.prop("DTSTART", e.Start.In(c.Zone).Format(localFormat), tz)
		if e.End.After(e.Start) {
			w.prop("DTEND", e.End.In(c.Zone).Format(localFormat), tz)
		}
	}

	desc := e.Description
	if e.Organizer != "" && e.OrganizerEmail == "" {
		if desc != "" {
			desc += "\n\n"
		}
		desc += organizerLabel(c.Lang) + ": " + e.Organizer
	}
	for _, p := range [...]struct{ name, value string }{
		{"SUMMARY", e.Summary},
		{"DESCRIPTION", desc},
		{"LOCATION", e.Location},
	} {
		if p.value != "" {
			w.prop(p.name, escapeText(p.value), lang)
		}
	}
	if u := uriValue(e.URL); u != "" {
		w.prop("URL", u)
	}
	if email := uriValue(e.OrganizerEmail); email != "" {
		if !strings.HasPrefix(strings.ToLower(email), "mailto:") {
			email = "mailto:" + email
		}
		cn := ""
		if e.Organizer != "" {
			cn = param("CN", e.Organizer, true)
		}
		w.prop("ORGANIZER", email, cn)
	}
	if s := status(e.Status); s != "" {
		w.prop("STATUS", s)
	}
	var cats []string
	for _, c := range e.Categories {
		if c = escapeText(c); c != "" {
			cats = append(cats, c)
		}
	}
	if len(cats) > 0 {
		w.prop("CATEGORIES", strings.Join(cats, ","), lang)
	}
	if e.Sequence > 0 {
		w.prop("SEQUENCE", fmt.Sprint(e.Sequence))
	}
	w.prop("END", "VEVENT")
}

// observance is one STANDARD or DAYLIGHT sub-component.
type observance struct {
	daylight bool
	start    string // DTSTART: local time in the "from" offset
	from, to int    // offsets east of UTC, in seconds
	name     string
}

// timezone writes the VTIMEZONE for loc covering the years from first to last.
func (w *writer) timezone(loc *time.Location, tzid string, first, last time.Time) {
	w.prop("BEGIN", "VTIMEZONE")
	w.prop("TZID", escapeText(tzid))
	for _, o := range observances(loc, first, last) {
		kind := "STANDARD"
		if o.daylight {
			kind = "DAYLIGHT"
		}
		w.prop("BEGIN", kind)
		w.prop("DTSTART", o.start)
		w.prop("TZOFFSETFROM", formatOffset(o.from))
		w.prop("TZOFFSETTO", formatOffset(o.to))
		if o.name != "" {
			w.prop("TZNAME", escapeText(o.name))
		}
		w.prop("END", kind)
	}
	w.prop("END", "VTIMEZONE")
}

// observances lists the observances of loc in effect from the start of
// first's year to the end of last's year: the one in effect at the start,
// then one per transition, each with its own DTSTART and no RRULE.
func observances(loc *time.Location, first, last time.Time) []observance {
	from := time.Date(first.In(loc).Year(), time.January, 1, 0, 0, 0, 0, loc)
	until := time.Date(last.In(loc).Year()+1, time.January, 1, 0, 0, 0, 0, loc)

	name, off := from.Zone()
	onset, next := from.ZoneBounds()
	o := observance{daylight: from.IsDST(), from: off, to: off, name: name}
	if onset.IsZero() || next.IsZero() || !next.Before(until) {
		// No transition in the range (or none known before it): one
		// observance, said to start at the epoch, as is customary.
		epoch := time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC)
		o.start = epoch.Format(localFormat)
		if from.Year() < 1970 {
			o.start = from.Format(localFormat)
		}
	} else {
		_, o.from = onset.Add(-time.Second).Zone()
		o.start = onset.In(time.FixedZone("", o.from)).Format(localFormat)
	}
	obs := []observance{o}

	prev := off
	for i := 0; !next.IsZero() && next.Before(until) && i < 10000; i++ {
		t := next
		name, off := t.Zone()
		obs = append(obs, observance{
			daylight: t.IsDST(),
			start:    t.In(time.FixedZone("", prev)).Format(localFormat),
			from:     prev,
			to:       off,
			name:     name,
		})
		prev = off
		if _, next = t.ZoneBounds(); !next.After(t) {
			break
		}
	}
	return obs
}

// timedRange returns the earliest and latest instants of the timed events.
func timedRange(events []Event) (first, last time.Time, ok bool) {
	for _, e := range events {
		if e.AllDay {
			continue
		}
		for _, t := range []time.Time{e.Start, e.End} {
			if t.IsZero() {
				continue
			}
			if !ok || t.Before(first) {
				first = t
			}
			if !ok || t.After(last) {
				last = t
			}
			ok = true
		}
	}
	return first, last, ok
}

// isUTC reports whether times in loc are best written as UTC ("Z") times.
func isUTC(loc *time.Location) bool {
	if loc == nil || loc == time.UTC {
		return true
	}
	_, off := time.Unix(0, 0).In(loc).Zone()
	return loc.String() == "UTC" && off == 0
}

// zoneID returns the TZID for loc: its name, or its offset when unnamed.
func zoneID(loc *time.Location) string {
	if name := sanitize(loc.String(), false); name != "" {
		return name
	}
	_, off := time.Unix(0, 0).In(loc).Zone()
	return "UTC" + formatOffset(off)
}

// formatOffset formats seconds east of UTC as ±HHMM or ±HHMMSS.
func formatOffset(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	s := fmt.Sprintf("%c%02d%02d", sign, off/3600, off/60%60)
	if off%60 != 0 {
		s += fmt.Sprintf("%02d", off%60)
	}
	return s
}

// dateOf returns t's calendar date, in t's own location, as a UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// status maps the site's meeting states to RFC 5545 STATUS values.
func status(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "scheduled", "held", "confirmed":
		return "CONFIRMED"
	case "cancelled", "canceled":
		return "CANCELLED"
	case "tentative":
		return "TENTATIVE"
	}
	return ""
}

// organizerLabel names the organizer in DESCRIPTION, by language.
func organizerLabel(lang string) string {
	tag, _, _ := strings.Cut(strings.TrimSpace(lang), "-")
	switch strings.ToLower(tag) {
	case "id", "ms":
		return "Penyelenggara"
	case "nl":
		return "Organisator"
	}
	return "Organizer"
}

// languageParam returns the LANGUAGE parameter for lang, or "" when lang
// is empty or not a plausible language tag.
func languageParam(lang string) string {
	lang = strings.TrimSpace(lang)
	if lang == "" {
		return ""
	}
	for _, r := range lang {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return ""
		}
	}
	return "LANGUAGE=" + lang
}

// sanitize makes s valid UTF-8 and drops control characters (but not tab)
// and, unless keepNewlines, line breaks. A CR LF pair becomes one LF.
func sanitize(s string, keepNewlines bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return r
		case r == '\n' || r == '\r':
			if keepNewlines {
				return '\n'
			}
			return -1
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// escapeText escapes s as an RFC 5545 TEXT value.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range sanitize(s, true) {
		switch r {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// uriValue cleans a URI value: no control characters, no raw spaces.
func uriValue(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(sanitize(s, false)), " ", "%20")
}

// param formats a parameter. Characters a parameter value cannot hold are
// encoded as RFC 6868 says (^^, ^n, ^'); the value is quoted when quote is
// set or when it contains ':', ';' or ','.
func param(name, value string, quote bool) string {
	var b strings.Builder
	for _, r := range sanitize(value, true) {
		switch r {
		case '^':
			b.WriteString("^^")
		case '\n':
			b.WriteString("^n")
		case '"':
			b.WriteString("^'")
		default:
			b.WriteRune(r)
		}
	}
	v := b.String()
	if quote || strings.ContainsAny(v, ":;,") {
		v = `"` + v + `"`
	}
	return name + "=" + v
}

// fold splits a content line into physical lines of at most maxLine
// octets, each ended by CRLF, continuation lines starting with a space.
// It never splits a UTF-8 encoded character.
func fold(line string) string {
	var b strings.Builder
	n := 0
	for len(line) > 0 {
		_, size := utf8.DecodeRuneInString(line)
		if n+size > maxLine {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(line[:size])
		n += size
		line = line[size:]
	}
	b.WriteString("\r\n")
	return b.String()
}
