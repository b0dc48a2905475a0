// Package audit holds the checks of `risalah check` that need a whole
// built site: links and #anchors between pages and to attachments,
// followed in the rendered output; bundle files that no page links to;
// and the state of each section's translations.
//
// A build checks every document on its own (fields, keys, Markdown links
// to files); an audit reads what the build made, so it also sees the
// elements that templates give ids to and the links that templates write.
package audit

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/linkcheck"
	"risalah/internal/meta"
	"risalah/internal/site"
)

// Input is a good build to audit.
type Input struct {
	Site *site.Site
	// Src is the site folder, to find links in their files.
	Src fs.FS
	// Files is the build's output, by output-relative path.
	Files map[string][]byte
	// Owner returns what made an output file (Builder.Owner).
	Owner func(name string) string
}

// Report is what an audit found.
type Report struct {
	// Diags are the problems, at the site files that hold them.
	Diags *diag.List
	// Translations is the state of each section's translations, one row
	// per language and section that has documents, in the site's order.
	Translations []Translations
}

// Translations is the state of one section's translations into one
// language.
type Translations struct {
	Kind content.Kind
	Lang string
	// Documents counts the section's documents; Translated those that
	// have a version in Lang.
	Documents, Translated int
	// Missing lists the files of the documents without a version in
	// Lang, and Outdated the translations whose original was updated
	// after them.
	Missing, Outdated []string
}

// Run audits in.
func Run(in Input) *Report {
	r := &Report{Diags: &diag.List{}}
	lc := linkcheck.Scan(in.Files, linkcheck.Options{BaseURL: in.Site.Config.BaseURL})
	a := &auditor{in: in, diags: r.Diags, sources: map[string][]byte{}}
	for _, p := range lc.Problems {
		a.link(p, lc)
	}
	a.unused(lc.Linked)
	r.Translations = translations(in.Site)
	return r
}

type auditor struct {
	in      Input
	diags   *diag.List
	sources map[string][]byte // site files read, by path
}

// link reports a link of the output that points nowhere, at the site file
// it was written in.
func (a *auditor) link(p linkcheck.Problem, lc *linkcheck.Report) {
	owner := a.in.Owner(p.Page)
	if owner == "" {
		owner = p.Page
	}
	pos := diag.Pos{File: owner}
	u, _ := url.Parse(p.Target)
	if strings.HasSuffix(owner, ".md") && u != nil {
		pos = a.find(owner, u)
	}
	shown := "/" + strings.TrimSuffix(p.Page, "index.html")
	if p.Dest != "" && u != nil && u.Fragment != "" {
		hint := "link to an element that exists, such as a heading of that page (its id is in the page's table of contents), or leave out #" + u.Fragment
		if near := meta.Suggest(u.Fragment, lc.IDs(p.Dest), nil); near != "" {
			hint = fmt.Sprintf("did you mean #%s?", near)
		}
		a.diags.Warnf(pos, diag.CodeBrokenAnchor, hint, "the link to %s on %s leads to its page, but no element there has the id %q",
			p.Target, shown, u.Fragment)
		return
	}
	a.diags.Warnf(pos, diag.CodeBrokenLink, "correct the address, or add the file it names",
		"the link to %s on %s leads nowhere: %s", p.Target, shown, p.Reason)
}

// find returns the position, in the Markdown file name, of the link to u:
// where its #fragment, else its last path segment, is first written.
func (a *auditor) find(name string, u *url.URL) diag.Pos {
	src, ok := a.sources[name]
	if !ok {
		src, _ = fs.ReadFile(a.in.Src, name)
		a.sources[name] = src
	}
	var needles []string
	if u.Fragment != "" {
		needles = append(needles, "#"+u.Fragment)
	}
	if seg := path.Base(strings.TrimSuffix(u.Path, "/")); seg != "." && seg != "/" && seg != "" {
		needles = append(needles, seg)
	}
	for _, n := range needles {
		if i := bytes.Index(src, []byte(n)); i >= 0 {
			line := bytes.Count(src[:i], []byte("\n")) + 1
			col := i - bytes.LastIndexByte(src[:i], '\n')
			return diag.Pos{File: name, Line: line, Col: col}
		}
	}
	return diag.Pos{File: name}
}

// unused reports the bundle files that no page links to or shows: they
// are published all the same, where no reader finds them.
func (a *auditor) unused(linked map[string]bool) {
	outputs := map[string][]string{} // bundle file → its copies
	var sources []string
	for _, r := range a.in.Site.Resources {
		if _, ok := outputs[r.Source]; !ok {
			sources = append(sources, r.Source)
		}
		outputs[r.Source] = append(outputs[r.Source], r.Output)
	}
	sort.Strings(sources)
	for _, src := range sources {
		used := false
		for _, o := range outputs[src] {
			used = used || linked[o]
		}
		if !used {
			a.diags.Warnf(diag.Pos{File: src}, diag.CodeUnused,
				"link to it from the page (![text](name) for a picture, [title](name) for a document, or files: in the front matter), or delete it",
				"no page links to this file of the page's folder; it is published at %s all the same", a.in.Site.URL("/"+outputs[src][0]))
		}
	}
}

// translations counts each section's documents and their versions in each
// language.
func translations(s *site.Site) []Translations {
	var rows []Translations
	for _, l := range s.Langs {
		for _, kind := range append(content.SectionKinds(), content.KindPage) {
			row := Translations{Kind: kind, Lang: l.Code}
			for _, e := range s.Entries {
				if e.Kind != kind {
					continue
				}
				row.Documents++
				p, ok := e.Versions[l.Code]
				if !ok {
					if m := e.Main(); m != nil {
						row.Missing = append(row.Missing, m.Doc.File)
					}
					continue
				}
				row.Translated++
				if p.Outdated {
					row.Outdated = append(row.Outdated, p.Doc.File)
				}
			}
			if row.Documents > 0 {
				rows = append(rows, row)
			}
		}
	}
	return rows
}
