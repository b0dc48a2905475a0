package build

import (
	"fmt"
	"strings"
	"time"

	"risalah/internal/content"
	"risalah/internal/feed"
	"risalah/internal/site"
)

// feeds are the Atom feeds of every language, of the whole site and of
// each section; they need an absolute baseURL.
var feeds = producer{name: "feeds", all: allFeeds, bodies: ifSummaries(allFeeds)}

func allFeeds(rs *renderState) {
	m := rs.machine()
	if m.s.Config.BaseURL == "" {
		return // warned of with the model (noBaseURL)
	}
	m.eachLang(rs.ctx, func(l *site.Lang) {
		p := l.Paths()
		m.feed(l, p.Feed, "", nil)
		for _, kind := range content.SectionKinds() {
			m.feed(l, p.SectionFeeds[kind], l.Sections[kind].Title, l.Sections[kind].Items)
		}
	})
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
