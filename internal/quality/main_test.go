package quality

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"risalah"
	"risalah/internal/build"
)

// siteDir holds the sample site built once for every test of the package;
// baseURL is its configured address.
var siteDir, baseURL string

// buildNow fixes the build time so that upcoming meetings stay upcoming.
var buildNow = time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "risalah-quality-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		if err := buildSample(dir); err != nil {
			fmt.Fprintln(os.Stderr, "building the sample site:", err)
			return 1
		}
		siteDir = dir
		return m.Run()
	}()
	os.Exit(code)
}

// buildSample builds the repository's sample site into dir.
func buildSample(dir string) error {
	root, err := os.OpenRoot("../..")
	if err != nil {
		return err
	}
	defer root.Close()
	out := build.NewMemory()
	res := build.Run(context.Background(), build.Options{Site: root.FS(), Theme: risalah.Theme(), Now: buildNow, Strict: true}, out)
	if err := res.Diags.Err(); err != nil {
		return err
	}
	baseURL = res.Config.BaseURL
	return writeOutput(dir, out.Files)
}

// writeOutput writes a build's files (output path → bytes) under dir.
func writeOutput(dir string, files map[string][]byte) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// htmlPages lists the output-relative paths of every HTML page under dir.
func htmlPages(t testing.TB, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return pages
}

// contentPages lists the HTML pages under dir that are not alias
// redirects: a redirect page navigates away as soon as it loads.
func contentPages(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	for _, p := range htmlPages(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), `http-equiv="refresh"`) {
			out = append(out, p)
		}
	}
	return out
}

// pageURL turns an output file into the URL path a server gives it.
func pageURL(file string) string {
	if file == "index.html" {
		return "/"
	}
	if strings.HasSuffix(file, "/index.html") {
		return "/" + strings.TrimSuffix(file, "index.html")
	}
	return "/" + file
}

// missingTool skips the test, or fails it under CI, when a checker is not
// installed: a check that silently does not run proves nothing.
func missingTool(t testing.TB, what, install string) {
	t.Helper()
	msg := fmt.Sprintf("%s is not available; %s", what, install)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// toolsDir is where `npm ci --prefix tools` puts the pinned checkers.
const toolsDir = "../../tools/node_modules"

// findChromium returns the path of Chromium or Chrome, or skips.
func findChromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("RISALAH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missingTool(t, "Chromium", "install it with: apt-get install chromium")
	return ""
}

// csp is the strict policy the pages are served with: no inline scripts or
// styles, nothing from elsewhere.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// serve serves dir on 127.0.0.1 as a static host would, with the strict
// Content-Security-Policy and the site's 404 page for missing paths.
func serve(t testing.TB, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		p := filepath.Join(dir, filepath.FromSlash(r.URL.Path))
		if _, err := os.Stat(p); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if data, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				w.Write(data)
			}
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
