package cli

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

// stamped is the release's version, set when release binaries are built
// (go build -ldflags "-X risalah/internal/cli.stamped=v1.2.3"); empty in
// a build from a clone, whose version comes from the build information.
var stamped string

// source is what a binary knows of the source it was built from.
type source struct {
	version  string // the stamped version, else the module's; "" if unknown
	revision string // the commit, when built from a clone
	modified bool   // the clone had changes not committed
}

// readSource returns what this binary knows of its source.
func readSource() source {
	src := source{version: stamped}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return src
	}
	if src.version == "" {
		src.version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			src.revision = s.Value
		case "vcs.modified":
			src.modified = s.Value == "true"
		}
	}
	return src
}

// version returns what this binary is: the stamped version, else the
// module's version and the commit it was built from, when known.
func version() string {
	src := readSource()
	v := src.version
	if v == "" {
		v = "(devel)"
	}
	if rev := src.revision; rev != "" {
		modified := ""
		if src.modified {
			modified = ", modified"
		}
		v += " (commit " + rev[:min(len(rev), 12)] + modified + ")"
	}
	return fmt.Sprintf("risalah %s %s %s/%s", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func runVersion(_ context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("version", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah version\n\nPrints risalah's version, the commit it was built from when known, and Go's version and platform.")
	}
	if code, ok := parseFlags(env, fl, args); !ok {
		return code
	}
	fmt.Fprintln(env.Stdout, version())
	return ExitOK
}
