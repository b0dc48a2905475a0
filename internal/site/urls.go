package site

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
)

// claim reserves the output file out for file; it reports a clash, or a
// path outside the output folder, at pos. Two claims clash when they name
// one file, two files that differ only in letter case, or a file where
// the other needs a folder (a page at /sitemap.xml/ and the sitemap).
func (s *Site) claim(out, file string, pos diag.Pos, what string, diags *diag.List) bool {
	if c := path.Clean(out); strings.HasPrefix(c, "../") || c == ".." || path.IsAbs(c) {
		diags.Errorf(pos, diag.CodeEscape, "use a path inside the site", "%s would be written outside the output folder", what)
		return false
	}
	clash := func(msg, hint, other string) bool {
		diags.Add(&diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: diag.CodeURLClash, Msg: msg, Hint: hint,
			Related: []diag.Pos{{File: other}}})
		return false
	}
	const rename = "give one of them another slug, alias or file name"
	if prev, ok := s.owner[out]; ok {
		return clash(fmt.Sprintf("%s is also written by %s", shown(out), prev), rename, prev)
	}
	low := strings.ToLower(out)
	if other, ok := s.folded[low]; ok && other != out {
		return clash(fmt.Sprintf("%s differs only in letter case from %s, written by %s; Windows and macOS would keep only one of them",
			shown(out), shown(other), s.owner[other]), "write slugs in lowercase letters", s.owner[other])
	}
	if inside, ok := s.dirs[low]; ok {
		return clash(fmt.Sprintf("/%s is a file here, but %s, written by %s, needs a folder of that name", out, shown(inside), s.owner[inside]),
			rename, s.owner[inside])
	}
	for dir := path.Dir(out); dir != "."; dir = path.Dir(dir) {
		if other, ok := s.folded[strings.ToLower(dir)]; ok {
			return clash(fmt.Sprintf("%s needs a folder /%s/, which is the file /%s written by %s", shown(out), dir, other, s.owner[other]),
				rename, s.owner[other])
		}
	}
	s.take(out, file)
	return true
}

// take records file as what writes out.
func (s *Site) take(out, file string) {
	s.owner[out] = file
	s.folded[strings.ToLower(out)] = out
	for dir := path.Dir(out); dir != "."; dir = path.Dir(dir) {
		low := strings.ToLower(dir)
		if _, ok := s.dirs[low]; ok {
			break // and so are the folders above it
		}
		s.dirs[low] = out
	}
}

// shown is how an output path is named in messages: a page by its URL.
func shown(out string) string { return "/" + strings.TrimSuffix(out, "index.html") }

func (s *Site) assignURLs(files map[string]string, diags *diag.List) {
	claim := func(out, file string, pos diag.Pos, what string) bool { return s.claim(out, file, pos, what, diags) }
	// The generated pages and files, then the files copied as they are,
	// claim their paths first, so that a document's slug or alias cannot
	// silently replace a list, the sitemap or a feed, nor turn one into a
	// folder.
	reserve := func(out, what string) { claim(out, what, diag.Pos{File: what}, what) }
	reserve("sitemap.xml", "the sitemap")
	if _, ok := files["robots.txt"]; !ok { // a site's own robots.txt replaces the generated one
		reserve("robots.txt", "the robots.txt file")
	}
	for _, l := range s.Langs {
		reserve(s.outputFor(l.Prefix+"/"), "the home page")
		reserve(s.Out(l.Prefix+"/404.html"), "the 404 page")
		reserve(s.Out(l.Prefix+"/atom.xml"), "the site's Atom feed")
		for _, sec := range config.SectionNames() {
			u := s.sectionURL(l, sec)
			reserve(s.outputFor(u), "the "+sec+" list")
			reserve(s.Out(u)+"atom.xml", "the "+sec+" Atom feed")
			if content.Kind(sec) == content.KindMeeting {
				reserve(s.Out(u)+"calendar.ics", "the meetings calendar")
			}
		}
		data := s.Out(l.Prefix + "/" + DataSlug(l.Code) + "/")
		for _, f := range []string{"regulations.json", "regulations.csv", "meetings.json", "meetings.csv"} {
			reserve(data+f, "the open data "+f)
		}
	}
	copied := make([]string, 0, len(files))
	for out := range files {
		copied = append(copied, out)
	}
	sort.Strings(copied)
	for _, out := range copied {
		claim(out, files[out], diag.Pos{File: files[out]}, files[out])
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
		p.Output = s.outputFor(p.URL)
		if !claim(p.Output, p.Doc.File, p.Doc.Pos("slug"), "this page") {
			p.Output = ""
		}
	}
	for _, p := range s.Pages {
		if p.Output != "" && p.Entry.Kind == content.KindMeeting {
			claim(s.Out(p.CalendarURL()), p.Doc.File, p.Doc.Pos("slug"), "this meeting's calendar file")
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
			if claim(s.outputFor(u), p.Doc.File, p.Doc.ItemPos("aliases", i), fmt.Sprintf("alias %q", a)) {
				s.aliases = append(s.aliases, Alias{URL: s.URL(u), Output: s.outputFor(u), Target: p})
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
