package content

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"risalah/internal/config"
	"risalah/internal/diag"
)

// FuzzFrontMatter feeds any bytes to the loader as a news post, a meeting
// and a regulation. Nothing may panic, every diagnostic must point into
// the file, and no input may take more than a budget of time and memory
// (YAML aliases once made 390 bytes take 23 GB).
func FuzzFrontMatter(f *testing.F) {
	seeds := []string{
		"---\ntitle: Rapat\ndate: 2023-08-23\n---\nIsi.\n",
		"---\ntitle: [\n---\n",
		"---\ntitle: Rapat\n",
		"\ufeff---\r\ntitle: A\r\ndate: 2023-08-23T09:00\r\n---\r\n",
		"+++\ntitle = \"A\"\nyear = 2011\n+++\n",
		"{\n\"title\": \"A\", \"speakers\": [{\"name\": 1}]\n}\n\nIsi\n",
		"---\ntitle: A\nchair: {name: X, role: Y}\nactions:\n  - {action: a, due: 2023-02-30}\nvenue: [a, b]\n---\n",
		"---\na: &x {b: *x}\n---\n",
		"---\ntitle: A\ntype: UU\nnumber: 010\nyear: 1e9\namends: x\n---\n",
		";;;\n{\"title\": \"A\"}\n;;;\n",
		"---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntags: *f\n---\n",
		"+++\n" + strings.Repeat("k = [[[[[[[[[[1]]]]]]]]]]\n", 3) + "+++\n",
		"{\"title\": " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "}\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	var cfgDiags diag.List
	cfg := config.Parse("site.yaml", []byte("title: {id: S, en: S}\nlanguages: [{code: id, name: I}, {code: en, name: E}]\n"), &cfgDiags)
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{}
		for _, p := range []string{"content/news/a.md", "content/meetings/b.id.md", "content/meetings/b.en.md", "content/regulations/c.md"} {
			fsys[p] = &fstest.MapFile{Data: src}
		}
		var diags diag.List
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		// An input that never finishes would only end the fuzzing run:
		// this makes it a finding, saved under testdata/fuzz.
		watchdog := time.AfterFunc(20*time.Second, func() { panic(fmt.Sprintf("loading %q takes more than 20 s", src)) })
		Load(context.Background(), fsys, cfg, &diags)
		watchdog.Stop()
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if took > 2*time.Second {
			t.Errorf("loading %d bytes took %s", len(src), took)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20+uint64(len(src))*1000 {
			t.Errorf("loading %d bytes allocated %d MiB", len(src), alloc>>20)
		}
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 2
		for _, d := range diags.Items() {
			if d.Pos.File == "" || d.Pos.Line < 0 || d.Pos.Line > lines {
				t.Errorf("diagnostic outside the file (%d lines): %v", lines, d)
			}
		}
	})
}
