package scaffold

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"
)

// shellcheck returns the shellcheck executable, or "" when it is not
// installed; in CI its absence fails the test.
func shellcheck(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("shellcheck is not installed (apt-get install shellcheck)")
		}
		t.Log("shellcheck is not installed: the workflows' scripts are not checked (apt-get install shellcheck)")
		return ""
	}
	return p
}

func workflow(t *testing.T, src Source, path string) string {
	t.Helper()
	for _, f := range Workflows(src) {
		if f.Path == path {
			return f.Text
		}
	}
	t.Fatalf("Workflows wrote no %s", path)
	return ""
}

// TestGitHubWorkflowLints runs actionlint, the checker GitHub users run on
// their workflows (with shellcheck on the run: scripts when installed), on
// the workflow init writes, with and without a source address, and with an
// address holding a quote.
func TestGitHubWorkflowLints(t *testing.T) {
	sc := shellcheck(t)
	for _, src := range []Source{
		{},
		{Repo: "https://git.example.go.id/tik/risalah.git", Version: "v1.2.0"},
		{Repo: "https://example.org/o'neil/risalah.git", Version: "0123456789abcdef0123456789abcdef01234567"},
	} {
		text := workflow(t, src, ".github/workflows/pages.yml")
		var log strings.Builder
		l, err := actionlint.NewLinter(&log, &actionlint.LinterOptions{Shellcheck: sc, WorkingDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		errs, err := l.Lint(".github/workflows/pages.yml", []byte(text), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range errs {
			t.Errorf("%+v: actionlint: %s [%s]", src, e.Message, e.Kind)
		}
		if len(errs) > 0 {
			t.Logf("the workflow:\n%s", text)
		}
	}
}

// TestGitHubWorkflowSteps reads the workflow as GitHub does and checks
// what it must do: check and build with --strict, publish public/ only
// from a push, and take the defaults init was given.
func TestGitHubWorkflowSteps(t *testing.T) {
	text := workflow(t, Source{Repo: "https://git.example.go.id/tik/risalah.git", Version: "v1.2.0"}, ".github/workflows/pages.yml")
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Env         map[string]string `yaml:"env"`
		Jobs        map[string]struct {
			If    string `yaml:"if"`
			Needs string `yaml:"needs"`
			Steps []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				If   string            `yaml:"if"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(text), &wf); err != nil {
		t.Fatal(err)
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" || wf.Permissions["contents"] != "read" {
		t.Errorf("permissions = %v, want contents: read, pages: write, id-token: write", wf.Permissions)
	}
	if got := wf.Env["RISALAH_REPO"]; got != "${{ vars.RISALAH_REPO || 'https://git.example.go.id/tik/risalah.git' }}" {
		t.Errorf("RISALAH_REPO = %q", got)
	}
	if got := wf.Env["RISALAH_VERSION"]; got != "${{ vars.RISALAH_VERSION || 'v1.2.0' }}" {
		t.Errorf("RISALAH_VERSION = %q", got)
	}
	var runs, uploads []string
	for _, s := range wf.Jobs["build"].Steps {
		if s.Run != "" {
			runs = append(runs, s.Run)
		}
		if strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") {
			uploads = append(uploads, s.With["path"])
			if s.If == "" {
				t.Error("the output is uploaded for pull requests too")
			}
		}
	}
	all := strings.Join(runs, "\n")
	for _, want := range []string{"go install ./cmd/risalah", "risalah check --strict --format github", "risalah build --strict"} {
		if !strings.Contains(all, want) {
			t.Errorf("the build job does not run %q", want)
		}
	}
	if strings.Index(all, "risalah check") > strings.Index(all, "risalah build") {
		t.Error("the site is built before it is checked")
	}
	if len(uploads) != 1 || uploads[0] != "public" {
		t.Errorf("uploaded %v, want public", uploads)
	}
	deploy := wf.Jobs["deploy"]
	if deploy.Needs != "build" || deploy.If == "" || len(deploy.Steps) != 1 || !strings.HasPrefix(deploy.Steps[0].Uses, "actions/deploy-pages@") {
		t.Errorf("deploy job = %+v", deploy)
	}
}

// TestGitLabPipeline reads the GitLab file as GitLab does and checks what
// it must do: a check job, a job named pages that builds with --strict for
// CI_PAGES_URL and keeps public/ only on the default branch, stages that
// exist, and scripts that a POSIX shell (and shellcheck) accept.
func TestGitLabPipeline(t *testing.T) {
	text := workflow(t, Source{Repo: "https://git.example.go.id/tik/risalah.git"}, ".gitlab-ci.yml")
	type job struct {
		Stage     string   `yaml:"stage"`
		Script    []string `yaml:"script"`
		Artifacts struct {
			Paths []string `yaml:"paths"`
		} `yaml:"artifacts"`
		Rules []struct {
			If string `yaml:"if"`
		} `yaml:"rules"`
	}
	var top map[string]yaml.Node
	if err := yaml.Unmarshal([]byte(text), &top); err != nil {
		t.Fatal(err)
	}
	var stages []string
	var vars map[string]string
	var def struct {
		Image        string   `yaml:"image"`
		BeforeScript []string `yaml:"before_script"`
	}
	jobs := map[string]job{}
	for k, n := range top {
		var err error
		switch k {
		case "stages":
			err = n.Decode(&stages)
		case "variables":
			err = n.Decode(&vars)
		case "default":
			err = n.Decode(&def)
		default:
			var j job
			err = n.Decode(&j)
			jobs[k] = j
		}
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}
	if vars["RISALAH_REPO"] != "https://git.example.go.id/tik/risalah.git" || vars["RISALAH_VERSION"] != "main" {
		t.Errorf("variables = %v", vars)
	}
	if !strings.HasPrefix(def.Image, "golang:") {
		t.Errorf("image = %q, want a Go image", def.Image)
	}
	for name, j := range jobs {
		found := false
		for _, s := range stages {
			found = found || s == j.Stage
		}
		if !found {
			t.Errorf("job %s: stage %q is not in stages %v", name, j.Stage, stages)
		}
		if len(j.Script) == 0 {
			t.Errorf("job %s has no script", name)
		}
	}
	if s := strings.Join(jobs["check"].Script, "\n"); !strings.Contains(s, "risalah check --strict") {
		t.Errorf("check job runs %q", s)
	}
	pages := jobs["pages"]
	if s := strings.Join(pages.Script, "\n"); !strings.Contains(s, "risalah build --strict --base-url \"$CI_PAGES_URL/\"") {
		t.Errorf("pages job runs %q", s)
	}
	if len(pages.Artifacts.Paths) != 1 || pages.Artifacts.Paths[0] != "public" {
		t.Errorf("pages keeps %v, want public", pages.Artifacts.Paths)
	}
	if len(pages.Rules) != 1 || !strings.Contains(pages.Rules[0].If, "CI_DEFAULT_BRANCH") {
		t.Errorf("pages job rules = %+v, want the default branch only", pages.Rules)
	}

	script := "#!/bin/sh\n" + strings.Join(def.BeforeScript, "\n") + "\n"
	for _, name := range []string{"check", "pages"} {
		script += strings.Join(jobs[name].Script, "\n") + "\n"
	}
	f := filepath.Join(t.TempDir(), "script.sh")
	if err := os.WriteFile(f, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("sh", "-n", f).CombinedOutput(); err != nil {
		t.Errorf("sh -n: %v\n%s", err, out)
	}
	if sc := shellcheck(t); sc != "" {
		if out, err := exec.Command(sc, "-s", "sh", f).CombinedOutput(); err != nil {
			t.Errorf("shellcheck: %v\n%s\n%s", err, out, script)
		}
	}
}

// TestInstallScript runs the install lines both workflows share against a
// local Git repository holding a small stand-in for risalah, fetched by
// tag, by branch and by commit, and once without RISALAH_REPO, which must
// fail with a message saying what to set.
func TestInstallScript(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the CI scripts run on Linux")
	}
	for _, tool := range []string{"git", "go", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	repo := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module risalah\n\ngo 1.21\n")
	write("cmd/risalah/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"stand-in risalah\") }\n")
	git := func(dir string, args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_GLOBAL=/dev/null")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git(repo, "init", "-q", "-b", "main")
	git(repo, "add", ".")
	git(repo, "commit", "-q", "-m", "stand-in")
	git(repo, "tag", "v0.0.1")
	commit := git(repo, "rev-parse", "HEAD")

	run := func(version, repoAddr string) (string, error) {
		work := t.TempDir()
		bin := filepath.Join(work, "bin")
		cmd := exec.Command("sh", "-e", "-c", installScript)
		cmd.Env = append(os.Environ(),
			"RISALAH_REPO="+repoAddr, "RISALAH_VERSION="+version, "RISALAH_SRC="+filepath.Join(work, "src"),
			"GOBIN="+bin, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GIT_CONFIG_GLOBAL=/dev/null")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for _, v := range []string{"v0.0.1", "main", commit} {
		out, err := run(v, repo)
		if err != nil || !strings.Contains(out, "stand-in risalah") {
			t.Errorf("install at %s: %v\n%s", v, err, out)
		}
	}
	out, err := run("main", "")
	if err == nil || !strings.Contains(out, "RISALAH_REPO is not set") {
		t.Errorf("without RISALAH_REPO: %v\n%s", err, out)
	}
}
