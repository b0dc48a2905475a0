// Command risalah builds bilingual public-information websites from Markdown.
package main

import (
	"os"

	"risalah/internal/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) }
