package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"risalah/internal/linkcheck"
)

// TestMain lets the test binary stand in for risalah: a script's
// "exec risalah" runs main in a child process, so the scripts see real
// exit codes, streams and files.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"risalah": main})
}

// TestScripts runs testdata/script/*.txtar against the real binary.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01, fixed dates
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"linkcheck": cmdLinkcheck,
		},
	})
}

// cmdLinkcheck is "linkcheck DIR BASEURL": it checks every internal link of
// the built folder DIR, offline, and fails the script on any problem.
func cmdLinkcheck(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: linkcheck DIR BASEURL")
	}
	problems, err := linkcheck.Check(os.DirFS(ts.MkAbs(args[0])), linkcheck.Options{BaseURL: args[1]})
	ts.Check(err)
	for _, p := range problems {
		fmt.Fprintf(ts.Stdout(), "%v\n", p)
	}
	switch {
	case neg && len(problems) == 0:
		ts.Fatalf("linkcheck found no problems")
	case !neg && len(problems) > 0:
		ts.Fatalf("linkcheck found %d problems", len(problems))
	}
}
