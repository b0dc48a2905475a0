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
	"risalah/internal/meta"
)

// Options selects what a build publishes.
type Options struct {
	Drafts bool      // publish documents marked draft
	Future bool      // publish news, regulations and pages dated after Now
	Now    time.Time // the build time; decides upcoming meetings and future documents
}

// Site is the resolved model of a site.
type Site struct {
	Config  *config.Config
	Now     time.Time
	Langs   []*Lang  // in configured order; the first is the default
	Entries []*Entry // every published document, sorted by kind and key
	Pages   []*Page  // every published document version, in Entries order then language order
	// Resources are bundle files to copy: source path → output paths.
	Resources []Resource

	byFile map[string]*content.Doc // site-relative Markdown path → doc, including unpublished
	byStem map[string]*content.Doc // the path without language suffix and .md → a version
	byKey  map[content.Kind]map[string]*Entry
	docPub map[*content.Doc]*Page
	// resources holds the source paths of Resources.
	resources map[string]bool
	aliases   []Alias
	// owner maps each output path to what claims it, so that no two pages
	// are written to one file.
	owner map[string]string
	// folded maps each claimed path in lower case to the path, so that
	// two paths that differ only in letter case, which Windows and macOS
	// would write one over the other, clash too.
	folded map[string]string
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
}

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
}

// Item is an entry as listed in one language: Page is the version shown,
// which is in another language when Missing is set.
type Item struct {
	Entry   *Entry
	Page    *Page
	Missing bool
}

// Pager is one page of a paginated list.
type Pager struct {
	List   *List
	Number int // 1-based
	Total  int
	Items  []*Item
	URL    string
	Output string
	Prev   string // URL of the previous pager, or ""
	Next   string
}

// Pagers splits l into pages of size n.
func (s *Site) Pagers(lang *Lang, l *List) []*Pager {
	n := s.Config.PageSize
	total := s.pageCount(l)
	out := make([]*Pager, total)
	for i := range out {
		lo, hi := i*n, min((i+1)*n, len(l.Items))
		p := &Pager{List: l, Number: i + 1, Total: total, Items: l.Items[lo:hi], URL: s.pagerURL(lang, l, i+1)}
		p.Output = outputFor(p.URL)
		out[i] = p
	}
	for i, p := range out {
		if i > 0 {
			p.Prev = out[i-1].URL
		}
		if i+1 < total {
			p.Next = out[i+1].URL
		}
	}
	return out
}

// PagerURL returns the URL of page n of l, and false when l has fewer
// pages. It costs nothing per page, unlike building all of l's Pagers.
func (s *Site) PagerURL(lang *Lang, l *List, n int) (string, bool) {
	if n < 1 || n > s.pageCount(l) {
		return "", false
	}
	return s.pagerURL(lang, l, n), true
}

// pageCount is how many pages l is split into; an empty list has one.
func (s *Site) pageCount(l *List) int {
	return max(1, (len(l.Items)+s.Config.PageSize-1)/s.Config.PageSize)
}

// PagePath is the URL segment before a pager's number, per language.
func PagePath(lang string) string {
	if lang == "id" {
		return "halaman"
	}
	return "page"
}

func (s *Site) pagerURL(lang *Lang, l *List, n int) string {
	if n == 1 {
		return l.URL
	}
	return fmt.Sprintf("%s%s/%d/", l.URL, PagePath(lang.Code), n)
}

// outputFor maps a pretty URL to the file that serves it.
func outputFor(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
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
	return "/"
}

// Lookup returns the published entry of kind with key, or nil.
func (s *Site) Lookup(kind content.Kind, key string) *Entry {
	return s.byKey[kind][key]
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
	rel := path.Join(path.Dir(p.Doc.File), target)
	if strings.HasSuffix(target, ".md") {
		doc, ok := s.byFile[rel]
		if !ok {
			// Any language's file names the document: the link goes to
			// its version in p's language anyway.
			doc, ok = s.byStem[s.stem(rel)]
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
func New(cfg *config.Config, set *content.Set, opts Options, diags *diag.List) *Site {
	s := &Site{Config: cfg, Now: opts.Now, byFile: map[string]*content.Doc{}, byStem: map[string]*content.Doc{},
		byKey: map[content.Kind]map[string]*Entry{}, docPub: map[*content.Doc]*Page{}, resources: map[string]bool{}, owner: map[string]string{}, folded: map[string]string{}}
	order := cfg.LangCodes()
	for i, l := range cfg.Languages {
		lang := &Lang{Code: l.Code, Name: l.Name, Default: i == 0, Sections: map[content.Kind]*List{}}
		if i > 0 {
			lang.Prefix = "/" + l.Code
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
	s.assignURLs(diags)
	s.collectResources(set)
	s.resolveRefs(diags)
	s.deriveStatus(diags)
	s.buildLists()
	s.buildIndexes(diags)
	s.checkFiles(diags)
	s.checkMenus(diags)
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
		switch {
		case p.Doc.Meeting != nil:
			for i, a := range p.Doc.Meeting.Attachments {
				check("attachments", i, a.File)
			}
		case p.Doc.Regulation != nil:
			for i, a := range p.Doc.Regulation.Files {
				check("files", i, a.File)
			}
		case p.Doc.News != nil && p.Doc.News.Image != nil:
			src := p.Doc.News.Image.Src
			if strings.HasPrefix(src, "/") || strings.Contains(src, "://") {
				p.Image = src
				break
			}
			u, reason := s.Resolve(p, src)
			if reason != "" && (p.Doc.Own.Get("image") != nil || p.Doc.Original == nil) {
				diags.Errorf(p.Doc.Pos("image"), diag.CodeBrokenLink, "put the picture in the page bundle folder, or give a path starting with / to a file in static/", "image %q: %s", src, reason)
			}
			p.Image = u
		}
	}
}

// checkMenus checks that menu entries name pages that exist.
func (s *Site) checkMenus(diags *diag.List) {
	for name, entries := range map[string][]config.MenuEntry{"main": s.Config.Menus.Main, "footer": s.Config.Menus.Footer} {
		for i, m := range entries {
			if m.Page != "" && s.Lookup(content.KindPage, m.Page) == nil {
				hint := "use the file name of a page in content/ without language suffix and .md"
				if sug := s.suggestKey(content.KindPage, m.Page); sug != "" {
					hint = fmt.Sprintf("did you mean %q?", sug)
				}
				diags.Errorf(s.Config.Pos("menus", name, fmt.Sprint(i), "page"), diag.CodeUnknownKey, hint, "menu %s: no page with key %q", name, m.Page)
			}
		}
	}
}

func (s *Site) published(d *content.Doc, opts Options) bool {
	if d.Common.PPID == content.PPIDExempt {
		return false // exempt information is never published, drafts included
	}
	if d.Common.Draft && !opts.Drafts {
		return false
	}
	if d.Kind != content.KindMeeting && !opts.Future && d.Common.Date.Time.After(opts.Now) {
		return false
	}
	return true
}

// claim reserves the output file out for file; it reports a clash, or a
// path outside the output folder, at pos.
func (s *Site) claim(out, file string, pos diag.Pos, what string, diags *diag.List) bool {
	if c := path.Clean(out); strings.HasPrefix(c, "../") || c == ".." || path.IsAbs(c) {
		diags.Errorf(pos, diag.CodeEscape, "use a path inside the site", "%s would be written outside the output folder", what)
		return false
	}
	if prev, ok := s.owner[out]; ok {
		diags.Add(&diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: diag.CodeURLClash,
			Msg:     fmt.Sprintf("%s is also written by %s", "/"+strings.TrimSuffix(out, "index.html"), prev),
			Hint:    "give one of them a different slug",
			Related: []diag.Pos{{File: prev}}})
		return false
	}
	low := strings.ToLower(out)
	if other, ok := s.folded[low]; ok && other != out {
		diags.Add(&diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: diag.CodeURLClash,
			Msg: fmt.Sprintf("%s differs only in letter case from %s, written by %s; Windows and macOS would keep only one of them",
				"/"+strings.TrimSuffix(out, "index.html"), "/"+strings.TrimSuffix(other, "index.html"), s.owner[other]),
			Hint:    "write slugs in lowercase letters",
			Related: []diag.Pos{{File: s.owner[other]}}})
		return false
	}
	s.owner[out] = file
	s.folded[low] = out
	return true
}

func (s *Site) assignURLs(diags *diag.List) {
	owner := s.owner
	claim := func(out, file string, pos diag.Pos, what string) bool { return s.claim(out, file, pos, what, diags) }
	// The generated pages claim their paths first, so a document's slug
	// cannot silently replace a list or home page.
	for _, l := range s.Langs {
		reserve := func(out, what string) {
			owner[out] = what
			s.folded[strings.ToLower(out)] = out
		}
		reserve(outputFor(l.Prefix+"/"), "the home page")
		reserve(strings.TrimPrefix(l.Prefix+"/404.html", "/"), "the 404 page")
		for _, sec := range config.SectionNames() {
			reserve(outputFor(s.sectionURL(l, sec)), "the "+sec+" list")
		}
	}
	for _, p := range s.Pages {
		l := s.Lang(p.Lang)
		slug := p.Doc.Common.Slug
		if slug == "" {
			slug = p.Entry.Key
		}
		if p.Entry.Kind == content.KindPage {
			p.URL = l.Prefix + "/" + slug + "/"
		} else {
			p.URL = s.sectionURL(l, string(p.Entry.Kind)) + slug + "/"
		}
		p.Output = outputFor(p.URL)
		if !claim(p.Output, p.Doc.File, p.Doc.Pos("slug"), "this page") {
			p.Output = ""
		}
	}
	for _, p := range s.Pages {
		if p.Output == "" {
			continue
		}
		for i, a := range p.Doc.Common.Aliases {
			if content.CheckAlias(a) != "" {
				continue // reported by content
			}
			u := "/" + strings.Trim(a, "/") + "/"
			if path.Ext(a) == ".html" {
				u = "/" + strings.Trim(a, "/")
			}
			if claim(outputFor(u), p.Doc.File, p.Doc.ItemPos("aliases", i), fmt.Sprintf("alias %q", a)) {
				s.aliases = append(s.aliases, Alias{URL: u, Output: outputFor(u), Target: p})
			}
		}
	}
}

// Aliases returns every alias redirect, in page order.
func (s *Site) Aliases() []Alias { return s.aliases }

// Alias is a redirect from an old URL to a page.
type Alias struct {
	URL    string
	Output string
	Target *Page
}

func (s *Site) sectionURL(l *Lang, section string) string {
	return l.Prefix + "/" + s.Config.Sections.Get(section).Slug[l.Code] + "/"
}

// refs returns the keys a document refers to in field, with positions.
func (s *Site) resolveKeys(p *Page, field string, keys []string, kind content.Kind, diags *diag.List) []*Entry {
	var out []*Entry
	for i, k := range keys {
		e := s.byKey[kind][k]
		if e == nil {
			inherited := p.Doc.Own.Get(field) == nil && p.Doc.Original != nil
			if inherited {
				continue // reported once, in the original
			}
			hint := fmt.Sprintf("use the file name of a document in content/%s without .md", kind)
			if d := s.unpublished(kind, k); d != nil {
				diags.Warnf(p.Doc.ItemPos(field, i), diag.CodeUnknownKey, "publish it or remove the reference", "%s %q is a draft or not yet published, so it is left out", field, k)
				continue
			}
			if sug := s.suggestKey(kind, k); sug != "" {
				hint = fmt.Sprintf("did you mean %q?", sug)
			}
			diags.Errorf(p.Doc.ItemPos(field, i), diag.CodeUnknownKey, hint, "%s: no %s document with key %q", field, kind, k)
			continue
		}
		out = append(out, e)
	}
	return out
}

func (s *Site) unpublished(kind content.Kind, key string) *content.Doc {
	for _, d := range s.byFile {
		if d.Kind == kind && d.Key == key {
			return d
		}
	}
	return nil
}

func (s *Site) suggestKey(kind content.Kind, key string) string {
	keys := make([]string, 0, len(s.byKey[kind]))
	for k := range s.byKey[kind] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return meta.Suggest(key, keys, nil)
}

func (s *Site) resolveRefs(diags *diag.List) {
	cited := map[*Entry]map[*Entry]bool{}
	cite := func(target, by *Entry) {
		if cited[target] == nil {
			cited[target] = map[*Entry]bool{}
		}
		cited[target][by] = true
	}
	for _, e := range s.Entries {
		// Keys are facts shared by all versions: resolve them on the main
		// version, and check the others only for their own errors.
		main := e.Main()
		for _, l := range e.order {
			p, ok := e.Versions[l]
			if !ok {
				continue
			}
			var regs, meets, amends, revokes []*Entry
			switch e.Kind {
			case content.KindNews:
				regs = s.resolveKeys(p, "regulations", p.Doc.News.Regulations, content.KindRegulation, diags)
				meets = s.resolveKeys(p, "meetings", p.Doc.News.Meetings, content.KindMeeting, diags)
			case content.KindMeeting:
				regs = s.resolveKeys(p, "regulations", p.Doc.Meeting.Regulations, content.KindRegulation, diags)
			case content.KindRegulation:
				amends = s.resolveKeys(p, "amends", p.Doc.Regulation.Amends, content.KindRegulation, diags)
				revokes = s.resolveKeys(p, "revokes", p.Doc.Regulation.Revokes, content.KindRegulation, diags)
				for i, k := range p.Doc.Regulation.Amends {
					if k == e.Key {
						diags.Errorf(p.Doc.ItemPos("amends", i), diag.CodeUnknownKey, "remove it", "a regulation cannot amend itself")
					}
				}
			}
			if p == main {
				e.Regulations, e.Meetings, e.Amends, e.Revokes = regs, meets, amends, revokes
			}
		}
		for _, r := range e.Regulations {
			cite(r, e)
		}
		for _, m := range e.Meetings {
			cite(m, e)
		}
		for _, t := range e.Amends {
			if t != e {
				t.AmendedBy = append(t.AmendedBy, e)
			}
		}
		for _, t := range e.Revokes {
			t.RevokedBy = append(t.RevokedBy, e)
		}
	}
	for t, by := range cited {
		for e := range by {
			t.CitedBy = append(t.CitedBy, e)
		}
		sort.Slice(t.CitedBy, func(i, j int) bool {
			a, b := t.CitedBy[i].Main().Date().Time, t.CitedBy[j].Main().Date().Time
			if !a.Equal(b) {
				return a.After(b)
			}
			return t.CitedBy[i].Key < t.CitedBy[j].Key
		})
	}
	for _, e := range s.Entries {
		sortByRegOrder(e.AmendedBy)
		sortByRegOrder(e.RevokedBy)
	}
}

func sortByRegOrder(es []*Entry) {
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i].Main().Doc.Regulation, es[j].Main().Doc.Regulation
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return es[i].Key < es[j].Key
	})
}

func (s *Site) deriveStatus(diags *diag.List) {
	for _, e := range s.Entries {
		for _, p := range e.Versions {
			switch e.Kind {
			case content.KindMeeting:
				p.Status = p.Doc.Meeting.Status
				if p.Status == "" {
					last := p.Doc.Common.Date.Time
					if !p.Doc.Meeting.End.IsZero() {
						last = p.Doc.Meeting.End.Time
					}
					if !p.Doc.Common.Date.HasTime && p.Doc.Meeting.End.IsZero() {
						last = last.AddDate(0, 0, 1) // a date-only meeting lasts the whole day
					}
					p.Status = "scheduled"
					if last.Before(s.Now) {
						p.Status = "held"
					}
				}
			case content.KindRegulation:
				stated := p.Doc.Regulation.Status
				p.Status = "in-force"
				if len(e.AmendedBy) > 0 {
					p.Status = "amended"
				}
				if len(e.RevokedBy) > 0 {
					p.Status = "revoked"
				}
				if stated != "" && stated != p.Status {
					if p.Status == "in-force" {
						p.Status = stated // stated by the editor, with no record here of why
					} else if p.Doc.Own.Get("status") != nil {
						diags.Warnf(p.Doc.Pos("status"), diag.CodeStatus, "remove status: it is derived from the regulations that amend or revoke this one",
							"status %q contradicts the record: this regulation is %s by %s", stated, p.Status, joinKeys(append(e.RevokedBy, e.AmendedBy...)))
					}
				}
			}
			if o := p.Doc.Original; o != nil && !o.Common.Updated.IsZero() {
				asOf := p.Doc.Common.Date
				if p.Doc.Own.Get("updated") != nil {
					asOf = p.Doc.Common.Updated
				}
				p.Outdated = asOf.Before(o.Common.Updated)
			}
		}
	}
}

func joinKeys(es []*Entry) string {
	var ks []string
	for _, e := range es {
		ks = append(ks, e.Key)
	}
	return strings.Join(ks, ", ")
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

func (s *Site) collectResources(set *content.Set) {
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
					s.Resources = append(s.Resources, Resource{Source: r, Output: path.Dir(p.Output) + "/" + rel})
				}
			}
			break
		}
	}
}
