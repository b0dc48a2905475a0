package build

import (
	"fmt"

	"risalah/internal/sitemap"
)

// sitemaps are the sitemap (split when it is large) and robots.txt, unless
// the site has its own; they need an absolute baseURL.
var sitemaps = producer{name: "sitemap", all: allSitemaps, bodies: noBodies}

func allSitemaps(rs *renderState) {
	if m := rs.machine(); m.s.Config.BaseURL != "" {
		m.sitemap()
	}
}

// sitemap writes the sitemap of every page listed in metas.
func (m *machine) sitemap() {
	var urls []sitemap.URL
	for _, meta := range m.metas {
		if !meta.Listed || meta.URL == "" {
			continue
		}
		u := sitemap.URL{Loc: m.abs(meta.URL), LastMod: meta.LastMod.Time}
		for _, a := range meta.Alternates {
			u.Alternates = append(u.Alternates, sitemap.Alternate{Lang: a.Hreflang, URL: a.URL})
		}
		urls = append(urls, u)
	}
	parts := sitemap.Split(urls, sitemap.MaxURLs)
	if len(parts) == 1 {
		m.out(m.s.URL("/sitemap.xml"), "site.yaml", sitemap.Write(parts[0]))
	} else {
		var locs []string
		for i, part := range parts {
			name := m.s.URL(fmt.Sprintf("/sitemap-%d.xml", i+1))
			m.out(name, "site.yaml", sitemap.Write(part))
			locs = append(locs, m.abs(name))
		}
		m.out(m.s.URL("/sitemap.xml"), "site.yaml", sitemap.WriteIndex(locs))
	}
	if !m.w.owned("robots.txt") { // a site's own static/robots.txt wins
		m.out("/robots.txt", "site.yaml", sitemap.Robots(m.abs(m.s.URL("/sitemap.xml"))))
	}
}
