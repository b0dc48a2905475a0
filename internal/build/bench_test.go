package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"risalah"
	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/corpus"
	"risalah/internal/diag"
	"risalah/internal/imaging/imagingtest"
	"risalah/internal/markdown"
	"risalah/internal/render"
	"risalah/internal/site"
	"risalah/internal/work"
)

func corpusFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range corpus.Generate(n, 1) {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// discard is an Output that drops files, so benchmarks measure the build.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// sizes are the corpus sizes of the benchmarks, documents per language.
func sizes(b *testing.B) []int {
	if testing.Short() {
		return []int{1000}
	}
	return []int{1000, 10000}
}

// BenchmarkBuild is a whole build in memory, writing nothing.
func BenchmarkBuild(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			fsys := corpusFS(n)
			b.ReportAllocs()
			for b.Loop() {
				res := Run(context.Background(), Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}, discard{})
				if !res.OK() {
					b.Fatal(res.Diags.Err())
				}
			}
		})
	}
}

// BenchmarkSearchCost measures what the search index adds to a whole
// build: each iteration builds the generated site with search and without
// it (search.disabled), each from a collected heap, and the benchmark
// reports both times, the share of the build the index takes in wall time
// and in CPU time (busy time as the Go runtime counts it, which other
// programs on the machine disturb less), and the index's sizes: its
// files, bytes, and the most a first one-word query fetches (compressed,
// per language).
//
//	go test ./internal/build -run XXX -bench SearchCost -benchtime 3x
func BenchmarkSearchCost(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			on := corpusFS(n)
			off := corpusFS(n)
			cfg := *off["site.yaml"]
			cfg.Data = append(bytes.Clone(cfg.Data), "\nsearch:\n  disabled: true\n"...)
			off["site.yaml"] = &cfg
			var with, without time.Duration
			var withCPU, withoutCPU float64
			for b.Loop() {
				for _, c := range []struct {
					fsys fstest.MapFS
					took *time.Duration
					cpu  *float64
				}{{on, &with, &withCPU}, {off, &without, &withoutCPU}} {
					runtime.GC()
					busy := busyCPU()
					start := time.Now()
					res := Run(context.Background(), Options{Site: c.fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}, discard{})
					*c.took += time.Since(start)
					*c.cpu += busyCPU() - busy
					if !res.OK() {
						b.Fatal(res.Diags.Err())
					}
					if c.took == &with {
						if len(res.Search) == 0 {
							b.Fatal("no search index made")
						}
						var files, bytes, first int
						for _, sz := range res.Search {
							files += sz.Files
							bytes += int(sz.Bytes)
							first = max(first, sz.First)
						}
						b.ReportMetric(float64(files), "index-files")
						b.ReportMetric(float64(bytes), "index-B")
						b.ReportMetric(float64(first), "first-query-gzB")
					} else if len(res.Search) > 0 {
						b.Fatal("search.disabled made an index")
					}
				}
			}
			runs := float64(b.N)
			b.ReportMetric(with.Seconds()/runs, "with-s")
			b.ReportMetric(without.Seconds()/runs, "without-s")
			b.ReportMetric(100*(with-without).Seconds()/with.Seconds(), "search-%")
			b.ReportMetric(100*(withCPU-withoutCPU)/withCPU, "search-cpu-%")
		})
	}
}

// busyCPU returns the CPU time the Go runtime has counted as busy (all
// but idle) since the program started, in seconds.
func busyCPU() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/total:cpu-seconds"}, {Name: "/cpu/classes/idle:cpu-seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64() - s[1].Value.Float64()
}

// stages holds each stage's output for the benchmarks of the next one.
type stages struct {
	fsys   fstest.MapFS
	cfg    *config.Config
	set    *content.Set
	site   *site.Site
	srcs   [][]byte
	bodies []*markdown.Result
	r      *render.Renderer
}

func prepare(b *testing.B, n int) *stages {
	b.Helper()
	st := &stages{fsys: corpusFS(n)}
	var diags diag.List
	st.cfg = config.Load(st.fsys, &diags)
	st.set = content.Load(context.Background(), st.fsys, st.cfg, &diags)
	st.site = site.New(st.cfg, st.set, site.Options{Now: testNow}, &diags)
	md := markdown.New(markdown.Options{})
	st.srcs = make([][]byte, len(st.site.Pages))
	st.bodies = make([]*markdown.Result, len(st.site.Pages))
	for i, p := range st.site.Pages {
		src, err := content.ReadBody(st.fsys, p.Doc)
		if err != nil {
			b.Fatal(err)
		}
		st.srcs[i] = src
		st.bodies[i] = md.Render(markdown.Input{File: p.Doc.File, Body: src, Line: p.Doc.BodyLine}, &recorder{s: st.site, p: p, links: new([]resolution)}, &diags)
	}
	theme := Overlay(nil, sub(risalah.Theme(), "templates"))
	st.r = render.New(st.site, theme, render.LoadCatalog(theme, st.cfg.LangCodes(), &diags), Stylesheet, &diags)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	return st
}

// BenchmarkStages measures each stage alone: loading and decoding every
// file, resolving the site model, rendering Markdown, executing templates,
// and writing the pages to disk.
func BenchmarkStages(b *testing.B) {
	for _, n := range sizes(b) {
		st := prepare(b, n)
		ctx := context.Background()
		b.Run(fmt.Sprintf("load/docs=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				content.Load(ctx, st.fsys, st.cfg, &diag.List{})
			}
		})
		b.Run(fmt.Sprintf("resolve/docs=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				site.New(st.cfg, st.set, site.Options{Now: testNow}, &diag.List{})
			}
		})
		b.Run(fmt.Sprintf("markdown/docs=%d", n), func(b *testing.B) {
			md := markdown.New(markdown.Options{})
			b.ReportAllocs()
			for b.Loop() {
				work.Each(ctx, len(st.site.Pages), func(i int) {
					p := st.site.Pages[i]
					md.Render(markdown.Input{File: p.Doc.File, Body: st.srcs[i], Line: p.Doc.BodyLine}, &recorder{s: st.site, p: p, links: new([]resolution)}, &diag.List{})
				})
			}
		})
		docs, jobs := st.r.DocJobs(), st.r.ListJobs()
		sums := func(p *site.Page) string { return st.bodies[p.Index].Summary }
		b.Run(fmt.Sprintf("render/docs=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				work.Each(ctx, len(docs), func(i int) {
					var buf bytes.Buffer
					if err := st.r.Execute(st.r.Prepare(docs[i], st.bodies[docs[i].Page().Index], nil), &buf); err != nil {
						b.Fatal(err)
					}
				})
				work.Each(ctx, len(jobs), func(i int) {
					var buf bytes.Buffer
					if err := st.r.Execute(st.r.Prepare(jobs[i], nil, sums), &buf); err != nil {
						b.Fatal(err)
					}
				})
			}
		})
		b.Run(fmt.Sprintf("write/docs=%d", n), func(b *testing.B) {
			page := bytes.Repeat([]byte("<p>risalah</p>\n"), 1000)
			b.ReportAllocs()
			for b.Loop() {
				dir := b.TempDir()
				stage, err := newStaging(dir + "/public")
				if err != nil {
					b.Fatal(err)
				}
				work.Each(ctx, len(jobs), func(i int) {
					if err := stage.WriteFile(jobs[i].Output, page); err != nil {
						b.Fatal(err)
					}
				})
				if err := stage.Publish(); err != nil {
					b.Fatal(err)
				}
				os.RemoveAll(dir)
			}
		})
	}
}

// TestCorpusBuilds keeps the generator honest: a small corpus builds
// strictly, without warnings.
func TestCorpusBuilds(t *testing.T) {
	res, out := buildSite(t, corpusFS(40), Options{Strict: true})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	if res.Pages["id"] != 40 || res.Pages["en"] != 40 || len(out.Files) < 80 {
		t.Errorf("pages %v, files %d", res.Pages, len(out.Files))
	}
}

// BenchmarkRebuild is a rebuild after editing one document, reusing the
// previous build (in memory, as the preview does): its body, which keeps
// the site's model, or its title, which loads and resolves the site again
// but renders only the pages that show the title.
func BenchmarkRebuild(b *testing.B) {
	for _, n := range sizes(b) {
		for _, kind := range []string{"body", "title"} {
			b.Run(fmt.Sprintf("docs=%d/edit=%s", n, kind), func(b *testing.B) {
				fsys := corpusFS(n)
				var doc string
				for name := range fsys {
					if strings.HasPrefix(name, "content/news/") && (doc == "" || name < doc) {
						doc = name
					}
				}
				src := fsys[doc].Data
				bl := NewBuilder(Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages, Preview: true})
				out := coldBuild(b, bl)
				b.ReportAllocs()
				b.ResetTimer()
				for i := range b.N {
					data := append([]byte(nil), src...)
					if kind == "body" {
						data = fmt.Appendf(data, "\nParagraf %d.\n", i)
					} else {
						data = bytes.Replace(data, []byte("title: \""), fmt.Appendf(nil, "title: \"Suntingan %d ", i), 1)
					}
					fsys[doc] = &fstest.MapFile{Data: data, Mode: 0o644}
					res := bl.Build(context.Background(), out, bl.Sums(), []string{doc})
					if !res.OK() || res.Written == 0 {
						b.Fatalf("rebuild: %v, %d written", res.Diags, res.Written)
					}
				}
			})
		}
	}
}

// coldBuild is a rebuild benchmark's first build, in a function of its own
// so that profiles tell it from the rebuilds.
func coldBuild(b *testing.B, bl *Builder) *Memory {
	out := NewMemory()
	if res := bl.Build(context.Background(), out, nil, nil); !res.OK() {
		b.Fatal(res.Diags)
	}
	return out
}

// photoBench is a site of n news posts, each a page bundle with one
// 12-megapixel photo as a phone takes it (4000×3000, with EXIF and a GPS
// position). The photos differ in their last bytes only, after the image's
// end, so each is decoded and encoded in full but made once.
func photoBench(b *testing.B, n int) fstest.MapFS {
	b.Helper()
	base := imagingtest.JPEG(imagingtest.Camera(4000, 3000, 1), 1)
	fsys := siteFS(b, []byte(minimalConfig))
	old := time.Now().Add(-time.Hour)
	for i := range n {
		dir := fmt.Sprintf("content/news/foto-%03d/", i)
		fsys[dir+"index.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Foto %d\ndate: 2024-01-01\nimage: {src: foto.jpg, alt: Foto kegiatan %d}\n---\nIsi.\n", i, i)), ModTime: old}
		photo := append(slices.Clip(base), fmt.Sprintf("photo %d", i)...)
		fsys[dir+"foto.jpg"] = &fstest.MapFile{Data: photo, ModTime: old}
	}
	return fsys
}

// BenchmarkPhotos measures the photo pipeline on 200 camera photos:
// "cold" builds with an empty image cache (every photo encoded), "rebuild"
// is a second run of risalah build with the cache (none encoded), and
// "serve-add-one" is the live preview after a photo is added to a page's
// folder (that one encoded). Each reports the photos encoded per build.
//
//	go test ./internal/build -run XXX -bench Photos -benchtime 1x
func BenchmarkPhotos(b *testing.B) {
	const n = 200
	fsys := photoBench(b, n)
	ctx := context.Background()
	opts := Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	build := func(b *testing.B, o Options) *Result {
		res := NewBuilder(o).Build(ctx, NewMemory(), nil, nil)
		if !res.OK() {
			b.Fatal(res.Diags)
		}
		return res
	}
	b.Run("cold", func(b *testing.B) {
		encoded := 0
		for b.Loop() {
			o := opts
			o.ImageCache = DirImageCache(b.TempDir())
			encoded = build(b, o).ImagesEncoded
		}
		b.ReportMetric(float64(encoded), "encoded/build")
	})
	cache := DirImageCache(b.TempDir())
	warm := opts
	warm.ImageCache = cache
	build(b, warm)
	b.Run("rebuild", func(b *testing.B) {
		encoded := 0
		for b.Loop() {
			encoded = build(b, warm).ImagesEncoded
		}
		b.ReportMetric(float64(encoded), "encoded/build")
	})
	b.Run("serve-add-one", func(b *testing.B) {
		po := warm
		po.Preview = true
		pb := NewBuilder(po)
		out := NewMemory()
		if res := pb.Build(ctx, out, nil, nil); !res.OK() {
			b.Fatal(res.Diags)
		}
		photo := fsys["content/news/foto-000/foto.jpg"].Data
		encoded, i := 0, 0
		for b.Loop() {
			i++
			name := fmt.Sprintf("content/news/foto-000/baru-%d.jpg", i)
			fsys[name] = &fstest.MapFile{Data: append(slices.Clip(photo), fmt.Sprintf("new %d", i)...), ModTime: time.Now().Add(-time.Minute)}
			res := pb.Build(ctx, out, pb.Sums(), []string{name})
			if !res.OK() {
				b.Fatal(res.Diags)
			}
			encoded = res.ImagesEncoded
		}
		b.ReportMetric(float64(encoded), "encoded/build")
	})
}
