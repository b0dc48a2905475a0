package cli

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"

	"risalah"
	"risalah/internal/build"
	"risalah/internal/serve"
)

func runServe(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	siteDir := fl.String("s", ".", env.say("site folder (holds site.yaml)"))
	bind := fl.String("bind", "127.0.0.1", env.say("address to listen on; other machines can reach the preview only if you choose one of yours"))
	port := fl.Int("port", 1313, env.say("port to listen on; 0 picks a free one"))
	drafts := fl.Bool("drafts", false, env.say("show documents marked draft"))
	future := fl.Bool("future", false, env.say("show documents dated in the future"))
	imageCache := fl.String("image-cache", "", env.say("folder that keeps the photos' copies between builds (default: .risalah-cache/images inside the site folder)"))
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah serve [-s SITE_DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future] [--image-cache DIR]")
		fmt.Fprintln(env.Stderr, env.say("Builds the site in memory, serves it and rebuilds it on every save; the browser reloads by itself."))
		fl.PrintDefaults()
		fmt.Fprint(env.Stderr, env.say(serveExamples))
	}
	if code, ok := parseFlags(env, fl, args); !ok {
		return code
	}
	if net.ParseIP(*bind) == nil && *bind != "localhost" {
		fmt.Fprintf(env.Stderr, "risalah serve: --bind %q is not an IP address, such as 127.0.0.1\n", *bind)
		return ExitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(env.Stderr, "risalah serve: --port %d is not a port number (0 to 65535)\n", *port)
		return ExitUsage
	}
	if !siteExists(env, "serve", *siteDir) {
		return ExitUsage
	}
	opts := serve.Options{Dir: *siteDir, Bind: *bind, Port: *port, Stdout: env.Stdout, Stderr: env.Stderr, Lang: env.Lang,
		Build: build.Options{Site: os.DirFS(*siteDir), Theme: risalah.Theme(), Drafts: *drafts, Future: *future, Now: env.Now(),
			ImageCache: build.DirImageCache(imageCacheDir(*siteDir, *imageCache))}}
	if env.ready != nil {
		opts.Ready = env.ready
	}
	collectLessOften()
	if err := serve.Run(ctx, opts); err != nil {
		fmt.Fprintf(env.Stderr, "risalah serve: %v\n", err)
		return ExitBuild
	}
	return ExitOK
}

// serveExamples shows how the command is used, in the help.
const serveExamples = `
examples:
  risalah serve                 the site in this folder, at http://127.0.0.1:1313/
  risalah serve --drafts        with the documents marked draft: true
  risalah serve --port 0        on any free port, printed when it starts
`
