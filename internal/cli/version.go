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

// version returns what this binary is: the stamped version, else the
// module's version and the commit it was built from, when known.
func version() string {
	v := stamped
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	if ok {
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = ", modified"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v += " (commit " + rev + modified + ")"
		}
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
