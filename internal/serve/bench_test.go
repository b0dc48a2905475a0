package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"risalah/internal/corpus"
)

// benchSite is a generated site being previewed, shared by the runs of
// one benchmark: its first build is the slow part.
type benchSite struct {
	base string
	ev   <-chan loopEvent
	doc  string // a document to edit
	src  []byte
}

// previewCorpus writes a generated site of n documents per language and
// previews it until b ends.
func previewCorpus(b *testing.B, n int) *benchSite {
	dir := b.TempDir()
	files := corpus.Generate(n, 1)
	if err := files.Write(dir); err != nil {
		b.Fatal(err)
	}
	var docs []string
	for name := range files {
		if strings.HasPrefix(name, "content/news/") && strings.HasSuffix(name, ".id.md") {
			docs = append(docs, name)
		}
	}
	sort.Strings(docs)
	start := time.Now()
	base, log := startPreview(b, dir)
	b.Cleanup(func() {
		if b.Failed() {
			b.Logf("preview log:\n%s", log)
		}
	})
	b.Logf("%d documents per language: first build and serving in %s", n, time.Since(start).Round(time.Millisecond))
	return &benchSite{base: base, ev: eventStream(b, base), doc: filepath.Join(dir, docs[len(docs)/2]), src: files[docs[len(docs)/2]]}
}

// BenchmarkEditToReload measures what an editor waits for: from saving a
// document to the browser receiving the reload event, on a generated
// site previewed by a running server (watcher, debounce, rebuild, event
// stream). body edits change a paragraph; title edits change the front
// matter, which rebuilds the site's model.
//
//	go test ./internal/serve -run XXX -bench EditToReload -benchtime 20x
func BenchmarkEditToReload(b *testing.B) {
	sizes := []int{1000, 10000}
	if testing.Short() {
		sizes = []int{1000}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			s := previewCorpus(b, n) // the sub-benchmarks share it
			edits := 0               // every edit must differ from the last
			for _, kind := range []string{"body", "title"} {
				b.Run("edit="+kind, func(b *testing.B) {
					var lat []time.Duration
					b.ResetTimer()
					for range b.N {
						edits++
						src := string(s.src)
						if kind == "body" {
							src += fmt.Sprintf("\nParagraf tambahan nomor %d.\n", edits)
						} else {
							src = strings.Replace(src, "title: \"", fmt.Sprintf("title: \"Suntingan %d ", edits), 1)
						}
						start := time.Now()
						if err := os.WriteFile(s.doc, []byte(src), 0o644); err != nil {
							b.Fatal(err)
						}
						awaitEvent(b, s.ev, "reload")
						lat = append(lat, time.Since(start))
					}
					b.StopTimer()
					sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
					ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
					b.ReportMetric(ms(lat[len(lat)/2]), "ms-median")
					b.ReportMetric(ms(lat[len(lat)*95/100]), "ms-p95")
					b.ReportMetric(0, "ns/op")
				})
			}
		})
	}
}
