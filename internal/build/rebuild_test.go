package build

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"risalah/internal/content"

	"risalah"
)

// rebuildStep is one edit to a site between two builds.
type rebuildStep struct {
	name string
	edit func(fstest.MapFS) // changes the site
	// changed lists the edited files, as a watcher reports them; nil
	// means unknown.
	changed []string
	// bodies is set when the rebuild should not need the whole site.
	bodies  bool
	fails   bool
	written int // when > 0, at most this many files may be written, manifest.json included, besides the search index's
}

func replaceIn(file, old, new string) func(fstest.MapFS) {
	return func(fsys fstest.MapFS) {
		f := fsys[file]
		if !bytes.Contains(f.Data, []byte(old)) {
			panic(fmt.Sprintf("%s does not contain %q", file, old))
		}
		fsys[file] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1), Mode: 0o644}
	}
}

func steps() []rebuildStep {
	const news = "content/news/apa-itu-timpora.en.md"
	const newsID = "content/news/apa-itu-timpora.id.md"
	const reg = "content/regulations/uu-6-2011.id.md"
	return []rebuildStep{
		{name: "body, later paragraph", changed: []string{news}, bodies: true, written: 2, // the page and manifest.json
			edit: replaceIn(news, "Membership can differ", "Membership often differs")},
		{name: "body, first paragraph of a document without its own summary", changed: []string{reg}, bodies: true,
			edit: func(fsys fstest.MapFS) {
				f := fsys[reg]
				i := bytes.Index(f.Data[4:], []byte("\n---\n")) + 4 + 5
				data := append(append(append([]byte(nil), f.Data[:i]...), []byte("\nParagraf pembuka yang baru untuk ringkasan.\n\n")...), f.Data[i:]...)
				fsys[reg] = &fstest.MapFile{Data: data, Mode: 0o644}
			}},
		{name: "body and nothing else, twice the same", changed: []string{news}, bodies: true, written: 0,
			edit: func(fstest.MapFS) {}},
		{name: "raw HTML in a body warns with its line", changed: []string{news}, bodies: true,
			edit: replaceIn(news, "## Why a team?", "<div>raw</div>\n\n## Why a team?")},
		{name: "front matter one line longer, body the same: the warning moves", changed: []string{news},
			edit: replaceIn(news, "title: Getting", "draft: false\ntitle: Getting")},
		{name: "front matter: title", changed: []string{news},
			edit: replaceIn(news, "title: Getting to Know TIMPORA", "title: Meet TIMPORA")},
		{name: "a body put back as it was before the last full load", changed: []string{reg}, bodies: true,
			edit: replaceIn(reg, "\nParagraf pembuka yang baru untuk ringkasan.\n\n", "")},
		{name: "a new link in a body", changed: []string{newsID}, bodies: true,
			edit: replaceIn(newsID, "\n## ", "\nLihat juga [UU Keimigrasian](../regulations/uu-6-2011.id.md) dan [halaman lain](../regulations/uu-6-2011.en.md).\n\n## ")},
		{name: "the linked document's title changes", changed: []string{reg},
			edit: replaceIn(reg, "title: Undang-Undang Nomor", "title: UU Nomor")},
		{name: "the linked translation goes away", changed: []string{"content/regulations/uu-6-2011.en.md"},
			edit: func(fsys fstest.MapFS) { delete(fsys, "content/regulations/uu-6-2011.en.md") }},
		{name: "new document", changed: []string{"content/news/baru.id.md"},
			edit: func(fsys fstest.MapFS) {
				fsys["content/news/baru.id.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Berita baru\ndate: 2024-05-02\ntags: [timpora]\n---\n\nIsi berita baru.\n"), Mode: 0o644}
			}},
		{name: "broken front matter", changed: []string{"content/news/baru.id.md"}, fails: true,
			edit: replaceIn("content/news/baru.id.md", "title: Berita baru", "title: [Berita baru")},
		{name: "fixed again", changed: []string{"content/news/baru.id.md"},
			edit: replaceIn("content/news/baru.id.md", "title: [Berita baru", "title: Berita baru")},
		{name: "body edit after a fix", changed: []string{"content/news/baru.id.md"}, bodies: true,
			edit: replaceIn("content/news/baru.id.md", "Isi berita baru.", "Isi berita yang diperbarui.")},
		{name: "removed document", changed: []string{"content/news/baru.id.md"},
			edit: func(fsys fstest.MapFS) { delete(fsys, "content/news/baru.id.md") }},
		{name: "template", changed: []string{"templates/partials/item.html"},
			edit: func(fsys fstest.MapFS) {
				f := fsys["templates/partials/item.html"]
				fsys["templates/partials/item.html"] = &fstest.MapFile{Data: append([]byte("{{/* edited */}}"), f.Data...), Mode: 0o644}
			}},
		{name: "broken template", changed: []string{"templates/partials/item.html"}, fails: true,
			edit: replaceIn("templates/partials/item.html", "{{/* edited */}}", "{{/* edited */}}{{.NoSuchField}}")},
		{name: "template fixed", changed: []string{"templates/partials/item.html"},
			edit: replaceIn("templates/partials/item.html", "{{/* edited */}}{{.NoSuchField}}", "")},
		{name: "site.yaml", changed: []string{"site.yaml"},
			edit: replaceIn("site.yaml", "baseURL: ", "baseURL: https://example.org/x#")},
		{name: "static file", changed: nil,
			edit: func(fsys fstest.MapFS) {
				fsys["static/extra.txt"] = &fstest.MapFile{Data: []byte("extra\n"), Mode: 0o644}
			}},
		{name: "body edit with unknown changes", changed: nil,
			edit: replaceIn(news, "Membership often differs", "Membership differs")},
	}
}

// TestRebuildEqualsCleanBuild edits the sample site step by step and
// requires each rebuild, which reuses the previous one, to give the same
// files and diagnostics as a clean build of the same sources.
func TestRebuildEqualsCleanBuild(t *testing.T) {
	checkSteps(t, sampleSite(t), steps())
}

// TestRebuildWithoutBaseURL rebuilds bodies of a site without baseURL,
// whose clean build warns that it has no feeds: the warning stays.
func TestRebuildWithoutBaseURL(t *testing.T) {
	fsys := sampleSite(t)
	cfg := fsys["site.yaml"]
	var kept [][]byte
	for _, line := range bytes.SplitAfter(cfg.Data, []byte("\n")) {
		if !bytes.HasPrefix(line, []byte("baseURL:")) {
			kept = append(kept, line)
		}
	}
	fsys["site.yaml"] = &fstest.MapFile{Data: bytes.Join(kept, nil), Mode: 0o644}
	const news = "content/news/apa-itu-timpora.en.md"
	checkSteps(t, fsys, []rebuildStep{
		{name: "body, later paragraph", changed: []string{news}, bodies: true, written: 2, // the page and manifest.json
			edit: replaceIn(news, "Membership can differ", "Membership often differs")},
		{name: "body, first paragraph", changed: []string{news}, bodies: true,
			edit: replaceIn(news, "\n---\n", "\n---\n\nA new opening paragraph.\n\n")},
	})
}

// checkSteps builds fsys, then applies each step and compares the
// rebuild with a clean build.
func checkSteps(t *testing.T, fsys fstest.MapFS, steps []rebuildStep) {
	t.Helper()
	ctx := context.Background()
	opts := Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	popts := opts
	popts.Preview = true
	b := NewBuilder(popts)
	good := NewMemory()
	if res := b.Build(ctx, good, nil, nil); !res.OK() {
		t.Fatalf("first build: %v", res.Diags)
	}
	for _, st := range steps {
		st.edit(fsys)
		out := good.Clone()
		res := b.Build(ctx, out, b.Sums(), st.changed)
		clean := NewMemory()
		want := Run(ctx, opts, clean)
		if got, w := diagText(res), diagText(want); got != w {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", st.name, got, w)
		}
		if res.OK() == st.fails {
			t.Errorf("%s: OK = %v\n%s", st.name, res.OK(), diagText(res))
		}
		if !res.OK() {
			continue
		}
		if st.bodies != res.Partial {
			t.Errorf("%s: rebuilt bodies alone = %v, want %v", st.name, res.Partial, st.bodies)
		}
		index := 0 // the search index writes the files of the words edited
		for _, sz := range res.Search {
			index += sz.Written
		}
		if st.written > 0 && res.Written-index > st.written {
			t.Errorf("%s: %d files written, %d of the search index, want at most %d others", st.name, res.Written, index, st.written)
		}
		res = finishSearch(ctx, b, out, res)
		if !res.OK() {
			t.Fatalf("%s: making the search index: %v", st.name, res.Diags)
		}
		compareFiles(t, st.name, out.Files, clean.Files)
		if res.Files != len(clean.Files) {
			t.Errorf("%s: Result.Files = %d, want %d", st.name, res.Files, len(clean.Files))
		}
		good = out
	}
}

// finishSearch makes, as the preview does after a rebuild of bodies, the
// search indexes it left as they were, and returns the result of that, or
// res when there were none.
func finishSearch(ctx context.Context, b *Builder, out *Memory, res *Result) *Result {
	if !res.OK() || !res.SearchPending {
		return res
	}
	if r := b.Search(ctx, out, b.Sums()); r != nil {
		return r
	}
	return res
}

func diagText(r *Result) string {
	var lines []string
	for _, d := range r.Diags.Items() {
		lines = append(lines, d.Error())
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func compareFiles(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: %s missing", step, name)
			continue
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a clean build: %s", step, name, firstDiff(string(w), string(g)))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s should have been removed", step, name)
		}
	}
}

// TestRebuildSummaryShown edits the first paragraph of documents that have
// no summary of their own, so that every list, term page, related page and
// feed showing their summary must be made again, and nothing else; a
// theme's related-documents list shows summaries, which the default one
// leaves out.
func TestRebuildSummaryShown(t *testing.T) {
	fsys := siteFS(t, []byte(minimalConfig+`-- content/news/a.md --
---
title: Berita A
date: 2023-08-24
tags: [timpora, pengawasan]
meetings: [rakor]
regulations: [uu-6-2011]
---
Paragraf pembuka berita A.

Paragraf kedua.
-- content/news/b.md --
---
title: Berita B
date: 2023-08-25
tags: [timpora]
---
Paragraf pembuka berita B.
-- content/meetings/rakor.md --
---
title: Rakor
date: 2023-08-23
venue: Aula
organizer: Kantor Imigrasi
participants: [Polres]
regulations: [uu-6-2011]
---
Paragraf pembuka rapat.
-- content/regulations/uu-6-2011.md --
---
title: Keimigrasian
type: UU
number: "6"
year: 2011
---
Paragraf pembuka peraturan.
-- templates/partials/links.html --
<ul class="links">{{range .}}<li><a href="{{.URL}}">{{.Title}}</a> {{.Summary}}</li>{{end}}</ul>
`))
	// The site's own list of related documents shows their summaries too.
	const a, rakor, uu = "content/news/a.md", "content/meetings/rakor.md", "content/regulations/uu-6-2011.md"
	checkSteps(t, fsys, []rebuildStep{
		{name: "news summary", changed: []string{a}, bodies: true,
			edit: replaceIn(a, "Paragraf pembuka berita A.", "Ringkasan baru berita A.")},
		{name: "news, later paragraph", changed: []string{a}, bodies: true, written: 2, // the page and manifest.json
			edit: replaceIn(a, "Paragraf kedua.", "Paragraf kedua yang lain.")},
		{name: "meeting summary", changed: []string{rakor}, bodies: true,
			edit: replaceIn(rakor, "Paragraf pembuka rapat.", "Ringkasan rapat yang baru.")},
		{name: "regulation summary", changed: []string{uu}, bodies: true,
			edit: replaceIn(uu, "Paragraf pembuka peraturan.", "Ringkasan peraturan yang baru.")},
	})
}

// TestTemplateEditRendersItsPages edits one template at a time and
// requires the rebuild to execute only the pages whose templates reach
// it, and to equal a clean build.
func TestTemplateEditRendersItsPages(t *testing.T) {
	fsys := sampleSite(t)
	ctx := context.Background()
	opts := Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	b := NewBuilder(opts)
	good := NewMemory()
	first := b.Build(ctx, good, nil, nil)
	if !first.OK() {
		t.Fatal(first.Diags)
	}
	pages := func(kind content.Kind) int {
		n := 0
		for _, p := range first.Site.Pages {
			if p.Output != "" && p.Entry.Kind == kind {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		file string
		want func(executed int) bool
		says string
	}{
		{"templates/news.html", func(n int) bool { return n == pages(content.KindNews) }, "the news pages"},
		{"templates/regulations.html", func(n int) bool { return n == pages(content.KindRegulation) }, "the regulation pages"},
		{"templates/partials/person.html", func(n int) bool { return n == pages(content.KindMeeting) }, "the meeting pages (speakers, chair)"},
		{"templates/baseof.html", func(n int) bool { return n == first.Executed-len(first.Site.Aliases()) }, "every page but the alias redirects"},
	} {
		// A visible edit (a comment in the template would change nothing
		// the pages show, and renders nothing again).
		data := fsys[tc.file].Data
		if i := bytes.Index(data, []byte(`{{define "main"}}`)); i >= 0 {
			i += len(`{{define "main"}}`)
			data = append(append(append([]byte(nil), data[:i]...), "<!-- edited -->"...), data[i:]...)
		} else {
			data = append([]byte("<!-- edited -->"), data...)
		}
		fsys[tc.file] = &fstest.MapFile{Data: data, Mode: 0o644}
		out := good.Clone()
		res := b.Build(ctx, out, b.Sums(), nil)
		if !res.OK() {
			t.Fatalf("%s: %v", tc.file, res.Diags)
		}
		if !tc.want(res.Executed) {
			t.Errorf("editing %s executed %d pages, want %s", tc.file, res.Executed, tc.says)
		}
		clean := NewMemory()
		Run(ctx, opts, clean)
		compareFiles(t, tc.file, out.Files, clean.Files)
		good = out
	}
}

// TestRebuildAfterConfigError reports edits to a build that stops at a
// broken site.yaml, before it loads any document: the build that follows
// the fix must still see them, whether it is told what changed or not.
func TestRebuildAfterConfigError(t *testing.T) {
	const news = "content/news/apa-itu-timpora.en.md"
	for _, told := range []bool{true, false} {
		t.Run(fmt.Sprintf("told=%v", told), func(t *testing.T) {
			fixChanged := []string{"site.yaml"}
			if !told {
				fixChanged = nil
			}
			checkSteps(t, sampleSite(t), []rebuildStep{
				{name: "site.yaml broken, a body edited", changed: []string{"site.yaml", news}, fails: true,
					edit: func(fsys fstest.MapFS) {
						replaceIn("site.yaml", "baseURL:", "baseURL: [")(fsys)
						replaceIn(news, "Membership can differ", "Membership often differs")(fsys)
					}},
				{name: "a title edited meanwhile", changed: []string{news}, fails: true,
					edit: replaceIn(news, "title: Getting to Know TIMPORA", "title: Meet TIMPORA")},
				{name: "site.yaml fixed", changed: fixChanged,
					edit: replaceIn("site.yaml", "baseURL: [", "baseURL:")},
			})
		})
	}
}

// snapshot copies what a build state holds, to compare later.
func snapshot(st *state) map[string]string {
	out := map[string]string{}
	for name, s := range st.out.All() {
		out["out "+name] = fmt.Sprintf("%x %s", s[:4], st.owners.Value(name))
	}
	for name, s := range st.pages.All() {
		out["page "+name] = fmt.Sprintf("%x", s[:4])
	}
	for name, e := range st.md.All() {
		out["md "+name] = fmt.Sprintf("%x %q %d", e.key[:4], e.summary, len(e.diags))
	}
	for i, s := range st.summaries {
		out[fmt.Sprintf("summary %d", i)] = s
	}
	for name, s := range st.bodySums.All() {
		out["body "+name] = fmt.Sprintf("%x", s[:4])
	}
	if st.model != nil {
		for _, p := range st.model.site.Pages {
			out["doc "+p.Doc.File] = fmt.Sprintf("%x %q", p.Doc.BodySum[:4], p.Doc.Common.Summary)
		}
	}
	return out
}

// TestRebuildLeavesPreviousState rebuilds bodies, with and without an
// error, and requires every earlier state, model included, to hold what
// it held: a rebuild's state is a layer over the previous one.
func TestRebuildLeavesPreviousState(t *testing.T) {
	const news = "content/news/apa-itu-timpora.en.md"
	fsys := sampleSite(t)
	ctx := context.Background()
	b := NewBuilder(Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages, Preview: true})
	out := NewMemory()
	if res := b.Build(ctx, out, nil, nil); !res.OK() {
		t.Fatalf("first build: %v", res.Diags)
	}
	type kept struct {
		st   *state
		snap map[string]string
	}
	var states []kept
	keep := func() { states = append(states, kept{b.prev, snapshot(b.prev)}) }
	keep()
	for i, edit := range []struct {
		old, new string
		fails    bool
	}{
		{"Membership can differ", "Membership often differs", false},
		{"\n---\n", "\n---\n\nA new opening paragraph.\n\n", false},
		{"A new opening paragraph.", "A new opening paragraph.\n\n" + strings.Repeat(">", 40) + " too deep", true},
		{"A new opening paragraph.\n\n" + strings.Repeat(">", 40) + " too deep", "Another opening paragraph.", false},
	} {
		replaceIn(news, edit.old, edit.new)(fsys)
		before := b.prev
		next := out.Clone()
		res := b.Build(ctx, next, b.Sums(), []string{news})
		// After a failure the model is not kept, and the site is loaded again.
		partial := before.model != nil
		if res.OK() == edit.fails || (!edit.fails && res.Partial != partial) {
			t.Fatalf("edit %d: OK %v, partial %v:\n%s", i, res.OK(), res.Partial, diagText(res))
		}
		if edit.fails {
			if b.prev.model != nil || snapshotEqual(snapshot(b.prev), snapshot(before.withoutModel())) != "" {
				t.Fatalf("edit %d failed, and the state kept is not the previous one without its model", i)
			}
			continue
		}
		out = next
		keep()
		for k, s := range states {
			if d := snapshotEqual(snapshot(s.st), s.snap); d != "" {
				t.Errorf("after edit %d, state %d changed: %s", i, k, d)
			}
		}
	}
}

// snapshotEqual describes the first difference between two snapshots.
func snapshotEqual(got, want map[string]string) string {
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if got[k] != want[k] {
			return fmt.Sprintf("%s: %q, was %q", k, got[k], want[k])
		}
	}
	return ""
}
