package build

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/feed"
	"risalah/internal/ical"
	"risalah/internal/opendata"
	"risalah/internal/render"
	"risalah/internal/site"
	"risalah/internal/sitemap"
	"risalah/internal/work"
)

// feedSize is how many entries a feed holds: the newest.
const feedSize = 30

// machine writes the machine-readable files of a site: Atom feeds, the
// sitemap and robots.txt (these need an absolute baseURL), iCalendar files
// and open data.
type machine struct {
	s       *site.Site
	summary func(*site.Page) string // a page's summary
	metas   []render.PageMeta
	w       *tracker
	diags   *diag.List
}

func (m *machine) abs(u string) string {
	if m.s.Config.BaseURL == "" || strings.Contains(u, "://") {
		return u
	}
	return strings.TrimSuffix(m.s.Config.BaseURL, "/") + u
}

func (m *machine) host() string {
	if u, err := url.Parse(m.s.Config.BaseURL); err == nil && u.Host != "" {
		return u.Host
	}
	return "risalah.invalid"
}

func (m *machine) write() {
	cfg := m.s.Config
	// The files are independent of each other: they are made on all cores.
	var tasks []func()
	if cfg.BaseURL != "" { // else warned of with the model (noBaseURL)
		for _, l := range m.s.Langs {
			tasks = append(tasks, func() {
				p := render.DataPaths(m.s, l)
				m.feed(l, p.Feed, "", nil)
				for _, kind := range content.SectionKinds() {
					m.feed(l, p.SectionFeeds[kind], l.Sections[kind].Title, l.Sections[kind].Items)
				}
			})
		}
		tasks = append(tasks, m.sitemap)
	}
	for _, l := range m.s.Langs {
		tasks = append(tasks, func() { m.calendars(l) }, func() { m.openData(l) })
	}
	work.Each(context.Background(), len(tasks), func(i int) { tasks[i]() })
}

// noBaseURL warns, with the site's other diagnostics, that a site without
// baseURL gets no feeds and no sitemap.
func noBaseURL(cfg *config.Config, diags *diag.List) {
	if cfg.BaseURL == "" {
		diags.Warnf(cfg.Pos("baseURL"), diag.CodeConfig, "add baseURL: https://… to site.yaml, or pass --base-url",
			"no baseURL: Atom feeds and the sitemap need absolute addresses and are not written")
	}
}

func (m *machine) out(u, source string, data []byte) {
	m.w.write(strings.TrimPrefix(u, "/"), source, data)
}

// feed writes one Atom feed of a language: a section's items, or with items
// nil, the newest documents of every section.
func (m *machine) feed(l *site.Lang, u, section string, items []*site.Item) {
	cfg := m.s.Config
	title := cfg.Title.In(l.Code, cfg.LangCodes())
	alt := l.Prefix + "/"
	if items == nil {
		items = l.Newest
	} else {
		alt = strings.TrimSuffix(u, "atom.xml")
		title += ": " + section
		items = newestFirst(items)
	}
	if len(items) > feedSize {
		items = items[:feedSize]
	}
	f := &feed.Feed{ID: m.abs(alt), Title: title, Lang: l.Code, SelfURL: m.abs(u), AltURL: m.abs(alt),
		Author: cfg.Office.Name.In(l.Code, cfg.LangCodes()), Generator: "risalah"}
	if f.Author == "" {
		f.Author = title
	}
	for _, it := range items {
		p := it.Page
		e := feed.Entry{ID: m.entryID(p), Title: p.Title(), URL: m.abs(p.URL), Published: p.Published().Time,
			Updated: updated(p), Summary: m.summary(p), Categories: p.Doc.Common.Tags}
		if it.Missing {
			e.Lang = p.Lang
		}
		if e.Updated.After(f.Updated) {
			f.Updated = e.Updated
		}
		f.Entries = append(f.Entries, e)
	}
	if f.Updated.IsZero() {
		f.Updated = time.Date(2000, 1, 1, 0, 0, 0, 0, cfg.Loc) // an empty feed still needs a stable date
	}
	m.out(u, "templates", f.Write())
}

// entryID is a tag: URI (RFC 4151) that stays the same when a document's
// URL changes.
func (m *machine) entryID(p *site.Page) string {
	return fmt.Sprintf("tag:%s,%s:%s/%s/%s", m.host(), p.Published().Time.Format("2006-01-02"), p.Lang, p.Entry.Kind, p.Entry.Key)
}

func updated(p *site.Page) time.Time {
	if u := p.Doc.Common.Updated; !u.IsZero() && u.Time.After(p.Published().Time) {
		return u.Time
	}
	return p.Published().Time
}

func newestFirst(items []*site.Item) []*site.Item {
	out := append([]*site.Item(nil), items...)
	site.SortNewest(out)
	return out
}

func (m *machine) sitemap() {
	var urls []sitemap.URL
	for _, meta := range m.metas {
		if !meta.Listed || meta.URL == "" {
			continue
		}
		u := sitemap.URL{Loc: m.abs(meta.URL), LastMod: meta.LastMod.Time}
		for _, a := range meta.Alternates {
			u.Alternates = append(u.Alternates, sitemap.Alternate{Lang: a.Hreflang, URL: a.URL})
		}
		urls = append(urls, u)
	}
	parts := sitemap.Split(urls, sitemap.MaxURLs)
	if len(parts) == 1 {
		m.out("/sitemap.xml", "site.yaml", sitemap.Write(parts[0]))
	} else {
		var locs []string
		for i, part := range parts {
			name := fmt.Sprintf("/sitemap-%d.xml", i+1)
			m.out(name, "site.yaml", sitemap.Write(part))
			locs = append(locs, m.abs(name))
		}
		m.out("/sitemap.xml", "site.yaml", sitemap.WriteIndex(locs))
	}
	if !m.w.owned("robots.txt") { // a site's own static/robots.txt wins
		m.out("/robots.txt", "site.yaml", sitemap.Robots(m.abs("/sitemap.xml")))
	}
}

// event describes a meeting for calendars.
func (m *machine) event(p *site.Page) ical.Event {
	d := p.Doc
	mt := d.Meeting
	desc := []string{}
	if mt.Theme != "" {
		desc = append(desc, mt.Theme)
	}
	if s := m.summary(p); s != "" {
		desc = append(desc, s)
	}
	desc = append(desc, m.abs(p.URL))
	e := ical.Event{UID: p.Entry.Key + "@" + m.host(), Stamp: updated(p).UTC(), Start: d.Common.Date.Time,
		AllDay: !d.Common.Date.HasTime, Summary: d.Common.Title, Description: strings.Join(desc, "\n\n"),
		Location: mt.Venue, URL: m.abs(p.URL), Organizer: mt.Organizer, Status: p.Status, Categories: d.Common.Tags}
	if !mt.End.IsZero() {
		e.End = mt.End.Time
	}
	return e
}

func (m *machine) calendars(l *site.Lang) {
	cfg := m.s.Config
	name := cfg.Title.In(l.Code, cfg.LangCodes()) + ": " + l.Sections[content.KindMeeting].Title
	all := &ical.Calendar{ProdID: "-//risalah//" + m.host() + "//" + strings.ToUpper(l.Code), Name: name, Lang: l.Code, Zone: cfg.Loc}
	items := newestFirst(l.Sections[content.KindMeeting].Items)
	for i := len(items) - 1; i >= 0; i-- { // oldest first, as calendars read
		all.Events = append(all.Events, m.event(items[i].Page))
	}
	m.out(render.DataPaths(m.s, l).Calendar, "content/meetings", all.Write())
	for _, it := range l.Sections[content.KindMeeting].Items {
		if it.Missing {
			continue // written with its own language's version
		}
		one := &ical.Calendar{ProdID: all.ProdID, Name: it.Page.Title(), Lang: l.Code, Zone: cfg.Loc, Events: []ical.Event{m.event(it.Page)}}
		m.out(render.EventURL(it.Page), it.Page.Doc.File, one.Write())
	}
}

func keys(es []*site.Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Key)
	}
	return out
}

func (m *machine) openData(l *site.Lang) {
	cfg := m.s.Config
	var regs []opendata.Regulation
	for _, it := range l.Sections[content.KindRegulation].Items {
		p, e, rg := it.Page, it.Entry, it.Page.Doc.Regulation
		row := opendata.Regulation{ID: e.Key, Year: rg.Year, Enacted: rg.Enacted.Day(), Promulgated: rg.Promulgated.Day(),
			TypeCode: rg.Type, Number: rg.Number, Title: p.Title(), Issuer: rg.Issuer, Source: rg.Source,
			Subjects: rg.Subjects, Status: opendata.StatusLabel(p.Status, l.Code), Lang: opendata.LanguageName(p.Lang),
			Field: rg.Field, PageURL: m.abs(p.URL), Amends: keys(e.Amends), Revokes: keys(e.Revokes),
			AmendedBy: keys(e.AmendedBy), RevokedBy: keys(e.RevokedBy)}
		if t := cfg.RegType(rg.Type); t != nil {
			row.TypeName = t.Name.In(l.Code, cfg.LangCodes())
		}
		if len(rg.Files) > 0 {
			f := rg.Files[0].File
			if !strings.Contains(f, "://") {
				f = p.URL + path.Clean(f)
			}
			row.FileURL = m.abs(f)
		}
		regs = append(regs, row)
	}
	var meets []opendata.Meeting
	for _, it := range newestFirst(l.Sections[content.KindMeeting].Items) {
		p, d := it.Page, it.Page.Doc
		mt := d.Meeting
		row := opendata.Meeting{ID: it.Entry.Key, Title: p.Title(), Start: d.Common.Date.ISO(), End: mt.End.ISO(),
			Venue: mt.Venue, Organizer: mt.Organizer, Theme: mt.Theme, Participants: mt.Participants,
			Agenda: mt.Agenda, Outcomes: mt.Outcomes, Status: p.Status, Regulations: keys(it.Entry.Regulations),
			PageURL: m.abs(p.URL), CalendarURL: m.abs(render.EventURL(p)), Lang: p.Lang}
		if mt.Chair != nil {
			row.Chair = strings.Trim(mt.Chair.Name+", "+mt.Chair.Role, ", ")
		}
		for _, sp := range mt.Speakers {
			row.Speakers = append(row.Speakers, strings.Trim(sp.Name+", "+sp.Role, ", "))
		}
		meets = append(meets, row)
	}
	p := render.DataPaths(m.s, l)
	m.out(p.RegulationsJSON, "content/regulations", opendata.RegulationsJSON(regs))
	m.out(p.RegulationsCSV, "content/regulations", opendata.RegulationsCSV(regs))
	m.out(p.MeetingsJSON, "content/meetings", opendata.MeetingsJSON(meets))
	m.out(p.MeetingsCSV, "content/meetings", opendata.MeetingsCSV(meets))
}
