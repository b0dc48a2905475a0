// Package render turns the site model into HTML with html/template. A site's
// own templates replace the embedded defaults file by file; interface texts
// come from i18n/<lang>.yaml beside the templates.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

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
	return []string{"home.html", "list.html", "news.html", "meetings.html", "regulations.html", "page.html", "404.html"}
}

// Renderer renders the pages of one site.
type Renderer struct {
	site       *site.Site
	bodies     []*markdown.Result
	tmpl       map[string]*template.Template
	alias      *template.Template
	i18n       *Catalog
	sites      map[string]*SiteView
	pagers     map[string]map[content.Kind][]*site.Pager
	stylesheet string
}

// Job is one page to render.
type Job struct {
	Output string // output-relative file path
	Source string // file blamed for errors
	tmpl   string
	view   func() *View
	alias  *site.Alias
}

// New prepares templates from theme (a folder holding the template files and
// i18n/) for s. bodies holds each page's rendered Markdown by Page.Index;
// texts is the theme's catalog of interface texts. stylesheet is the URL of
// the theme's CSS. Problems go to diags.
func New(s *site.Site, bodies []*markdown.Result, theme fs.FS, texts *Catalog, stylesheet string, diags *diag.List) *Renderer {
	r := &Renderer{site: s, bodies: bodies, tmpl: map[string]*template.Template{}, sites: map[string]*SiteView{},
		pagers: map[string]map[content.Kind][]*site.Pager{}, stylesheet: stylesheet, i18n: texts}
	r.parse(theme, diags)
	for _, l := range s.Langs {
		r.sites[l.Code] = r.siteView(l.Code)
		r.pagers[l.Code] = map[content.Kind][]*site.Pager{}
		for kind, list := range l.Sections {
			r.pagers[l.Code][kind] = s.Pagers(l, list)
		}
	}
	return r
}

func templateError(diags *diag.List, name string, err error) {
	diags.Errorf(diag.Pos{File: "templates/" + name}, diag.CodeTemplate, "fix the template, or delete it to use the built-in one", "%v", err)
}

func (r *Renderer) parse(theme fs.FS, diags *diag.List) {
	read := func(name string) (string, bool) {
		b, err := fs.ReadFile(theme, name)
		if err != nil {
			templateError(diags, name, fmt.Errorf("missing template %s", name))
			return "", false
		}
		return string(b), true
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
	if src, ok := read(aliasTmpl); ok {
		t, err := template.New(aliasTmpl).Option("missingkey=error").Parse(src)
		if err != nil {
			templateError(diags, aliasTmpl, err)
		}
		r.alias = t
	}
}

// Jobs lists every HTML page of the site, in a stable order.
func (r *Renderer) Jobs() []Job {
	var jobs []Job
	for _, l := range r.site.Langs {
		jobs = append(jobs, Job{Output: strings.TrimPrefix(l.Prefix+"/index.html", "/"), Source: "templates/home.html", tmpl: "home.html", view: func() *View { return r.homeView(l) }})
		jobs = append(jobs, Job{Output: strings.TrimPrefix(l.Prefix+"/404.html", "/"), Source: "templates/404.html", tmpl: "404.html", view: func() *View { return r.notFoundView(l) }})
		for _, kind := range []content.Kind{content.KindNews, content.KindMeeting, content.KindRegulation} {
			for _, pg := range r.pagers[l.Code][kind] {
				jobs = append(jobs, Job{Output: pg.Output, Source: "templates/list.html", tmpl: "list.html", view: func() *View { return r.listView(l, pg) }})
			}
		}
	}
	for _, p := range r.site.Pages {
		if p.Output == "" {
			continue
		}
		name := string(p.Entry.Kind) + ".html"
		jobs = append(jobs, Job{Output: p.Output, Source: p.Doc.File, tmpl: name, view: func() *View { return r.docView(p) }})
	}
	for _, a := range r.site.Aliases() {
		jobs = append(jobs, Job{Output: a.Output, Source: a.Target.Doc.File, alias: &a})
	}
	return jobs
}

// Render executes j's template into buf.
func (r *Renderer) Render(j Job, buf *bytes.Buffer) error {
	if j.alias != nil {
		if r.alias == nil {
			return errors.New("no alias template")
		}
		return r.alias.Execute(buf, struct {
			URL, Canonical, Title, Lang string
		}{j.alias.Target.URL, r.abs(j.alias.Target.URL), j.alias.Target.Title(), j.alias.Target.Lang})
	}
	t := r.tmpl[j.tmpl]
	if t == nil {
		return fmt.Errorf("template %s is not available", j.tmpl)
	}
	return t.ExecuteTemplate(buf, baseTemplate, j.view())
}

// Catalog holds a theme's interface texts per language, read from
// i18n/<lang>.yaml.
type Catalog struct {
	texts map[string]map[string]string
	order []string
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
		if err != nil {
			diags.Errorf(diag.Pos{File: "templates/" + name}, diag.CodeSyntax, "", "%v", err)
			continue
		}
		m := map[string]string{}
		meta.Decode(n, &m, &meta.Options{File: "templates/" + name, Diags: diags})
		c.texts[l] = m
	}
	return c
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
