package render

import (
	"fmt"

	"risalah/internal/content"
	"risalah/internal/site"
)

// TaxonomyView is the index page of a taxonomy: its terms with counts.
type TaxonomyView struct {
	Key   string
	Terms []TermLink
}

// TermLink is one term of a taxonomy index.
type TermLink struct {
	Name  string
	URL   string
	Count int
}

// Group is a titled run of list items, such as the meetings of one year.
type Group struct {
	Title string
	Items []Link
}

// PPIDView is the register of public information (Daftar Informasi Publik).
type PPIDView struct {
	Categories []PPIDCategory
}

// PPIDCategory is one category of the register with its documents.
type PPIDCategory struct {
	Key   string // berkala, serta-merta, setiap-saat
	Items []Link
}

// DataFile is one machine-readable file offered on the open-data page.
type DataFile struct {
	Key    string // what it holds: regulations, meetings, feed, calendar, sitemap
	Format string // JSON, CSV, Atom, iCalendar, XML
	URL    string
}

// DataView is the open-data page.
type DataView struct {
	Files []DataFile
}

// SearchView is the search page: the form, and what the script needs to
// search the language's index.
type SearchView struct {
	IndexURL string // the folder of the index (search.Build's files)
	// Browse lists the pages to find documents by without the script: the
	// sections and the indexes.
	Browse []MenuItem
}

// termName is how a term is shown: regulation types and statuses by their
// names in the language, other terms as written.
func (r *Renderer) termName(tax string, t *site.Term, lang string) string {
	switch tax {
	case site.TaxTypes:
		if rt := r.site.Config.RegType(t.Name); rt != nil {
			return rt.Name.In(lang, r.site.Config.LangCodes())
		}
	case site.TaxStatuses:
		if s, err := r.i18n.Lookup(lang, statusKey(t.Name)); err == nil {
			return s
		}
	}
	return t.Name
}

// everyLang returns the switcher and hreflang alternates of a generated
// page (an index, archive, term or register) given its URL in each
// language.
func (r *Renderer) everyLang(lang string, urlIn func(l *site.Lang) (string, bool)) ([]Switch, []Alternate) {
	f := func(code string) (string, bool) { return urlIn(r.site.Lang(code)) }
	return r.switcher(lang, f), r.alternates(f)
}

func (r *Renderer) taxonomyView(l *site.Lang, tax *site.Taxonomy) *View {
	title, _ := r.i18n.Lookup(l.Code, "tax_"+tax.Key)
	v := r.base(l, "taxonomy", title, tax.URL)
	tv := &TaxonomyView{Key: tax.Key}
	for _, t := range tax.Terms {
		tv.Terms = append(tv.Terms, TermLink{Name: r.termName(tax.Key, t, l.Code), URL: t.URL, Count: len(t.Items)})
	}
	v.Taxonomy = tv
	v.Switcher, v.Alternates = r.everyLang(l.Code, func(o *site.Lang) (string, bool) { return r.taxonomyIn(o, tax.Key).URL, true })
	v.Breadcrumbs = []Crumb{{Name: v.Site.Title, URL: l.Prefix + "/"}, {Name: title, URL: tax.URL, Current: true}}
	return v
}

func (r *Renderer) taxonomyIn(l *site.Lang, key string) *site.Taxonomy {
	for _, t := range l.Taxonomies {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// termView is one page of a term's documents.
func (r *Renderer) termView(l *site.Lang, tax *site.Taxonomy, t *site.Term, pg *site.Pager) *View {
	taxTitle, _ := r.i18n.Lookup(l.Code, "tax_"+tax.Key)
	name := r.termName(tax.Key, t, l.Code)
	v := r.listView(l, pg)
	v.Kind, v.Title = "term", name
	v.Pager.Kind = "term"
	v.Pager.Heading = taxTitle
	// A term in every language: facts (agencies, types, statuses) are;
	// topics and fields are words of their language and have no twin.
	v.Switcher, v.Alternates = r.everyLang(l.Code, func(o *site.Lang) (string, bool) {
		if ot := r.taxonomyIn(o, tax.Key); ot != nil {
			for _, x := range ot.Terms {
				if x.Key == t.Key {
					if u, ok := r.site.PagerURL(o, &x.List, pg.Number); ok {
						return u, true
					}
					return x.URL, true
				}
			}
			return ot.URL, false
		}
		return o.Prefix + "/", false
	})
	v.Breadcrumbs = []Crumb{{Name: v.Site.Title, URL: l.Prefix + "/"}, {Name: taxTitle, URL: tax.URL}, {Name: name, URL: t.URL, Current: pg.Number == 1}}
	if pg.Number > 1 {
		n, _ := v.PageOf(pg.Number, pg.Total)
		v.Breadcrumbs = append(v.Breadcrumbs, Crumb{Name: n, URL: pg.URL, Current: true})
	}
	return v
}

// archiveView is one page of a section's year.
func (r *Renderer) archiveView(l *site.Lang, kind content.Kind, a *site.Archive, pg *site.Pager) *View {
	sec := l.Sections[kind]
	v := r.listView(l, pg)
	v.Kind = "archive"
	v.Title = a.Title
	v.Pager.Kind = string(kind)
	v.Pager.Groups = nil
	v.Pager.Years = r.years(l, kind, a.Year)
	v.Switcher, v.Alternates = r.everyLang(l.Code, func(o *site.Lang) (string, bool) {
		for _, x := range o.Archives[kind] {
			if x.Year == a.Year {
				return x.URL, true
			}
		}
		return o.Sections[kind].URL, false
	})
	v.Breadcrumbs = []Crumb{{Name: v.Site.Title, URL: l.Prefix + "/"}, {Name: sec.Title, URL: sec.URL}, {Name: fmt.Sprint(a.Year), URL: a.URL, Current: pg.Number == 1}}
	if pg.Number > 1 {
		n, _ := v.PageOf(pg.Number, pg.Total)
		v.Breadcrumbs = append(v.Breadcrumbs, Crumb{Name: n, URL: pg.URL, Current: true})
	}
	return v
}

// years lists a section's year archives, marking the current one.
func (r *Renderer) years(l *site.Lang, kind content.Kind, current int) []MenuItem {
	var out []MenuItem
	for _, a := range l.Archives[kind] {
		out = append(out, MenuItem{Name: fmt.Sprint(a.Year), URL: a.URL, Active: a.Year == current})
	}
	return out
}

func (r *Renderer) ppidView(l *site.Lang) *View {
	title, _ := r.i18n.Lookup(l.Code, "ppid_title")
	v := r.base(l, "ppid", title, l.PPIDURL)
	pv := &PPIDView{}
	for _, c := range content.PPIDCategories() {
		cat := PPIDCategory{Key: c}
		for _, it := range l.PPID[c] {
			cat.Items = append(cat.Items, r.listLink(it.Entry, l.Code))
		}
		pv.Categories = append(pv.Categories, cat)
	}
	v.PPID = pv
	v.Switcher, v.Alternates = r.everyLang(l.Code, func(o *site.Lang) (string, bool) { return o.PPIDURL, true })
	v.Breadcrumbs = []Crumb{{Name: v.Site.Title, URL: l.Prefix + "/"}, {Name: title, URL: l.PPIDURL, Current: true}}
	return v
}

func (r *Renderer) dataView(l *site.Lang) *View {
	title, _ := r.i18n.Lookup(l.Code, "data_title")
	v := r.base(l, "data", title, l.DataURL)
	v.Data = &DataView{Files: r.dataFiles(l)}
	v.Switcher, v.Alternates = r.everyLang(l.Code, func(o *site.Lang) (string, bool) { return o.DataURL, true })
	v.Breadcrumbs = []Crumb{{Name: v.Site.Title, URL: l.Prefix + "/"}, {Name: title, URL: l.DataURL, Current: true}}
	return v
}

func (r *Renderer) searchView(l *site.Lang) *View {
	title, _ := r.i18n.Lookup(l.Code, "search_title")
	v := r.base(l, "search", title, l.SearchURL)
	sv := &SearchView{IndexURL: l.SearchIndexURL()}
	for _, kind := range content.SectionKinds() {
		if sec := l.Sections[kind]; len(sec.Items) > 0 {
			sv.Browse = append(sv.Browse, MenuItem{Name: sec.Title, URL: sec.URL})
		}
	}
	sv.Browse = append(sv.Browse, v.Site.Indexes...)
	v.Search = sv
	v.Switcher, v.Alternates = r.everyLang(l.Code, func(o *site.Lang) (string, bool) { return o.SearchURL, true })
	v.Breadcrumbs = []Crumb{{Name: v.Site.Title, URL: l.Prefix + "/"}, {Name: title, URL: l.SearchURL, Current: true}}
	return v
}

// dataFiles lists the machine-readable files of a language, as the build
// writes them (see site.Lang.Paths).
func (r *Renderer) dataFiles(l *site.Lang) []DataFile {
	p := l.Paths()
	files := []DataFile{
		{Key: "regulations", Format: "JSON", URL: p.RegulationsJSON},
		{Key: "regulations", Format: "CSV", URL: p.RegulationsCSV},
		{Key: "meetings", Format: "JSON", URL: p.MeetingsJSON},
		{Key: "meetings", Format: "CSV", URL: p.MeetingsCSV},
		{Key: "calendar", Format: "iCalendar", URL: p.Calendar},
	}
	if r.site.Config.BaseURL != "" {
		files = append(files, DataFile{Key: "feed", Format: "Atom", URL: p.Feed})
		for _, kind := range content.SectionKinds() {
			files = append(files, DataFile{Key: "feed_" + string(kind), Format: "Atom", URL: p.SectionFeeds[kind]})
		}
		files = append(files, DataFile{Key: "sitemap", Format: "XML", URL: r.site.URL("/sitemap.xml")})
	}
	return files
}
