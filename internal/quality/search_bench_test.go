package quality

import (
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"risalah"
	"risalah/internal/build"
	"risalah/internal/corpus"
)

// BenchmarkSearchFetch builds a generated site of 10,000 documents per
// language, serves it compressed with gzip as a static host does, and
// measures in Chromium what opening a search link costs a reader: the bytes
// transferred for the search page with its stylesheet and script, then for
// the index files and results of the query, as the browser counts them
// (Resource Timing transferSize, headers included). The generated site
// uses a small vocabulary, so every word is in nearly every document: its
// postings are the longest an index of this size can have.
//
//	go test ./internal/quality -run XXX -bench SearchFetch -benchtime 1x
func BenchmarkSearchFetch(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	dir := b.TempDir()
	out := build.NewMemory()
	site := fstest.MapFS{}
	for name, data := range corpus.Generate(n, 1) {
		site[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	res := build.Run(context.Background(), build.Options{Site: site, Theme: risalah.Theme(), Now: buildNow}, out)
	if err := res.Diags.Err(); err != nil {
		b.Fatal(err)
	}
	if err := writeOutput(dir, out.Files); err != nil {
		b.Fatal(err)
	}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Cache-Control", "no-store")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		files.ServeHTTP(gzipWriter{w, gz}, r)
	}))
	b.Cleanup(srv.Close)
	for _, q := range []string{"pengawasan", "kantor imigrasi", "koordinasi rapat"} {
		b.Run("q="+strings.ReplaceAll(q, " ", "+"), func(b *testing.B) {
			var page, query float64
			for b.Loop() {
				br := newBrowser(b)
				br.do(b, chromedp.Navigate(srv.URL+"/cari/?q="+strings.ReplaceAll(q, " ", "+")))
				deadline := time.Now().Add(30 * time.Second)
				for eval[int](b, br, `document.querySelectorAll("#search-results li a").length`) < 10 {
					if time.Now().After(deadline) {
						b.Fatalf("%s: no results", q)
					}
					time.Sleep(50 * time.Millisecond)
				}
				sizes := eval[map[string]float64](b, br, `(() => {
					let page = performance.getEntriesByType("navigation")[0].transferSize, query = 0;
					for (const r of performance.getEntriesByType("resource")) {
						if (r.name.includes("/index/")) query += r.transferSize; else page += r.transferSize;
					}
					return {page, query};
				})()`)
				page, query = sizes["page"], sizes["query"]
			}
			b.Logf("%q: page %.1f KB, index and results %.1f KB, total %.1f KB", q, page/1000, query/1000, (page+query)/1000)
			b.ReportMetric(page, "page-B")
			b.ReportMetric(query, "query-B")
			b.ReportMetric(page+query, "total-B")
		})
	}
}

// gzipWriter sends a response through gzip.
type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(p []byte) (int, error) { return g.gz.Write(p) }
