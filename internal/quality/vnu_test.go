package quality

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuMessage is one message of the Nu Html Checker's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	FirstCol int    `json:"firstColumn"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// runVNU checks every HTML file (and stylesheet) under dir with the Nu Html
// Checker and returns its errors.
func runVNU(t *testing.T, dir string) []string {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		missingTool(t, "Java", "install a Java runtime, such as: apt-get install default-jre-headless")
	}
	jar := filepath.Join(toolsDir, "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		missingTool(t, "the Nu Html Checker", "install the pinned tools with: npm ci --prefix tools")
	}
	dir, _ = filepath.Abs(dir)
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--also-check-css", "--skip-non-html", "--format", "json", dir)
	out, err := cmd.CombinedOutput()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running vnu: %v", err)
	}
	var res struct {
		Messages []vnuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(out, &res); jerr != nil {
		t.Fatalf("vnu output is not JSON (%v):\n%s", jerr, out)
	}
	var errs []string
	for _, m := range res.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		file := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(dir, file); err == nil {
			file = rel
		}
		errs = append(errs, fmt.Sprintf("%s:%d:%d: %s (%q)", file, m.LastLine, m.FirstCol, m.Message, m.Extract))
	}
	return errs
}

// TestValidHTML requires zero Nu Html Checker errors on every page.
func TestValidHTML(t *testing.T) {
	for _, e := range runVNU(t, siteDir) {
		t.Error(e)
	}
}

// TestVNUCatchesBrokenFixture proves the check can fail: invalid nesting.
func TestVNUCatchesBrokenFixture(t *testing.T) {
	errs := runVNU(t, "testdata/broken")
	all := strings.Join(errs, "\n")
	for _, want := range []string{"No “p” element in scope but a “p” end tag seen", "Element “p” not allowed as child of element “ul”"} {
		if !strings.Contains(all, want) {
			t.Errorf("vnu did not report the invalid nesting (%s):\n%s", want, all)
		}
	}
}
