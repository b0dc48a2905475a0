package site

import (
	"fmt"
	"path"
	"strings"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
)

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
