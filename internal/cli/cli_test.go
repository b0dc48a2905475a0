package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// newSite writes a small site into a temp folder and returns its path.
func newSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runIn(t, "C.UTF-8", args...)
}

// runIn runs the command line with LANG set to locale.
func runIn(t *testing.T, locale string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", locale)
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func basicSite() map[string]string {
	return map[string]string{
		"site.yaml":            "title: {id: Situs, en: Site}\nbaseURL: https://situs.example/\n",
		"content/news/a.id.md": "---\ntitle: A\ndate: 2024-01-01\n---\nIsi A.\n",
		"content/news/a.en.md": "---\ntitle: A in English\n---\nBody A.\n",
		"content/news/b.md":    "---\ntitle: B\ndate: 2024-01-02\n---\nIsi B.\n",
	}
}

// snapshot reads every file below dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBuildExitCodesAndSummary(t *testing.T) {
	site := newSite(t, basicSite())
	code, stdout, stderr := run(t, "build", "-s", site)
	if code != ExitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "built: pages id 2, en 1;") || !strings.Contains(stdout, "files written; 0 warnings;") || !strings.Contains(stdout, "output in") {
		t.Errorf("summary line = %q", stdout)
	}
	if code, _, _ := run(t, "build", "--no-such-flag"); code != ExitUsage {
		t.Errorf("bad flag: exit %d, want %d", code, ExitUsage)
	}
	if code, _, _ := run(t, "build", "-s", site, "--base-url", "kanim.example"); code != ExitUsage {
		t.Errorf("relative --base-url: exit %d, want %d", code, ExitUsage)
	}
	if code, _, _ := run(t, "frobnicate"); code != ExitUsage {
		t.Errorf("unknown command: exit %d, want %d", code, ExitUsage)
	}
	if code, _, _ := run(t, "build", "-s", filepath.Join(site, "nope")); code != ExitUsage {
		t.Errorf("missing site: exit %d, want %d", code, ExitUsage)
	}
}

// TestFailedBuildKeepsPreviousOutput breaks a site after a good build and
// checks that the output folder is exactly as before; then a good build
// removes the files of deleted documents.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	site := newSite(t, basicSite())
	out := filepath.Join(site, "public")
	if code, _, stderr := run(t, "build", "-s", site); code != ExitOK {
		t.Fatalf("first build: %s", stderr)
	}
	before := snapshot(t, out)
	if _, ok := before["berita/b/index.html"]; !ok {
		t.Fatalf("first build lacks berita/b/index.html: %v", before)
	}
	bad := filepath.Join(site, "content/news/c.md")
	os.WriteFile(bad, []byte("---\ntitle: C\ndate: 2024-13-01\n---\n"), 0o644)
	os.WriteFile(filepath.Join(site, "content/news/d.md"), []byte("---\ntitle: [D\n---\n"), 0o644)
	code, _, stderr := run(t, "build", "-s", site)
	if code != ExitBuild {
		t.Fatalf("broken build: exit %d, want %d", code, ExitBuild)
	}
	// Every error is printed, not just the first.
	for _, want := range []string{"content/news/c.md:3:7: error:", "content/news/d.md:", "previous output"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("output changed: %d files before, %d after", len(before), len(after))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed after a failed build", k)
		}
	}
	os.Remove(bad)
	os.Remove(filepath.Join(site, "content/news/d.md"))
	os.Remove(filepath.Join(site, "content/news/b.md"))
	if code, _, stderr := run(t, "build", "-s", site); code != ExitOK {
		t.Fatalf("third build: %s", stderr)
	}
	if _, ok := snapshot(t, out)["berita/b/index.html"]; ok {
		t.Error("stale berita/b/index.html left after its document was removed")
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") {
			t.Errorf("staging folder %s left behind", e.Name())
		}
	}
}

func TestRefusesDangerousOutputFolders(t *testing.T) {
	site := newSite(t, basicSite())
	for _, out := range []string{site, filepath.Dir(site), filepath.Join(site, "content"), filepath.Join(site, "content", "x")} {
		code, _, stderr := run(t, "build", "-s", site, "-o", out)
		if code != ExitUsage || !strings.Contains(stderr, "R402") {
			t.Errorf("-o %s: exit %d, stderr %q", out, code, stderr)
		}
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "thesis.txt"), []byte("precious"), 0o644)
	if code, _, _ := run(t, "build", "-s", site, "-o", other); code != ExitUsage {
		t.Errorf("a folder of other files was accepted as output")
	}
	if b, _ := os.ReadFile(filepath.Join(other, "thesis.txt")); string(b) != "precious" {
		t.Error("other files were damaged")
	}
}

func TestSymlinkLeavingSite(t *testing.T) {
	site := newSite(t, basicSite())
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, []byte("---\ntitle: Secret\ndate: 2024-01-01\n---\n"), 0o644)
	if err := os.Symlink(secret, filepath.Join(site, "content/news/secret.md")); err != nil {
		t.Skip("no symlinks:", err)
	}
	code, _, stderr := run(t, "build", "-s", site)
	if code != ExitBuild || !strings.Contains(stderr, "content/news/secret.md: error: symbolic link points outside the site folder") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}

	// The same through a relative link, from static/ and templates/; a
	// link that stays inside the site is fine.
	os.Remove(filepath.Join(site, "content/news/secret.md"))
	os.MkdirAll(filepath.Join(site, "static"), 0o755)
	os.MkdirAll(filepath.Join(site, "templates"), 0o755)
	os.Symlink("../../"+filepath.Base(filepath.Dir(secret))+"/secret.md", filepath.Join(site, "static/leak.txt"))
	os.Symlink("a.id.md", filepath.Join(site, "content/news/alias-link.md"))
	code, _, stderr = run(t, "build", "-s", site)
	if want := "static/leak.txt: error: symbolic link points outside"; code != ExitBuild || !strings.Contains(stderr, want) {
		t.Errorf("exit %d; stderr lacks %q:\n%s", code, want, stderr)
	}
	if strings.Contains(stderr, "alias-link") {
		t.Errorf("a link inside the site was refused:\n%s", stderr)
	}
	os.Remove(filepath.Join(site, "static/leak.txt"))
	os.Symlink(secret, filepath.Join(site, "templates/404.html"))
	code, _, stderr = run(t, "build", "-s", site)
	if want := "templates/404.html: error: symbolic link points outside"; code != ExitBuild || !strings.Contains(stderr, want) {
		t.Errorf("exit %d; stderr lacks %q:\n%s", code, want, stderr)
	}
}

func TestProfiles(t *testing.T) {
	site := newSite(t, basicSite())
	cpu, mem := filepath.Join(t.TempDir(), "cpu.out"), filepath.Join(t.TempDir(), "mem.out")
	if code, _, stderr := run(t, "build", "-s", site, "--cpuprofile", cpu, "--memprofile", mem); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{cpu, mem} {
		if info, err := os.Stat(f); err != nil || info.Size() == 0 {
			t.Errorf("profile %s missing or empty (%v)", f, err)
		}
	}
}

// TestRelativePaths builds from inside the site folder with the defaults,
// as the README says, and then with relative -s and -o.
func TestRelativePaths(t *testing.T) {
	site := newSite(t, basicSite())
	t.Chdir(site)
	if code, stdout, stderr := run(t, "build"); code != ExitOK || !strings.Contains(stdout, "output in public") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "index.html")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(site))
	if code, _, stderr := run(t, "build", "-s", filepath.Base(site), "-o", "elsewhere/out"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(site), "elsewhere", "out", "index.html")); err != nil {
		t.Fatal(err)
	}
}

// TestCachedRebuilds edits a site between builds that use the cache beside
// the output folder, and requires each output to equal a build from
// scratch; a damaged cache only costs time.
func TestCachedRebuilds(t *testing.T) {
	site := newSite(t, basicSite())
	out := filepath.Join(site, "public")
	clean := filepath.Join(t.TempDir(), "clean")
	cacheDir := filepath.Join(site, ".public.risalah")
	write := func(name, data string) func() {
		return func() {
			os.MkdirAll(filepath.Dir(filepath.Join(site, name)), 0o755)
			os.WriteFile(filepath.Join(site, name), []byte(data), 0o644)
		}
	}
	steps := []struct {
		name      string
		edit      func()
		fewWrites bool // the summary must show that most files were kept
	}{
		{"first build", func() {}, false},
		{"second build, nothing changed: the first rebuild is warm too", func() {}, true},
		{"third build, nothing changed", func() {}, true},
		{"body edit", write("content/news/b.md", "---\ntitle: B\ndate: 2024-01-02\n---\nIsi B yang baru.\n"), true},
		{"new bundle", write("content/news/c/index.md", "---\ntitle: C\ndate: 2024-01-03\n---\nIsi C.\n"), true},
		{"document removed", func() { os.Remove(filepath.Join(site, "content/news/a.en.md")) }, true},
		{"state damaged", func() { os.WriteFile(filepath.Join(cacheDir, "state.gob"), []byte("junk"), 0o644) }, false},
		{"back folder gone", func() { os.RemoveAll(filepath.Join(cacheDir, "back")) }, false},
		{"title edit", write("content/news/b.md", "---\ntitle: B baru\ndate: 2024-01-02\n---\nIsi B yang baru.\n"), false},
		{"after the title edit", func() {}, true},
		{"output changed by hand", func() {
			time.Sleep(10 * time.Millisecond) // a later modification time than the build's
			os.WriteFile(filepath.Join(out, "index.html"), []byte("changed by hand"), 0o644)
			os.WriteFile(filepath.Join(out, "berita/b/index.html"), []byte("changed by hand"), 0o644)
			// An empty folder holds nothing to lose; a file added by hand
			// would stop the build (safety.txtar).
			os.MkdirAll(filepath.Join(out, "extra/dir"), 0o755)
		}, false},
		{"the hand-changed output is now the one before last", func() {}, true},
		{"and is updated in place", write("content/news/b.md", "---\ntitle: B baru\ndate: 2024-01-02\n---\nIsi B sekali lagi.\n"), true},
	}
	for _, st := range steps {
		st.edit()
		code, stdout, stderr := run(t, "build", "-s", site)
		if code != ExitOK {
			t.Fatalf("%s: exit %d\n%s", st.name, code, stderr)
		}
		if st.fewWrites && !strings.Contains(stdout, " written") || st.fewWrites && strings.Contains(stdout, "files written") {
			t.Errorf("%s: summary %q does not show files kept", st.name, stdout)
		}
		os.RemoveAll(clean)
		if code, _, stderr := run(t, "build", "-s", site, "-o", clean, "--no-cache"); code != ExitOK {
			t.Fatalf("%s: clean build: %s", st.name, stderr)
		}
		got, want := snapshot(t, out), snapshot(t, clean)
		for name, w := range want {
			if got[name] != w {
				t.Errorf("%s: %s differs from a clean build", st.name, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: stale %s", st.name, name)
			}
		}
		// No empty folders either: the output is the clean build's.
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if d != nil && d.IsDir() {
				if es, _ := os.ReadDir(p); len(es) == 0 {
					t.Errorf("%s: empty folder %s", st.name, p)
				}
			}
			return nil
		})
	}
}

// TestSummaryLines checks that the last line says what happened: a failed
// first build says nothing was written (there is no previous output) and
// counts no files; a later failed build says the output is as it was; a
// good build counts the drafts and future documents it left out, with
// the flag that publishes them.
func TestSummaryLines(t *testing.T) {
	files := basicSite()
	files["content/news/c.md"] = "---\ntitle: C\ndate: 2027-01-01\n---\nNanti.\n"
	files["content/news/d.md"] = "---\ntitle: D\ndate: 2024-01-03\ndraft: true\n---\nDraf.\n"
	files["content/news/e.md"] = "---\ntitle: E\ndate: 2024-01-04\ndraft: true\n---\nDraf.\n"
	site := newSite(t, files)
	broken := filepath.Join(site, "content/news/x.md")
	os.WriteFile(broken, []byte("---\ntitle: [\n---\n"), 0o644)
	code, _, stderr := run(t, "build", "-s", site)
	last := lastLine(stderr)
	if code != ExitBuild || !strings.HasPrefix(last, "risalah: failed: 1 error, 0 warnings; ") || !strings.Contains(last, "nothing was written to") || strings.Contains(last, "files") {
		t.Errorf("first build, failed: %q", last)
	}
	os.Remove(broken)
	code, stdout, _ := run(t, "build", "-s", site)
	if want := "1 document dated after today left out (--future publishes them): content/news/c.md (2027-01-01); 2 drafts left out (--drafts publishes them)"; code != ExitOK || !strings.Contains(stdout, want) {
		t.Errorf("good build: %q, want %q", stdout, want)
	}
	os.WriteFile(broken, []byte("---\ntitle: [\n---\n"), 0o644)
	_, _, stderr = run(t, "build", "-s", site)
	if last := lastLine(stderr); !strings.Contains(last, "the previous output in") || !strings.Contains(last, "is unchanged") {
		t.Errorf("later build, failed: %q", last)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestVersion checks risalah version and --version.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, _ := run(t, args...)
		if code != ExitOK || !strings.HasPrefix(stdout, "risalah ") || !strings.Contains(stdout, runtime.GOOS+"/"+runtime.GOARCH) {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
	if code, _, _ := run(t, "version", "extra"); code != ExitUsage {
		t.Errorf("version with an argument: exit %d, want %d", code, ExitUsage)
	}
}

// TestHelp checks that every command answers -h with its usage and
// examples, and exit 0.
func TestHelp(t *testing.T) {
	for name := range commands() {
		code, _, stderr := run(t, name, "-h")
		if code != ExitOK || !strings.Contains(stderr, "usage: risalah "+name) {
			t.Errorf("%s -h: exit %d\n%s", name, code, stderr)
		}
		if name != "version" && !strings.Contains(stderr, "examples:") {
			t.Errorf("%s -h has no examples:\n%s", name, stderr)
		}
	}
}

// TestNew writes a document of every kind, bundled and not, into a
// bilingual site: each file is written in both languages, the site builds
// with them (as drafts, with --drafts), the original names every field of
// its kind, and a second new of the same title refuses to overwrite.
func TestNew(t *testing.T) {
	site := newSite(t, basicSite())
	os.WriteFile(filepath.Join(site, "site.yaml"), []byte("title: {id: Situs, en: Site}\nbaseURL: https://situs.example/\nlanguages: [{code: id, name: Indonesia}, {code: en, name: English}]\n"), 0o644)
	for _, tt := range []struct {
		args   []string
		files  []string
		fields []string
	}{
		{[]string{"new", "news", "Sosialisasi Keimigrasian di Banyuwangi"}, []string{"content/news/sosialisasi-keimigrasian-di-banyuwangi.id.md", "content/news/sosialisasi-keimigrasian-di-banyuwangi.en.md"},
			[]string{"date", "author", "image", "meetings", "regulations", "summary", "tags", "slug", "aliases"}},
		{[]string{"new", "meeting", "Rakor TIMPORA 2025", "--bundle", "--date", "2025-03-04T09:00"}, []string{"content/meetings/rakor-timpora-2025/index.id.md", "content/meetings/rakor-timpora-2025/index.en.md"},
			[]string{"date", "end", "venue", "organizer", "theme", "chair", "speakers", "participants", "agenda", "outcomes", "actions", "regulations", "attachments", "status"}},
		{[]string{"new", "--date", "2024-05-02", "regulation", "Permenkumham 10 Tahun 2024"}, []string{"content/regulations/permenkumham-10-tahun-2024.id.md", "content/regulations/permenkumham-10-tahun-2024.en.md"},
			[]string{"type", "number", "year", "issuer", "enacted", "promulgated", "source", "field", "subjects", "amends", "revokes", "files"}},
		{[]string{"new", "page", "Maklumat Pelayanan"}, []string{"content/maklumat-pelayanan.id.md", "content/maklumat-pelayanan.en.md"}, []string{"summary", "slug"}},
	} {
		code, stdout, stderr := run(t, append(tt.args, "-s", site)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d\n%s", tt.args, code, stderr)
		}
		for _, f := range tt.files {
			if !strings.Contains(stdout, filepath.FromSlash(f)) {
				t.Errorf("%v: the output does not name %s:\n%s", tt.args, f, stdout)
			}
		}
		orig, err := os.ReadFile(filepath.Join(site, tt.files[0]))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range tt.fields {
			if !strings.Contains(string(orig), "\n"+f+":") && !strings.Contains(string(orig), "\n# "+f+":") {
				t.Errorf("%s lacks the field %s:\n%s", tt.files[0], f, orig)
			}
		}
		if code, _, stderr := run(t, append(tt.args, "-s", site)...); code == ExitOK || !strings.Contains(stderr, "already exists; nothing was written") {
			t.Errorf("%v a second time: exit %d\n%s", tt.args, code, stderr)
		}
	}
	if code, _, stderr := run(t, "build", "-s", site, "--drafts", "--strict"); code != ExitOK {
		t.Errorf("the new documents do not build:\n%s", stderr)
	}
	if code, stdout, _ := run(t, "build", "-s", site); code != ExitOK || !strings.Contains(stdout, "8 drafts left out") {
		t.Errorf("without --drafts: exit %d, %s", code, stdout)
	}
	if code, _, _ := run(t, "new", "poster", "X", "-s", site); code != ExitUsage {
		t.Errorf("an unknown kind: exit %d, want %d", code, ExitUsage)
	}
}

// TestInit starts a site, which builds at once in strict mode with one
// document of each kind in both languages, and refuses a folder that is
// not empty.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kanim")
	code, stdout, stderr := run(t, "init", dir)
	if code != ExitOK || !strings.Contains(stdout, "started a site in") {
		t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range []string{"site.yaml", ".gitignore", "content/news/contoh-berita.id.md", "content/meetings/contoh-rapat.en.md",
		"content/regulations/contoh-peraturan.id.md", "content/tentang.en.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init wrote no %s", f)
		}
	}
	code, stdout, stderr = run(t, "build", "-s", dir, "--strict")
	if code != ExitOK || !strings.Contains(stdout, "pages id 4, en 4") {
		t.Errorf("the new site does not build: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := run(t, "init", dir); code == ExitOK || !strings.Contains(stderr, "is not empty; nothing was written") {
		t.Errorf("init over a site: exit %d\n%s", code, stderr)
	}
	if code, _, _ := run(t, "init"); code != ExitUsage {
		t.Errorf("init without a folder: exit %d", code)
	}
}

// TestCheck checks a site with one error and one warning in each format:
// it writes no output, exits 1 on errors (and on warnings with --strict),
// and prints each problem as the format wants.
func TestCheck(t *testing.T) {
	files := basicSite()
	files["content/news/c.md"] = "---\ntitle: C\ndate: 2024-01-03\n---\nIsi <br>.\n"
	site := newSite(t, files)
	if code, _, stderr := run(t, "check", "-s", site); code != ExitOK || !strings.Contains(stderr, "0 errors, 1 warning") {
		t.Errorf("a warning alone: exit %d\n%s", code, stderr)
	}
	if code, _, _ := run(t, "check", "-s", site, "--strict"); code != ExitBuild {
		t.Errorf("a warning with --strict: exit %d, want %d", code, ExitBuild)
	}
	os.WriteFile(filepath.Join(site, "content/news/d.md"), []byte("---\ntitle: Rakor: Timpora\ndate: 2024-01-04\n---\n"), 0o644)
	for format, want := range map[string][]string{
		"text":   {`content/news/d.md:2:1: error: malformed YAML front matter`, `content/news/c.md:5:5: warning: raw HTML is left out of the page`},
		"json":   {`{"file":"content/news/d.md","line":2,"column":1,"severity":"error","code":"R101","message":"malformed YAML front matter: the value of title has \": \" in it`},
		"github": {`::error file=content/news/d.md,line=2,col=1,title=R101::malformed YAML front matter`, `::warning file=content/news/c.md,line=5,col=5,title=R301::raw HTML is left out of the page`},
	} {
		code, stdout, _ := run(t, "check", "-s", site, "--format", format)
		if code != ExitBuild {
			t.Errorf("%s: exit %d, want %d", format, code, ExitBuild)
		}
		for _, w := range want {
			if !strings.Contains(stdout, w) {
				t.Errorf("%s output lacks %q:\n%s", format, w, stdout)
			}
		}
		if format == "json" {
			for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
				var v map[string]any
				if err := json.Unmarshal([]byte(line), &v); err != nil || len(v) != 7 {
					t.Errorf("not one object of 7 keys per line: %q (%v)", line, err)
				}
			}
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("check wrote an output folder")
	}
	if code, _, _ := run(t, "check", "-s", site, "--format", "xml"); code != ExitUsage {
		t.Errorf("an unknown format: exit %d", code)
	}
}

// TestCheckWholeSite checks what check finds in the built site beyond what
// a build reports: a #fragment that no element of the linked page has,
// with the id meant; a file of a page's folder that nothing links to;
// and the state of the translations.
func TestCheckWholeSite(t *testing.T) {
	files := basicSite()
	files["content/news/a.id.md"] = "---\ntitle: A\ndate: 2024-01-01\nupdated: 2024-03-01\n---\nIsi A.\n"
	files["content/news/rakor/index.md"] = "---\ntitle: Rakor\ndate: 2024-02-01\n---\n## Hasil rapat\n\n[Notulen](notulen.pdf)\n"
	files["content/news/rakor/notulen.pdf"] = "%PDF-1.4\n"
	files["content/news/rakor/sisa.pdf"] = "%PDF-1.4"
	files["content/news/c.md"] = "---\ntitle: C\ndate: 2024-02-02\n---\nLihat [hasil](rakor/index.md#hasil-rapat)\ndan [hasilnya](rakor/index.md#hasil-rapatt).\n"
	site := newSite(t, files)
	code, stdout, stderr := run(t, "check", "-s", site)
	if code != ExitOK {
		t.Errorf("exit %d, want %d (warnings only)\n%s%s", code, ExitOK, stdout, stderr)
	}
	for _, want := range []string{
		`content/news/c.md:6:30: warning: the link to /berita/rakor/#hasil-rapatt on /berita/c/ leads to its page, but no element there has the id "hasil-rapatt"; did you mean #hasil-rapat? [R211]`,
		`content/news/rakor/sisa.pdf: warning: no page links to this file of the page's folder; it is published at /berita/rakor/sisa.pdf all the same`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Count(stdout, "warning") != 2 {
		t.Errorf("want 2 warnings exactly:\n%s", stdout)
	}
	for _, want := range []string{
		"  id  news         4 of 4\n",
		"  en  news         1 of 4 (missing: content/news/b.md, content/news/c.md, content/news/rakor/index.md; older than their original: content/news/a.en.md)\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("translations lack %q:\n%s", want, stderr)
		}
	}
	if code, _, _ := run(t, "check", "-s", site, "--strict"); code != ExitBuild {
		t.Errorf("--strict: exit %d, want %d", code, ExitBuild)
	}
}

// TestIndonesianMessages runs build and check with an Indonesian locale:
// the diagnostics, with their codes and positions, and the summary lines
// are in Indonesian; with any other locale they are in English.
func TestIndonesianMessages(t *testing.T) {
	files := basicSite()
	files["content/news/c.md"] = "---\ndate: 2024-01-03\n---\nIsi.\n"
	site := newSite(t, files)
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runIn(t, "id_ID.UTF-8", "build", "-s", site, "-o", out)
	for _, want := range []string{
		`content/news/c.md:2:1: error: ruas wajib "title" tidak ada; tambahkan baris seperti "title: Rapat Koordinasi TIMPORA 2023" ke front matter [R103]`,
		"risalah: gagal: 1 galat, 0 peringatan;",
		"tidak ada yang ditulis ke " + out,
	} {
		if code != ExitBuild || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, stderr)
		}
	}
	if _, _, stderr := runIn(t, "en_US.UTF-8", "build", "-s", site, "-o", out); !strings.Contains(stderr, `missing required field "title"`) || !strings.Contains(stderr, "failed: 1 error") {
		t.Errorf("English locale:\n%s", stderr)
	}
	os.WriteFile(filepath.Join(site, "content/news/c.md"), []byte("---\ntitle: C\ndate: 2024-01-03\n---\nIsi.\n"), 0o644)
	code, stdout, _ := runIn(t, "id", "build", "-s", site, "-o", out)
	if code != ExitOK || !strings.Contains(stdout, "risalah: selesai: halaman id 3, en 1; ") || !strings.Contains(stdout, "keluaran di "+out) {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	code, _, stderr = runIn(t, "id_ID.UTF-8", "check", "-s", site)
	if code != ExitOK || !strings.Contains(stderr, "terjemahan:\n") || !strings.Contains(stderr, "  en  news         1 dari 3 (belum ada: ") || !strings.Contains(stderr, "risalah check: 0 galat, 0 peringatan") {
		t.Errorf("check, exit %d:\n%s", code, stderr)
	}
}

func TestLocaleLang(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "id_ID.UTF-8"}, "id"},
		{map[string]string{"LANG": "id"}, "id"},
		{map[string]string{"LANG": "in_ID"}, "id"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "C", "LANG": "id_ID.UTF-8"}, "en"},
		{map[string]string{"LC_MESSAGES": "id_ID", "LANG": "en_US"}, "id"},
		{map[string]string{"LANG": "ida_XX"}, "en"},
		{map[string]string{}, "en"},
	} {
		if got := localeLang(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.env, got, tc.want)
		}
	}
}

// TestPhrasesComplete requires every phrase the commands word through
// env.say to have its Indonesian wording, and each wording to be used.
func TestPhrasesComplete(t *testing.T) {
	used := map[string]bool{}
	matches, _ := filepath.Glob("*.go")
	consts := map[string]string{} // string constants of the package, by name
	var files []*ast.File
	var names []string
	for _, name := range matches {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files, names = append(files, f), append(names, name)
		ast.Inspect(f, func(n ast.Node) bool {
			if v, ok := n.(*ast.ValueSpec); ok && len(v.Names) == 1 && len(v.Values) == 1 {
				if l, ok := v.Values[0].(*ast.BasicLit); ok && l.Kind == token.STRING {
					consts[v.Names[0].Name], _ = strconv.Unquote(l.Value)
				}
			}
			return true
		})
	}
	for i, f := range files {
		name := names[i]
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, isSel := c.Fun.(*ast.SelectorExpr); !isSel || sel.Sel.Name != "say" || len(c.Args) != 1 {
				return true
			}
			var s string
			switch a := c.Args[0].(type) {
			case *ast.BasicLit:
				s, _ = strconv.Unquote(a.Value)
			case *ast.Ident:
				s = consts[a.Name]
			}
			if s != "" {
				used[s] = true
				if _, ok := phrases["id"][s]; !ok {
					t.Errorf("%s: no Indonesian wording of %q", name, s)
				}
			}
			return true
		})
	}
	for _, cmd := range commands() {
		used[cmd.summary] = true
		if _, ok := phrases["id"][cmd.summary]; !ok {
			t.Errorf("no Indonesian wording of %q", cmd.summary)
		}
	}
	for s := range phrases["id"] {
		if !used[s] {
			t.Errorf("phrases words %q, which nothing says", s)
		}
	}
	if code, _, stderr := runIn(t, "id_ID.UTF-8", "build", "-h"); code != ExitOK || !strings.Contains(stderr, "Membangun situs ke sebuah folder") || !strings.Contains(stderr, "contoh:\n  risalah build  ") {
		t.Errorf("build -h in Indonesian: exit %d\n%s", code, stderr)
	}
}
