//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cli

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestSecondInterruptEnds runs this test binary as a program whose work
// ignores its context, as a build stuck in a system call would, and
// interrupts it twice: the first signal ends the context, the second the
// process.
func TestSecondInterruptEnds(t *testing.T) {
	if os.Getenv("RISALAH_HANG") == "1" {
		withSignals(func(ctx context.Context) int {
			os.Stdout.WriteString("ready\n") // the handler is in place
			<-ctx.Done()
			os.Stdout.WriteString("interrupted\n")
			select {} // stuck
		})
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSecondInterruptEnds$")
	cmd.Env = append(os.Environ(), "RISALAH_HANG=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 4)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	expect := func(want string) {
		t.Helper()
		select {
		case l := <-lines:
			if l != want {
				t.Fatalf("the program said %q, want %q", l, want)
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("the program did not say %q", want)
		}
	}
	expect("ready")
	done := make(chan error, 1)
	_ = cmd.Process.Signal(syscall.SIGINT)
	expect("interrupted")
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		t.Fatalf("the first interrupt ended the process (%v); it should end the context only", err)
	case <-time.After(500 * time.Millisecond):
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the second interrupt did not end the process")
	}
}
