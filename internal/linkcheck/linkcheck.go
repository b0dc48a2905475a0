// Package linkcheck checks a built site without a network: every internal
// href, src, srcset, #fragment, hreflang alternate and redirect target must
// resolve to a file or element that exists in the output.
package linkcheck

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Problem is one link that points nowhere.
type Problem struct {
	Page   string // output-relative file of the page holding the link
	Line   int
	Attr   string // such as "a href" or "link[alternate hreflang=en] href"
	Target string
	Reason string
	// Dest is the page that target leads to when it has no element of the
	// #fragment, else "".
	Dest string
}

// String formats p as "page:line: attr "target": reason".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s %q: %s", p.Page, p.Line, p.Attr, p.Target, p.Reason)
}

// Options configures Check.
type Options struct {
	// BaseURL is the site's absolute address. Absolute links that start
	// with it are internal and checked like root-relative ones.
	BaseURL string
}

type link struct {
	line   int
	attr   string
	target string
}

type page struct {
	ids   map[string]bool
	links []link
}

// Check reads every file of the output in fsys and returns the links that
// point nowhere, sorted by page and line.
func Check(fsys fs.FS, opts Options) ([]Problem, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		var data []byte
		if strings.HasSuffix(p, ".html") {
			if data, err = fs.ReadFile(fsys, p); err != nil {
				return err
			}
		}
		files[p] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	return Scan(files, opts).Problems, nil
}

// Report is what Scan found.
type Report struct {
	// Problems are the links that point nowhere, sorted by page and line.
	Problems []Problem
	// Linked holds every file of the output that a page links to or
	// shows, the page itself not counted.
	Linked map[string]bool
	pages  map[string]*page
}

// IDs returns the ids of the elements of the HTML page file, sorted: what
// a link to it may name after "#".
func (r *Report) IDs(file string) []string {
	pg := r.pages[file]
	if pg == nil {
		return nil
	}
	ids := make([]string, 0, len(pg.ids))
	for id := range pg.ids {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Scan checks the links of an output held in memory: files maps each
// output-relative path to its bytes, of which only HTML pages' are read.
func Scan(files map[string][]byte, opts Options) *Report {
	have := make(map[string]bool, len(files))
	pages := map[string]*page{}
	for p, data := range files {
		have[p] = true
		if strings.HasSuffix(p, ".html") {
			pages[p] = parse(data)
		}
	}
	base, _ := url.Parse(opts.BaseURL)
	r := &Report{Linked: map[string]bool{}, pages: pages}
	names := make([]string, 0, len(pages))
	for n := range pages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, l := range pages[name].links {
			dest, reason := resolve(name, l.target, base, have, pages)
			if reason != "" {
				r.Problems = append(r.Problems, Problem{Page: name, Line: l.line, Attr: l.attr, Target: l.target, Reason: reason, Dest: dest})
			} else if dest != "" && dest != name {
				r.Linked[dest] = true
			}
		}
	}
	return r
}

// resolve returns the output file that target, linked from the page at
// file, leads to ("" for an address outside the site), and why it points
// nowhere if it does: then the file is the page that lacks the #fragment,
// or "".
func resolve(file, target string, base *url.URL, files map[string]bool, pages map[string]*page) (dest, reason string) {
	t := strings.TrimSpace(target)
	u, err := url.Parse(t)
	if err != nil {
		return "", "not a valid URL"
	}
	switch strings.ToLower(u.Scheme) {
	case "":
	case "http", "https":
		if base == nil || base.Host == "" || !strings.EqualFold(u.Host, base.Host) || !strings.HasPrefix(u.Path, base.Path) {
			return "", "" // external: not checked, no network
		}
		u.Path = "/" + strings.TrimPrefix(u.Path, base.Path)
	case "mailto", "tel":
		return "", ""
	case "data":
		if strings.HasPrefix(strings.ToLower(t), "data:image/") {
			return "", ""
		}
		return "", "data: link that is not an image"
	case "javascript", "vbscript", "file":
		return "", "unsafe " + u.Scheme + ": link"
	default:
		return "", "" // another protocol; nothing to check here
	}
	if u.Host != "" && u.Scheme == "" {
		return "", "" // protocol-relative: external
	}
	dest = file
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join("/", path.Dir(file), p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		}
		f, ok := lookup(p, files)
		if !ok {
			return "", "no such file in the output"
		}
		dest = f
	}
	if u.Fragment != "" && u.Fragment != "top" {
		pg, ok := pages[dest]
		if !ok {
			return dest, "" // a fragment of a non-HTML file
		}
		frag := u.Fragment
		if !pg.ids[frag] {
			return dest, fmt.Sprintf("no element with id %q in %s", frag, dest)
		}
	}
	return dest, ""
}

// lookup maps a root-relative URL path to an output file, as a static web
// server does: a folder ending in a slash serves its index.html. A folder
// without the slash is not accepted: servers answer it with a redirect.
func lookup(p string, files map[string]bool) (string, bool) {
	clean := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || clean == "." || clean == "" {
		f := path.Join(strings.TrimSuffix(clean, "."), "index.html")
		return f, files[f]
	}
	return clean, files[clean]
}

func attr(t html.Token, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// parse collects the IDs and links of one HTML page.
func parse(data []byte) *page {
	pg := &page{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	add := func(attrName, target string) {
		pg.links = append(pg.links, link{line: line, attr: attrName, target: target})
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				add("html", "")
			}
			break
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			t := z.Token()
			if id, ok := attr(t, "id"); ok {
				pg.ids[id] = true
			}
			if t.Data == "a" {
				if n, ok := attr(t, "name"); ok {
					pg.ids[n] = true
				}
			}
			switch t.Data {
			case "a", "area":
				if v, ok := attr(t, "href"); ok {
					add(t.Data+" href", v)
				}
			case "link":
				if v, ok := attr(t, "href"); ok {
					rel, _ := attr(t, "rel")
					desc := "link[" + rel
					if hl, ok := attr(t, "hreflang"); ok {
						desc += " hreflang=" + hl
					}
					add(desc+"] href", v)
				}
			case "img", "source", "script", "iframe", "audio", "video", "track", "embed":
				if v, ok := attr(t, "src"); ok {
					add(t.Data+" src", v)
				}
				if v, ok := attr(t, "srcset"); ok {
					for _, c := range strings.Split(v, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							add(t.Data+" srcset", f[0])
						}
					}
				}
			case "form":
				if v, ok := attr(t, "action"); ok {
					add("form action", v)
				}
			case "meta":
				if eq, _ := attr(t, "http-equiv"); strings.EqualFold(eq, "refresh") {
					c, _ := attr(t, "content")
					if i := strings.Index(strings.ToLower(c), "url="); i >= 0 {
						add("meta refresh", strings.Trim(c[i+4:], `'" `))
					}
				}
			}
		}
		line += bytes.Count(raw, []byte("\n"))
	}
	return pg
}
