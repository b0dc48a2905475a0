package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress shows a build's progress on one line of a terminal, once the
// build has run for a second, at most ten times a second, and clears the
// line when the build ends; it shows nothing when output is not a terminal.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown int // the width of the line shown, 0 when none
}

// newProgress returns the progress display of a build writing to w, or
// nil when w is not a terminal.
func newProgress(w io.Writer, now func() time.Time) *progress {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if info, err := f.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progress{w: w, now: now, start: now()}
}

// pages is build.Options.Progress.
func (p *progress) pages(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if t.Sub(p.start) < time.Second || t.Sub(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = t
	line := fmt.Sprintf("risalah: pages %d of %d (%d%%)", done, total, done*100/max(total, 1))
	fmt.Fprintf(p.w, "\r%-*s", p.shown, line)
	p.shown = len(line)
}

// clear removes the line, before the build's own output.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.shown))
		p.shown = 0
	}
}
