package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"risalah/internal/scaffold"
)

func runInit(_ context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("init", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	repo := fl.String("repo", "", env.say("the Git `URL` of risalah's source, from which the CI workflows build risalah"))
	ref := fl.String("ref", "", env.say("the tag, branch or commit of risalah the CI workflows build (default: this risalah's version)"))
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah init DIR [--repo URL] [--ref VERSION]")
		fmt.Fprint(env.Stderr, env.say(initAbout))
		fl.PrintDefaults()
		fmt.Fprint(env.Stderr, env.say(initExamples))
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
	if strings.TrimSpace(dir) == "" {
		// "" would be joined to each file's name as the current folder.
		fmt.Fprintln(env.Stderr, env.say("risalah init: the folder's name is empty; nothing was written (name a new folder, such as: risalah init kanim-banyuwangi, or . for the folder you are in)"))
		return ExitUsage
	}
	entries, err := os.ReadDir(dir)
	for _, e := range entries {
		if !repoFile(e.Name()) {
			fmt.Fprintf(env.Stderr, env.say("risalah init: %s is not empty; nothing was written (choose a new folder)\n"), dir)
			return ExitBuild
		}
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(env.Stderr, "risalah init: %v\n", err)
		return ExitBuild
	}
	src := scaffold.Source{Repo: *repo, Version: *ref}
	if src.Version == "" {
		src.Version = sourceRef()
	}
	files := []scaffold.Example{{Path: "site.yaml", Text: scaffold.SiteConfig}, {Path: ".gitignore", Text: scaffold.GitIgnore},
		{Path: ".gitattributes", Text: scaffold.GitAttributes}}
	files = append(files, scaffold.Examples(env.Now(), env.Lang)...)
	files = append(files, scaffold.Workflows(src)...)
	for _, d := range []string{"content/news", "content/meetings", "content/regulations", "static", "templates"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			fmt.Fprintf(env.Stderr, "risalah init: %v\n", err)
			return ExitBuild
		}
	}
	// A repository cloned from a Git host may hold its own README,
	// LICENSE, .gitignore or workflows: those are kept as they are.
	var kept []string
	written := 0
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		err := os.MkdirAll(filepath.Dir(name), 0o755)
		if err == nil {
			err = writeNew(name, f.Text)
		}
		if errors.Is(err, fs.ErrExist) {
			kept = append(kept, f.Path)
			continue
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "risalah init: %v\n", err)
			return ExitBuild
		}
		written++
	}
	for _, k := range kept {
		fmt.Fprintf(env.Stdout, env.say("kept %s as it was; risalah's own version of it was not written\n"), k)
	}
	fmt.Fprintf(env.Stdout, env.say(initDone), dir, written, dir)
	if src.Repo == "" {
		fmt.Fprint(env.Stdout, env.say(initNoRepo))
	}
	return ExitOK
}

// sourceRef is the version of risalah's source the CI workflows build
// when init is not told: the stamped release, else the commit this binary
// was built from, else the main branch.
func sourceRef() string {
	src := readSource()
	if v := src.version; v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
		return v
	}
	if len(src.revision) == 40 {
		return src.revision
	}
	return "main"
}

const initAbout = `Starts a site in the folder DIR, new or empty: site.yaml with every setting explained, the
content folders with an example of each kind of document in Indonesian and English, a .gitignore,
and CI workflows that check the site and publish it to GitHub Pages or GitLab Pages.
`

const initExamples = `
examples:
  risalah init kanim-banyuwangi
  risalah init .                 the folder you are in, if it is empty
  risalah init situs --repo https://git.example.go.id/tik/risalah.git --ref v1.0.0
                                 CI builds risalah v1.0.0 from that repository
`

const initDone = `started a site in %s: %d files. Next:
  cd %s
  risalah serve                     to see it while you write
  risalah new news "Judul berita"   to start a document
`

const initNoRepo = `The CI workflows (.github/workflows/pages.yml, .gitlab-ci.yml) build risalah from its source:
set the CI variable RISALAH_REPO to the Git address of that source, or run init with --repo.
`

// writeNew writes a file that must not exist yet: init never replaces a
// file, even one made in the folder since it was found empty.
func writeNew(name, text string) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// repoFile reports whether name, found in the folder init is asked to
// start a site in, is what a freshly created or cloned repository holds:
// init adds its files beside them.
func repoFile(name string) bool {
	switch strings.ToLower(name) {
	case ".git", ".github", ".gitlab", ".gitignore", ".gitattributes", ".gitlab-ci.yml":
		return true
	}
	upper := strings.ToUpper(name)
	for _, p := range []string{"README", "LICENSE", "LICENCE", "COPYING"} {
		if upper == p || strings.HasPrefix(upper, p+".") {
			return true
		}
	}
	return false
}
