package build

import (
	"strings"

	"risalah/internal/content"
	"risalah/internal/ical"
	"risalah/internal/site"
)

// calendars are the iCalendar files of every language's meetings, one of
// all and one for each meeting.
var calendars = producer{name: "calendars", all: allCalendars, bodies: ifSummaries(allCalendars)}

func allCalendars(rs *renderState) {
	m := rs.machine()
	m.eachLang(rs.ctx, m.calendars)
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
		Location: mt.Venue, URL: m.abs(p.URL), Organizer: p.Organizer.Name(p.Lang, m.s.Config.LangCodes()), Status: p.Status, Categories: d.Common.Tags}
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
	m.out(l.Paths().Calendar, "content/meetings", all.Write())
	for _, it := range l.Sections[content.KindMeeting].Items {
		if it.Missing {
			continue // written with its own language's version
		}
		one := &ical.Calendar{ProdID: all.ProdID, Name: it.Page.Title(), Lang: l.Code, Zone: cfg.Loc, Events: []ical.Event{m.event(it.Page)}}
		m.out(it.Page.CalendarURL(), it.Page.Doc.File, one.Write())
	}
}
