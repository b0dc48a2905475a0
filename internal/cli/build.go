package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"risalah"
	"risalah/internal/build"
	"risalah/internal/config"
	"risalah/internal/diag"
)

func runBuild(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	siteDir := fl.String("s", ".", env.say("site folder (holds site.yaml)"))
	outDir := fl.String("o", "", env.say("output folder (default: public inside the site folder)"))
	baseURL := fl.String("base-url", "", env.say("override baseURL from site.yaml"))
	drafts := fl.Bool("drafts", false, env.say("publish documents marked draft"))
	future := fl.Bool("future", false, env.say("publish documents dated in the future"))
	strict := fl.Bool("strict", false, env.say("treat warnings as errors (for CI)"))
	cpuProfile := fl.String("cpuprofile", "", env.say("write a CPU profile of the build to `FILE` (go tool pprof)"))
	memProfile := fl.String("memprofile", "", env.say("write a heap profile at the end of the build to `FILE`"))
	noCache := fl.Bool("no-cache", false, env.say("build from scratch, without the cache kept beside the output folder or the photos' copies"))
	imageCache := fl.String("image-cache", "", env.say("folder that keeps the photos' copies between builds (default: .risalah-cache/images inside the site folder)"))
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah build [-s SITE_DIR] [-o OUT_DIR] [--base-url URL] [--drafts] [--future] [--strict] [--no-cache] [--image-cache DIR] [--cpuprofile FILE] [--memprofile FILE]")
		fmt.Fprintln(env.Stderr, env.say("Builds the site into a folder, which holds the previous build until this one has succeeded."))
		fl.PrintDefaults()
		fmt.Fprint(env.Stderr, env.say(buildExamples))
	}
	if code, ok := parseFlags(env, fl, args); !ok {
		return code
	}
	if *baseURL != "" {
		if !config.WebURL(*baseURL) {
			fmt.Fprintf(env.Stderr, "risalah build: --base-url %q is not an absolute http(s) URL, such as https://example.go.id/\n", *baseURL)
			return ExitUsage
		}
	}
	if *outDir == "" {
		*outDir = filepath.Join(*siteDir, "public")
	}
	if !siteExists(env, "build", *siteDir) {
		return ExitUsage
	}
	if err := build.CheckOutputDir(*siteDir, *outDir, []string{"content", "templates", "static", "site.yaml"}); err != nil {
		return env.refuseOutput(err)
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "risalah build: %v\n", err)
			return ExitUsage
		}
		defer stop()
	}
	if *memProfile != "" {
		defer writeHeapProfile(*memProfile, env)
	}
	// The site is read through os.DirFS, which follows symbolic links:
	// content and build check every link they meet (content.CheckLink), so
	// none leads outside the site. os.Root would check too, but opens every
	// path component of every file, which costs a third of a build's system
	// calls on a large site.
	opts := build.Options{Site: os.DirFS(*siteDir), Theme: risalah.Theme(), Drafts: *drafts, Future: *future, Strict: *strict,
		Now: env.Now(), BaseURL: *baseURL}
	if !*noCache {
		opts.ImageCache = build.DirImageCache(imageCacheDir(*siteDir, *imageCache))
	}
	waiting := func(holder string) {
		fmt.Fprintf(env.Stderr, "risalah build: %s is writing %s; waiting for it to end (Ctrl-C stops)\n", holder, *outDir)
	}
	kept := fmt.Sprintf(env.say("the previous output in %s is unchanged"), *outDir)
	if _, err := os.Stat(*outDir); err != nil {
		kept = fmt.Sprintf(env.say("nothing was written to %s"), *outDir) // there was no previous output
	}
	prog := newProgress(env.Stderr, time.Now)
	if prog != nil {
		opts.Progress = prog.pages
	}
	res, err := build.ToDir(ctx, opts, *outDir, build.DirOptions{NoCache: *noCache, SiteDir: *siteDir, Waiting: waiting})
	if prog != nil {
		prog.clear()
	}
	if res != nil {
		for _, d := range res.Diags.Items() {
			fmt.Fprintln(env.Stderr, d.In(env.Lang).Error())
		}
	}
	var oe *build.OutputDirError
	switch {
	case errors.As(err, &oe): // found while the site was built
		return env.refuseOutput(oe)
	case err != nil:
		fmt.Fprintf(env.Stderr, "risalah build: %v\n", err)
		return ExitBuild
	case ctx.Err() != nil:
		fmt.Fprintf(env.Stderr, env.say("risalah build: interrupted; %s\n"), kept)
		return ExitBuild
	case !res.OK():
		fmt.Fprintf(env.Stderr, "risalah: %s; %s\n", res.SummaryIn(env.Lang), kept)
		return ExitBuild
	}
	if res.CacheErr != nil {
		fmt.Fprintf(env.Stderr, "risalah build: warning: %v\n", res.CacheErr)
	}
	fmt.Fprintf(env.Stdout, env.say("risalah: %s; output in %s\n"), res.SummaryIn(env.Lang), *outDir)
	return ExitOK
}

// buildExamples shows how the command is used, in the help.
const buildExamples = `
examples:
  risalah build                            the site in this folder, into public/
  risalah build -s situs -o /srv/situs     another site folder, into another folder
  risalah build --strict                   in CI: warnings fail the build too
  risalah build --base-url https://imigrasi.go.id/kanim-banyuwangi/
                                           published under a sub-folder
`

// imageCacheDir returns the folder of the photos' copies: flag, or
// .risalah-cache/images in the site folder, which build and serve share.
func imageCacheDir(siteDir, flag string) string {
	if flag != "" {
		return flag
	}
	return filepath.Join(siteDir, ".risalah-cache", "images")
}

// refuseOutput says why the output folder is refused, in the editor's
// language where it can, and returns the exit code of a refusal.
func (env *Env) refuseOutput(err error) int {
	var oe *build.OutputDirError
	if errors.As(err, &oe) {
		err = env.outputDirError(oe)
	}
	fmt.Fprintf(env.Stderr, env.say("risalah build: %v; choose another folder with -o [%s]\n"), err, diag.CodeOutput)
	return ExitUsage
}

// outputDirError words in the editor's language why the output folder was
// refused.
func (env *Env) outputDirError(e *build.OutputDirError) error {
	var f string
	switch e.Kind {
	case build.OutputIsSite:
		f = env.say("output folder %s is the site folder itself; building would replace your content")
	case build.OutputHoldsSite:
		f = env.say("output folder %s contains the site folder; building would replace your content")
	case build.OutputOverlaps:
		f = env.say("output folder %s overlaps the source folder %s")
	case build.OutputNotRisalahs:
		f = env.say("output folder %s holds files that risalah did not make, such as %s; a build replaces the whole folder, which would delete them: move them elsewhere, or build into a new folder")
	case build.OutputStrayFiles:
		f = env.say("output folder %s holds files that risalah did not make (%d in all), such as %s; a build replaces the whole folder, which would delete them: move them elsewhere, or build into a new folder")
	default:
		return e
	}
	return fmt.Errorf(f, e.Args...)
}
