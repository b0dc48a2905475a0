package build

import (
	"context"
	"net/url"
	"strings"
	"time"

	"risalah/internal/config"
	"risalah/internal/diag"
	"risalah/internal/render"
	"risalah/internal/site"
	"risalah/internal/work"
)

// feedSize is how many entries a feed holds: the newest.
const feedSize = 30

// machine writes the machine-readable files of a site: Atom feeds, the
// sitemap and robots.txt (these need an absolute baseURL), iCalendar files
// and open data.
type machine struct {
	s       *site.Site
	summary func(*site.Page) string // a page's summary
	metas   []render.PageMeta
	w       *tracker
	diags   *diag.List
}

func (m *machine) abs(u string) string {
	if m.s.Config.BaseURL == "" || strings.Contains(u, "://") {
		return u
	}
	return m.s.Config.Origin() + u // u starts with the base path
}

func (m *machine) host() string {
	if u, err := url.Parse(m.s.Config.BaseURL); err == nil && u.Host != "" {
		return u.Host
	}
	return "risalah.invalid"
}

// noBaseURL warns, with the site's other diagnostics, that a site without
// baseURL gets no feeds and no sitemap.
func noBaseURL(cfg *config.Config, diags *diag.List) {
	if cfg.BaseURL == "" {
		diags.Warnf(cfg.Pos("baseURL"), diag.CodeConfig, "add baseURL: https://… to site.yaml, or pass --base-url",
			"no baseURL: Atom feeds and the sitemap need absolute addresses and are not written")
	}
}

func (m *machine) out(u, source string, data []byte) bool {
	return m.w.write(m.s.Out(u), source, data)
}

func updated(p *site.Page) time.Time {
	if u := p.Doc.Common.Updated; !u.IsZero() && u.Time.After(p.Published().Time) {
		return u.Time
	}
	return p.Published().Time
}

func newestFirst(items []*site.Item) []*site.Item {
	out := append([]*site.Item(nil), items...)
	site.SortNewest(out)
	return out
}

// machine returns the helper of the machine-readable outputs for this
// build.
func (rs *renderState) machine() *machine {
	return &machine{s: rs.m.site, summary: rs.summary, metas: rs.metas, w: rs.w, diags: rs.diags}
}

// eachLang runs fn for every language of the site, on all cores.
func (m *machine) eachLang(ctx context.Context, fn func(*site.Lang)) {
	work.Each(ctx, len(m.s.Langs), func(i int) { fn(m.s.Langs[i]) })
}
