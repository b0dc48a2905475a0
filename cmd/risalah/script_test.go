package main

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"risalah/internal/imaging/imagingtest"
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
			// Messages follow the locale; scripts choose theirs with env.
			env.Setenv("LC_ALL", "C")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"linkcheck": cmdLinkcheck,
			"mkimage":   cmdMkimage,
		},
	})
}

// cmdMkimage is "mkimage FILE jpeg|png WxH [orientation]": it writes a
// photo there, a JPEG with an EXIF block and a GPS position as a phone
// writes them, so that scripts need no binary files.
func cmdMkimage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: mkimage FILE jpeg|png WxH [orientation]")
	}
	var w, h int
	if _, err := fmt.Sscanf(args[2], "%dx%d", &w, &h); err != nil {
		ts.Fatalf("mkimage: size %q: %v", args[2], err)
	}
	o := 1
	if len(args) > 3 {
		fmt.Sscan(args[3], &o)
	}
	img := imagingtest.Photo(w, h)
	data := imagingtest.JPEG(img, o)
	if args[1] == "png" {
		data = imagingtest.PNG(img)
	}
	file := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(file), 0o755))
	ts.Check(os.WriteFile(file, data, 0o644))
}

// cmdLinkcheck is "linkcheck DIR BASEURL": it checks every internal link of
// the built folder DIR, offline, as a web server serving DIR at BASEURL
// would: DIR is placed under BASEURL's path, and the check starts at the
// host's root. It fails the script on any problem, printing the first few.
func cmdLinkcheck(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: linkcheck DIR BASEURL")
	}
	u, err := url.Parse(args[1])
	ts.Check(err)
	mount := strings.Trim(u.Path, "/")
	root := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}

	files := map[string][]byte{} // as linkcheck.Scan takes them: HTML with its bytes
	dir := ts.MkAbs(args[0])
	err = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		var data []byte
		if strings.HasSuffix(p, ".html") {
			if data, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				return err
			}
		}
		files[path.Join(mount, p)] = data
		return nil
	})
	ts.Check(err)
	problems := linkcheck.Scan(files, linkcheck.Options{BaseURL: root.String()}).Problems
	for i, p := range problems {
		if i == 20 {
			fmt.Fprintf(ts.Stdout(), "and %d more\n", len(problems)-i)
			break
		}
		fmt.Fprintf(ts.Stdout(), "%s:%d: %s %q: %s\n", p.Page, p.Line, p.Attr, p.Target, p.Reason)
	}
	switch {
	case neg && len(problems) == 0:
		ts.Fatalf("linkcheck found no problems")
	case !neg && len(problems) > 0:
		ts.Fatalf("linkcheck found %d problems", len(problems))
	}
}
