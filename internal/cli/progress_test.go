package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgress drives the progress line with a clock of its own: nothing
// in the first second, then at most ten lines a second and always the
// last, each over the one before; clear leaves the line empty.
func TestProgress(t *testing.T) {
	var out bytes.Buffer
	now := time.Unix(0, 0)
	p := &progress{w: &out, now: func() time.Time { return now }, start: now}
	step := func(d time.Duration, done int) {
		now = now.Add(d)
		p.pages(done, 100)
	}
	step(500*time.Millisecond, 10)
	if out.Len() > 0 {
		t.Fatalf("shown within the first second: %q", out.String())
	}
	step(600*time.Millisecond, 20)
	step(10*time.Millisecond, 21) // too soon after the last
	step(100*time.Millisecond, 30)
	step(time.Millisecond, 100) // the last is always shown
	want := "\rrisalah: pages 20 of 100 (20%)\rrisalah: pages 30 of 100 (30%)\rrisalah: pages 100 of 100 (100%)"
	if got := out.String(); got != want {
		t.Errorf("progress\n%q\nwant\n%q", got, want)
	}
	out.Reset()
	p.clear()
	if got := out.String(); got != "\r"+strings.Repeat(" ", len("risalah: pages 100 of 100 (100%)"))+"\r" {
		t.Errorf("clear wrote %q", got)
	}
	if newProgress(&out, time.Now) != nil {
		t.Error("a progress line on output that is not a terminal")
	}
}
