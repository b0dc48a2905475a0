// Package render turns the site model into HTML with html/template. A site's
// own templates replace the embedded defaults file by file; interface texts
// come from i18n/<lang>.yaml beside the templates.
package render

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"text/template/parse"

	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/markdown"
	"risalah/internal/meta"
	"risalah/internal/site"
)

// Template files every theme has. Each page template defines "main" (and may
// define "head"); baseof.html lays out the page around them.
const (
	baseTemplate = "baseof.html"
	aliasTmpl    = "alias.html"
)

func pageTemplates() []string {
	return []string{"home.html", "list.html", "news.html", "meetings.html", "regulations.html", "page.html", "404.html",
		"taxonomy.html", "ppid.html", "data.html", "search.html"}
}

// Renderer renders the pages of one site.
type Renderer struct {
	site       *site.Site
	tmpl       map[string]*template.Template
	alias      *template.Template
	i18n       *Catalog
	sites      map[string]*SiteView
	pagers     map[string]map[content.Kind][]*site.Pager
	stylesheet string
	newest     map[string]content.Date // the newest document date per language
	// linkCache holds every entry's link in every language, by the
	// entry's position in Site.Entries: lists show the same documents on
	// many pages, and a link costs the same to make each time.
	// tmplSums fingerprints, by page template, the templates a page
	// executes (see TemplateSum).
	tmplSums   map[string][32]byte
	linkCache  map[string][]Link
	entryIndex map[*site.Entry]int
	// summary, set only in the copy that prepares one list page (see
	// Prepare), gives the summaries taken from the documents' bodies.
	summary Summaries
	media   Media
}

// Media tells the renderer what the build measured of the site's files,
// by their URLs.
type Media interface {
	// Picture returns how the image at u is shown; false when its size
	// is not known.
	Picture(u string) (Picture, bool)
	// File returns the size of the file at u in bytes and, for a PDF,
	// its number of pages (0: not known); false when u is not a file of
	// the site.
	File(u string) (size int64, pages int, ok bool)
}

// Picture is the size of an image as shown (its largest copy) and its
// copies, for srcset.
type Picture struct {
	Width, Height int
	Srcset        string
	// URL is the address to show it at when it is not the one written:
	// a TIFF's, whose copies are JPEG.
	URL string
}

// UseMedia makes views show the sizes m gives of pictures and files.
func (r *Renderer) UseMedia(m Media) {
	r.media = m
	// The logo's size, for its header width and link previews: measured
	// once, before any page is rendered, as every page shows it.
	for _, sv := range r.sites {
		if sv.Logo != nil && m != nil {
			if pic, ok := m.Picture(sv.Logo.URL); ok {
				sv.Logo.Width, sv.Logo.Height = pic.Width, pic.Height
			}
		}
	}
}

// Summaries gives the summary that lists show of a document without one
// in its front matter, typically the first paragraph of its body.
// Document pages are made before every body is read, so they show only a
// document's own summary, in every build alike.
type Summaries func(*site.Page) string

// Job is one page to render.
type Job struct {
	Output string // output-relative file path
	Source string // file blamed for errors
	tmpl   string
	view   func(r *Renderer) *View
	alias  *site.Alias
	page   *site.Page // a document page, rendered with its body
}

// Page returns the document of a job from DocJobs.
func (j Job) Page() *site.Page { return j.page }

// New prepares templates from theme (a folder holding the template files and
// i18n/) for s; texts is the theme's catalog of interface texts.
// stylesheet is the URL of the theme's CSS. Problems go to diags.
//
// Rendering has two phases, so that no page's Markdown is kept longer than
// its own page needs it: DocJobs are prepared and executed first, each with
// its body; then ListJobs are prepared with the summaries taken from the
// bodies. A Renderer does not change once made.
func New(s *site.Site, theme fs.FS, texts *Catalog, stylesheet string, diags *diag.List) *Renderer {
	r := &Renderer{site: s, tmpl: map[string]*template.Template{}, sites: map[string]*SiteView{},
		pagers: map[string]map[content.Kind][]*site.Pager{}, stylesheet: stylesheet, i18n: texts}
	r.parse(theme, diags)
	r.entryIndex = make(map[*site.Entry]int, len(s.Entries))
	for i, e := range s.Entries {
		r.entryIndex[e] = i
	}
	r.linkCache = map[string][]Link{}
	for _, l := range s.Langs {
		links := make([]Link, len(s.Entries))
		for i, e := range s.Entries {
			links[i] = r.makeLink(e, l.Code)
		}
		r.linkCache[l.Code] = links
	}
	r.newest = map[string]content.Date{}
	for _, p := range s.Pages {
		r.newest[p.Lang] = newest(r.newest[p.Lang], newest(p.Doc.Common.Date, p.Doc.Common.Updated))
		if rg := p.Doc.Regulation; rg != nil {
			r.newest[p.Lang] = newest(r.newest[p.Lang], newest(rg.Enacted, rg.Promulgated))
		}
	}
	for _, l := range s.Langs {
		r.sites[l.Code] = r.siteView(l.Code)
		r.pagers[l.Code] = map[content.Kind][]*site.Pager{}
		for kind, list := range l.Sections {
			r.pagers[l.Code][kind] = list.Pagers
		}
	}
	return r
}

func templateError(diags *diag.List, name string, err error) {
	diags.Errorf(diag.Pos{File: "templates/" + name}, diag.CodeTemplate, "fix the template, or delete it to use the built-in one", "%v", err)
}

func (r *Renderer) parse(theme fs.FS, diags *diag.List) {
	read := func(name string) (string, bool) {
		if info, err := fs.Lstat(theme, name); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			if err := content.CheckLink(theme, name); err != nil {
				templateError(diags, name, err)
				return "", false
			}
		}
		b, err := fs.ReadFile(theme, name)
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("missing template %s", name)
		}
		if err != nil {
			templateError(diags, name, err)
			return "", false
		}
		// Saved on Windows, a template may start with a byte-order mark
		// and end its lines with CR LF (Git's autocrlf): neither belongs
		// in the pages, which must be the same bytes on every computer.
		return string(content.Normalize(b)), true
	}
	base := template.New(baseTemplate).Option("missingkey=error")
	src, ok := read(baseTemplate)
	if !ok {
		return
	}
	if _, err := base.Parse(src); err != nil {
		templateError(diags, baseTemplate, err)
		return
	}
	partials, _ := fs.Glob(theme, "partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		src, _ := read(p)
		if _, err := base.New(p).Parse(src); err != nil {
			templateError(diags, p, err)
		}
	}
	for _, name := range pageTemplates() {
		src, ok := read(name)
		if !ok {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(name).Parse(src)
		}
		if err != nil {
			templateError(diags, name, err)
			continue
		}
		r.tmpl[name] = t
	}
	r.tmplSums = map[string][32]byte{}
	for name, t := range r.tmpl {
		r.tmplSums[name] = reachableSum(t, name)
	}
	if src, ok := read(aliasTmpl); ok {
		t, err := template.New(aliasTmpl).Option("missingkey=error").Parse(src)
		if err != nil {
			templateError(diags, aliasTmpl, err)
		}
		r.alias = t
		if err == nil {
			r.tmplSums[aliasTmpl] = reachableSum(t, aliasTmpl)
		}
	}
}

// reachableSum fingerprints, as parsed, the templates that executing
// name's page runs: the base, the page's own and every template these
// call, transitively. A page whose templates' fingerprint is unchanged
// renders the same from the same view, however the other templates
// changed.
func reachableSum(t *template.Template, name string) [32]byte {
	seen := map[string]bool{}
	var names []string
	var visit func(string)
	visit = func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		names = append(names, n)
		if tt := t.Lookup(n); tt != nil && tt.Tree != nil {
			walkCalls(tt.Tree.Root, visit)
		}
	}
	visit(baseTemplate)
	visit(name)
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n + "\x00"))
		if tt := t.Lookup(n); tt != nil && tt.Tree != nil {
			h.Write([]byte(tt.Tree.Root.String()))
		}
		h.Write([]byte{0})
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// walkCalls calls visit with the name of every template that node
// invokes ({{template "name"}}, {{block "name"}}).
func walkCalls(node parse.Node, visit func(string)) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkCalls(c, visit)
		}
	case *parse.TemplateNode:
		visit(n.Name)
	case *parse.IfNode:
		walkCalls(n.List, visit)
		walkCalls(n.ElseList, visit)
	case *parse.RangeNode:
		walkCalls(n.List, visit)
		walkCalls(n.ElseList, visit)
	case *parse.WithNode:
		walkCalls(n.List, visit)
		walkCalls(n.ElseList, visit)
	}
}

// TemplateSum fingerprints the templates that j's page executes; see
// reachableSum. Pages of other templates do not depend on them.
func (r *Renderer) TemplateSum(j Job) [32]byte {
	if j.alias != nil {
		return r.tmplSums[aliasTmpl]
	}
	return r.tmplSums[j.tmpl]
}

// DocJobs lists the document pages, in site order.
func (r *Renderer) DocJobs() []Job {
	var jobs []Job
	for _, p := range r.site.Pages {
		if p.Output != "" {
			jobs = append(jobs, Job{Output: p.Output, Source: p.Doc.File, tmpl: string(p.Entry.Kind) + ".html", page: p})
		}
	}
	return jobs
}

// ListJobs lists every other HTML page of the site, in a stable order:
// home, 404, lists, archives, taxonomies, registers and alias redirects.
func (r *Renderer) ListJobs() []Job {
	var jobs []Job
	add := func(out, source, tmpl string, view func(r *Renderer) *View) {
		jobs = append(jobs, Job{Output: out, Source: source, tmpl: tmpl, view: view})
	}
	for _, l := range r.site.Langs {
		add(r.site.Out(l.Prefix+"/index.html"), "templates/home.html", "home.html", func(r *Renderer) *View { return r.homeView(l) })
		add(r.site.Out(l.Prefix+"/404.html"), "templates/404.html", "404.html", func(r *Renderer) *View { return r.notFoundView(l) })
		for _, kind := range content.SectionKinds() {
			for _, pg := range r.pagers[l.Code][kind] {
				add(pg.Output, "templates/list.html", "list.html", func(r *Renderer) *View { return r.listView(l, pg) })
			}
			for _, a := range l.Archives[kind] {
				for _, pg := range a.List.Pagers {
					add(pg.Output, "templates/list.html", "list.html", func(r *Renderer) *View { return r.archiveView(l, kind, a, pg) })
				}
			}
		}
		for _, tax := range l.Taxonomies {
			add(r.site.Out(tax.URL)+"index.html", "templates/taxonomy.html", "taxonomy.html", func(r *Renderer) *View { return r.taxonomyView(l, tax) })
			for _, t := range tax.Terms {
				for _, pg := range t.List.Pagers {
					add(pg.Output, "templates/list.html", "list.html", func(r *Renderer) *View { return r.termView(l, tax, t, pg) })
				}
			}
		}
		add(r.site.Out(l.PPIDURL)+"index.html", "templates/ppid.html", "ppid.html", func(r *Renderer) *View { return r.ppidView(l) })
		add(r.site.Out(l.DataURL)+"index.html", "templates/data.html", "data.html", func(r *Renderer) *View { return r.dataView(l) })
		if l.SearchURL != "" {
			add(r.site.Out(l.SearchURL)+"index.html", "templates/search.html", "search.html", func(r *Renderer) *View { return r.searchView(l) })
		}
	}
	for _, a := range r.site.Aliases() {
		jobs = append(jobs, Job{Output: a.Output, Source: a.Target.Doc.File, alias: &a})
	}
	return jobs
}

func newest(a, b content.Date) content.Date {
	if b.Time.After(a.Time) {
		return b
	}
	return a
}

// PageMeta is what the sitemap needs of a rendered page.
type PageMeta struct {
	URL        string // root-relative
	Alternates []Alternate
	LastMod    content.Date
	// Listed is false for pages that search engines should not list: alias
	// redirects and the 404 page.
	Listed bool
}

// Prepared is a page ready to execute: its template's data and its
// description.
type Prepared struct {
	Job  Job
	View *View // nil for an alias redirect
	Meta PageMeta
	// Data is what the template receives: View, or the alias's values.
	Data any
}

// aliasData is what the alias template receives.
type aliasData struct {
	URL, Canonical, Title, Lang string
}

// Prepare builds j's view; body is the rendered Markdown of a document
// page (its HTML may be left empty when only the view is wanted), and sums
// gives list pages the summaries taken from bodies (nil: none).
func (r *Renderer) Prepare(j Job, body *markdown.Result, sums Summaries) Prepared {
	if j.alias != nil {
		d := aliasData{j.alias.Target.URL, r.abs(j.alias.Target.URL), j.alias.Target.Title(), j.alias.Target.Lang}
		return Prepared{Job: j, Meta: PageMeta{URL: j.alias.URL}, Data: d}
	}
	var v *View
	if j.page != nil {
		v = r.docView(j.page, body)
	} else {
		lr := *r // the same renderer, showing these summaries
		lr.summary = sums
		v = j.view(&lr)
	}
	meta := PageMeta{URL: v.URL, Alternates: v.Alternates, Listed: v.Kind != "404"}
	switch {
	case v.Doc != nil:
		meta.LastMod = newest(v.Doc.Date, v.Doc.Updated)
		if rg := v.Doc.Regulation; rg != nil {
			meta.LastMod = newest(meta.LastMod, newest(rg.Enacted, rg.Promulgated))
		}
	case v.Pager != nil:
		for _, it := range v.Pager.Items {
			meta.LastMod = newest(meta.LastMod, newest(it.Date, it.Enacted))
		}
	}
	if meta.LastMod.IsZero() {
		// Undated pages (plain pages, regulations known only by year)
		// change with the site: its newest date is a safe upper bound.
		meta.LastMod = r.newest[v.Lang]
	}
	return Prepared{Job: j, View: v, Meta: meta, Data: v}
}

// SetBody gives a prepared document page its rendered body.
func (p *Prepared) SetBody(body *markdown.Result) {
	if p.View != nil && p.View.Doc != nil && body != nil {
		p.View.Doc.Body = template.HTML(body.HTML)
	}
}

// Execute runs a prepared page's template into buf.
func (r *Renderer) Execute(p Prepared, buf *bytes.Buffer) error {
	if p.View == nil {
		if r.alias == nil {
			return errors.New("no alias template")
		}
		return r.alias.Execute(buf, p.Data)
	}
	t := r.tmpl[p.Job.tmpl]
	if t == nil {
		return fmt.Errorf("template %s is not available", p.Job.tmpl)
	}
	return t.ExecuteTemplate(buf, baseTemplate, p.View)
}

// Catalog holds a theme's interface texts per language, read from
// i18n/<lang>.yaml.
type Catalog struct {
	texts  map[string]map[string]string
	order  []string
	merged map[string]map[string]string
}

// All returns every text for lang, with the other languages' texts (in
// the site's order) where lang lacks a key. The map must not be changed.
func (c *Catalog) All(lang string) map[string]string {
	if m, ok := c.merged[lang]; ok {
		return m
	}
	return c.texts[lang]
}

// LoadCatalog reads the interface texts of langs from theme.
func LoadCatalog(theme fs.FS, langs []string, diags *diag.List) *Catalog {
	c := &Catalog{texts: map[string]map[string]string{}, order: append(append([]string(nil), langs...), "en")}
	for _, l := range append([]string{"en"}, langs...) {
		name := path.Join("i18n", l+".yaml")
		src, err := fs.ReadFile(theme, name)
		if err != nil {
			continue
		}
		n, err := meta.Parse(meta.YAML, src, 1)
		if meta.ReportLimit(err, "templates/"+name, diags) {
			continue
		}
		if err != nil {
			diags.Errorf(diag.Pos{File: "templates/" + name}, diag.CodeSyntax, "", "%v", err)
			continue
		}
		m := map[string]string{}
		meta.Decode(n, &m, &meta.Options{File: "templates/" + name, Diags: diags})
		c.texts[l] = m
	}
	c.merge(langs)
	return c
}

// Lookup returns the text for key in lang, falling back to the other
// languages in order; it is an error when no language has it.
// merge computes All for each of langs.
func (c *Catalog) merge(langs []string) {
	c.merged = map[string]map[string]string{}
	for _, l := range langs {
		m := map[string]string{}
		for i := len(c.order) - 1; i >= 0; i-- {
			for k, v := range c.texts[c.order[i]] {
				m[k] = v
			}
		}
		for k, v := range c.texts[l] {
			m[k] = v
		}
		c.merged[l] = m
	}
}

// Lookup returns the text for key in lang, falling back to the other
// languages in order; it is an error when no language has it.
func (c *Catalog) Lookup(lang, key string) (string, error) {
	if s, ok := c.texts[lang][key]; ok {
		return s, nil
	}
	for _, l := range c.order {
		if s, ok := c.texts[l][key]; ok {
			return s, nil
		}
	}
	return "", fmt.Errorf("no interface text %q in templates/i18n/%s.yaml", key, lang)
}
