package build

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"risalah"
	"risalah/internal/corpus"
)

// TestRebuildProperty edits generated sites with seeded random sequences of
// edits — of bodies, front matter, translations, documents, link targets,
// templates, interface texts, site.yaml and static files, with now and then
// an error and later its fix — and requires every rebuild of one long-lived
// Builder to give the files, diagnostics and OK() of a clean build of the
// same sources. The Builder is told the files each step wrote, removed or
// saved unchanged, or now and then changed == nil; files get a later
// modification time at each write, except on some seeds, which have none
// (as embed.FS).
//
// RISALAH_PROPERTY_SEEDS and RISALAH_PROPERTY_STEPS run more seeds and
// longer sequences; RISALAH_PROPERTY_SHRINK=1 shrinks a failing sequence to
// a smaller one that still fails.
func TestRebuildProperty(t *testing.T) {
	seeds := propEnv(t, "RISALAH_PROPERTY_SEEDS", 3)
	steps := propEnv(t, "RISALAH_PROPERTY_STEPS", 15)
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			p := planProperty(uint64(seed), steps)
			m, n := p.replay(p.steps, true)
			t.Logf("%s: %d steps built, %d of them rebuilds of bodies alone, %d failed", p, n.steps, n.partial, n.failed)
			if m == nil {
				return
			}
			rerun := fmt.Sprintf("RISALAH_PROPERTY_SEEDS=%d RISALAH_PROPERTY_STEPS=%d go test ./internal/build -run 'TestRebuildProperty/seed=%d$'", seed, m.step+1, seed)
			if m.generator {
				t.Fatalf("%s\nthe test's edits went wrong at step %d, not the engine:\n%s\nsteps so far:\n%s\nrerun: %s",
					p, m.step+1, m.what, describeSteps(p.steps[:m.step+1]), rerun)
			}
			msg := fmt.Sprintf("%s\nstep %d: the rebuild differs from a clean build:\n%s\nsteps so far:\n%s\nrerun: %s",
				p, m.step+1, m.what, describeSteps(p.steps[:m.step+1]), rerun)
			if os.Getenv("RISALAH_PROPERTY_SHRINK") == "" {
				t.Fatalf("%s\n(add RISALAH_PROPERTY_SHRINK=1 to shrink the sequence)", msg)
			}
			small, sm := p.shrink(p.steps[:m.step+1], m)
			t.Fatalf("%s\n\nshrunk to %d step(s), step %d failing:\n%s\nthe steps, with every file they change:\n%s",
				msg, len(small), sm.step+1, sm.what, describePatches(small))
		})
	}
}

func propEnv(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", name, s)
	}
	return n
}

// propPlan is a generated site and a sequence of edits to it.
type propPlan struct {
	seed   uint64
	docs   int  // documents per language given to corpus.Generate
	noBase bool // site.yaml without baseURL
	// noTimes leaves the files without modification times, as embed.FS
	// has them; otherwise every write gives a file a later one, as a disk
	// does.
	noTimes bool
	initial fstest.MapFS
	steps   []propStep
}

func (p *propPlan) String() string {
	s := fmt.Sprintf("seed=%d: corpus.Generate(%d, %d)", p.seed, p.docs, p.seed)
	if p.noBase {
		s += " without baseURL"
	}
	if p.noTimes {
		s += ", files without modification times"
	}
	return s
}

// propStep is the edit between two builds: whole files, as a watcher
// sees them.
type propStep struct {
	desc    []string
	files   map[string]*fstest.MapFile // new contents; nil removes the file
	unknown bool                       // the Builder is told changed == nil
	touched string                     // a file saved as it was, in files
	broken  bool                       // the site has an error after this step
}

// changed applies st to fsys and returns what a watcher would report.
func (st *propStep) apply(fsys fstest.MapFS) []string {
	var changed []string
	for name, f := range st.files {
		if f == nil {
			delete(fsys, name)
		} else {
			fsys[name] = f
		}
		changed = append(changed, name)
	}
	if st.unknown {
		return nil
	}
	slices.Sort(changed)
	return changed
}

// propMismatch is the first step whose rebuild differs from a clean
// build, or (generator) whose site was not broken or whole as planned.
type propMismatch struct {
	step      int
	what      string
	generator bool
}

// replay builds the initial site, then applies each step and compares the
// long-lived Builder's rebuild with a clean build. With health, it also
// checks that the site is broken exactly when the plan broke it.
func (p *propPlan) replay(steps []propStep, health bool) (*propMismatch, propStats) {
	var n propStats
	ctx := context.Background()
	fsys := maps.Clone(p.initial)
	opts := Options{Site: fsys, Theme: risalah.Theme(), Now: testNow, ImageCache: testImages}
	popts := opts
	popts.Preview = true
	b := NewBuilder(popts)
	good := NewMemory()
	if res := b.Build(ctx, good, nil, nil); !res.OK() {
		return &propMismatch{step: -1, what: "the first build failed:\n" + diagText(res), generator: true}, n
	}
	for i := range steps {
		st := &steps[i]
		changed := st.apply(fsys)
		out := good.Clone()
		res := finishSearch(ctx, b, out, b.Build(ctx, out, b.Sums(), changed))
		clean := NewMemory()
		want := Run(ctx, opts, clean)
		if what := compareBuilds(res, out, want, clean); what != "" {
			return &propMismatch{step: i, what: what}, n
		}
		if health && st.broken == want.OK() {
			return &propMismatch{step: i, what: fmt.Sprintf("planned broken = %v, but a clean build gives OK() = %v:\n%s",
				st.broken, want.OK(), diagText(want)), generator: true}, n
		}
		n.steps++
		if res.Partial {
			n.partial++
		}
		if res.OK() {
			good = out
		} else {
			n.failed++
		}
	}
	return nil, n
}

// propStats counts what the rebuilds of a replay did.
type propStats struct{ steps, partial, failed int }

// compareBuilds describes how a rebuild differs from a clean build, or
// returns "".
func compareBuilds(res *Result, out *Memory, want *Result, clean *Memory) string {
	var b strings.Builder
	if got, w := diagText(res), diagText(want); got != w {
		b.WriteString("diagnostics differ:\n" + lineDiff(w, got))
	}
	if res.OK() != want.OK() {
		fmt.Fprintf(&b, "OK() = %v, a clean build's %v\n", res.OK(), want.OK())
	}
	if !res.OK() || !want.OK() {
		return b.String()
	}
	names := slices.Sorted(maps.Keys(clean.Files))
	for n := range out.Files {
		if clean.Files[n] == nil {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var first string
	differ := 0
	for _, n := range names {
		g, inOut := out.Files[n]
		w, inClean := clean.Files[n]
		var d string
		switch {
		case !inOut:
			d = "missing from the rebuild"
		case !inClean:
			d = "kept by the rebuild, not made by a clean build"
		case !bytes.Equal(g, w):
			d = byteDiff(w, g)
		default:
			continue
		}
		if differ++; first == "" {
			first = n + ": " + d
		}
	}
	if differ > 0 {
		fmt.Fprintf(&b, "%d files differ; the first, %s\n", differ, first)
	}
	if res.Files != len(clean.Files) {
		fmt.Fprintf(&b, "Result.Files = %d, a clean build makes %d\n", res.Files, len(clean.Files))
	}
	return b.String()
}

// lineDiff lists the lines only one of two sorted texts has.
func lineDiff(want, got string) string {
	var b strings.Builder
	only := func(label, a, other string) {
		have := map[string]bool{}
		for _, l := range strings.Split(other, "\n") {
			have[l] = true
		}
		n := 0
		for _, l := range strings.Split(a, "\n") {
			if l == "" || have[l] {
				continue
			}
			if n++; n <= 8 {
				fmt.Fprintf(&b, "  %s %s\n", label, l)
			}
		}
		if n > 8 {
			fmt.Fprintf(&b, "  %s … and %d more\n", label, n-8)
		}
	}
	only("only in the clean build:", want, got)
	only("only in the rebuild:    ", got, want)
	return b.String()
}

// byteDiff shows where got first differs from want, with some context:
// firstDiff's whole lines would be too long, a paragraph being one line.
func byteDiff(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	line := bytes.Count(want[:i], []byte("\n")) + 1
	around := func(b []byte) string {
		return fmt.Sprintf("%q", b[max(0, i-70):min(len(b), i+70)])
	}
	return fmt.Sprintf("line %d, byte %d:\n    clean:   %s\n    rebuild: %s", line, i, around(want), around(got))
}

func describeSteps(steps []propStep) string {
	var b strings.Builder
	for i, st := range steps {
		fmt.Fprintf(&b, "  %d. %s", i+1, strings.Join(st.desc, "; "))
		if st.touched != "" {
			b.WriteString("; saved as it was: " + st.touched)
		}
		if st.unknown {
			b.WriteString(" [changed: nil]")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// describePatches shows every file a (shrunk) step changes and how.
func describePatches(steps []propStep) string {
	var b strings.Builder
	for i, st := range steps {
		fmt.Fprintf(&b, "  %d. from: %s", i+1, strings.Join(st.desc, "; "))
		if st.unknown {
			b.WriteString(" [changed: nil]")
		}
		b.WriteByte('\n')
		for _, n := range slices.Sorted(maps.Keys(st.files)) {
			switch f := st.files[n]; {
			case f == nil:
				fmt.Fprintf(&b, "     %s removed\n", n)
			case n == st.touched:
				fmt.Fprintf(&b, "     %s saved as it was\n", n)
			default:
				fmt.Fprintf(&b, "     %s written (%d bytes)\n", n, len(f.Data))
			}
		}
	}
	return b.String()
}

// shrink takes out steps, then files from steps, then changed == nil and
// files saved as they were, as long as the replay still fails.
func (p *propPlan) shrink(steps []propStep, m *propMismatch) ([]propStep, *propMismatch) {
	try := func(cand []propStep) bool {
		if got, _ := p.replay(cand, false); got != nil && !got.generator {
			steps, m = cand[:got.step+1], got
			return true
		}
		return false
	}
	for again := true; again; {
		again = false
		// A successful try can cut the steps after the one that fails.
		for i := len(steps) - 1; i >= 0; i-- {
			if i < len(steps) && try(slices.Delete(slices.Clone(steps), i, i+1)) {
				again = true
			}
		}
		for i := len(steps) - 1; i >= 0; i-- {
			if i >= len(steps) {
				continue
			}
			for _, n := range slices.Sorted(maps.Keys(steps[i].files)) {
				if i >= len(steps) || len(steps[i].files) < 2 {
					break
				}
				cand := slices.Clone(steps)
				cand[i].files = maps.Clone(cand[i].files)
				delete(cand[i].files, n)
				if try(cand) {
					again = true
				}
			}
		}
		for i := range steps {
			if i < len(steps) && (steps[i].unknown || steps[i].touched != "") {
				cand := slices.Clone(steps)
				cand[i].files = maps.Clone(cand[i].files)
				delete(cand[i].files, cand[i].touched)
				cand[i].unknown, cand[i].touched = false, ""
				if try(cand) {
					again = true
				}
			}
		}
	}
	return steps, m
}

// planProperty generates the site and edits of one seed. The watcher's
// part — changed == nil now and then, or a file reported that was only
// saved — has a random source of its own.
func planProperty(seed uint64, steps int) *propPlan {
	r := rand.New(rand.NewPCG(seed, 0x5157a1))
	p := &propPlan{seed: seed, docs: 100 + r.IntN(21), noBase: seed%3 == 0, noTimes: seed%4 == 2}
	files := corpus.Generate(p.docs, int64(seed))
	if p.noBase {
		files["site.yaml"] = bytes.Replace(files["site.yaml"], []byte("baseURL: https://contoh.example/\n"), nil, 1)
	}
	file := func(data []byte, step int) *fstest.MapFile {
		f := &fstest.MapFile{Data: data, Mode: 0o644}
		if !p.noTimes {
			f.ModTime = time.Date(2025, 6, 1, 8, step, 0, 0, time.UTC)
		}
		return f
	}
	p.initial = fstest.MapFS{}
	for name, data := range files {
		p.initial[name] = file(data, 0)
	}
	ed := corpus.NewEditor(files, risalah.Theme(), seed)
	for i := range steps {
		s := ed.Step()
		st := propStep{desc: s.Edits, files: map[string]*fstest.MapFile{}, broken: s.Broken}
		for name, data := range s.Written {
			st.files[name] = file(data, i+1)
		}
		for _, name := range s.Removed {
			st.files[name] = nil
		}
		switch r.IntN(6) {
		case 0:
			st.unknown = true
		case 1:
			names := slices.Sorted(maps.Keys(files))
			if n := names[r.IntN(len(names))]; st.files[n] == nil {
				st.touched = n
				st.files[n] = file(files[n], i+1)
			}
		}
		p.steps = append(p.steps, st)
	}
	return p
}
