package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"risalah"
	"risalah/internal/build"
	"risalah/internal/content"
	"risalah/internal/diag"
)

func runBuild(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	siteDir := fl.String("s", ".", "site folder (holds site.yaml)")
	outDir := fl.String("o", "", "output folder (default: public inside the site folder)")
	baseURL := fl.String("base-url", "", "override baseURL from site.yaml")
	drafts := fl.Bool("drafts", false, "publish documents marked draft")
	future := fl.Bool("future", false, "publish documents dated in the future")
	strict := fl.Bool("strict", false, "treat warnings as errors (for CI)")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (go tool pprof)")
	memProfile := fl.String("memprofile", "", "write a heap profile at the end of the build to `FILE`")
	noCache := fl.Bool("no-cache", false, "build from scratch, without the cache kept beside the output folder")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah build [-s SITE_DIR] [-o OUT_DIR] [--base-url URL] [--drafts] [--future] [--strict] [--no-cache] [--cpuprofile FILE] [--memprofile FILE]")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(env, fl, args); !ok {
		return code
	}
	if *baseURL != "" {
		if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
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
		fmt.Fprintf(env.Stderr, "risalah build: %v; choose another folder with -o [%s]\n", err, diag.CodeOutput)
		return ExitUsage
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
	b := build.NewBuilder(opts)
	var cache *build.Cache
	var stage *build.Staging
	var res *build.Result
	var published map[string]content.Sum // what the output folder holds, as far as the cache knows
	if *noCache {
		var err error
		stage, err = build.NewStaging(*outDir)
		if err != nil {
			fmt.Fprintf(env.Stderr, "risalah build: cannot create the output folder: %v\n", err)
			return ExitBuild
		}
		res = b.Build(ctx, stage, nil, nil)
	} else {
		// The cache's state and folder are made ready while the site loads.
		cache = build.NewCache(*outDir, cacheKey(*siteDir, opts))
		defer cache.Wait()
		prepared := make(chan struct{})
		var have map[string]content.Sum
		var perr error
		go func() {
			defer close(prepared)
			stage, have, perr = cache.Prepare(b)
			if perr == nil {
				stage.Keep = true
				if published = b.Sums(); published != nil {
					collectLessOften()
				}
			}
		}()
		b.Later(func() (build.Output, map[string]content.Sum, error) {
			<-prepared
			return stage, have, perr
		})
		res = b.Build(ctx, nil, nil, nil)
		<-prepared
		if perr != nil {
			fmt.Fprintf(env.Stderr, "risalah build: cannot create the output folder: %v\n", perr)
			return ExitBuild
		}
	}
	for _, d := range res.Diags.Items() {
		fmt.Fprintln(env.Stderr, d.Error())
	}
	discard := func() {
		if cache == nil {
			stage.Discard()
			return
		}
		cache.Discard()
		_ = cache.Save(b, nil) // what was rendered before is still good
	}
	if !res.OK() || ctx.Err() != nil {
		discard()
		if ctx.Err() != nil {
			fmt.Fprintln(env.Stderr, "risalah build: interrupted; the previous output is unchanged")
		} else {
			fmt.Fprintf(env.Stderr, "risalah: %s; the previous output in %s is unchanged\n", res.Summary(), *outDir)
		}
		return ExitBuild
	}
	if err := stage.Publish(); err != nil {
		discard()
		fmt.Fprintf(env.Stderr, "risalah build: cannot publish to %s: %v\n", *outDir, err)
		return ExitBuild
	}
	if cache != nil {
		back := published
		if !stage.Kept() {
			back = nil
		}
		if err := cache.Save(b, back); err != nil {
			fmt.Fprintf(env.Stderr, "risalah build: warning: cannot save the build cache in %s: %v\n", cache.Dir(), err)
		}
	}
	fmt.Fprintf(env.Stdout, "risalah: %s; output in %s\n", res.Summary(), *outDir)
	return ExitOK
}

// cacheKey names what a saved build state is valid for: this program, the
// site folder and the settings that change what a build makes.
func cacheKey(siteDir string, opts build.Options) string {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			_, _ = io.Copy(h, f)
			f.Close()
		}
	}
	abs, _ := filepath.Abs(siteDir)
	fmt.Fprintf(h, "\x00%s\x00%v\x00%v\x00%v\x00%s", abs, opts.Drafts, opts.Future, opts.Strict, opts.BaseURL)
	return hex.EncodeToString(h.Sum(nil))
}
