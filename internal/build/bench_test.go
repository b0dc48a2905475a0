package build

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"risalah"
	"risalah/internal/corpus"
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

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("large corpus")
			}
			fsys := corpusFS(n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res := Run(context.Background(), Options{Site: fsys, Theme: risalah.Theme(), Now: testNow}, discard{})
				if !res.OK() {
					b.Fatal(res.Diags.Err())
				}
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
