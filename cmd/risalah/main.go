// Command risalah builds bilingual public-information websites from Markdown.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"risalah/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
