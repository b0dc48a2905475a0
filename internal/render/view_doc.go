package render

import (
	"fmt"
	"html/template"
	"path"
	"strconv"
	"strings"

	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/markdown"
	"risalah/internal/site"
)

func regLabel(rg *content.RegulationFields) string {
	return fmt.Sprintf("%s %s/%d", rg.Type, rg.Number, rg.Year)
}

// The sizes attributes of the default theme's pictures: a body's images
// and a news post's picture at most as wide as the column of text, about
// 40em, and full width on a phone; a gallery's photos in columns about
// 20em wide.
const (
	ImageSizes   = "(min-width: 45em) 40em, 100vw"
	GallerySizes = "(min-width: 45em) 20em, 100vw"
)

func (r *Renderer) attachments(p *site.Page, list []content.Attachment) []Attachment {
	var out []Attachment
	for _, a := range list {
		u := a.File
		local := !strings.Contains(u, "://")
		if local {
			u = p.URL + strings.TrimPrefix(path.Clean(a.File), "./")
		}
		t := a.Title
		if t == "" {
			t = path.Base(a.File)
		}
		name := a.File
		if !local {
			name, _, _ = strings.Cut(name, "?")
		}
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
		at := Attachment{Title: t, URL: u, Type: strings.ToUpper(ext), MIME: mimeTypes[ext], PDF: ext == "pdf"}
		if local && r.media != nil {
			if size, pages, ok := r.media.File(u); ok {
				at.Bytes, at.Size, at.Pages = size, diag.BytesIn(p.Lang, size), pages
			}
		}
		at.Facts = r.fileFacts(p.Lang, at)
		out = append(out, at)
	}
	return out
}

// mimeTypes are the media types of the files offices attach, by
// extension: a table of its own, as the machine's differs from one
// computer to another.
var mimeTypes = map[string]string{
	"pdf": "application/pdf", "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"odt":  "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
	"odp": "application/vnd.oasis.opendocument.presentation", "csv": "text/csv", "txt": "text/plain", "json": "application/json",
	"zip": "application/zip", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
	"svg": "image/svg+xml", "mp3": "audio/mpeg", "mp4": "video/mp4", "xml": "application/xml",
}

// topics links each of tags to its page in the topics index of l; a tag
// without one (a name that makes no address) stays plain text.
func (r *Renderer) topics(l *site.Lang, tags []string) []MenuItem {
	var tax *site.Taxonomy
	if len(tags) > 0 {
		tax = r.taxonomyIn(l, site.TaxTags)
	}
	out := make([]MenuItem, 0, len(tags))
	for _, tag := range tags {
		m := MenuItem{Name: tag}
		if t := tax.TermNamed(tag); t != nil {
			m.URL = t.URL
		}
		out = append(out, m)
	}
	return out
}

// fileFacts says a's type, size and pages in lang. A type the theme names
// (file_type_txt: "Teks biasa") is said in words with its code after it.
func (r *Renderer) fileFacts(lang string, a Attachment) string {
	var facts []string
	if a.Type != "" {
		if name, err := r.i18n.Lookup(lang, "file_type_"+strings.ToLower(a.Type)); err == nil && name != "" && name != a.Type {
			facts = append(facts, name+" ("+a.Type+")")
		} else {
			facts = append(facts, a.Type)
		}
	}
	if a.Size != "" {
		facts = append(facts, a.Size)
	}
	if a.Pages > 0 {
		key := "file_pages"
		if a.Pages == 1 {
			key = "file_page"
		}
		if f, err := r.i18n.Lookup(lang, key); err == nil {
			facts = append(facts, strings.ReplaceAll(f, "%d", strconv.Itoa(a.Pages)))
		}
	}
	return strings.Join(facts, ", ")
}

// image returns the view of a picture of p published at u.
func (r *Renderer) image(u string, im *content.Image, sizes string) Image {
	v := Image{URL: u, Alt: im.Alt, Caption: im.Caption, Credit: im.Credit}
	if r.media != nil {
		if pic, ok := r.media.Picture(u); ok {
			v.Width, v.Height, v.Srcset = pic.Width, pic.Height, pic.Srcset
			if pic.URL != "" {
				v.URL = pic.URL
			}
			if v.Srcset != "" {
				v.Sizes = sizes
			}
		}
	}
	return v
}

func (r *Renderer) docView(p *site.Page, body *markdown.Result) *View {
	lang := r.site.Lang(p.Lang)
	e := p.Entry
	d := p.Doc
	kind := string(e.Kind)
	v := r.base(lang, kind, d.Common.Title, p.URL)
	dv := &DocView{Key: e.Key, Title: d.Common.Title, Summary: d.Common.Summary, Date: d.Common.Date,
		Updated: d.Common.Updated, Tags: d.Common.Tags, Outdated: p.Outdated, params: d.Param}
	dv.Topics = r.topics(lang, d.Common.Tags)
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
			im := r.image(p.Image, n.Image, ImageSizes)
			im.Eager = true
			dv.News.Image = &im
		}
		dv.News.Attachments = r.attachments(p, n.Attachments)
	case content.KindMeeting:
		m := d.Meeting
		order := r.site.Config.LangCodes()
		dv.Meeting = &MeetingView{Status: p.Status, End: m.End, Venue: m.Venue, Organizer: p.Organizer.Name(p.Lang, order), Theme: m.Theme,
			Chair: m.Chair, Speakers: m.Speakers, Participants: site.Names(p.Participants, p.Lang, order), Agenda: m.Agenda, Outcomes: m.Outcomes,
			Actions: actions(m.Actions), Attachments: r.attachments(p, m.Attachments), Regulations: r.links(e.Regulations, p.Lang),
			Upcoming: r.site.Upcoming(p), CalendarURL: p.CalendarURL()}
		for i, ph := range m.Photos {
			if i < len(p.Photos) && p.Photos[i] != "" {
				dv.Meeting.Photos = append(dv.Meeting.Photos, r.image(p.Photos[i], &ph, GallerySizes))
			}
		}
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
