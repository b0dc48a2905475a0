package render

import (
	"fmt"
	"html/template"
	"path"
	"strings"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/markdown"
	"risalah/internal/site"
)

// View is what every template receives: the page being rendered and the
// site around it. Exactly one of Doc, Pager and Home is set, except on the
// 404 page, which has none.
type View struct {
	Site        *SiteView
	Lang        string
	LangName    string
	Kind        string // home, list, news, meetings, regulations, page, search, 404
	Title       string
	Description string
	URL         string // root-relative URL of this page
	Canonical   string // absolute URL when the site has a baseURL, else URL
	Alternates  []Alternate
	Switcher    []Switch
	Menu        []MenuItem
	Footer      []MenuItem
	Breadcrumbs []Crumb

	Doc      *DocView
	Pager    *PagerView
	Home     *HomeView
	Taxonomy *TaxonomyView
	PPID     *PPIDView
	Data     *DataView
	Search   *SearchView

	// Feeds are the Atom feeds advertised in the head: the site's, and
	// the section's on section pages.
	Feeds []Feed
	// JSONLD is the page's structured data (schema.org), or empty.
	JSONLD template.JS
	// OG holds the Open Graph description of the page.
	OG OpenGraph
	// L holds the interface texts of the view's language by key, for
	// templates: {{.L.skip_to_content}}. A missing key is an error. The
	// texts are the same for every page of a language, so a page's
	// fingerprint leaves them out: the build fingerprints the theme.
	L map[string]string `fingerprint:"-"`

	r *Renderer
}

// Feed is a feed advertised with <link rel="alternate">.
type Feed struct {
	Title, URL string
}

// OpenGraph is what link previews show.
type OpenGraph struct {
	Type            string // website or article
	Locale          string
	LocaleAlternate []string
	Published       string
	Modified        string
	// Image is the page's picture for previews, at an absolute address:
	// a news post's, or a meeting's first photo; nil when it has none.
	Image *OGImage
}

// OGImage is the picture a link preview shows.
type OGImage struct {
	URL, Alt      string
	Width, Height int
	// Small marks a picture for a small card (the office's logo), not a
	// large one.
	Small bool
}

// LogoView is the office's logo (site.yaml office.logo), in one language.
type LogoView struct {
	URL  string // root-relative
	Alt  string
	Type string // image/svg+xml or image/png
	// Width and Height are its size as measured, 0 when not known.
	Width, Height int
}

// HeaderWidth returns the width the header shows the logo at, 44 pixels
// high, in proportion.
func (l *LogoView) HeaderWidth() int {
	if l.Width <= 0 || l.Height <= 0 {
		return 44
	}
	return (44*l.Width + l.Height/2) / l.Height
}

// SiteView holds site-wide values, computed once per language.
type SiteView struct {
	Title       string
	Description string
	HomeURL     string
	BaseURL     string
	// Base is the path the site is published under, "" at the root of its
	// host: templates start the theme's own files' addresses with it, as
	// {{.Site.Base}}/img/emblem.svg.
	Base   string
	Office OfficeView
	// Logo is the office's logo, nil when site.yaml names none: the
	// theme then shows its emblem.
	Logo       *LogoView
	Stylesheet string
	Generator  string
	// Indexes are the taxonomy index pages of the language.
	Indexes []MenuItem
	PPIDURL string // the register of public information
	DataURL string // the open-data page
	// SearchURL is the search page, which every page's header form
	// submits to.
	SearchURL string
	FeedURL   string // the site's Atom feed, "" without a baseURL
}

// OfficeView describes the publishing office, in one language, for the
// header and the footer.
type OfficeView struct {
	Name, Parent, Address, Phone, Email, Hours string
	// PhoneURL is the tel: address of Phone: digits and a leading +.
	PhoneURL template.URL
	// AddressLines are Address cut at its line breaks.
	AddressLines []string
	Social       []MenuItem
}

// Alternate is one <link rel="alternate" hreflang> entry.
type Alternate struct {
	Hreflang string
	URL      string
}

// Switch is one entry of the language switcher. Missing is set when the
// document has no version in that language; URL then leads to that
// language's home page.
type Switch struct {
	Lang, Name, URL  string
	Current, Missing bool
}

// MenuItem is one navigation link.
type MenuItem struct {
	Name, URL string
	Active    bool
}

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Name, URL string
	Current   bool // the page itself, the last crumb
}

// Link points at another document as shown in the current language; when
// Missing is set the target exists only in Lang, another language.
type Link struct {
	Title   string
	URL     string
	Lang    string
	Missing bool
	Date    content.Date
	Kind    string
	Label   string // a short identifier, such as "PP 31/2013" for a regulation
	Status  string
	Summary string
	// Meetings: where; regulations: the columns of the regulations table.
	Venue     string
	Cancelled bool
	TypeCode  string
	TypeName  string
	Number    string
	Year      int
	Enacted   content.Date

	// Texts in the language of the list the link is shown in.
	DateText    string // the date, short
	EnactedText string
	StatusText  string
	OnlyIn      string // "only in Indonesian" when Missing

	page *site.Page
}

// Entry returns the document the link leads to, or nil for a link to
// another kind of page.
func (l *Link) Entry() *site.Entry {
	if l.page == nil {
		return nil
	}
	return l.page.Entry
}

// DocView is a document page.
type DocView struct {
	Key     string
	Title   string
	Summary string
	Body    template.HTML
	Date    content.Date
	Updated content.Date
	Tags    []string
	// Topics are Tags as links to their pages, in the same order.
	Topics   []MenuItem
	Headings []markdown.Heading
	Outdated bool
	Original *Link // the default-language original of a translation
	CitedBy  []Link
	// CitedBy split by kind: the meetings that discussed a regulation, and
	// the news about a meeting or citing a regulation.
	CitedByMeetings []Link
	CitedByNews     []Link
	News            *NewsView
	Meeting         *MeetingView
	Regulation      *RegulationView
	// params holds the document's own fields (site.yaml fields).
	params func(name string) any
}

// Param returns the value of the document's field name, one that
// site.yaml lists under fields, or nil: {{.Doc.Param "fotografer"}}.
func (d *DocView) Param(name string) any {
	if d.params == nil {
		return nil
	}
	return d.params(name)
}

// Contents lists the body's second-level headings for an "on this page"
// box: nil unless there are at least two, as one needs no contents.
func (d *DocView) Contents() []markdown.Heading {
	var out []markdown.Heading
	for _, h := range d.Headings {
		if h.Level == 2 && h.ID != "" {
			out = append(out, h)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// NewsView holds a news post's own fields.
type NewsView struct {
	Author      string
	Image       *Image
	Meetings    []Link
	Regulations []Link
	Attachments []Attachment
}

// MeetingView holds a meeting record.
type MeetingView struct {
	Status       string
	End          content.Date
	Venue        string
	Organizer    string
	Theme        string
	Chair        *content.Person
	Speakers     []content.Person
	Participants []string
	Agenda       []string
	Outcomes     []string
	Actions      []Action
	Attachments  []Attachment
	Photos       []Image
	Regulations  []Link
	Upcoming     bool   // not yet held
	CalendarURL  string // the meeting's own .ics file
}

// Image is a picture with its text alternative ("" when decorative), its
// caption and credit, and, when known, its size and copies.
type Image struct {
	URL, Alt        string
	Caption, Credit string
	Width, Height   int
	Srcset          string
	// Sizes says how wide the theme shows it, for srcset.
	Sizes string
	// Eager is set for a picture in the first screen, which loads at
	// once; the others load as they come near.
	Eager bool
}

// Action is a numbered row of a meeting's follow-up table.
type Action struct {
	N      int
	Action string
	Owner  string
	Due    content.Date
}

// Attachment is a downloadable file of a page bundle, or a link to a file
// elsewhere.
type Attachment struct {
	Title, URL string
	Type       string // the file's type as readers know it: PDF, DOCX, JPG
	MIME       string // its media type, for open data
	// Bytes is the file's size and Size the same in the page's language
	// ("1,2 MB"); Pages is a PDF's number of pages. All are zero when not
	// known, as for a file on another site.
	Bytes int64
	Size  string
	Pages int
	// PDF is set for a PDF, which browsers open in place of downloading.
	PDF bool
	// Facts says the type, size and pages in the page's language:
	// "PDF, 1,2 MB, 12 halaman".
	Facts string
}

// RegulationView holds a regulation's JDIH metadata and its relations.
type RegulationView struct {
	Label       string // "UU 6/2011"
	TypeCode    string
	TypeName    string
	Number      string
	Year        int
	Issuer      string
	Enacted     content.Date
	Promulgated content.Date
	Source      string
	Field       string
	Subjects    []string
	Status      string
	Amends      []Link
	Revokes     []Link
	AmendedBy   []Link
	RevokedBy   []Link
	Files       []Attachment
}

// PagerView is one page of a list: a section, a term or a year.
type PagerView struct {
	Kind    string
	Heading string // for term pages, the taxonomy's name
	Items   []Link
	// Groups splits Items under headings: meetings by "upcoming" and year.
	Groups []Group
	// Years links the year archives of news and meetings.
	Years  []MenuItem
	Number int
	Total  int
	Prev   string
	Next   string
}

// HomeView is the home page's content.
type HomeView struct {
	News        []Link
	Upcoming    []Link
	Recent      []Link
	Regulations []Link
	Sections    []MenuItem
}

// T returns the interface text for key in the view's language.
func (v *View) T(key string) (string, error) { return v.r.i18n.Lookup(v.Lang, key) }

// Date formats d in the view's language, with the day of the week.
func (v *View) Date(d content.Date) string { return FormatDate(v.Lang, d, true) }

// ShortDate formats d in the view's language, without the day of the week.
func (v *View) ShortDate(d content.Date) string { return FormatDate(v.Lang, d, false) }

// LangName returns the name of a language of the site, in that language.
func (v *View) NameOf(code string) string {
	for _, l := range v.r.site.Config.Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}

// statusKey is the interface-text key of a status value: "in-force" is
// "status_in_force".
func statusKey(status string) string { return "status_" + strings.ReplaceAll(status, "-", "_") }

// Status returns the interface text for a status value, such as "held".
func (v *View) Status(s string) (string, error) {
	return v.r.i18n.Lookup(v.Lang, statusKey(s))
}

// Abs makes u absolute with the site's base URL, when it has one.
func (v *View) Abs(u string) string { return v.r.abs(u) }

func (r *Renderer) abs(u string) string {
	if r.site.Config.BaseURL == "" || strings.Contains(u, "://") {
		return u // or an address elsewhere already
	}
	return r.site.Config.Origin() + u // u starts with the base path
}

// officeView gives the office of cfg in lang.
func officeView(cfg *config.Config, lang string) OfficeView {
	order := cfg.LangCodes()
	o := cfg.Office
	ov := OfficeView{Name: o.Name.In(lang, order), Parent: o.Parent.In(lang, order), Address: strings.TrimSpace(o.Address),
		Phone: o.Phone, Email: o.Email, Hours: o.Hours.In(lang, order)}
	for _, line := range strings.Split(ov.Address, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			ov.AddressLines = append(ov.AddressLines, line)
		}
	}
	if o.Phone != "" {
		ov.PhoneURL = template.URL("tel:" + strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '+' {
				return r
			}
			return -1
		}, o.Phone))
	}
	for _, s := range o.Social {
		ov.Social = append(ov.Social, MenuItem{Name: s.Name, URL: s.URL})
	}
	return ov
}

func (r *Renderer) siteView(lang string) *SiteView {
	cfg := r.site.Config
	order := cfg.LangCodes()
	sv := &SiteView{
		Title:       cfg.Title.In(lang, order),
		Description: cfg.Description.In(lang, order),
		HomeURL:     r.site.HomeURL(lang),
		BaseURL:     cfg.BaseURL,
		Base:        r.site.Base,
		Office:      officeView(cfg, lang),
		Stylesheet:  r.stylesheet,
		Generator:   "risalah",
	}
	l := r.site.Lang(lang)
	for _, t := range l.Taxonomies {
		name, _ := r.i18n.Lookup(lang, "tax_"+t.Key)
		sv.Indexes = append(sv.Indexes, MenuItem{Name: name, URL: t.URL})
	}
	sv.PPIDURL, sv.DataURL, sv.SearchURL = l.PPIDURL, l.DataURL, l.SearchURL
	if lg := cfg.Office.Logo; lg.Src != "" {
		typ := "image/png"
		if strings.EqualFold(path.Ext(lg.Src), ".svg") {
			typ = "image/svg+xml"
		}
		sv.Logo = &LogoView{URL: r.site.Base + lg.Src, Alt: lg.Alt.In(lang, order), Type: typ}
	}
	if cfg.BaseURL != "" {
		sv.FeedURL = l.Paths().Feed
	}
	return sv
}

func (r *Renderer) base(lang *site.Lang, kind, title, url string) *View {
	v := &View{Site: r.sites[lang.Code], Lang: lang.Code, LangName: lang.Name, Kind: kind, Title: title, URL: url, Canonical: r.abs(url), r: r,
		L: r.i18n.All(lang.Code)}
	v.Menu = r.menu(lang, r.site.Config.Menus.Main, url)
	v.Footer = r.menu(lang, r.site.Config.Menus.Footer, url)
	if u := v.Site.FeedURL; u != "" {
		v.Feeds = []Feed{{Title: v.Site.Title, URL: u}}
	}
	v.OG = OpenGraph{Type: "website", Locale: ogLocale(lang.Code)}
	if lg := v.Site.Logo; lg != nil && lg.Type == "image/png" && r.site.Config.BaseURL != "" {
		// A page without a picture of its own is previewed with the
		// office's logo; link previews do not show SVG.
		v.OG.Image = &OGImage{URL: r.abs(lg.URL), Alt: lg.Alt, Width: lg.Width, Height: lg.Height, Small: true}
	}
	// A page that is not a document says what it holds in the theme's
	// words (desc_list: "{title}: … {site} …"); a document's summary
	// replaces it.
	if d, err := r.i18n.Lookup(lang.Code, "desc_"+kind); err == nil && d != "" {
		v.Description = strings.NewReplacer("{title}", title, "{site}", v.Site.Title).Replace(d)
	}
	for _, l := range r.site.Langs {
		if l.Code != lang.Code {
			v.OG.LocaleAlternate = append(v.OG.LocaleAlternate, ogLocale(l.Code))
		}
	}
	return v
}

// sectionFeed is the Atom feed of a section, when the site has feeds.
func (r *Renderer) sectionFeed(l *site.Lang, kind content.Kind) []Feed {
	if r.site.Config.BaseURL == "" {
		return nil
	}
	return []Feed{{Title: r.sites[l.Code].Title + ": " + l.Sections[kind].Title, URL: l.Paths().SectionFeeds[kind]}}
}

// meetingGroups puts a meetings list under headings: upcoming meetings
// first, then each year.
func (r *Renderer) meetingGroups(l *site.Lang, links []Link, items []*site.Item) []Group {
	var out []Group
	upcoming, _ := r.i18n.Lookup(l.Code, "upcoming_meetings")
	for i, it := range items {
		title := fmt.Sprint(it.Page.Date().Time.Year())
		if r.site.Upcoming(it.Page) {
			title = upcoming
		}
		if len(out) == 0 || out[len(out)-1].Title != title {
			out = append(out, Group{Title: title})
		}
		out[len(out)-1].Items = append(out[len(out)-1].Items, links[i])
	}
	return out
}

// ogLocale turns a language code into the locale Open Graph expects.
func ogLocale(lang string) string {
	switch lang {
	case "id":
		return "id_ID"
	case "en":
		return "en_GB"
	}
	return lang
}

func (r *Renderer) menu(lang *site.Lang, entries []config.MenuEntry, current string) []MenuItem {
	cfg := r.site.Config
	var out []MenuItem
	for _, m := range entries {
		var it MenuItem
		switch {
		case m.Section != "":
			l := lang.Sections[content.Kind(m.Section)]
			it = MenuItem{Name: l.Title, URL: l.URL}
		case m.Page != "":
			e := r.site.Lookup(content.KindPage, m.Page)
			if e == nil {
				continue
			}
			p, _ := e.In(lang.Code)
			it = MenuItem{Name: p.Title(), URL: p.URL}
		default:
			it = MenuItem{URL: m.URL}
			if strings.HasPrefix(m.URL, "/") && !strings.HasPrefix(m.URL, "//") {
				it.URL = r.site.URL(m.URL) // an address in the site, under its base path
			}
		}
		if m.Name != nil {
			it.Name = m.Name.In(lang.Code, cfg.LangCodes())
		}
		it.Active = it.URL == current || (it.URL != lang.Prefix+"/" && strings.HasPrefix(current, it.URL) && !strings.Contains(it.URL, "://"))
		out = append(out, it)
	}
	return out
}

// switcher lists every language with the URL of the same page in it.
func (r *Renderer) switcher(lang string, urlIn func(lang string) (string, bool)) []Switch {
	var out []Switch
	for _, l := range r.site.Langs {
		u, ok := urlIn(l.Code)
		s := Switch{Lang: l.Code, Name: l.Name, URL: u, Current: l.Code == lang, Missing: !ok}
		if !ok {
			s.URL = l.Prefix + "/"
		}
		out = append(out, s)
	}
	return out
}

func (r *Renderer) alternates(urlIn func(lang string) (string, bool)) []Alternate {
	var out []Alternate
	def := ""
	for _, l := range r.site.Langs {
		if u, ok := urlIn(l.Code); ok {
			out = append(out, Alternate{Hreflang: l.Code, URL: r.abs(u)})
			if def == "" {
				def = u
			}
		}
	}
	if def != "" {
		out = append(out, Alternate{Hreflang: "x-default", URL: r.abs(def)})
	}
	return out
}

// link returns e as shown in lang on a document page, computed once per
// build and language.
func (r *Renderer) link(e *site.Entry, lang string) Link {
	return r.linkCache[lang][r.entryIndex[e]]
}

// listLink returns e as shown in lang on a list page, with the summary
// taken from its body when it has none of its own.
func (r *Renderer) listLink(e *site.Entry, lang string) Link {
	l := r.link(e, lang)
	if r.summary != nil && l.page != nil && l.page.Doc.Common.Summary == "" {
		l.Summary = r.summary(l.page)
	}
	return l
}

// makeLink computes the link to e as shown in lang.
func (r *Renderer) makeLink(e *site.Entry, lang string) Link {
	p, ok := e.In(lang)
	l := Link{Title: p.Title(), URL: p.URL, Lang: p.Lang, Missing: !ok, Date: p.Date(), Kind: string(e.Kind), Status: p.Status}
	l.Summary = p.Doc.Common.Summary // lists add the body's (listLink)
	l.page = p
	switch e.Kind {
	case content.KindRegulation:
		rg := p.Doc.Regulation
		l.Label = regLabel(rg)
		l.TypeCode, l.Number, l.Year, l.Enacted = rg.Type, rg.Number, rg.Year, rg.Enacted
		if t := r.site.Config.RegType(rg.Type); t != nil {
			l.TypeName = t.Name.In(lang, r.site.Config.LangCodes())
		}
	case content.KindMeeting:
		l.Venue = p.Doc.Meeting.Venue
		l.Cancelled = p.Status == "cancelled"
	}
	l.DateText = FormatDate(lang, l.Date, false)
	l.EnactedText = FormatDate(lang, l.Enacted, false)
	if l.Status != "" {
		l.StatusText, _ = r.i18n.Lookup(lang, statusKey(l.Status))
	}
	if l.Missing {
		l.OnlyIn, _ = r.i18n.Lookup(lang, "only_in_"+l.Lang)
	}
	return l
}

func (r *Renderer) links(es []*site.Entry, lang string) []Link {
	out := make([]Link, 0, len(es))
	for _, e := range es {
		out = append(out, r.link(e, lang))
	}
	return out
}

// PageOf says "page n of total" in the view's language.
func (v *View) PageOf(n, total int) (string, error) {
	f, err := v.T("page_of")
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(f, n, total), nil
}

// Until formats the end of a span that starts at start: only the time when
// both fall on the same day.
func (v *View) Until(start, end content.Date) string {
	if end.HasTime && start.Day() == end.Day() {
		return FormatTime(v.Lang, end.Time)
	}
	return FormatDate(v.Lang, end, true)
}

// TIn returns the interface text for key in another language, for words
// shown in that language, such as a note beside its name in the switcher.
func (v *View) TIn(lang, key string) (string, error) { return v.r.i18n.Lookup(lang, key) }

// SectionURL returns the URL of a section's list ("news", "meetings",
// "regulations") in the view's language.
func (v *View) SectionURL(section string) (string, error) {
	l, err := v.section(section)
	if err != nil {
		return "", err
	}
	return l.URL, nil
}

// section returns the list of section in the view's language.
func (v *View) section(section string) (*site.List, error) {
	l := v.r.site.Lang(v.Lang).Sections[content.Kind(section)]
	if l == nil {
		return nil, fmt.Errorf("no section %q: use news, meetings or regulations", section)
	}
	return l, nil
}

// SectionTitle returns the title of section ("news", "meetings" or
// "regulations") in the view's language, as site.yaml names it.
func (v *View) SectionTitle(section string) (string, error) {
	l, err := v.section(section)
	if err != nil {
		return "", err
	}
	return l.Title, nil
}
