package cli

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Run is the program: Main with a context that the first interrupt
// (Ctrl-C) or SIGTERM ends, so that a build stops cleanly and leaves the
// published output as it was. A second signal ends the process at once,
// whatever it is doing: once the context has ended, the signals' default
// handling is back.
func Run(args []string, stdout, stderr io.Writer) int {
	return withSignals(func(ctx context.Context) int { return Main(ctx, args, stdout, stderr) })
}

// withSignals runs fn with the context Run describes.
func withSignals(fn func(ctx context.Context) int) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	return fn(ctx)
}
