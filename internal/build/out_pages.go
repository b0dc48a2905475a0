package build

import (
	"bytes"
	"sort"

	"risalah/internal/markdown"
	"risalah/internal/render"
	"risalah/internal/site"
	"risalah/internal/work"
)

// docPages are the documents' own pages, each rendered with its body.
var docPages = producer{name: "document pages", all: allDocPages, bodies: docPagesOfBodies}

// allDocPages renders each document's Markdown (unless the previous build
// rendered the same) and writes its page at once, on all cores; only the
// summary is kept, for the lists.
func allDocPages(rs *renderState) {
	m, diags := rs.m, rs.diags
	var prevMD *layer[string, *mdEntry]
	if rs.prev != nil {
		prevMD = rs.prev.md
	}
	rs.summaries = make([]string, len(m.site.Pages))
	rs.metas = make([]render.PageMeta, len(m.docJobs)+len(m.listJobs))
	entries := make([]*mdEntry, len(m.docJobs))
	work.Each(rs.ctx, len(m.docJobs), func(i int) {
		defer rs.donePage()
		j := m.docJobs[i]
		p := j.Page()
		ent := prevMD.Value(p.Doc.File)
		var body *markdown.Result
		if bs := rs.bodySum(p); !ent.valid(m, p, bs) {
			body, ent = m.markdown(rs.b.opts.Site, p, nil, bs)
			if body == nil {
				entries[i] = ent
				return
			}
		}
		entries[i] = ent
		rs.summaries[p.Index] = ent.summary
		rs.docPage(i, ent, body)
	})
	for i, ent := range entries {
		if ent == nil {
			continue
		}
		rs.md.Set(m.docJobs[i].Page().Doc.File, ent)
		for _, d := range ent.diags {
			diags.Add(d)
		}
	}
}

// docPagesOfBodies renders the pages whose bodies changed.
func docPagesOfBodies(rs *renderState, e *bodyEdits) {
	m := rs.m
	redo := map[int]bool{} // doc jobs by index
	for p := range e.bodies {
		if i, ok := m.jobOf[p]; ok {
			redo[i] = true
		}
	}
	docs := make([]int, 0, len(redo))
	for i := range redo {
		docs = append(docs, i)
	}
	sort.Ints(docs)
	work.Each(rs.ctx, len(docs), func(k int) {
		p := m.docJobs[docs[k]].Page()
		rs.docPage(docs[k], rs.md.Value(p.Doc.File), e.bodies[p])
	})
}

// listPages are every other HTML page: home, lists, archives, taxonomies,
// registers and alias redirects.
var listPages = producer{name: "list pages", all: allListPages, bodies: listPagesOfBodies}

func allListPages(rs *renderState) {
	rs.listShows = make([][]*site.Entry, len(rs.m.listJobs))
	work.Each(rs.ctx, len(rs.m.listJobs), func(i int) {
		rs.listPage(i)
		rs.donePage()
	})
}

// listPagesOfBodies renders the list pages that show a changed summary.
func listPagesOfBodies(rs *renderState, e *bodyEdits) {
	redo := map[int]bool{}
	for en := range e.summaries {
		for _, i := range rs.prev.shownBy()[en] {
			redo[i] = true
		}
	}
	jobs := make([]int, 0, len(redo))
	for i := range redo {
		jobs = append(jobs, i)
	}
	sort.Ints(jobs)
	work.Each(rs.ctx, len(jobs), func(k int) { rs.listPage(jobs[k]) })
}

// docPage renders document job i, whose body ent describes; body is its
// rendered Markdown when at hand, else it is rendered again if the page
// must be.
func (rs *renderState) docPage(i int, ent *mdEntry, body *markdown.Result) {
	m := rs.m
	j := m.docJobs[i]
	pr := m.r.Prepare(j, &markdown.Result{Summary: ent.summary, Headings: ent.headings}, nil)
	if !rs.w.partial { // a rebuild of bodies keeps the previous build's: a body has no part in them
		rs.metas[i] = pr.Meta
	}
	rs.page(pr, ent.linksSum(), func() *markdown.Result {
		if body != nil {
			return body
		}
		r, _ := m.markdown(rs.b.opts.Site, j.Page(), nil, rs.bodySum(j.Page())) // its diagnostics are the entry's
		return r
	}, nil)
}

// listSummary gives list pages the summaries of this build's bodies.
func (rs *renderState) listSummary(p *site.Page) string { return rs.summaries[p.Index] }

// listPage renders list job i.
func (rs *renderState) listPage(i int) {
	m := rs.m
	pr := m.r.Prepare(m.listJobs[i], nil, rs.listSummary)
	var shows *[]*site.Entry
	if !rs.w.partial { // a rebuild of bodies keeps the previous build's: the model is the same
		rs.metas[len(m.docJobs)+i] = pr.Meta
		shows = &rs.listShows[i]
	}
	rs.page(pr, sum{}, nil, shows)
}

// page renders one prepared page unless the previous build made the same
// page and out still holds it. body renders a document's Markdown when
// its template must run after all. shows, when not nil, receives the
// documents whose links the page's view holds (see fingerprinter.shows).
func (rs *renderState) page(pr render.Prepared, extra sum, body func() *markdown.Result, shows *[]*site.Entry) {
	j := pr.Job
	if pr.View != nil && pr.View.Doc != nil {
		pr.View.Doc.Body = "" // fingerprinted through extra
	}
	f := rs.fps.Get().(*fingerprinter)
	fp := f.sum(pr.Data, extra, rs.m.r.TemplateSum(j))
	if shows != nil && rs.b.opts.Preview { // only the preview keeps the model for rebuilds of bodies
		*shows = append([]*site.Entry(nil), f.shows...)
	}
	rs.fps.Put(f)
	prev := rs.prev
	same := prev != nil && prev.global == rs.global && prev.pages.Value(j.Output) == fp
	var old sum
	held := false
	if same {
		old, held = prev.out.Get(j.Output)
		h, ok := rs.w.have.Get(j.Output)
		held = held && ok && h == old
	}
	rs.mu.Lock()
	rs.pages.Set(j.Output, fp)
	rs.mu.Unlock()
	if same && held {
		rs.w.keep(j.Output, j.Source, old, prev.sizes.Value(j.Output))
		return
	}
	if body != nil {
		res := body()
		if res == nil {
			return
		}
		pr.SetBody(res)
	}
	buf := rs.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer rs.bufs.Put(buf)
	if err := rs.m.r.Execute(pr, buf); err != nil {
		rs.errs.add(err, j)
		return
	}
	rs.mu.Lock()
	rs.executed++
	rs.mu.Unlock()
	rs.w.write(j.Output, j.Source, buf.Bytes())
}
