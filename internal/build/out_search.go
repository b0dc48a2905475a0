package build

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"strings"

	"risalah/internal/content"
	"risalah/internal/markdown"
	"risalah/internal/search"
	"risalah/internal/site"
	"risalah/internal/work"
)

// searchIndex is every language's search index (search.Build), under its
// search page. A body's words are analysed when it is rendered and kept
// with the body's entry, so an index is made again from what the build
// holds; the tracker writes only the index files whose bytes changed,
// which an edit to one document limits to the shards of the words it
// gained or lost, the doc/K.json that holds it, and docs.json.
//
// A rebuild of bodies, which only the preview makes, leaves the indexes
// as they were, so that the edited page reloads at once; the preview then
// calls Builder.Search, which makes the indexes of the languages edited.
var searchIndex = producer{name: "search index", all: allSearch, bodies: searchOfBodies}

func allSearch(rs *renderState) {
	if rs.m.cfg.Search.Disabled {
		return
	}
	langs := rs.m.site.Langs
	for i, x := range rs.searchFilesOf(langs) {
		rs.writeIndex(langs[i], x)
	}
}

// searchFilesOf makes the index files of langs, on all cores.
func (rs *renderState) searchFilesOf(langs []*site.Lang) []langIndex {
	files := make([]langIndex, len(langs))
	work.Each(rs.ctx, len(langs), func(i int) { files[i] = rs.searchFiles(langs[i]) })
	return files
}

// searchOfBodies records the languages whose bodies changed as left to
// make; with searchNow it makes the indexes of all those left so far,
// unless one would have other files than before, which only a full build
// can remove: it then asks for one before anything is written.
func searchOfBodies(rs *renderState, e *bodyEdits) {
	if rs.m.cfg.Search.Disabled {
		return
	}
	stale := map[string]bool{}
	for l := range rs.prev.searchStale {
		stale[l] = true
	}
	for p := range e.bodies {
		stale[p.Lang] = true
	}
	if !rs.searchNow {
		if len(stale) > 0 {
			rs.searchStale = stale
		}
		return
	}
	var langs []*site.Lang
	for _, l := range rs.m.site.Langs {
		if stale[l.Code] {
			langs = append(langs, l)
		}
	}
	files := rs.searchFilesOf(langs)
	for i, l := range langs {
		if !rs.sameIndexFiles(l, files[i]) {
			rs.needFull = true
			return
		}
	}
	for i, l := range langs {
		rs.writeIndex(l, files[i])
	}
}

// sameIndexFiles reports whether files are the files of l's index in the
// previous build, no more and no fewer.
func (rs *renderState) sameIndexFiles(l *site.Lang, x langIndex) bool {
	dir := rs.indexDir(l)
	want := map[string]bool{}
	for _, f := range x.files {
		want[dir+f.Path] = true
	}
	n := 0
	for name := range rs.prev.out.All() {
		if strings.HasPrefix(name, dir) {
			if !want[name] {
				return false
			}
			n++
		}
	}
	return n == len(want)
}

// indexDir is the output folder of l's search index, with a slash.
func (rs *renderState) indexDir(l *site.Lang) string {
	return strings.TrimSuffix(rs.m.site.Out(l.SearchIndexURL()+"index.json"), "index.json")
}

// Search makes the search indexes that rebuilds of bodies left as they
// were (Result.SearchPending), writing to out what changed as Build does.
// It returns nil when there are none; when an index would have other
// files than before, it makes a full build.
func (b *Builder) Search(ctx context.Context, out Output, have *layer[string, sum]) *Result {
	if b.prev == nil || b.prev.model == nil || len(b.prev.searchStale) == 0 {
		return nil
	}
	if res := b.bodies(ctx, out, have, nil, true); res != nil {
		return res
	}
	return b.Build(ctx, out, have, nil)
}

// excerptSize is how much of a body's text, in bytes, a result's excerpt is
// cut from.
const excerptSize = 400

// searchTerms analyses a body's plain text into its search terms and
// returns them with the start of the text, for excerpts.
func (m *model) searchTerms(lang, text string) (search.Terms, string) {
	if m.cfg.Search.Disabled {
		return search.Terms{}, ""
	}
	pool := m.analyzers[lang]
	an := pool.Get().(*search.Analyzer)
	t := an.Terms(search.Field{Weight: search.WeightBody, Text: text})
	pool.Put(an)
	return t, markdown.Shorten(text[:min(len(text), 2*excerptSize)], excerptSize)
}

// SearchSize is what one language's search index weighs, for the build's
// summary.
type SearchSize struct {
	Lang  string
	Docs  int
	Files int
	Bytes int64 // all its files
	// Written counts its files written, the others being as they were.
	Written int
	// First is the most a first one-word query fetches of the index,
	// compressed with gzip: index.json, docs.json, and the largest word
	// and stem shards. Results add their doc/K.json files.
	First int
}

// searchFiles makes the files of the search index of language l.
func (rs *renderState) searchFiles(l *site.Lang) langIndex {
	m := rs.m
	var docs []search.Doc
	for _, kind := range content.SectionKinds() {
		sec := l.Sections[kind]
		for _, it := range sec.Items {
			if !it.Missing {
				docs = append(docs, rs.searchDoc(l, it.Page, sec.Title))
			}
		}
	}
	for _, e := range m.site.Entries {
		if p, ok := e.Versions[l.Code]; ok && e.Kind == content.KindPage {
			docs = append(docs, rs.searchDoc(l, p, ""))
		}
	}
	return langIndex{files: search.Build(l.Code, docs), docs: len(docs)}
}

// langIndex is the search index of one language, made but not written.
type langIndex struct {
	files []search.File
	docs  int
}

// writeIndex writes the files of l's search index and records their sizes.
func (rs *renderState) writeIndex(l *site.Lang, x langIndex) {
	dir := l.SearchIndexURL()
	files := x.files
	size := SearchSize{Lang: l.Code, Docs: x.docs, Files: len(files)}
	var words, stems []byte
	out := rs.machine()
	for _, f := range files {
		if out.out(dir+f.Path, "content", f.Data) {
			size.Written++
		}
		size.Bytes += int64(len(f.Data))
		switch {
		case f.Path == "index.json" || f.Path == "docs.json":
			size.First += gzipSize(f.Data)
		case strings.HasPrefix(f.Path, "words/") && len(f.Data) > len(words):
			words = f.Data
		case strings.HasPrefix(f.Path, "stems/") && len(f.Data) > len(stems):
			stems = f.Data
		}
	}
	size.First += gzipSize(words) + gzipSize(stems)
	rs.searchSizes = append(rs.searchSizes, size) // in the site's order: indexes are written one after another
}

// searchDoc gathers what the index holds of page p, listed under the
// section named section ("" for a plain page).
func (rs *renderState) searchDoc(l *site.Lang, p *site.Page, section string) search.Doc {
	m := rs.m
	cfg := m.cfg
	order := cfg.LangCodes()
	d := p.Doc
	doc := search.Doc{URL: p.URL, Title: p.Title(), Section: section, Facets: map[string]string{"section": section}}
	if date := p.Published(); !date.IsZero() {
		doc.Date = date.Time.Format("2006-01-02")
		doc.Facets["year"] = date.Time.Format("2006")
	}
	var facts []string
	add := func(s ...string) { facts = append(facts, s...) }
	add(d.Common.Summary)
	add(d.Common.Tags...)
	switch {
	case d.Meeting != nil:
		mt := d.Meeting
		add(mt.Venue, mt.Theme, p.Organizer.Name(l.Code, order))
		add(site.Names(p.Participants, l.Code, order)...)
		if mt.Chair != nil {
			add(mt.Chair.Name, mt.Chair.Role)
		}
		for _, sp := range mt.Speakers {
			add(sp.Name, sp.Role)
		}
		add(mt.Agenda...)
		add(mt.Outcomes...)
		for _, a := range mt.Actions {
			add(a.Action, a.Owner)
		}
	case d.Regulation != nil:
		rg := d.Regulation
		// The number as people write it: "UU 6 2011", "6/2011",
		// "Nomor 6 Tahun 2011", and the key, which often holds the
		// short form they use (permenkumham-50-2016).
		number := []string{rg.Type, rg.Number, fmt.Sprint(rg.Year), rg.Number + "/" + fmt.Sprint(rg.Year), p.Entry.Key, numberWords(l.Code)}
		typeName := rg.Type
		if t := cfg.RegType(rg.Type); t != nil {
			typeName = t.Name.In(l.Code, order)
			number = append(number, typeName)
		}
		doc.Fields = append(doc.Fields, search.Field{Weight: search.WeightNumber, Text: strings.Join(number, " ")})
		doc.Facets["type"] = typeName
		doc.Facets["year"] = fmt.Sprint(rg.Year)
		if d.Common.Date.IsZero() && rg.Promulgated.IsZero() && rg.Enacted.IsZero() {
			doc.Date = fmt.Sprint(rg.Year) // not the first of January that Published gives
		}
		if st, err := m.texts.Lookup(l.Code, "status_"+strings.ReplaceAll(p.Status, "-", "_")); err == nil && p.Status != "" {
			doc.Facets["status"] = st
		}
		add(rg.Issuer, rg.Field, rg.Source)
		add(rg.Subjects...)
	case d.News != nil:
		add(d.News.Author)
	}
	doc.Fields = append(doc.Fields, search.Field{Weight: search.WeightFacts, Text: strings.Join(facts, "\n")})
	excerpt := d.Common.Summary
	if ent := rs.md.Value(d.File); ent != nil {
		doc.Body = &ent.terms
		if excerpt == "" {
			excerpt = ent.excerpt
		} else if ent.excerpt != "" {
			excerpt = markdown.Shorten(excerpt+" "+ent.excerpt, excerptSize)
		}
	}
	doc.Excerpt = excerpt
	return doc
}

// numberWords are the words a regulation's number is written with in a
// language: "Nomor 6 Tahun 2011", "No. 6 of 2011".
func numberWords(lang string) string {
	if lang == "id" {
		return "nomor no tahun"
	}
	return "number no of year"
}

// gzipSize returns the size of data compressed as a web server would.
func gzipSize(data []byte) int {
	if len(data) == 0 {
		return 0
	}
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}
