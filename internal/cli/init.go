package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"risalah/internal/scaffold"
)

func runInit(_ context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("init", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah init DIR")
		fmt.Fprintln(env.Stderr, "Starts a site in the folder DIR, new or empty: site.yaml with every setting explained, the")
		fmt.Fprintln(env.Stderr, "content folders with an example of each kind of document in Indonesian and English, and .gitignore.")
		fmt.Fprint(env.Stderr, `
examples:
  risalah init kanim-banyuwangi
  risalah init .                 the folder you are in, if it is empty
`)
	}
	pos, code, ok := parsePositional(fl, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fl.Usage()
		return ExitUsage
	}
	dir := pos[0]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(env.Stderr, "risalah init: %s is not empty; nothing was written (choose a new folder)\n", dir)
		return ExitBuild
	}
	files := []scaffold.Example{{Path: "site.yaml", Text: scaffold.SiteConfig}, {Path: ".gitignore", Text: scaffold.GitIgnore}}
	files = append(files, scaffold.Examples(env.Now())...)
	for _, d := range []string{"content/news", "content/meetings", "content/regulations", "static", "templates"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			fmt.Fprintf(env.Stderr, "risalah init: %v\n", err)
			return ExitBuild
		}
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.Path)), []byte(f.Text), 0o644); err != nil {
			fmt.Fprintf(env.Stderr, "risalah init: %v\n", err)
			return ExitBuild
		}
	}
	fmt.Fprintf(env.Stdout, "started a site in %s: %d files. Next:\n  cd %s\n  risalah serve       to see it while you write\n  risalah new news \"Judul berita\"   to start a document\n", dir, len(files), dir)
	return ExitOK
}
