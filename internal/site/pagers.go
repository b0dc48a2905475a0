package site

import (
	"fmt"
	"strings"
)

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
		p.Output = s.outputFor(p.URL)
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
func (s *Site) outputFor(url string) string {
	p := s.Out(url)
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// Out returns the output path of the site's URL u: u without the base
// path and the slash that starts it.
func (s *Site) Out(u string) string {
	if s.Base != "" && (u == s.Base || strings.HasPrefix(u, s.Base+"/")) {
		u = u[len(s.Base):]
	}
	return strings.TrimPrefix(u, "/")
}

// URL returns the address of the path p (root-relative, such as
// /sitemap.xml) in the published site: under its base path.
func (s *Site) URL(p string) string { return s.Base + p }
