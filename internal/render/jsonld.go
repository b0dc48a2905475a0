package render

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"time"

	"risalah/internal/content"
	"risalah/internal/site"
)

// describe fills a document page's structured data: schema.org JSON-LD
// (NewsArticle, Event or Legislation, with a BreadcrumbList) and Open Graph.
func (r *Renderer) describe(v *View, p *site.Page) {
	d := p.Doc
	abs := r.abs
	publisher := map[string]any{"@type": "GovernmentOrganization", "name": v.Site.Office.Name, "url": abs(v.Site.HomeURL)}
	if publisher["name"] == "" {
		publisher["name"] = v.Site.Title
	}
	o := v.Site.Office
	if o.Parent != "" {
		publisher["parentOrganization"] = map[string]any{"@type": "GovernmentOrganization", "name": o.Parent}
	}
	if o.Address != "" {
		publisher["address"] = strings.Join(o.AddressLines, ", ")
	}
	if o.Phone != "" {
		publisher["telephone"] = o.Phone
	}
	if o.Email != "" {
		publisher["email"] = o.Email
	}
	main := map[string]any{"@context": "https://schema.org", "@id": abs(p.URL) + "#main", "url": abs(p.URL),
		"name": d.Common.Title, "inLanguage": p.Lang}
	if v.Description != "" {
		main["description"] = v.Description
	}
	ref := func(ls []Link, typ string) []map[string]any {
		var out []map[string]any
		for _, l := range ls {
			out = append(out, map[string]any{"@type": typ, "@id": abs(l.URL) + "#main", "name": l.Title, "url": abs(l.URL)})
		}
		return out
	}
	switch p.Entry.Kind {
	case content.KindNews:
		main["@type"] = "NewsArticle"
		main["headline"] = d.Common.Title
		main["datePublished"] = isoDate(d.Common.Date)
		if !d.Common.Updated.IsZero() {
			main["dateModified"] = isoDate(d.Common.Updated)
		}
		author := d.News.Author
		if author == "" {
			author, _ = publisher["name"].(string)
		}
		main["author"] = map[string]any{"@type": "Organization", "name": author}
		main["publisher"] = publisher
		main["mainEntityOfPage"] = abs(p.URL)
		if im := v.Doc.News.Image; im != nil {
			main["image"] = imageObject(abs, im)
			v.OG.Image = &OGImage{URL: abs(im.URL), Alt: im.Alt, Width: im.Width, Height: im.Height}
		}
		if media := mediaObjects(abs, v.Doc.News.Attachments); media != nil {
			main["associatedMedia"] = media
		}
		v.OG.Type = "article"
	case content.KindMeeting:
		m := v.Doc.Meeting
		main["@type"] = "Event"
		main["startDate"] = isoDate(d.Common.Date)
		if !m.End.IsZero() {
			main["endDate"] = isoDate(m.End)
		}
		main["location"] = map[string]any{"@type": "Place", "name": m.Venue, "address": m.Venue}
		org := map[string]any{"@type": "Organization", "name": v.Doc.Meeting.Organizer}
		if u := p.Organizer.URL(); u != "" {
			org["url"] = u
		}
		if sh := p.Organizer.Short(p.Lang, r.site.Config.LangCodes()); sh != "" {
			org["alternateName"] = sh
		}
		main["organizer"] = org
		var performers []map[string]any
		for _, sp := range m.Speakers {
			if sp.Name == "" {
				continue
			}
			pr := map[string]any{"@type": "Person", "name": sp.Name}
			if sp.Role != "" {
				pr["jobTitle"] = sp.Role
			}
			performers = append(performers, pr)
		}
		if performers != nil {
			main["performer"] = performers
		}
		main["eventStatus"] = "https://schema.org/EventScheduled"
		if m.Status == "cancelled" {
			main["eventStatus"] = "https://schema.org/EventCancelled"
		}
		main["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
		if m.Theme != "" {
			main["about"] = m.Theme
		}
		var photos []map[string]any
		for i := range m.Photos {
			photos = append(photos, imageObject(abs, &m.Photos[i]))
		}
		if photos != nil {
			main["image"] = photos
			im := m.Photos[0]
			v.OG.Image = &OGImage{URL: abs(im.URL), Alt: im.Alt, Width: im.Width, Height: im.Height}
		}
		if media := mediaObjects(abs, m.Attachments); media != nil {
			main["associatedMedia"] = media
		}
	case content.KindRegulation:
		rg := v.Doc.Regulation
		main["@type"] = "Legislation"
		main["legislationIdentifier"] = rg.Label
		if rg.TypeName != "" {
			main["legislationType"] = rg.TypeName
		}
		switch {
		case !rg.Enacted.IsZero():
			main["legislationDate"] = isoDate(rg.Enacted)
		case !rg.Promulgated.IsZero():
			main["legislationDate"] = isoDate(rg.Promulgated)
		}
		force := map[string]string{"in-force": "InForce", "amended": "PartiallyInForce", "revoked": "NotInForce"}[rg.Status]
		if force != "" {
			main["legislationLegalForce"] = "https://schema.org/" + force
		}
		if ch := append(ref(rg.Amends, "Legislation"), ref(rg.Revokes, "Legislation")...); ch != nil {
			main["legislationChanges"] = ch
		}
		if rg.Issuer != "" {
			main["legislationPassedBy"] = map[string]any{"@type": "Organization", "name": rg.Issuer}
		}
		if media := mediaObjects(abs, rg.Files); media != nil {
			main["encoding"] = media
		}
	default:
		main["@type"] = "WebPage"
	}
	if !d.Common.Date.IsZero() {
		v.OG.Published = isoDate(d.Common.Date)
	}
	if !d.Common.Updated.IsZero() {
		v.OG.Modified = isoDate(d.Common.Updated)
	}
	crumbs := map[string]any{"@type": "BreadcrumbList"}
	var items []map[string]any
	for i, c := range v.Breadcrumbs {
		items = append(items, map[string]any{"@type": "ListItem", "position": i + 1, "name": c.Name, "item": abs(c.URL)})
	}
	crumbs["itemListElement"] = items
	delete(main, "@context")
	graph := map[string]any{"@context": "https://schema.org", "@graph": []any{main, crumbs}}
	// encoding/json sorts map keys and escapes <, > and &, so the result is
	// deterministic and cannot close the script element it sits in.
	b, err := json.Marshal(graph)
	if err == nil {
		v.JSONLD = template.JS(b)
	}
}

// imageObject describes a picture as a schema.org ImageObject.
func imageObject(abs func(string) string, im *Image) map[string]any {
	o := map[string]any{"@type": "ImageObject", "url": abs(im.URL), "contentUrl": abs(im.URL)}
	if im.Width > 0 {
		o["width"], o["height"] = im.Width, im.Height
	}
	if im.Caption != "" {
		o["caption"] = im.Caption
	}
	if im.Credit != "" {
		o["creditText"] = im.Credit
	}
	return o
}

// mediaObjects describes attachments as schema.org MediaObjects, with
// absolute URLs, their media type and size when known.
func mediaObjects(abs func(string) string, list []Attachment) []map[string]any {
	var out []map[string]any
	for _, a := range list {
		o := map[string]any{"@type": "MediaObject", "name": a.Title, "contentUrl": abs(a.URL)}
		if a.MIME != "" {
			o["encodingFormat"] = a.MIME
		}
		if a.Bytes > 0 {
			o["contentSize"] = strconv.FormatInt(a.Bytes, 10) + " B"
		}
		if a.Pages > 0 {
			o["numberOfPages"] = a.Pages
		}
		out = append(out, o)
	}
	return out
}

// isoDate writes a date as schema.org and Open Graph expect: YYYY-MM-DD,
// or RFC 3339 with the offset when it has a time.
func isoDate(d content.Date) string {
	if d.HasTime {
		return d.Time.Format(time.RFC3339)
	}
	return d.Day()
}
