//go:build linux

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestReleaseScript builds one release binary with .ci/release and checks
// that it says its stamped version and that SHA256SUMS verifies it.
func TestReleaseScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	for _, tool := range []string{"bash", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	out := t.TempDir()
	cmd := exec.Command("bash", "../../.ci/release", "v0.0.0-test", out)
	cmd.Env = append(os.Environ(), "RELEASE_TARGETS="+runtime.GOOS+"/"+runtime.GOARCH)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("release: %v\n%s", err, b)
	}
	bin := filepath.Join(out, "risalah-v0.0.0-test-"+runtime.GOOS+"-"+runtime.GOARCH)
	v, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(v), "risalah v0.0.0-test ") {
		t.Errorf("%s version: %q, %v", bin, v, err)
	}
	check := exec.Command("sha256sum", "-c", "SHA256SUMS")
	check.Dir = out
	if b, err := check.CombinedOutput(); err != nil {
		t.Errorf("SHA256SUMS: %v\n%s", err, b)
	}
}
