package quality

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// lighthousePages are the pages Lighthouse scores: the home page, a
// meeting record, a regulation and the regulations list.
var lighthousePages = []struct{ name, path string }{
	{"home", "/"},
	{"meeting", "/rapat/rakor-timpora-2023/"},
	{"regulation", "/peraturan/pp-31-tahun-2013-pelaksanaan-uu-keimigrasian/"},
	{"regulations", "/peraturan/"},
}

// lighthouseCategories are the scores each page must reach, from 0 to 1.
var lighthouseCategories = []string{"performance", "accessibility", "best-practices", "seo"}

// minLighthouse is the lowest score a category may have.
const minLighthouse = 0.95

// lighthouseReport is the part of Lighthouse's JSON report read here.
type lighthouseReport struct {
	Categories map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]struct {
		Title        string   `json:"title"`
		Score        *float64 `json:"score"`
		DisplayValue string   `json:"displayValue"`
	} `json:"audits"`
	RuntimeError *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
}

// TestLighthouse runs the pinned Lighthouse (tools/package.json) in its
// default mobile emulation, with simulated slow 4G and a slowed CPU, on
// four pages of the sample site served as a static host serves them, and
// requires at least 95 in each category. The scores are logged and kept
// with the reports in test-output/lighthouse.
func TestLighthouse(t *testing.T) {
	if testing.Short() {
		t.Skip("Lighthouse takes about a minute")
	}
	chromium := findChromium(t)
	node, err := exec.LookPath("node")
	if err != nil {
		missingTool(t, "Node.js", "install Node.js 18.16 or later")
	}
	cli, _ := filepath.Abs(filepath.Join(toolsDir, "lighthouse", "cli", "index.js"))
	if _, err := os.Stat(cli); err != nil {
		missingTool(t, "Lighthouse", "install the pinned tools with: npm ci --prefix tools")
	}
	out, _ := filepath.Abs(filepath.Join("..", "..", "test-output", "lighthouse"))
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	base := serve(t, siteDir)
	var table []string
	for _, p := range lighthousePages {
		report := filepath.Join(out, p.name+".json")
		profile := t.TempDir()
		cmd := exec.Command(node, cli, base+p.path, "--quiet", "--output=json", "--output-path="+report,
			"--only-categories="+strings.Join(lighthouseCategories, ","),
			"--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir="+profile)
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("lighthouse %s: %v\n%s", p.path, err, msg)
		}
		scores, below := readLighthouse(t, report)
		table = append(table, fmt.Sprintf("%-12s %s", p.name, scores))
		for _, b := range below {
			t.Errorf("%s: %s", p.path, b)
		}
	}
	summary := fmt.Sprintf("Lighthouse 12.2.3, mobile emulation (%s)\n%-12s %s\n%s\n", strings.Join(lighthouseCategories, ", "),
		"page", strings.Join(lighthouseCategories, " "), strings.Join(table, "\n"))
	if err := os.WriteFile(filepath.Join(out, "scores.txt"), []byte(summary), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + summary)
}

// readLighthouse reads a report: its scores as one line of percentages,
// and for each category below minLighthouse what cost it points.
func readLighthouse(t *testing.T, file string) (string, []string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var r lighthouseReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if r.RuntimeError != nil && r.RuntimeError.Code != "" && r.RuntimeError.Code != "NO_ERROR" {
		t.Fatalf("%s: Lighthouse could not run: %s %s", file, r.RuntimeError.Code, r.RuntimeError.Message)
	}
	var cols, below []string
	for _, c := range lighthouseCategories {
		cat, ok := r.Categories[c]
		if !ok || cat.Score == nil {
			below = append(below, c+": no score")
			cols = append(cols, "-")
			continue
		}
		cols = append(cols, fmt.Sprintf("%*d", len(c), int(*cat.Score*100+0.5)))
		if *cat.Score >= minLighthouse {
			continue
		}
		var lost []string
		for _, ref := range cat.AuditRefs {
			a := r.Audits[ref.ID]
			if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				lost = append(lost, fmt.Sprintf("%s (%.2f) %s", ref.ID, *a.Score, a.DisplayValue))
			}
		}
		sort.Strings(lost)
		below = append(below, fmt.Sprintf("%s scored %.0f, below %.0f; audits short of full marks: %s", c, *cat.Score*100, minLighthouse*100, strings.Join(lost, "; ")))
	}
	return strings.Join(cols, " "), below
}
