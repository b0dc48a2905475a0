// Package build runs a whole build: load → validate → resolve → render →
// write. Parsing and rendering use every core; output goes through an Output,
// so the same build can write to a staging folder (then published
// atomically) or to memory.
package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/markdown"
	"risalah/internal/render"
	"risalah/internal/site"
	"risalah/internal/work"
)

// Output receives the files of a build. WriteFile is called from several
// goroutines at once.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Options describes one build.
type Options struct {
	Site   fs.FS // the site folder: site.yaml, content/, templates/, static/
	Theme  fs.FS // the default theme: templates/ and static/
	Drafts bool
	Future bool
	Strict bool // warnings fail the build
	// BaseURL replaces site.yaml's baseURL when set.
	BaseURL string
	Now     time.Time
}

// Result tells what a build did.
type Result struct {
	Diags    *diag.List
	Config   *config.Config
	Site     *site.Site
	Pages    map[string]int // document pages per language
	Files    int            // files written
	Duration time.Duration
}

// OK reports whether the build succeeded.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Summary is the one line printed at the end of a build.
func (r *Result) Summary() string {
	errs, warns := r.Diags.Count()
	var langs []string
	if r.Config != nil {
		for _, l := range r.Config.LangCodes() {
			langs = append(langs, fmt.Sprintf("%s %d", l, r.Pages[l]))
		}
	}
	verb := "built"
	if errs > 0 {
		verb = "failed"
	}
	s := fmt.Sprintf("%s: pages %s; %d files written; %d warnings", verb, strings.Join(langs, ", "), r.Files, warns)
	if errs > 0 {
		s += fmt.Sprintf("; %d errors", errs)
	}
	return s + fmt.Sprintf("; %s", r.Duration.Round(time.Millisecond))
}

// Stylesheet is the URL of the theme's stylesheet.
const Stylesheet = "/css/risalah.css"

// Run performs a build, writing every file to out. It stops before writing
// anything if loading or resolving found errors, so a failed build writes
// as little as possible; the caller decides whether to publish.
func Run(ctx context.Context, opts Options, out Output) *Result {
	start := time.Now()
	diags := &diag.List{}
	res := &Result{Diags: diags, Pages: map[string]int{}}
	defer func() { res.Duration = time.Since(start) }()

	cfg := config.Load(opts.Site, diags)
	res.Config = cfg
	if opts.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	if diags.HasErrors() {
		return res
	}
	set := content.Load(ctx, opts.Site, cfg, diags)
	s := site.New(cfg, set, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}, diags)
	res.Site = s
	if !diags.HasErrors() {
		set.Compact() // every check that needs field positions has run
	}

	theme := Overlay(sub(opts.Site, cfg.Paths.Templates), sub(opts.Theme, "templates"))
	texts := render.LoadCatalog(theme, cfg.LangCodes(), diags)
	// One Markdown renderer per language: the words it adds for screen
	// readers come from the theme's texts.
	tableLabel := map[string]string{}
	md := map[string]*markdown.Renderer{}
	for _, l := range cfg.LangCodes() {
		tableLabel[l], _ = texts.Lookup(l, "table_region")
		back, _ := texts.Lookup(l, "footnote_back")
		md[l] = markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe, BacklinkLabel: back})
	}
	r := render.New(s, theme, texts, Stylesheet, diags)
	if opts.Strict {
		diags.Promote()
	}
	markdownOf := func(p *site.Page) *markdown.Result {
		src, err := content.ReadBody(opts.Site, p.Doc)
		if err != nil {
			diags.Errorf(diag.Pos{File: p.Doc.File}, diag.CodeRead, "", "cannot read: %v", err)
			return nil
		}
		top := 2
		if p.Entry.Kind == content.KindMeeting || p.Entry.Kind == content.KindRegulation {
			top = 3 // the body sits in a titled section of the record
		}
		in := markdown.Input{File: p.Doc.File, Body: src, Line: p.Doc.BodyLine, TopLevel: top, TableLabel: tableLabel[p.Lang]}
		return md[p.Lang].Render(in, resolver{s, p}, diags)
	}
	if diags.HasErrors() || ctx.Err() != nil {
		// Nothing is rendered, but every Markdown error is still reported
		// with the others, so that one run shows them all.
		work.Each(ctx, len(s.Pages), func(i int) { markdownOf(s.Pages[i]) })
		return res
	}

	w := &tracker{out: out, owners: map[string]string{}, diags: diags}
	tmplErrs := &templateErrors{seen: map[string]*templateError{}}
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	render1 := func(j render.Job, do func(*bytes.Buffer) (render.PageMeta, error)) render.PageMeta {
		buf := bufs.Get().(*bytes.Buffer)
		buf.Reset()
		defer bufs.Put(buf)
		meta, err := do(buf)
		if err != nil {
			tmplErrs.add(err, j)
			return meta
		}
		w.write(j.Output, j.Source, buf.Bytes())
		return meta
	}

	// Phase 1: each document's Markdown is rendered and its page written
	// at once, on all cores; only the summary is kept for the lists.
	docs := r.DocJobs()
	summaries := make([]string, len(s.Pages))
	metas := make([]render.PageMeta, 0, len(docs))
	docMetas := make([]render.PageMeta, len(docs))
	work.Each(ctx, len(docs), func(i int) {
		j := docs[i]
		p := j.Page()
		body := markdownOf(p)
		if body == nil {
			return
		}
		summaries[p.Index] = body.Summary
		docMetas[i] = render1(j, func(buf *bytes.Buffer) (render.PageMeta, error) { return r.RenderDoc(j, body, buf) })
	})
	metas = append(metas, docMetas...)

	// Phase 2: lists, indexes and the rest, with the summaries.
	summary := func(p *site.Page) string {
		if s := p.Doc.Common.Summary; s != "" {
			return s
		}
		return summaries[p.Index]
	}
	r.AddSummaries(summary)
	jobs := r.ListJobs()
	listMetas := make([]render.PageMeta, len(jobs))
	work.Each(ctx, len(jobs), func(i int) {
		j := jobs[i]
		listMetas[i] = render1(j, func(buf *bytes.Buffer) (render.PageMeta, error) { return r.Render(j, buf) })
	})
	metas = append(metas, listMetas...)
	tmplErrs.report(diags)
	for _, rs := range s.Resources {
		data, err := fs.ReadFile(opts.Site, rs.Source)
		if err != nil {
			diags.Errorf(diag.Pos{File: rs.Source}, diag.CodeRead, "", "cannot read: %v", err)
			continue
		}
		w.write(rs.Output, rs.Source, data)
	}
	copyStatic(Overlay(sub(opts.Site, cfg.Paths.Static), sub(opts.Theme, "static")), cfg.Paths.Static, w, diags)
	(&machine{s: s, summary: summary, metas: metas, w: w, diags: diags}).write()
	for _, p := range s.Pages {
		if p.Output != "" {
			res.Pages[p.Lang]++
		}
	}
	res.Files = w.count
	if opts.Strict {
		diags.Promote()
	}
	return res
}

// resolver resolves the links of one page's Markdown.
type resolver struct {
	s *site.Site
	p *site.Page
}

func (r resolver) Resolve(dest string) (string, string) { return r.s.Resolve(r.p, dest) }

// tracker writes files, refusing a second writer of the same path.
type tracker struct {
	out    Output
	mu     sync.Mutex
	owners map[string]string
	count  int
	diags  *diag.List
}

// owned reports whether name has been written.
func (t *tracker) owned(name string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.owners[name]
	return ok
}

func (t *tracker) write(name, source string, data []byte) {
	t.mu.Lock()
	if prev, ok := t.owners[name]; ok {
		t.mu.Unlock()
		t.diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: source}, Severity: diag.Error, Code: diag.CodeURLClash,
			Msg: fmt.Sprintf("/%s is also written by %s", name, prev), Hint: "rename one of them",
			Related: []diag.Pos{{File: prev}}})
		return
	}
	t.owners[name] = source
	t.count++
	t.mu.Unlock()
	if err := t.out.WriteFile(name, data); err != nil {
		t.diags.Errorf(diag.Pos{File: source}, diag.CodeOutput, "check the output folder's permissions and free space", "cannot write /%s: %v", name, err)
	}
}

func copyStatic(fsys fs.FS, label string, w *tracker, diags *diag.List) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != "." && content.Litter(d.Name()) && d.Name() != ".well-known" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if err := content.CheckLink(fsys, p); err != nil {
				diags.Errorf(diag.Pos{File: label + "/" + p}, diag.CodeSymlink, "replace the link with a copy of the file", "%v", err)
				return nil
			}
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{File: label}, diag.CodeRead, "", "cannot read: %v", err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			diags.Errorf(diag.Pos{File: label + "/" + f}, diag.CodeSymlink, "replace the link with a copy of the file", "cannot read: %v", err)
			continue
		}
		w.write(f, label+"/"+f, data)
	}
}

func sub(fsys fs.FS, dir string) fs.FS {
	if fsys == nil {
		return nil
	}
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return s
}
