package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/markdown"
	"risalah/internal/render"
	"risalah/internal/search"
	"risalah/internal/site"
	"risalah/internal/work"
)

// Builder runs the builds of one site one after another. Each build
// reuses what the previous good build worked out: a page whose view (every
// value its template can reach) and templates are unchanged is not
// executed again, a body whose text and links are unchanged is not
// rendered again, and only files whose bytes changed are written. A
// Builder is not safe for concurrent builds.
type Builder struct {
	opts   Options
	prev   *state          // the last good build, or nil
	parsed *content.Parsed // front matter of the last load: in memory for the preview, from the cache for ToDir
	// dirty lists the files whose bodies changed since the last load.
	dirty []string
	// ready, set by later, gives the next full build its output.
	ready func() (Output, *layer[string, sum], error)
	// media is the last good build's, whose pictures the next may take
	// unread; images holds the photos' copies when Options.ImageCache is
	// nil.
	media  *media
	images memImages
}

// later makes the next Build wait, once the site is loaded and resolved,
// for ready to give it its output and what that holds (the out and have
// passed to Build are then not used), so that preparing the output — such
// as checking the cache's folder and reading its state into the Builder —
// overlaps with loading. ready may set the Builder's previous state.
func (b *Builder) later(ready func() (Output, *layer[string, sum], error)) { b.ready = ready }

// NewBuilder returns a Builder for the site opts describes.
func NewBuilder(opts Options) *Builder {
	opts.Site = content.RegularFiles(opts.Site) // no named pipe or device can stall a build
	b := &Builder{opts: opts}
	if opts.Preview {
		b.parsed = content.NewParsed()
	}
	return b
}

// state is what a good build leaves for the next one. It does not change
// once made: a rebuild of bodies makes a new state whose maps are layers
// over this one's, and a failed rebuild leaves this one as it was.
type state struct {
	global sum                      // texts and settings (templates: render.Renderer.TemplateSum)
	md     *layer[string, *mdEntry] // by document file
	pages  *layer[string, sum]      // HTML page output → view fingerprint
	out    *layer[string, sum]      // every file written → its bytes' fingerprint
	sizes  *layer[string, int64]    // every file written → its size
	files  *fileList                // what manifest.json lists
	owners *layer[string, string]   // every file written → what made it
	model  *model                   // for edits that leave the model as it is
	diags  []*diag.Diagnostic       // every diagnostic not from a body
	// The rest is kept with the model, for rebuilds of bodies.
	// bodySums holds the fingerprints of the bodies edited since the
	// model was resolved, by file: a document's own (content.Doc.BodySum)
	// is as it was when the model's files were read.
	bodySums  *layer[string, sum]
	summaries []string                     // each page's summary from its body, by Page.Index
	metas     []render.PageMeta            // docJobs then listJobs
	listShows [][]*site.Entry              // by list job, see renderState.listShows
	shownBy   func() map[*site.Entry][]int // the same the other way round, made when first needed
	// searchStale holds the languages whose search index a rebuild of
	// bodies left as it was, for Builder.Search.
	searchStale map[string]bool
}

// mdEntry is what rendering one body gave.
type mdEntry struct {
	key      sum          // the body and the renderer's settings
	links    []resolution // what the body's links resolved to
	summary  string
	headings []markdown.Heading
	diags    []*diag.Diagnostic
	// terms are the body's words for the search index, and excerpt the
	// start of its text, which results show.
	terms   search.Terms
	excerpt string
}

// resolution is one link of a body and where it led.
type resolution struct{ dest, url, reason string }

// model is a resolved site with its renderer and its pages to render,
// kept so that an edit to a body alone can skip loading and resolving.
// It does not change once made (newModel).
type model struct {
	cfg      *config.Config
	site     *site.Site
	r        *render.Renderer
	md       map[string]*markdown.Renderer
	label    map[string]string // the table region's name, by language
	back     map[string]string // footnotes' back link, by language
	docJobs  []render.Job
	jobOf    map[*site.Page]int // index in docJobs
	listJobs []render.Job
	staticFS fs.FS    // the static files: the site's over the theme's
	static   []string // their paths, sorted
	media    *media
	texts    *render.Catalog
	// analyzers hold each language's search analyzers, which cache stems:
	// a pool per language, as an analyzer serves one goroutine at a time.
	analyzers map[string]*sync.Pool
}

// newModel makes the model of a resolved site: one Markdown renderer per
// language (the words it adds for screen readers come from the theme's
// texts) and the lists of pages.
func newModel(cfg *config.Config, s *site.Site, theme fs.FS, texts *render.Catalog, diags *diag.List) *model {
	m := &model{cfg: cfg, site: s, label: map[string]string{}, back: map[string]string{}, md: map[string]*markdown.Renderer{},
		texts: texts, analyzers: map[string]*sync.Pool{}}
	for _, l := range cfg.LangCodes() {
		m.analyzers[l] = &sync.Pool{New: func() any { return search.NewAnalyzer(l) }}
		m.label[l], _ = texts.Lookup(l, "table_region")
		m.back[l], _ = texts.Lookup(l, "footnote_back")
		m.md[l] = markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe, BacklinkLabel: m.back[l], MaxBytes: int(cfg.Markdown.MaxSize),
			ImageSizes: render.ImageSizes})
	}
	m.r = render.New(s, theme, texts, s.URL(Stylesheet), diags)
	m.docJobs = m.r.DocJobs()
	m.jobOf = make(map[*site.Page]int, len(m.docJobs))
	for i, j := range m.docJobs {
		m.jobOf[j.Page()] = i
	}
	m.listJobs = m.r.ListJobs()
	return m
}

// Sums returns the fingerprint of every file of the last good build, by
// output path; nil before the first.
func (b *Builder) Sums() *layer[string, sum] {
	if b.prev == nil {
		return nil
	}
	return b.prev.out
}

// Owner returns what made the file name of the last good build: a site
// file such as content/news/a.md or static/logo.png, a section or theme
// folder, or "risalah"; "" when no good build made it.
func (b *Builder) Owner(name string) string {
	if b.prev == nil {
		return ""
	}
	return b.prev.owners.Value(name)
}

// Build runs one build, writing to out every file whose bytes differ from
// what have says out already holds (output path → fingerprint; nil for an
// empty output), and removing from out, when it can (Remover), what the
// build no longer makes. changed lists the site files edited since the
// previous build (slash-separated, site-relative), or is nil when unknown;
// with Options.Preview, edits to bodies alone then skip loading the site.
func (b *Builder) Build(ctx context.Context, out Output, have *layer[string, sum], changed []string) *Result {
	var res *Result
	if changed != nil && b.prev != nil && b.prev.model != nil {
		res = b.bodies(ctx, out, have, changed, false)
	}
	if res == nil {
		if b.parsed != nil {
			if changed != nil {
				// Files not changed since the last load are not read again;
				// bodies edited since then are, as the cache has their old text.
				b.parsed.Changed(append(append([]string(nil), changed...), b.dirty...))
			} else {
				b.parsed.Unknown()
			}
		}
		b.dirty = nil
		res = b.full(ctx, out, have)
	}
	if (!res.OK() || ctx.Err() != nil) && b.prev != nil && b.prev.model != nil {
		// The edits reported with this build are not in the kept model:
		// the next build loads the site afresh.
		b.prev = b.prev.withoutModel()
	}
	return res
}

// Remover is an Output that can delete a file of a previous build.
type Remover interface {
	Remove(name string) error
}

// renderState holds what one build's rendering shares between goroutines,
// and the state it makes for the next build.
type renderState struct {
	ctx   context.Context
	b     *Builder
	m     *model
	diags *diag.List
	w     *tracker
	errs  *templateErrors
	bufs  sync.Pool
	fps   sync.Pool
	mu    sync.Mutex
	// prev is the previous good build's state, or nil; it is only read.
	prev   *state
	global sum
	// What this build makes, over prev's in a rebuild of bodies: see state.
	pages     *layer[string, sum]
	md        *layer[string, *mdEntry]
	bodySums  *layer[string, sum]
	summaries []string
	metas     []render.PageMeta
	// listShows holds, by list job, the documents whose links the page's
	// view held (with their summaries): a rebuild of bodies renders again
	// the lists that show a changed summary.
	listShows [][]*site.Entry
	// executed counts the pages whose template ran.
	executed int
	// pagesDone counts the pages done, for Options.Progress.
	pagesDone atomic.Int64
	// files is what manifest.json lists.
	files *fileList
	// searchSizes are the sizes of the search indexes made, for Result.
	searchSizes []SearchSize
	// searchStale holds the languages whose search index is left to make
	// (see Builder.Search); searchNow makes them, and needFull says that
	// doing so needs a full build.
	searchStale map[string]bool
	searchNow   bool
	needFull    bool
	// imagesEncoded and imagesCached count the photos whose copies were
	// made and those taken from the cache.
	imagesEncoded, imagesCached int
}

// donePage tells Options.Progress, if set, that one more page is done.
func (rs *renderState) donePage() {
	if progress := rs.b.opts.Progress; progress != nil {
		progress(int(rs.pagesDone.Add(1)), len(rs.m.docJobs)+len(rs.m.listJobs))
	}
}

func (b *Builder) newRenderState(ctx context.Context, m *model, diags *diag.List, out Output, have *layer[string, sum]) *renderState {
	rs := &renderState{ctx: ctx, b: b, m: m, diags: diags, prev: b.prev, errs: &templateErrors{seen: map[string]*templateError{}},
		w:     &tracker{out: out, owners: newLayer[string, string](0), diags: diags, have: have, sums: newLayer[string, sum](0), sizes: newLayer[string, int64](0)},
		pages: newLayer[string, sum](0), md: newLayer[string, *mdEntry](0)}
	rs.bufs.New = func() any { return new(bytes.Buffer) }
	rs.fps.New = func() any { return new(fingerprinter) }
	return rs
}

// bodySum returns the fingerprint of p's body as this build reads it.
func (rs *renderState) bodySum(p *site.Page) sum {
	if s, ok := rs.bodySums.Get(p.Doc.File); ok {
		return s
	}
	return p.Doc.BodySum
}

// summary is the summary of p shown in lists and feeds.
func (rs *renderState) summary(p *site.Page) string {
	if s := p.Doc.Common.Summary; s != "" {
		return s
	}
	return rs.summaries[p.Index]
}

// mdKey fingerprints what a page's body renders from, apart from its
// links; body is the fingerprint of its text.
func (m *model) mdKey(p *site.Page, body sum) sum {
	h := sha256.New()
	h.Write(body[:])
	for _, s := range []string{p.Lang, string(p.Entry.Kind), m.label[p.Lang], m.back[p.Lang], p.Doc.File} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if m.cfg.Markdown.Unsafe {
		h.Write([]byte{1})
	}
	h.Write([]byte(strconv.Itoa(int(m.cfg.Markdown.MaxSize)) + "\x00")) // the size limit
	if m.cfg.Search.Disabled {
		h.Write([]byte("no search terms\x00")) // the entry then holds none
	}
	if p.Image != "" {
		h.Write([]byte("after a picture\x00")) // the body's first image is lazy too
	}
	// Diagnostics count lines from the top of the file.
	h.Write([]byte(strconv.Itoa(p.Doc.BodyLine)))
	var out sum
	h.Sum(out[:0])
	return out
}

// markdown renders p's body, whose text src is (nil: read from fsys) and
// fingerprints as body, recording its links and diagnostics.
func (m *model) markdown(fsys fs.FS, p *site.Page, src []byte, body sum) (*markdown.Result, *mdEntry) {
	ent := &mdEntry{key: m.mdKey(p, body)}
	local := &diag.List{}
	if src == nil {
		var err error
		if src, err = content.ReadBody(fsys, p.Doc); err != nil {
			local.Errorf(diag.Pos{File: p.Doc.File}, diag.CodeRead, "", "cannot read: %v", err)
			ent.diags = local.Items()
			return nil, ent
		}
	}
	top := 2
	if p.Entry.Kind == content.KindMeeting || p.Entry.Kind == content.KindRegulation {
		top = 3 // the body sits in a titled section of the record
	}
	in := markdown.Input{File: p.Doc.File, Body: src, Line: p.Doc.BodyLine, TopLevel: top, TableLabel: m.label[p.Lang], Text: !m.cfg.Search.Disabled}
	// A news post's picture comes before its body: the body's images
	// all load as they come near.
	in.Eager = p.Image == ""
	res := m.md[p.Lang].Render(in, &recorder{s: m.site, p: p, links: &ent.links, md: m.media}, local)
	ent.summary, ent.headings, ent.diags = res.Summary, res.Headings, local.Items()
	ent.terms, ent.excerpt = m.searchTerms(p.Lang, res.Text)
	res.Text = "" // kept as terms
	return res, ent
}

// valid reports whether e still describes p's body, whose text
// fingerprints as body: same text and settings, and every link leads
// where it did.
func (e *mdEntry) valid(m *model, p *site.Page, body sum) bool {
	if e == nil || e.key != m.mdKey(p, body) {
		return false
	}
	for _, l := range e.links {
		if dest, ok := strings.CutPrefix(l.dest, imageDest); ok {
			r := &recorder{s: m.site, p: p, md: m.media}
			if pic, ok := r.picture(dest); pictureRecord(pic, ok) != l.url {
				return false
			}
			continue
		}
		if u, why := m.site.Resolve(p, l.dest); u != l.url || why != l.reason {
			return false
		}
	}
	return true
}

// linksSum fingerprints a body's links for its page's fingerprint.
func (e *mdEntry) linksSum() sum {
	h := sha256.New()
	h.Write(e.key[:])
	for _, l := range e.links {
		h.Write([]byte(l.dest + "\x00" + l.url + "\x00" + l.reason + "\x00"))
	}
	var out sum
	h.Sum(out[:0])
	return out
}

// recorder resolves the links of one page's Markdown and remembers them.
type recorder struct {
	s     *site.Site
	p     *site.Page
	links *[]resolution
	md    *media // nil: pictures are not known
}

func (r *recorder) Resolve(dest string) (string, string) {
	u, why := r.s.Resolve(r.p, dest)
	if why == "" && r.md != nil && isTIFF(u) {
		// A TIFF is published as its JPEG copies: a link to it leads to
		// the largest.
		if pic, ok := (mediaView{r.md, r.s}).Picture(u); ok && pic.URL != "" {
			u = pic.URL
		}
	}
	*r.links = append(*r.links, resolution{dest, u, why})
	return u, why
}

// globalSum fingerprints what every page depends on beyond its view and
// its templates (render.Renderer.TemplateSum): the interface texts, the
// settings and the stylesheet's address.
func globalSum(opts Options, theme fs.FS) sum {
	h := sha256.New()
	if src, err := fs.ReadFile(opts.Site, "site.yaml"); err == nil {
		h.Write(src)
	}
	h.Write([]byte("\x00" + opts.BaseURL + "\x00" + Stylesheet + "\x00" + strconv.FormatBool(opts.AtRoot) + "\x00"))
	var files []string
	_ = fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(p, "i18n/") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	for _, f := range files {
		src, _ := fs.ReadFile(theme, f)
		h.Write([]byte(f + "\x00"))
		s := sha256.Sum256(src)
		h.Write(s[:])
	}
	var out sum
	h.Sum(out[:0])
	return out
}

// full loads, resolves and renders the whole site.
func (b *Builder) full(ctx context.Context, out Output, have *layer[string, sum]) *Result {
	opts := b.opts
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
	set := content.LoadCached(ctx, opts.Site, cfg, b.parsed, diags)
	res.Read = set.Read
	statics := staticFS(opts, cfg)
	static := listStatic(statics, cfg.Paths.Static, diags)
	files := make(map[string]string, len(static))
	for _, f := range static {
		files[f] = cfg.Paths.Static + "/" + f
	}
	if lg := cfg.Office.Logo.Src; lg != "" && files[strings.TrimPrefix(lg, "/")] == "" {
		diags.Errorf(cfg.Pos("office", "logo", "src"), diag.CodeBrokenLink, "put the file in static/ (static/img/logo-kanim.png for /img/logo-kanim.png), or correct the path",
			"office logo %s: no file of static/ is there", lg)
	}
	s := site.New(cfg, set, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now, Files: files, AtRoot: opts.AtRoot}, diags)
	res.Site = s
	theme := Overlay(sub(opts.Site, cfg.Paths.Templates), sub(opts.Theme, "templates"))
	texts := render.LoadCatalog(theme, cfg.LangCodes(), diags)
	m := newModel(cfg, s, theme, texts, diags)
	m.staticFS, m.static = statics, static
	m.media = newMedia(ctx, opts.Site, statics, cfg, s, b.media)
	m.r.UseMedia(mediaView{m.media, s})
	if opts.Strict {
		diags.Promote()
	}
	if diags.HasErrors() || ctx.Err() != nil {
		// Nothing is rendered, but every Markdown error is still reported
		// with the others, so that one run shows them all.
		work.Each(ctx, len(s.Pages), func(i int) {
			_, ent := m.markdown(opts.Site, s.Pages[i], nil, s.Pages[i].Doc.BodySum)
			for _, d := range ent.diags {
				diags.Add(d)
			}
		})
		return res
	}
	if ready := b.ready; ready != nil {
		b.ready = nil
		var err error
		if out, have, err = ready(); err != nil {
			diags.Errorf(diag.Pos{File: "."}, diag.CodeOutput, "check the output folder's permissions and free space", "cannot prepare the output folder: %v", err)
			return res
		}
	}
	global := globalSum(opts, theme)
	noBaseURL(cfg, diags)
	modelDiags := diags.Items()
	rs := b.newRenderState(ctx, m, diags, out, have)
	rs.global = global
	for _, p := range producers() {
		p.all(rs)
	}
	rs.errs.report(diags)
	if opts.Strict {
		diags.Promote()
	}
	b.finish(res, rs, global, modelDiags)
	return res
}

// finish removes what the build no longer makes and, after a good build,
// keeps its state for the next.
func (b *Builder) finish(res *Result, rs *renderState, global sum, otherDiags []*diag.Diagnostic) {
	m := rs.m
	for _, p := range m.site.Pages {
		if p.Output != "" {
			res.Pages[p.Lang]++
		}
	}
	res.Files = rs.w.sums.Len()
	res.Executed = rs.executed
	res.Written = rs.w.written
	res.Search = rs.searchSizes
	res.ImagesEncoded, res.ImagesCached = rs.imagesEncoded, rs.imagesCached
	if rs.diags.HasErrors() || rs.ctx.Err() != nil {
		return // an interrupted build is not one to build on
	}
	if rm, ok := rs.w.out.(Remover); ok && !res.Partial { // a rebuild of bodies makes the same files
		var gone []string
		for name := range rs.w.have.All() {
			if _, ok := rs.w.sums.Get(name); !ok {
				gone = append(gone, name)
			}
		}
		sort.Strings(gone)
		for _, name := range gone {
			if err := rm.Remove(name); err != nil {
				rs.diags.Errorf(diag.Pos{File: name}, diag.CodeOutput, "check the output folder's permissions", "cannot remove /%s: %v", name, err)
			}
		}
		res.Removed = len(gone)
	}
	next := &state{global: global, md: rs.md, pages: rs.pages, out: rs.w.sums, sizes: rs.w.sizes, files: rs.files, owners: rs.w.owners, diags: otherDiags,
		searchStale: rs.searchStale}
	res.SearchPending = len(rs.searchStale) > 0
	if b.opts.Preview { // a large site's biggest part: kept only where edits to bodies are reported
		next.model, next.bodySums, next.summaries, next.metas, next.listShows = m, rs.bodySums, rs.summaries, rs.metas, rs.listShows
		next.shownBy = sync.OnceValue(func() map[*site.Entry][]int { return shownBy(rs.listShows) })
		if rs.prev != nil && res.Partial {
			next.shownBy = rs.prev.shownBy // the same views
		}
	}
	b.prev = next
	b.media = m.media
}

// withoutModel returns st without what rebuilds of bodies need.
func (st *state) withoutModel() *state {
	c := *st
	c.model, c.bodySums, c.summaries, c.metas, c.listShows, c.shownBy = nil, nil, nil, nil, nil, nil
	return &c
}

// shownBy turns the documents each list page shows around: the list pages
// (by index in listJobs) whose views hold each document's link.
func shownBy(listShows [][]*site.Entry) map[*site.Entry][]int {
	by := map[*site.Entry][]int{}
	for i, entries := range listShows {
		for _, en := range entries {
			if l := by[en]; len(l) == 0 || l[len(l)-1] != i {
				by[en] = append(l, i)
			}
		}
	}
	return by
}

// bodies rebuilds after edits to the bodies of documents alone: the front
// matter of every changed file is byte for byte as before, so the model
// stands and only the pages that show those bodies are rendered again. It
// returns nil when the edits need a full build. searchNow makes the
// search indexes that earlier rebuilds of bodies left to make.
func (b *Builder) bodies(ctx context.Context, out Output, have *layer[string, sum], changed []string, searchNow bool) *Result {
	start := time.Now()
	prev, m := b.prev, b.prev.model
	type edit struct {
		file  string
		pages []*site.Page
		src   []byte
		sum   sum
	}
	for _, p := range producers() {
		if p.bodies == nil {
			return nil // this kind of output cannot tell what bodies change
		}
	}
	var edits []edit
	for _, f := range changed {
		d := m.site.Doc(f)
		if d == nil || path.Ext(f) != ".md" {
			return nil // a new file, a template, a picture…
		}
		src, bs, same, err := content.Reread(b.opts.Site, d)
		if err != nil || !same {
			return nil
		}
		old, ok := prev.bodySums.Get(f)
		if !ok {
			old = d.BodySum
		}
		if bs == old {
			continue
		}
		edits = append(edits, edit{file: f, pages: m.site.PagesOf(d), src: src, sum: bs})
		b.dirty = append(b.dirty, f)
	}
	diags := &diag.List{}
	res := &Result{Diags: diags, Pages: map[string]int{}, Config: m.cfg, Site: m.site}
	defer func() { res.Duration = time.Since(start) }()
	rs := b.newRenderState(ctx, m, diags, out, have)
	rs.searchNow = searchNow
	// This build's state is a layer over the previous one's, which stays
	// as it was whatever happens here.
	rs.global = prev.global
	rs.pages, rs.md, rs.bodySums = prev.pages.over(), prev.md.over(), prev.bodySums.over()
	rs.w.sums, rs.w.sizes, rs.w.owners, rs.w.partial = prev.out.over(), prev.sizes.over(), prev.owners.over(), true
	rs.summaries, rs.metas, rs.listShows = slices.Clone(prev.summaries), prev.metas, prev.listShows
	e := &bodyEdits{bodies: map[*site.Page]*markdown.Result{}, summaries: map[*site.Entry]bool{}}
	for _, ed := range edits {
		rs.bodySums.Set(ed.file, ed.sum)
		for _, p := range ed.pages {
			body, ent := m.markdown(b.opts.Site, p, ed.src, ed.sum)
			if old := prev.md.Value(p.Doc.File); old == nil || old.summary != ent.summary {
				if p.Doc.Common.Summary == "" {
					e.summaries[p.Entry] = true
				}
			}
			rs.md.Set(p.Doc.File, ent)
			rs.summaries[p.Index] = ent.summary
			e.bodies[p] = body
		}
	}
	if m.media.missed.Load() {
		return nil // a body shows a picture of static/ that no page showed
	}
	for _, p := range producers() {
		p.bodies(rs, e)
		if rs.needFull {
			return nil // nothing is written yet: see searchOfBodies
		}
	}
	for _, d := range prev.diags {
		diags.Add(d)
	}
	for _, j := range m.docJobs {
		if ent := rs.md.Value(j.Page().Doc.File); ent != nil {
			for _, d := range ent.diags {
				diags.Add(d)
			}
		}
	}
	rs.errs.report(diags)
	if b.opts.Strict {
		diags.Promote()
	}
	res.Partial = true
	b.finish(res, rs, prev.global, prev.diags)
	return res
}
