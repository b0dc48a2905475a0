package build

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"risalah/internal/imaging/imagingtest"

	"golang.org/x/tools/txtar"

	"risalah"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testImages keeps the copies of photos for every build of the tests, so
// that the sample site's photos are encoded once, not in each of the
// hundreds of builds of the rebuild tests. Tests that count the photos
// encoded give their builds a cache of their own.
var testImages ImageCache = &memImages{}

// testNow is the build time of every test build: fixed, so output is stable.
var testNow = time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)

// siteFS turns a txtar archive into a site file system.
func siteFS(t testing.TB, archive []byte) fstest.MapFS {
	t.Helper()
	a := txtar.Parse(archive)
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		data := f.Data
		if spec, ok := bytes.CutPrefix(bytes.TrimSpace(data), []byte("@image ")); ok {
			data = testImage(t, string(spec))
		}
		fsys[f.Name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// describeImage says what a golden file shows of a JPEG or PNG: its
// format and size, which way up it is (where imagingtest.Photo's red
// corner is) and
// whether it keeps an EXIF block; "" for other files.
func describeImage(data []byte) string {
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	b := img.Bounds()
	corner := "no red corner"
	for _, c := range []struct {
		name string
		x, y int
	}{{"top left", b.Min.X + 1, b.Min.Y + 1}, {"top right", b.Max.X - 2, b.Min.Y + 1}, {"bottom right", b.Max.X - 2, b.Max.Y - 2}, {"bottom left", b.Min.X + 1, b.Max.Y - 2}} {
		if imagingtest.Red(img, c.x, c.y) {
			corner = "red corner at " + c.name
			break
		}
	}
	meta := "no metadata"
	if bytes.Contains(data, []byte("Exif\x00")) {
		meta = "EXIF kept"
	}
	return fmt.Sprintf("(%s image, %d×%d, %s, %s)", format, b.Dx(), b.Dy(), corner, meta)
}

// testImage makes the image a fixture's file describes instead of holding
// it: "jpeg 640x480" or "png 20x10", and for a JPEG an EXIF orientation,
// "jpeg 640x480 o6", written with a GPS position as a phone writes it.
// The formats tagged-jpeg, tagged-png, gif, tagged-gif, webp, tagged-webp,
// animated-webp, tagged-tiff and heic make the imagingtest pictures that
// carry every kind of metadata; "cut" after the size cuts the file short.
func testImage(t testing.TB, spec string) []byte {
	t.Helper()
	f := strings.Fields(spec)
	var w, h, o int
	if len(f) < 2 {
		t.Fatalf("image %q: want such as \"jpeg 640x480 o6\"", spec)
	}
	if _, err := fmt.Sscanf(f[1], "%dx%d", &w, &h); err != nil {
		t.Fatalf("image %q: size: %v", spec, err)
	}
	cut := false
	for _, x := range f[2:] {
		switch {
		case x == "cut":
			cut = true
		case strings.HasPrefix(x, "o"):
			fmt.Sscanf(x, "o%d", &o)
		}
	}
	img := imagingtest.Photo(w, h)
	var data []byte
	switch f[0] {
	case "png":
		data = imagingtest.PNG(img)
	case "jpeg":
		data = imagingtest.JPEG(img, max(o, 1))
	case "tagged-jpeg":
		data = imagingtest.TaggedJPEG(img, max(o, 1))
	case "tagged-png":
		data = imagingtest.TaggedPNG(img)
	case "gif":
		data = imagingtest.GIF(img)
	case "tagged-gif":
		data = imagingtest.TaggedGIF(img)
	case "webp":
		data = imagingtest.WebP(img)
	case "tagged-webp":
		data = imagingtest.TaggedWebP(img)
	case "animated-webp":
		data = imagingtest.AnimatedWebP(img)
	case "tagged-tiff":
		data = imagingtest.TaggedTIFF(img, max(o, 1))
	case "heic":
		data = imagingtest.HEIC()
	default:
		t.Fatalf("image %q: unknown format %q", spec, f[0])
	}
	if cut {
		data = imagingtest.Truncated(data)
	}
	return data
}

// buildSite builds fsys in memory with the default theme.
func buildSite(t testing.TB, fsys fstest.MapFS, opts Options) (*Result, *Memory) {
	t.Helper()
	opts.Site = fsys
	opts.Theme = risalah.Theme()
	if opts.ImageCache == nil {
		opts.ImageCache = testImages
	}
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	out := NewMemory()
	res := Run(context.Background(), opts, out)
	return res, out
}

// archive turns built files into one txtar text, sorted by name; the
// theme's stylesheet is left out so that golden files show pages only.
func archive(files map[string][]byte) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		if strings.HasPrefix(n, "css/") {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	a := &txtar.Archive{}
	for _, n := range names {
		data := files[n]
		if d := describeImage(data); d != "" {
			data = []byte(d)
		}
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(append([]byte(nil), data...), '\n')
		}
		a.Files = append(a.Files, txtar.File{Name: n, Data: data})
	}
	return txtar.Format(a)
}

// TestGoldenSites builds each site in testdata/sites and compares every
// output file with testdata/golden. Run with -update after a deliberate
// change to the output.
func TestGoldenSites(t *testing.T) {
	sites, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(sites) == 0 {
		t.Fatal("no fixture sites")
	}
	for _, path := range sites {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, out := buildSite(t, siteFS(t, src), Options{})
			for _, d := range res.Diags.Items() {
				t.Log(d)
			}
			if !res.OK() {
				t.Fatalf("build failed")
			}
			got := archive(out.Files)
			golden := filepath.Join("testdata", "golden", name+".txtar")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/build -run TestGoldenSites -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				wantFiles := map[string]string{}
				for _, f := range txtar.Parse(want).Files {
					wantFiles[f.Name] = string(f.Data)
				}
				for _, f := range txtar.Parse(got).Files {
					w, ok := wantFiles[f.Name]
					switch {
					case !ok:
						t.Errorf("new file %s", f.Name)
					case w != string(f.Data):
						t.Errorf("%s differs from golden:\n%s", f.Name, firstDiff(w, string(f.Data)))
					}
					delete(wantFiles, f.Name)
				}
				for n := range wantFiles {
					t.Errorf("missing file %s", n)
				}
				t.Log("run with -update if the change is intended")
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}

func itoa(i int) string { return strconv.Itoa(i) }
