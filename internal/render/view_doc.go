package render

import (
	"fmt"
	"html/template"
	"path"
	"strings"

	"risalah/internal/content"
	"risalah/internal/markdown"
	"risalah/internal/site"
)

func regLabel(rg *content.RegulationFields) string {
	return fmt.Sprintf("%s %s/%d", rg.Type, rg.Number, rg.Year)
}

func (r *Renderer) attachments(p *site.Page, list []content.Attachment) []Attachment {
	var out []Attachment
	for _, a := range list {
		u := a.File
		if !strings.Contains(u, "://") {
			u = p.URL + strings.TrimPrefix(path.Clean(a.File), "./")
		}
		t := a.Title
		if t == "" {
			t = path.Base(a.File)
		}
		out = append(out, Attachment{Title: t, URL: u, Type: strings.ToUpper(strings.TrimPrefix(path.Ext(a.File), "."))})
	}
	return out
}

func (r *Renderer) docView(p *site.Page, body *markdown.Result) *View {
	lang := r.site.Lang(p.Lang)
	e := p.Entry
	d := p.Doc
	kind := string(e.Kind)
	v := r.base(lang, kind, d.Common.Title, p.URL)
	dv := &DocView{Key: e.Key, Title: d.Common.Title, Summary: d.Common.Summary, Date: d.Common.Date,
		Updated: d.Common.Updated, Tags: d.Common.Tags, Outdated: p.Outdated}
	if body != nil {
		dv.Body = template.HTML(body.HTML)
		dv.Headings = body.Headings
		if dv.Summary == "" {
			v.Description = body.Summary
		}
	}
	if dv.Summary != "" {
		v.Description = dv.Summary
	}
	if p.Outdated {
		orig := e.Main()
		dv.Original = &Link{Title: orig.Title(), URL: orig.URL, Lang: orig.Lang, Date: orig.Doc.Common.Updated}
		if dv.Original.Date.IsZero() {
			dv.Original.Date = orig.Date()
		}
	}
	dv.CitedBy = r.links(e.CitedBy, p.Lang)
	for i, c := range e.CitedBy {
		if c.Kind == content.KindMeeting {
			dv.CitedByMeetings = append(dv.CitedByMeetings, dv.CitedBy[i])
		} else {
			dv.CitedByNews = append(dv.CitedByNews, dv.CitedBy[i])
		}
	}
	switch e.Kind {
	case content.KindNews:
		n := d.News
		dv.News = &NewsView{Author: n.Author, Meetings: r.links(e.Meetings, p.Lang), Regulations: r.links(e.Regulations, p.Lang)}
		if n.Image != nil && p.Image != "" {
			dv.News.Image = &Image{URL: p.Image, Alt: n.Image.Alt}
		}
	case content.KindMeeting:
		m := d.Meeting
		order := r.site.Config.LangCodes()
		dv.Meeting = &MeetingView{Status: p.Status, End: m.End, Venue: m.Venue, Organizer: p.Organizer.Name(p.Lang, order), Theme: m.Theme,
			Chair: m.Chair, Speakers: m.Speakers, Participants: site.Names(p.Participants, p.Lang, order), Agenda: m.Agenda, Outcomes: m.Outcomes,
			Actions: actions(m.Actions), Attachments: r.attachments(p, m.Attachments), Regulations: r.links(e.Regulations, p.Lang),
			Upcoming: r.site.Upcoming(p), CalendarURL: p.CalendarURL()}
	case content.KindRegulation:
		rg := d.Regulation
		rv := &RegulationView{Label: regLabel(rg), TypeCode: rg.Type, Number: rg.Number, Year: rg.Year, Issuer: rg.Issuer,
			Enacted: rg.Enacted, Promulgated: rg.Promulgated, Source: rg.Source, Field: rg.Field, Subjects: rg.Subjects,
			Status: p.Status, Amends: r.links(e.Amends, p.Lang), Revokes: r.links(e.Revokes, p.Lang),
			AmendedBy: r.links(e.AmendedBy, p.Lang), RevokedBy: r.links(e.RevokedBy, p.Lang), Files: r.attachments(p, rg.Files)}
		if t := r.site.Config.RegType(rg.Type); t != nil {
			rv.TypeName = t.Name.In(p.Lang, r.site.Config.LangCodes())
		}
		dv.Regulation = rv
	}
	v.Doc = dv
	urlIn := func(l string) (string, bool) {
		if q, ok := e.Versions[l]; ok && q.Output != "" {
			return q.URL, true
		}
		return "", false
	}
	v.Switcher = r.switcher(p.Lang, urlIn)
	v.Alternates = r.alternates(urlIn)
	v.Breadcrumbs = []Crumb{{Name: v.Site.Title, URL: lang.Prefix + "/"}}
	if e.Kind != content.KindPage {
		l := lang.Sections[e.Kind]
		v.Breadcrumbs = append(v.Breadcrumbs, Crumb{Name: l.Title, URL: l.URL})
	}
	v.Breadcrumbs = append(v.Breadcrumbs, Crumb{Name: d.Common.Title, URL: p.URL, Current: true})
	if e.Kind != content.KindPage {
		v.Feeds = append(v.Feeds, r.sectionFeed(lang, e.Kind)...)
	}
	r.describe(v, p)
	return v
}

func actions(as []content.Action) []Action {
	out := make([]Action, len(as))
	for i, a := range as {
		out[i] = Action{N: i + 1, Action: a.Action, Owner: a.Owner, Due: a.Due}
	}
	return out
}
