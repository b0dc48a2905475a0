package site

import (
	"fmt"
	"sort"
	"strings"

	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/slug"
)

// Taxonomy keys, in the order their index pages are listed.
const (
	TaxTags     = "tags"     // topics, per language
	TaxAgencies = "agencies" // meeting participants and organisers
	TaxTypes    = "types"    // regulation types
	TaxStatuses = "statuses" // regulation statuses
	TaxFields   = "fields"   // legal fields, per language
)

// TaxonomyKeys returns the taxonomies every language has.
func TaxonomyKeys() []string {
	return []string{TaxTags, TaxAgencies, TaxTypes, TaxStatuses, TaxFields}
}

// TaxonomySlug is the URL segment of a taxonomy's pages in lang.
func TaxonomySlug(key, lang string) string {
	id := map[string]string{TaxTags: "topik", TaxAgencies: "instansi", TaxTypes: "jenis-peraturan", TaxStatuses: "status-peraturan", TaxFields: "bidang-hukum"}
	en := map[string]string{TaxTags: "topics", TaxAgencies: "agencies", TaxTypes: "regulation-types", TaxStatuses: "regulation-status", TaxFields: "legal-fields"}
	if lang == "id" {
		return id[key]
	}
	return en[key]
}

// PPIDSlug and DataSlug are the URL segments of the register of public
// information and of the open-data page.
func PPIDSlug(lang string) string {
	if lang == "id" {
		return "informasi-publik"
	}
	return "public-information"
}

// DataSlug is the URL segment of the open-data page.
func DataSlug(string) string { return "data" }

// SearchSlug is the URL segment of the search page.
func SearchSlug(lang string) string {
	if lang == "id" {
		return "cari"
	}
	return "search"
}

// Taxonomy classifies the documents of one language.
type Taxonomy struct {
	Key   string
	URL   string
	Terms []*Term // sorted by name
}

// Term returns the term of t with the key given, or nil; t may be nil.
func (t *Taxonomy) Term(key string) *Term {
	if t == nil {
		return nil
	}
	i := sort.Search(len(t.Terms), func(i int) bool { return t.Terms[i].Key >= key })
	if i < len(t.Terms) && t.Terms[i].Key == key {
		return t.Terms[i]
	}
	return nil
}

// TermNamed returns the term of t that a document naming it name joins,
// or nil: the key is made from the name as the index makes it.
func (t *Taxonomy) TermNamed(name string) *Term {
	return t.Term(slug.Make(strings.TrimSpace(name)))
}

// Term is one value of a taxonomy with the documents that have it.
type Term struct {
	Taxonomy *Taxonomy
	Key      string // the slug, the same in every language for facts
	Name     string // as written; for types and statuses, the code
	List            // URL and items, newest first
}

// Archive holds one year of a section.
type Archive struct {
	Year int
	List
}

// term is one term of a page: its name, and the key that makes one term
// of it in every language ("" to make it from the name).
type term struct{ name, key string }

// termsOf returns the terms p has in taxonomy key, named in lang.
func termsOf(key string, p *Page, lang string, order []string) []term {
	d := p.Doc
	names := func(ss ...string) []term {
		out := make([]term, len(ss))
		for i, s := range ss {
			out[i] = term{name: s}
		}
		return out
	}
	switch key {
	case TaxTags:
		return names(d.Common.Tags...)
	case TaxAgencies:
		if d.Meeting == nil {
			return nil
		}
		var out []term
		for _, a := range append(append([]Agency(nil), p.Participants...), p.Organizer) {
			if a.Text != "" {
				out = append(out, term{name: a.Name(lang, order), key: a.Key()})
			}
		}
		return out
	case TaxTypes:
		if d.Regulation != nil {
			return names(d.Regulation.Type)
		}
	case TaxStatuses:
		if d.Regulation != nil {
			return names(p.Status)
		}
	case TaxFields:
		if d.Regulation != nil && d.Regulation.Field != "" {
			return names(d.Regulation.Field)
		}
	}
	return nil
}

// termField is the field that gives p its terms in taxonomy key, for
// positions.
func termField(key string, p *Page) string {
	switch key {
	case TaxAgencies:
		if len(p.Doc.Meeting.Participants) > 0 {
			return "participants"
		}
		return "organizer"
	case TaxTypes:
		return "type"
	case TaxStatuses:
		return "status"
	case TaxFields:
		return "field"
	}
	return "tags"
}

// buildIndexes computes every language's taxonomies, year archives and
// register of public information, once, from the section lists.
func (s *Site) buildIndexes(diags *diag.List) {
	for _, l := range s.Langs {
		all := append(append(append([]*Item(nil), l.Sections[content.KindNews].Items...),
			l.Sections[content.KindMeeting].Items...), l.Sections[content.KindRegulation].Items...)
		SortNewest(all)
		l.Newest = all
		for _, key := range TaxonomyKeys() {
			tax := &Taxonomy{Key: key, URL: l.Prefix + "/" + TaxonomySlug(key, l.Code) + "/"}
			s.claim(s.outputFor(tax.URL), "the "+key+" index", diag.Pos{File: "site.yaml"}, "the "+key+" index", diags)
			terms := map[string]*Term{}
			for _, it := range all {
				if it.Missing && (key == TaxTags || key == TaxFields) {
					continue // words of another language do not belong in this one's topics
				}
				seen := map[string]bool{}
				for _, tm := range termsOf(key, it.Page, l.Code, s.Config.LangCodes()) {
					name := strings.TrimSpace(tm.name)
					k := tm.key
					if k == "" {
						k = slug.Make(name)
					}
					if k == "" || seen[k] {
						continue
					}
					seen[k] = true
					t := terms[k]
					if t == nil {
						if why := content.CheckPortable(k); why != "" {
							diags.Errorf(it.Page.Doc.Pos(termField(key, it.Page)), diag.CodeNotPortable, "write the term in other words",
								"%q would be published as the folder %q, which %s", name, k, why)
							continue
						}
						t = &Term{Taxonomy: tax, Key: k, Name: name, List: List{Title: name, URL: tax.URL + k + "/"}}
						terms[k] = t
					} else if name < t.Name {
						t.Name, t.Title = name, name // one spelling for every variant, the same on every build
					}
					t.Items = append(t.Items, it)
				}
			}
			for _, t := range terms {
				tax.Terms = append(tax.Terms, t)
			}
			sort.Slice(tax.Terms, func(i, j int) bool { return tax.Terms[i].Key < tax.Terms[j].Key })
			for _, t := range tax.Terms {
				t.List.Pagers = s.Pagers(l, &t.List)
				for _, pg := range t.List.Pagers {
					s.claim(pg.Output, "the "+key+" term "+t.Name, t.Items[0].Page.Doc.Pos(key), fmt.Sprintf("the page of %q", t.Name), diags)
				}
			}
			l.Taxonomies = append(l.Taxonomies, tax)
		}
		l.Archives = map[content.Kind][]*Archive{}
		for _, kind := range []content.Kind{content.KindNews, content.KindMeeting} {
			byYear := map[int]*Archive{}
			sec := l.Sections[kind]
			items := append([]*Item(nil), sec.Items...)
			SortNewest(items)
			for _, it := range items {
				y := it.Page.Date().Time.Year()
				a := byYear[y]
				if a == nil {
					a = &Archive{Year: y, List: List{Kind: kind, Title: fmt.Sprintf("%s %d", sec.Title, y), URL: fmt.Sprintf("%s%d/", sec.URL, y)}}
					byYear[y] = a
					l.Archives[kind] = append(l.Archives[kind], a)
				}
				a.Items = append(a.Items, it)
			}
			for _, a := range l.Archives[kind] {
				a.List.Pagers = s.Pagers(l, &a.List)
				for _, pg := range a.List.Pagers {
					s.claim(pg.Output, fmt.Sprintf("the %d archive", a.Year), a.Items[0].Page.Doc.Pos("date"), fmt.Sprintf("the archive of %d", a.Year), diags)
				}
			}
		}
		l.PPID = map[string][]*Item{}
		withPages := append([]*Item(nil), all...)
		for _, e := range s.Entries {
			if e.Kind == content.KindPage {
				p, ok := e.In(l.Code)
				withPages = append(withPages, &Item{Entry: e, Page: p, Missing: !ok})
			}
		}
		for _, it := range withPages {
			if c := it.Page.Doc.Common.PPID; c != "" {
				l.PPID[c] = append(l.PPID[c], it)
			}
		}
		l.PPIDURL = l.Prefix + "/" + PPIDSlug(l.Code) + "/"
		l.DataURL = l.Prefix + "/" + DataSlug(l.Code) + "/"
		s.claim(s.outputFor(l.PPIDURL), "the register of public information", diag.Pos{File: "site.yaml"}, "the register of public information", diags)
		s.claim(s.outputFor(l.DataURL), "the open-data page", diag.Pos{File: "site.yaml"}, "the open-data page", diags)
		if !s.Config.Search.Disabled {
			l.SearchURL = l.Prefix + "/" + SearchSlug(l.Code) + "/"
			s.claim(s.outputFor(l.SearchURL), "the search page", diag.Pos{File: "site.yaml"}, "the search page", diags)
		}
		for _, kind := range content.SectionKinds() {
			sec := l.Sections[kind]
			sec.Pagers = s.Pagers(l, sec)
			for _, pg := range sec.Pagers[1:] { // the first is the section's own, claimed with the URLs
				s.claim(pg.Output, "the "+string(kind)+" list", diag.Pos{File: "site.yaml"}, fmt.Sprintf("page %d of the %s list", pg.Number, kind), diags)
			}
		}
	}
}

// SortNewest orders items by publication date, newest first, then by kind
// and key.
func SortNewest(items []*Item) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].Page.Published().Time, items[j].Page.Published().Time
		if !a.Equal(b) {
			return a.After(b)
		}
		if items[i].Entry.Kind != items[j].Entry.Kind {
			return items[i].Entry.Kind < items[j].Entry.Kind
		}
		return items[i].Entry.Key < items[j].Entry.Key
	})
}

// Paths names where a build writes a language's machine-readable files,
// as root-relative URLs.
type Paths struct {
	RegulationsJSON, RegulationsCSV string
	MeetingsJSON, MeetingsCSV       string
	Calendar                        string // all meetings
	Feed                            string // the whole site
	SectionFeeds                    map[content.Kind]string
}

// Paths returns where l's machine-readable files are written.
func (l *Lang) Paths() Paths {
	d := l.DataURL
	p := Paths{RegulationsJSON: d + "regulations.json", RegulationsCSV: d + "regulations.csv",
		MeetingsJSON: d + "meetings.json", MeetingsCSV: d + "meetings.csv",
		Calendar: l.Sections[content.KindMeeting].URL + "calendar.ics",
		Feed:     l.Prefix + "/atom.xml", SectionFeeds: map[content.Kind]string{}}
	for _, kind := range content.SectionKinds() {
		p.SectionFeeds[kind] = l.Sections[kind].URL + "atom.xml"
	}
	return p
}

// CalendarURL is where a meeting's own calendar file is written.
func (p *Page) CalendarURL() string { return p.URL + "calendar.ics" }
