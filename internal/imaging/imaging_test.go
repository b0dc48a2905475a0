package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"slices"
	"testing"

	"risalah/internal/imaging/imagingtest"
)

// photo and red are imagingtest's.
func photo(w, h int) *image.NRGBA { return imagingtest.Photo(w, h) }

func red(img image.Image, x, y int) bool { return imagingtest.Red(img, x, y) }

// withExif returns a JPEG of img with the orientation o and a GPS
// position.
func withExif(t *testing.T, img image.Image, o int) []byte {
	t.Helper()
	return imagingtest.JPEG(img, o)
}

func decode(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestWidths(t *testing.T) {
	for _, tc := range []struct {
		width int
		want  []int
	}{
		{4000, []int{480, 960, 1600}},
		{1600, []int{480, 960, 1600}},
		{1200, []int{480, 960, 1200}},
		{480, []int{480}},
		{300, []int{300}},
	} {
		if got := Widths(tc.width, DefaultWidths()); !slices.Equal(got, tc.want) {
			t.Errorf("Widths(%d) = %v, want %v", tc.width, got, tc.want)
		}
	}
}

// TestProcessCameraPhoto processes a phone's photo held sideways: the
// copies are upright, at the widths asked for and no wider than the
// photo, with the height that keeps its shape, and carry no EXIF block.
func TestProcessCameraPhoto(t *testing.T) {
	data := withExif(t, photo(2000, 1500), 6) // stored landscape, shown portrait
	info, vs, err := Process(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if info.Width != 1500 || info.Height != 2000 || info.Orientation != 6 || info.Format != "jpeg" {
		t.Errorf("info %+v", info)
	}
	want := [][2]int{{480, 640}, {960, 1280}, {1500, 2000}}
	if len(vs) != len(want) {
		t.Fatalf("%d copies, want %d", len(vs), len(want))
	}
	for i, v := range vs {
		if v.Width != want[i][0] || v.Height != want[i][1] || v.Format != "jpeg" {
			t.Errorf("copy %d: %d×%d %s, want %v", i, v.Width, v.Height, v.Format, want[i])
		}
		img := decode(t, v.Data)
		if b := img.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height {
			t.Errorf("copy %d decodes as %v", i, b)
		}
		// Turned a quarter clockwise: the stored top-left corner is now
		// the top-right one.
		if !red(img, v.Width-5, 5) || red(img, 5, 5) {
			t.Errorf("copy %d is not upright", i)
		}
		if bytes.Contains(v.Data, []byte("Exif")) || bytes.Contains(v.Data, []byte{0xFF, 0xE1}) {
			t.Errorf("copy %d keeps the EXIF block", i)
		}
	}
}

// TestOrientations turns a photo by every EXIF orientation and checks
// where its marked corner ends.
func TestOrientations(t *testing.T) {
	// Where the stored top-left corner is shown: 0 top-left, 1 top-right,
	// 2 bottom-right, 3 bottom-left.
	corner := map[int]int{1: 0, 2: 1, 3: 2, 4: 3, 5: 0, 6: 1, 7: 2, 8: 3}
	for o := 1; o <= 8; o++ {
		info, vs, err := Process(withExif(t, photo(400, 200), o), Options{Widths: []int{1000}})
		if err != nil {
			t.Fatal(err)
		}
		img := decode(t, vs[0].Data)
		w, h := info.Width, info.Height
		at := [][2]int{{5, 5}, {w - 5, 5}, {w - 5, h - 5}, {5, h - 5}}
		for c, p := range at {
			if got := red(img, p[0], p[1]); got != (c == corner[o]) {
				t.Errorf("orientation %d: corner %d red = %v", o, c, got)
			}
		}
		if (o >= 5) != (w == 200) {
			t.Errorf("orientation %d: shown %d×%d", o, w, h)
		}
	}
}

// TestPNGLossless keeps a PNG a PNG, pixel for pixel at its own width.
func TestPNGLossless(t *testing.T) {
	src := photo(300, 200)
	src.SetNRGBA(7, 9, color.NRGBA{1, 2, 3, 4}) // a translucent pixel
	var buf bytes.Buffer
	if err := png.Encode(&buf, src); err != nil {
		t.Fatal(err)
	}
	_, vs, err := Process(buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Format != "png" || vs[0].Width != 300 {
		t.Fatalf("copies %+v", vs)
	}
	img := decode(t, vs[0].Data)
	for y := 0; y < 200; y++ {
		for x := 0; x < 300; x++ {
			if color.NRGBAModel.Convert(img.At(x, y)) != src.At(x, y) {
				t.Fatalf("pixel %d,%d changed", x, y)
			}
		}
	}
}

// TestBadInput gives the errors an editor sees for files that are not
// photos, damaged ones and one too large to decode.
func TestBadInput(t *testing.T) {
	good := withExif(t, photo(64, 48), 1)
	var huge bytes.Buffer
	png.Encode(&huge, image.NewGray(image.Rect(0, 0, 1, 1)))
	big := huge.Bytes()
	binary.BigEndian.PutUint32(big[16:], 100000) // IHDR width and height
	binary.BigEndian.PutUint32(big[20:], 100000)
	binary.BigEndian.PutUint32(big[29:], crc32.ChecksumIEEE(big[12:29]))
	for _, tc := range []struct {
		name string
		data []byte
		is   error
	}{
		{"text", []byte("not an image at all"), ErrUnsupported},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), ErrUnsupported},
		{"truncated JPEG", good[:len(good)/2], nil},
		{"empty", nil, ErrUnsupported},
		{"a PNG claiming 10 gigapixels", big, ErrTooLarge},
	} {
		_, _, err := Process(tc.data, Options{})
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.is)
		}
	}
	if _, err := Probe(big, 0); err != nil {
		t.Errorf("with no limit the huge PNG's header is read: %v", err)
	}
}

// TestDamagedExif reads photos whose EXIF block is cut or wrong as upright.
func TestDamagedExif(t *testing.T) {
	data := withExif(t, photo(64, 48), 6)
	for name, damage := range map[string]func([]byte){
		"IFD offset past the end": func(d []byte) { binary.LittleEndian.PutUint32(d[2+4+6+4:], 0xFFFFFF) },
		"byte order unknown":      func(d []byte) { d[2+4+6] = 'X' },
		"orientation 0":           func(d []byte) { d[2+4+6+8+2+8] = 0 },
	} {
		d := bytes.Clone(data)
		damage(d)
		if o := jpegOrientation(d); o != 1 {
			t.Errorf("%s: orientation %d", name, o)
		}
	}
	if o := jpegOrientation(data); o != 6 {
		t.Errorf("undamaged: orientation %d", o)
	}
}

// TestKey changes with the bytes and with the options, not otherwise.
func TestKey(t *testing.T) {
	a, b := []byte("a"), []byte("b")
	if Key(a, Options{}) != Key(a, Options{Quality: DefaultQuality}) {
		t.Error("the defaults written out change the key")
	}
	if Key(a, Options{}) == Key(b, Options{}) || Key(a, Options{}) == Key(a, Options{Quality: 70}) {
		t.Error("the key ignores the bytes or the options")
	}
}

// BenchmarkProcess makes the three copies of a 12-megapixel camera photo
// (4000×3000, with fine detail so that JPEG has work to do) held
// sideways.
//
//	go test ./internal/imaging -run XXX -bench Process -benchtime 3x
func BenchmarkProcess(b *testing.B) {
	img := image.NewNRGBA(image.Rect(0, 0, 4000, 3000))
	seed := uint32(1)
	for i := 0; i < len(img.Pix); i += 4 {
		seed = seed*1664525 + 1013904223
		x, y := (i/4)%4000, (i/4)/4000
		img.Pix[i] = uint8(x/16) + uint8(seed>>28)
		img.Pix[i+1] = uint8(y/12) + uint8(seed>>26)
		img.Pix[i+2] = uint8((x+y)/28) + uint8(seed>>29)
		img.Pix[i+3] = 255
	}
	t := &testing.T{}
	data := withExif(t, img, 6)
	b.ReportMetric(float64(len(data)), "input-B")
	var out int
	for b.Loop() {
		_, vs, err := Process(data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		out = 0
		for _, v := range vs {
			out += len(v.Data)
		}
	}
	b.ReportMetric(float64(out), "copies-B")
}

// FuzzMeasure feeds Measure any bytes, seeded with each format it reads:
// it never panics, and what it accepts has a size within the limit.
func FuzzMeasure(f *testing.F) {
	f.Add(imagingtest.JPEG(photo(8, 6), 6))
	f.Add(imagingtest.PNG(photo(5, 3)))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="2in" viewBox="0 0 40 20"></svg>`))
	f.Add([]byte("GIF89a\x02\x00\x01\x00\x00\x00\x00;"))
	f.Add([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Measure(data, 1_000_000)
		if err != nil {
			return
		}
		if info.Width <= 0 || info.Height <= 0 {
			t.Fatalf("accepted a %d×%d image", info.Width, info.Height)
		}
		if Scalable(info.Format) && int64(info.Width)*int64(info.Height) > 1_000_000 {
			t.Fatalf("accepted %d×%d pixels, past the limit", info.Width, info.Height)
		}
	})
}
