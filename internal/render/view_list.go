package render

import (
	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/site"
)

func (r *Renderer) listView(lang *site.Lang, pg *site.Pager) *View {
	l := pg.List
	v := r.base(lang, "list", l.Title, pg.URL)
	pv := &PagerView{Kind: string(l.Kind), Number: pg.Number, Total: pg.Total, Prev: pg.Prev, Next: pg.Next}
	for _, it := range pg.Items {
		pv.Items = append(pv.Items, r.listLink(it.Entry, lang.Code))
	}
	v.Pager = pv
	if l.Kind == content.KindMeeting {
		pv.Groups = r.meetingGroups(lang, pv.Items, pg.Items)
	}
	if l.Kind == content.KindNews || l.Kind == content.KindMeeting {
		pv.Years = r.years(lang, l.Kind, 0)
	}
	if l.Kind != "" {
		v.Feeds = append(v.Feeds, r.sectionFeed(lang, l.Kind)...)
	}
	sec := string(l.Kind)
	urlIn := func(code string) (string, bool) {
		ol := r.site.Lang(code)
		if ol.Sections[content.Kind(sec)] == nil {
			return ol.Prefix + "/", false // a term or year list: its own view sets the switcher
		}
		pagers := r.pagers[code][content.Kind(sec)]
		if pg.Number <= len(pagers) {
			return pagers[pg.Number-1].URL, true
		}
		return ol.Sections[content.Kind(sec)].URL, true
	}
	v.Switcher = r.switcher(lang.Code, urlIn)
	v.Alternates = r.alternates(urlIn)
	v.Breadcrumbs = []Crumb{{Name: v.Site.Title, URL: lang.Prefix + "/"}, {Name: l.Title, URL: l.URL, Current: pg.Number == 1}}
	if pg.Number > 1 {
		n, _ := v.PageOf(pg.Number, pg.Total)
		v.Breadcrumbs = append(v.Breadcrumbs, Crumb{Name: n, URL: pg.URL, Current: true})
	}
	return v
}

func (r *Renderer) homeView(lang *site.Lang) *View {
	v := r.base(lang, "home", r.sites[lang.Code].Title, lang.Prefix+"/")
	v.Description = r.sites[lang.Code].Description
	h := &HomeView{}
	take := func(items []*site.Item, n int, keep func(*site.Item) bool) []Link {
		var out []Link
		for _, it := range items {
			if len(out) == n {
				break
			}
			if keep == nil || keep(it) {
				out = append(out, r.listLink(it.Entry, lang.Code))
			}
		}
		return out
	}
	h.News = take(lang.Sections[content.KindNews].Items, 5, nil)
	h.Upcoming = take(lang.Upcoming, 5, nil)
	h.Recent = take(lang.Sections[content.KindMeeting].Items, 3, func(it *site.Item) bool { return it.Page.Status != "scheduled" })
	h.Regulations = take(lang.Sections[content.KindRegulation].Items, 5, nil)
	for _, sec := range config.SectionNames() {
		l := lang.Sections[content.Kind(sec)]
		h.Sections = append(h.Sections, MenuItem{Name: l.Title, URL: l.URL})
	}
	v.Home = h
	urlIn := func(code string) (string, bool) { return r.site.HomeURL(code), true }
	v.Switcher = r.switcher(lang.Code, urlIn)
	v.Alternates = r.alternates(urlIn)
	return v
}

func (r *Renderer) notFoundView(lang *site.Lang) *View {
	v := r.base(lang, "404", "404", lang.Prefix+"/404.html")
	urlIn := func(code string) (string, bool) { return r.site.Lang(code).Prefix + "/404.html", true }
	v.Switcher = r.switcher(lang.Code, urlIn)
	return v
}
