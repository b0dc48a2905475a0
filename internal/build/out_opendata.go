package build

import (
	"path"
	"strings"

	"risalah/internal/content"
	"risalah/internal/opendata"
	"risalah/internal/site"
)

// openData are every language's regulations and meetings as JSON and CSV.
var openData = producer{name: "open data", all: allOpenData, bodies: noBodies}

func allOpenData(rs *renderState) {
	m := rs.machine()
	m.eachLang(rs.ctx, m.openData)
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
	order := m.s.Config.LangCodes()
	for _, it := range newestFirst(l.Sections[content.KindMeeting].Items) {
		p, d := it.Page, it.Page.Doc
		mt := d.Meeting
		row := opendata.Meeting{ID: it.Entry.Key, Title: p.Title(), Start: d.Common.Date.ISO(), End: mt.End.ISO(),
			Venue: mt.Venue, Organizer: p.Organizer.Name(l.Code, order), Theme: mt.Theme, Participants: site.Names(p.Participants, l.Code, order),
			Agenda: mt.Agenda, Outcomes: mt.Outcomes, Status: p.Status, Regulations: keys(it.Entry.Regulations),
			PageURL: m.abs(p.URL), CalendarURL: m.abs(p.CalendarURL()), Lang: p.Lang}
		if mt.Chair != nil {
			row.Chair = strings.Trim(mt.Chair.Name+", "+mt.Chair.Role, ", ")
		}
		for _, sp := range mt.Speakers {
			row.Speakers = append(row.Speakers, strings.Trim(sp.Name+", "+sp.Role, ", "))
		}
		for _, a := range mt.Attachments {
			f := a.File
			if !strings.Contains(f, "://") {
				f = m.abs(p.URL + path.Clean(f))
			}
			row.Attachments = append(row.Attachments, f)
		}
		meets = append(meets, row)
	}
	p := l.Paths()
	m.out(p.RegulationsJSON, "content/regulations", opendata.RegulationsJSON(regs))
	m.out(p.RegulationsCSV, "content/regulations", opendata.RegulationsCSV(regs))
	m.out(p.MeetingsJSON, "content/meetings", opendata.MeetingsJSON(meets))
	m.out(p.MeetingsCSV, "content/meetings", opendata.MeetingsCSV(meets))
}
