// Package site holds the resolved, immutable model of a whole site: which
// documents are published, their translations, URLs and output paths,
// cross-references between them and the lists each language shows. It does
// no I/O; it is built from a content.Set and a config.
package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
)

// Options selects what a build publishes.
type Options struct {
	Drafts bool      // publish documents marked draft
	Future bool      // publish news, regulations and pages dated after Now
	Now    time.Time // the build time; decides upcoming meetings and future documents
	// Files lists the files a build copies as they are (output path →
	// source, such as static/robots.txt), which no page, alias or other
	// output may take, nor need as a folder.
	Files map[string]string
	// AtRoot serves the site from the root of its host whatever the path
	// of baseURL, as the live preview does.
	AtRoot bool
}

// Site is the resolved model of a site.
type Site struct {
	Config *config.Config
	Now    time.Time
	// Base is the path the site is published under ("" at the root of
	// its host): every URL of the model starts with it, and Out takes it
	// off to give output paths.
	Base    string
	Langs   []*Lang  // in configured order; the first is the default
	Entries []*Entry // every published document, sorted by kind and key
	Pages   []*Page  // every published document version, in Entries order then language order
	// LeftOut counts the document versions not published: drafts, and
	// news, regulations and pages dated after Now.
	LeftOut struct {
		Drafts, Future int
		// Later lists the files of the versions dated after Now, with
		// their dates, in the order of the files' names.
		Later []Later
	}
	// Resources are bundle files to copy: source path → output paths.
	Resources []Resource

	byFile map[string]*content.Doc // site-relative Markdown path → doc, including unpublished
	byStem map[string]*content.Doc // the path without language suffix and .md → a version
	byKey  map[content.Kind]map[string]*Entry
	docPub map[*content.Doc]*Page
	// resources holds the source paths of Resources.
	resources map[string]bool
	// files maps the output path of each file copied from static/ to its
	// site-relative path.
	files   map[string]string
	aliases []Alias
	// owner maps each output path to what claims it, so that no two pages
	// are written to one file.
	owner map[string]string
	// folded maps each claimed path in lower case to the path, so that
	// two paths that differ only in letter case, which Windows and macOS
	// would write one over the other, clash too.
	folded map[string]string
	// dirs maps each folder that a claimed path needs, in lower case, to
	// that path, so that no output is a file where another needs a folder.
	dirs map[string]string
}

// Resource is a bundle file copied next to its page.
type Resource struct {
	Source string // site-relative path
	Output string // output-relative path
}

// Lang holds everything computed once per language.
type Lang struct {
	Code      string
	Name      string
	Prefix    string // "" for the default language, else "/en"
	Default   bool
	Sections  map[content.Kind]*List
	Upcoming  []*Item // scheduled meetings from now on, soonest first
	Newest    []*Item // every news post, meeting and regulation, newest first
	PageCount int     // published document versions in this language

	Taxonomies []*Taxonomy                 // in TaxonomyKeys order
	Archives   map[content.Kind][]*Archive // news and meetings by year, newest first
	PPID       map[string][]*Item          // documents in the register of public information, by category
	PPIDURL    string                      // the register's page
	DataURL    string                      // the open-data page
	SearchURL  string                      // the search page, "" when search is disabled; its index is under SearchIndexURL
}

// SearchIndexURL is the folder of the language's search index.
func (l *Lang) SearchIndexURL() string { return l.SearchURL + "index/" }

// Entry is one document across its languages.
type Entry struct {
	Kind     content.Kind
	Key      string
	Versions map[string]*Page // published versions by language

	// Regulations only: the regulations that amend or revoke this one.
	AmendedBy, RevokedBy []*Entry
	Amends, Revokes      []*Entry
	// Documents referring to this one by key (news about a meeting,
	// meetings and news citing a regulation).
	CitedBy []*Entry
	// Keys this entry refers to, resolved.
	Regulations, Meetings []*Entry

	order []string
}

// In returns the version of e in lang, or the best existing version (the
// default language first) and false.
func (e *Entry) In(lang string) (*Page, bool) {
	if p, ok := e.Versions[lang]; ok {
		return p, true
	}
	for _, l := range e.order {
		if p, ok := e.Versions[l]; ok {
			return p, false
		}
	}
	return nil, false
}

// Doc returns the document read from file (site-relative), published or
// not, or nil.
func (s *Site) Doc(file string) *content.Doc { return s.byFile[file] }

// PagesOf returns the published page of d, if it has one.
func (s *Site) PagesOf(d *content.Doc) []*Page {
	if p := s.docPub[d]; p != nil {
		return []*Page{p}
	}
	return nil
}

// Main returns the version in the default language, or the first existing.
func (e *Entry) Main() *Page {
	p, _ := e.In(e.order[0])
	return p
}

// Page is one published language version of a document.
type Page struct {
	Doc    *content.Doc
	Entry  *Entry
	Lang   string
	URL    string // root-relative, such as /rapat/rakor-timpora-2023/
	Output string // output-relative file, such as rapat/rakor-timpora-2023/index.html
	Index  int    // position in Site.Pages
	// Status is the effective status of a meeting (scheduled, held,
	// cancelled) or regulation (in-force, amended, revoked).
	Status string
	// Outdated is set on a translation whose original was updated after it.
	Outdated bool
	// Image is the URL of a news post's picture, or "".
	Image string
	// Photos are the URLs of a meeting's photos, in the order of its
	// photos field ("" for one that is not there).
	Photos []string
	// Organizer and Participants are a meeting's, looked up in the
	// registry of agencies.
	Organizer    Agency
	Participants []Agency

	loc *time.Location // the site's time zone
}

// Title returns the page's title.
func (p *Page) Title() string { return p.Doc.Common.Title }

// Date returns the page's date.
func (p *Page) Date() content.Date { return p.Doc.Common.Date }

// Published returns when the document came out: its date, or for a
// regulation without one its promulgation or enactment date, or the first
// day of its year. It is zero only for undated plain pages.
func (p *Page) Published() content.Date {
	if d := p.Doc.Common.Date; !d.IsZero() {
		return d
	}
	if rg := p.Doc.Regulation; rg != nil {
		switch {
		case !rg.Promulgated.IsZero():
			return rg.Promulgated
		case !rg.Enacted.IsZero():
			return rg.Enacted
		case rg.Year > 0:
			return content.Date{Time: time.Date(rg.Year, 1, 1, 0, 0, 0, 0, p.loc)}
		}
	}
	return content.Date{}
}

// List is one section's documents in one language, newest first.
type List struct {
	Kind  content.Kind
	Title string
	URL   string
	Items []*Item
	// Pagers are the list's pages, made once when the site claims their
	// paths; render shows the same ones.
	Pagers []*Pager
}

// Item is an entry as listed in one language: Page is the version shown,
// which is in another language when Missing is set.
type Item struct {
	Entry   *Entry
	Page    *Page
	Missing bool
}

// Lang returns the language with code, or nil.
func (s *Site) Lang(code string) *Lang {
	for _, l := range s.Langs {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// HomeURL returns the home page URL of lang.
func (s *Site) HomeURL(lang string) string {
	if l := s.Lang(lang); l != nil {
		return l.Prefix + "/"
	}
	return s.Base + "/"
}

// Lookup returns the published entry of kind with key, or nil.
func (s *Site) Lookup(kind content.Kind, key string) *Entry {
	return s.byKey[kind][key]
}

// Source returns the site file published at the site's URL u, without
// its #fragment: a file of a page bundle, such as
// content/news/a/foto.jpg, or of static/, such as static/images/logo.png;
// "" when u is not such a file.
func (s *Site) Source(u string) string {
	u, _, _ = strings.Cut(u, "#")
	out := s.Out(u)
	if src, ok := s.files[out]; ok {
		return src
	}
	if src := s.owner[out]; s.resources[src] {
		return src
	}
	return ""
}

// Resolve turns a link destination written in p's Markdown into a URL for
// p's language. dest is a path relative to p's file, optionally with a
// #fragment. It returns ok=false with a reason when the target does not
// exist or is not published.
func (s *Site) Resolve(p *Page, dest string) (url string, reason string) {
	target, frag, _ := strings.Cut(dest, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if target == "" {
		return dest, ""
	}
	if strings.HasPrefix(target, "/") {
		// An address in the site, from its root (under the base path,
		// which the link may give or leave out): some output must be there.
		u, _, _ := strings.Cut(target, "?")
		in := s.Base != "" && (u == s.Base || strings.HasPrefix(u, s.Base+"/"))
		out := s.outputFor(u)
		if !in {
			out = s.outputFor(s.URL(u))
		}
		_, ok := s.owner[out]
		if _, dir := s.owner[out+"/index.html"]; !ok && !dir {
			return "", fmt.Sprintf("no page or file of this site is at %s", u)
		}
		if in {
			return dest, ""
		}
		return s.URL(dest), ""
	}
	rel := path.Join(path.Dir(p.Doc.File), target)
	if strings.HasSuffix(target, ".md") {
		doc, ok := s.byFile[rel]
		if !ok {
			// Any language's file names the document: the link goes to
			// its version in p's language anyway.
			doc, ok = s.byStem[s.stem(rel)]
		}
		if !ok {
			// A document moved into a page bundle (to add a photo), or out
			// of one: links written to its old file still find it.
			stem := s.stem(rel)
			if strings.HasSuffix(stem, "/index") {
				doc, ok = s.byStem[strings.TrimSuffix(stem, "/index")]
			} else {
				doc, ok = s.byStem[stem+"/index"]
			}
		}
		if !ok {
			return "", fmt.Sprintf("no file %s", rel)
		}
		pub, ok := s.docPub[doc]
		if !ok {
			return "", fmt.Sprintf("%s is a draft or not yet published", rel)
		}
		v, _ := pub.Entry.In(p.Lang)
		return v.URL + frag, ""
	}
	// A file of p's own bundle is copied beside the page: keep the link.
	if p.Doc.Bundle != "" && strings.HasPrefix(rel, p.Doc.Bundle+"/") {
		if s.resources[rel] {
			return p.URL + strings.TrimPrefix(rel, p.Doc.Bundle+"/") + frag, ""
		}
		return "", fmt.Sprintf("no file %s in the bundle", rel)
	}
	return "", fmt.Sprintf("%s is neither a Markdown document nor a file of this page bundle", rel)
}

// stem strips ".md" and a language suffix from a Markdown path.
func (s *Site) stem(p string) string {
	p = strings.TrimSuffix(p, ".md")
	if i := strings.LastIndexByte(p, '.'); i > strings.LastIndexByte(p, '/') && s.Config.HasLang(p[i+1:]) {
		p = p[:i]
	}
	return p
}

func sortEntries(es []*Entry) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].Kind != es[j].Kind {
			return es[i].Kind < es[j].Kind
		}
		return es[i].Key < es[j].Key
	})
}

// New resolves set into a site. Every cross-document problem goes to diags.
// The site does not change once made; when diags holds no errors, New
// has also dropped the documents' field positions (content.Set.Compact),
// which every check that needs them has used.
func New(cfg *config.Config, set *content.Set, opts Options, diags *diag.List) *Site {
	s := &Site{Config: cfg, Now: opts.Now, byFile: map[string]*content.Doc{}, byStem: map[string]*content.Doc{},
		byKey: map[content.Kind]map[string]*Entry{}, docPub: map[*content.Doc]*Page{}, resources: map[string]bool{}, files: opts.Files, owner: map[string]string{}, folded: map[string]string{}, dirs: map[string]string{}}
	order := cfg.LangCodes()
	if !opts.AtRoot {
		s.Base = cfg.BasePath()
	}
	for i, l := range cfg.Languages {
		lang := &Lang{Code: l.Code, Name: l.Name, Default: i == 0, Sections: map[content.Kind]*List{}, Prefix: s.Base}
		if i > 0 {
			lang.Prefix += "/" + l.Code
		}
		s.Langs = append(s.Langs, lang)
	}
	for _, d := range set.Docs {
		if d.Common.PPID == content.PPIDExempt && !d.Common.Draft {
			diags.Errorf(d.Pos("ppid"), diag.CodeExempt,
				"keep it out of the site, or add draft: true while it is being prepared; exempt documents are never published",
				"%q is exempt public information (ppid: dikecualikan) but is not a draft", d.Common.Title)
		}
		s.byFile[d.File] = d
		if stem := s.stem(d.File); s.byStem[stem] == nil || d.Original == nil {
			s.byStem[stem] = d
		}
		if !s.published(d, opts) {
			continue
		}
		byKey := s.byKey[d.Kind]
		if byKey == nil {
			byKey = map[string]*Entry{}
			s.byKey[d.Kind] = byKey
		}
		e := byKey[d.Key]
		if e == nil {
			e = &Entry{Kind: d.Kind, Key: d.Key, Versions: map[string]*Page{}, order: order}
			byKey[d.Key] = e
			s.Entries = append(s.Entries, e)
		}
		p := &Page{Doc: d, Entry: e, Lang: d.Lang, loc: cfg.Loc}
		e.Versions[d.Lang] = p
		s.docPub[d] = p
	}
	sortEntries(s.Entries)
	for _, e := range s.Entries {
		for _, l := range order {
			if p, ok := e.Versions[l]; ok {
				p.Index = len(s.Pages)
				s.Pages = append(s.Pages, p)
				s.Lang(l).PageCount++
			}
		}
	}
	s.assignURLs(opts.Files, diags)
	s.collectResources(set, diags)
	s.resolveRefs(diags)
	s.resolveAgencies(diags)
	s.deriveStatus(diags)
	s.checkRegNumbers(diags)
	s.buildLists()
	s.buildIndexes(diags)
	s.checkFiles(diags)
	s.checkMenus(diags)
	if !diags.HasErrors() {
		set.Compact()
	}
	return s
}

// checkFiles checks that every attachment, file and image a document names
// exists in its bundle, and resolves images to URLs.
func (s *Site) checkFiles(diags *diag.List) {
	have := s.resources
	for _, p := range s.Pages {
		check := func(field string, i int, file string) {
			if p.Doc.Bundle == "" || strings.Contains(file, "://") || (p.Doc.Own.Get(field) == nil && p.Doc.Original != nil) {
				return
			}
			if rel := path.Join(p.Doc.Bundle, file); !have[rel] {
				diags.Errorf(p.Doc.ItemPos(field, i), diag.CodeBrokenLink, "put the file in the bundle folder "+p.Doc.Bundle+" or correct the name",
					"%s: no file %s", field, rel)
			}
		}
		image := func(field string, i int, src string) string {
			if strings.Contains(src, "://") {
				return src
			}
			u, reason := s.Resolve(p, src)
			if reason != "" && (p.Doc.Own.Get(field) != nil || p.Doc.Original == nil) {
				pos := p.Doc.Pos(field)
				if i >= 0 {
					pos = p.Doc.ItemPos(field, i)
				}
				diags.Errorf(pos, diag.CodeBrokenLink, "put the picture in the page bundle folder, or give a path starting with / to a file in static/", "%s %q: %s", field, src, reason)
			}
			return u
		}
		switch {
		case p.Doc.Meeting != nil:
			for i, a := range p.Doc.Meeting.Attachments {
				check("attachments", i, a.File)
			}
			for i, ph := range p.Doc.Meeting.Photos {
				p.Photos = append(p.Photos, image("photos", i, ph.Src))
			}
		case p.Doc.Regulation != nil:
			for i, a := range p.Doc.Regulation.Files {
				check("files", i, a.File)
			}
		case p.Doc.News != nil:
			for i, a := range p.Doc.News.Attachments {
				check("attachments", i, a.File)
			}
			if p.Doc.News.Image != nil {
				p.Image = image("image", -1, p.Doc.News.Image.Src)
			}
		}
	}
}

// checkMenus checks that menu entries name pages that exist.
func (s *Site) checkMenus(diags *diag.List) {
	for name, entries := range map[string][]config.MenuEntry{"main": s.Config.Menus.Main, "footer": s.Config.Menus.Footer} {
		for i, m := range entries {
			if m.Page != "" && s.Lookup(content.KindPage, m.Page) == nil {
				if d := s.unpublishedPage(m.Page); d != nil {
					diags.Errorf(s.Config.Pos("menus", name, fmt.Sprint(i), "page"), diag.CodeUnknownKey,
						"remove draft: true from it when it is ready (risalah serve --drafts shows it meanwhile), or take the entry out of the menu",
						"menu %s: the page %q (%s) is a draft or dated later, so it is not published", name, m.Page, d.File)
					continue
				}
				hint := "use the file name of a page in content/ without language suffix and .md"
				if sug := s.suggestKey(content.KindPage, m.Page); sug != "" {
					hint = fmt.Sprintf("did you mean %q?", sug)
				}
				diags.Errorf(s.Config.Pos("menus", name, fmt.Sprint(i), "page"), diag.CodeUnknownKey, hint, "menu %s: no page with key %q", name, m.Page)
			}
		}
	}
}

// unpublishedPage returns the page of key that exists but is left out
// (a draft, dated later), or nil.
func (s *Site) unpublishedPage(key string) *content.Doc {
	var found *content.Doc
	for _, d := range s.byFile {
		if d.Kind == content.KindPage && d.Key == key && (found == nil || d.File < found.File) {
			found = d
		}
	}
	return found
}

// Later is a document version left out of a build for its date.
type Later struct {
	File string // its site-relative Markdown file
	Date string // its date, YYYY-MM-DD
}

func (s *Site) published(d *content.Doc, opts Options) bool {
	if d.Common.PPID == content.PPIDExempt {
		return false // exempt information is never published, drafts included
	}
	if d.Common.Draft && !opts.Drafts {
		s.LeftOut.Drafts++
		return false
	}
	if d.Kind != content.KindMeeting && !opts.Future && d.Common.Date.Time.After(opts.Now) {
		s.LeftOut.Future++
		s.LeftOut.Later = append(s.LeftOut.Later, Later{File: d.File, Date: d.Common.Date.Day()})
		return false
	}
	return true
}

func (s *Site) buildLists() {
	byKind := map[content.Kind][]*Entry{}
	for _, e := range s.Entries {
		byKind[e.Kind] = append(byKind[e.Kind], e)
	}
	for _, es := range byKind {
		sort.SliceStable(es, func(i, j int) bool { return newer(es[i], es[j]) })
	}
	for _, l := range s.Langs {
		for _, sec := range config.SectionNames() {
			kind := content.Kind(sec)
			list := &List{Kind: kind, Title: s.Config.Sections.Get(sec).Title[l.Code], URL: s.sectionURL(l, sec)}
			for _, e := range byKind[kind] {
				p, ok := e.In(l.Code)
				if p.Output == "" {
					continue
				}
				list.Items = append(list.Items, &Item{Entry: e, Page: p, Missing: !ok})
			}
			l.Sections[kind] = list
		}
		// The meetings list shows upcoming meetings first, soonest first,
		// then the others, newest first.
		meetings := l.Sections[content.KindMeeting]
		var past []*Item
		for i := len(meetings.Items) - 1; i >= 0; i-- {
			if it := meetings.Items[i]; s.Upcoming(it.Page) {
				l.Upcoming = append(l.Upcoming, it)
			}
		}
		for _, it := range meetings.Items {
			if !s.Upcoming(it.Page) {
				past = append(past, it)
			}
		}
		meetings.Items = append(append([]*Item(nil), l.Upcoming...), past...)
	}
}

// Upcoming reports whether p is a meeting that has not happened yet: dated
// today or later and not cancelled.
func (s *Site) Upcoming(p *Page) bool {
	return p.Status == "scheduled" && !p.Date().Time.Before(startOfDay(s.Now, s.Config.Loc))
}

func startOfDay(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// newer orders entries newest first: by date, then (for regulations) by
// year, enactment and hierarchy, then by key for a stable order.
func newer(a, b *Entry) bool {
	pa, pb := a.Main(), b.Main()
	if a.Kind == content.KindRegulation {
		ra, rb := pa.Doc.Regulation, pb.Doc.Regulation
		if ra.Year != rb.Year {
			return ra.Year > rb.Year
		}
		if !ra.Enacted.Time.Equal(rb.Enacted.Time) {
			return ra.Enacted.Time.After(rb.Enacted.Time)
		}
		return a.Key < b.Key
	}
	ta, tb := pa.Date().Time, pb.Date().Time
	if !ta.Equal(tb) {
		return ta.After(tb)
	}
	return a.Key < b.Key
}

func (s *Site) collectResources(set *content.Set, diags *diag.List) {
	bundles := map[string]*Entry{}
	for _, e := range s.Entries {
		for _, p := range e.Versions {
			if p.Doc.Bundle != "" {
				bundles[p.Doc.Bundle] = e
			}
		}
	}
	for _, r := range set.Resources {
		for dir := path.Dir(r); dir != "." && dir != "/"; dir = path.Dir(dir) {
			e, ok := bundles[dir]
			if !ok {
				continue
			}
			rel := strings.TrimPrefix(r, dir+"/")
			s.resources[r] = true
			// One copy beside each language version of the page.
			for _, l := range e.order {
				if p, ok := e.Versions[l]; ok && p.Output != "" {
					out := path.Dir(p.Output) + "/" + rel
					if s.claim(out, r, diag.Pos{File: r}, "this file of the page's folder", diags) {
						s.Resources = append(s.Resources, Resource{Source: r, Output: out})
					}
				}
			}
			break
		}
	}
}
