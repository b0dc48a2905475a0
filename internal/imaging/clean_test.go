package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"slices"
	"strings"
	"testing"

	"risalah/internal/imaging/imagingtest"
)

// cleanCase is one file given to Clean, and what is expected of it.
type cleanCase struct {
	name   string
	data   []byte
	format string // of the output
	err    error  // expected, or nil
	// finds are kinds of metadata that imagingtest.Metadata must find in
	// data, so that the checker is known to see them.
	finds []string
	// w, h are the size of the output; lossless says its pixels are
	// those of data; upright that it is data turned a quarter clockwise.
	w, h     int
	lossless bool
	upright  bool
	// still says the output cannot be decoded, as Go reads no animated
	// WebP.
	still bool
}

// cleanCases are every format Clean reads, with metadata, cut short,
// without metadata, and turned by an EXIF orientation.
func cleanCases() []cleanCase {
	p := photo(64, 48)
	jpegPlain := func() []byte {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, p, nil); err != nil {
			panic(err)
		}
		return buf.Bytes()
	}()
	webpPlain := imagingtest.WebP(p)
	// A WebP whose container is whole but whose bitstream is cut short.
	webpCut := slices.Clone(webpPlain[:len(webpPlain)-40])
	binary.LittleEndian.PutUint32(webpCut[4:], uint32(len(webpCut)-8))
	binary.LittleEndian.PutUint32(webpCut[16:], uint32(len(webpCut)-20))
	pngBadCRC := imagingtest.PNG(p)
	pngBadCRC[len(pngBadCRC)-20] ^= 1
	// A JPEG whose EXIF segment claims more bytes than the file has.
	jpegLong := slices.Clone(imagingtest.JPEG(p, 1)[:200])
	binary.BigEndian.PutUint16(jpegLong[4:], 0xFFF0)
	// A 1×1 BMP, 24 bits a pixel.
	bmp := []byte("BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x01\x00\x18\x00" +
		"\x00\x00\x00\x00\x04\x00\x00\x00\x13\x0b\x00\x00\x13\x0b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\x00\x00\x00")
	huge := imagingtest.PNG(image.NewGray(image.Rect(0, 0, 1, 1)))
	binary.BigEndian.PutUint32(huge[16:], 100000)
	binary.BigEndian.PutUint32(huge[20:], 100000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	return []cleanCase{
		{name: "JPEG with every metadata", data: imagingtest.TaggedJPEG(p, 1), format: "jpeg", w: 64, h: 48, lossless: true,
			finds: []string{"EXIF", "GPS", "XMP", "IPTC", "comment", "MPF", "JFIF thumbnail", "JPEG APP12", "trailing data"}},
		{name: "JPEG turned by EXIF", data: imagingtest.TaggedJPEG(p, 6), format: "jpeg", w: 48, h: 64, upright: true,
			finds: []string{"EXIF", "GPS"}},
		{name: "JPEG from a phone", data: imagingtest.JPEG(p, 1), format: "jpeg", w: 64, h: 48, lossless: true, finds: []string{"GPS"}},
		{name: "JPEG without metadata", data: jpegPlain, format: "jpeg", w: 64, h: 48, lossless: true},
		{name: "JPEG cut short", data: imagingtest.Truncated(imagingtest.JPEG(p, 1)), err: ErrDamaged},
		{name: "JPEG segment past the end", data: jpegLong, err: ErrDamaged},
		{name: "PNG with text and EXIF", data: imagingtest.TaggedPNG(p), format: "png", w: 64, h: 48, lossless: true,
			finds: []string{"PNG tEXt", "PNG zTXt", "PNG iTXt", "PNG eXIf", "PNG tIME", "PNG prVt", "EXIF", "GPS", "XMP", "trailing data"}},
		{name: "PNG without metadata", data: imagingtest.PNG(p), format: "png", w: 64, h: 48, lossless: true},
		{name: "PNG cut short", data: imagingtest.Truncated(imagingtest.TaggedPNG(p)), err: ErrDamaged},
		{name: "PNG with a bad checksum", data: pngBadCRC, err: ErrDamaged},
		{name: "PNG too large", data: huge, err: ErrTooLarge},
		{name: "GIF with XMP and a comment", data: imagingtest.TaggedGIF(p), format: "gif", w: 64, h: 48, lossless: true,
			finds: []string{"comment", "XMP", "GIF application XMP DataXMP", "trailing data"}},
		{name: "GIF without metadata", data: imagingtest.GIF(p), format: "gif", w: 64, h: 48, lossless: true},
		{name: "GIF cut short", data: imagingtest.Truncated(imagingtest.TaggedGIF(p)), err: ErrDamaged},
		{name: "WebP with EXIF and XMP", data: imagingtest.TaggedWebP(p), format: "webp", w: 64, h: 48, lossless: true,
			finds: []string{"EXIF", "GPS", "XMP", "WebP chunk prVt"}},
		{name: "WebP without metadata", data: webpPlain, format: "webp", w: 64, h: 48, lossless: true},
		{name: "animated WebP with EXIF", data: imagingtest.AnimatedWebP(p), format: "webp", still: true,
			finds: []string{"EXIF", "GPS", "raw \"Exif\\x00\\x00\""}},
		{name: "animated WebP cut short", data: imagingtest.Truncated(imagingtest.AnimatedWebP(p)), err: ErrDamaged},
		{name: "WebP cut short", data: imagingtest.Truncated(imagingtest.TaggedWebP(p)), err: ErrDamaged},
		{name: "WebP bitstream cut short", data: webpCut, err: ErrDamaged},
		{name: "TIFF with GPS", data: imagingtest.TaggedTIFF(p, 1), format: "jpeg", w: 64, h: 48,
			finds: []string{"EXIF", "GPS", "XMP"}},
		{name: "TIFF turned", data: imagingtest.TaggedTIFF(p, 6), format: "jpeg", w: 48, h: 64, upright: true},
		{name: "TIFF cut short", data: imagingtest.Truncated(imagingtest.TaggedTIFF(p, 1)), err: ErrDamaged},
		{name: "HEIC", data: imagingtest.HEIC(), err: ErrConvert},
		{name: "BMP", data: bmp, format: "bmp", lossless: true},
		{name: "text", data: []byte("not an image at all"), err: ErrNotImage},
	}
}

func TestClean(t *testing.T) {
	for _, tc := range cleanCases() {
		t.Run(tc.name, func(t *testing.T) {
			found := imagingtest.Metadata(tc.data)
			for _, k := range tc.finds {
				if !slices.Contains(found, k) {
					t.Errorf("Metadata(input) = %q, without %q", found, k)
				}
			}
			out, format, err := Clean(tc.data, Options{})
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("Clean: %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			if format != tc.format || Sniff(out) != tc.format {
				t.Errorf("format %q, sniffed %q, want %q", format, Sniff(out), tc.format)
			}
			if m := imagingtest.Metadata(out); len(m) > 0 {
				t.Errorf("Metadata(Clean(input)) = %q", m)
			}
			again, _, err := Clean(out, Options{})
			if err != nil || !bytes.Equal(again, out) {
				t.Errorf("Clean is not idempotent (err %v)", err)
			}
			if format == "bmp" && !bytes.Equal(out, tc.data) {
				t.Error("a BMP was changed")
			}
			if format == "bmp" || tc.still {
				return
			}
			img := decode(t, out)
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Fatalf("decodes as %v, want %d×%d", b, tc.w, tc.h)
			}
			if tc.lossless {
				if x, y, ok := samePixels(decode(t, tc.data), img); !ok {
					t.Errorf("pixel %d,%d changed", x, y)
				}
			}
			// The red corner is top-left, or top-right once turned.
			if red(img, 5, 5) == tc.upright || (tc.upright && !red(img, tc.w-5, 5)) {
				t.Errorf("the photo is not upright")
			}
		})
	}
}

// TestCleanJPEGKeeps keeps the colour profile and the Adobe transform of
// a JPEG, and its profile when it is turned and encoded again.
func TestCleanJPEGKeeps(t *testing.T) {
	for o := range []int{1, 6} {
		out, _, err := Clean(imagingtest.TaggedJPEG(photo(32, 16), o+1), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(out, []byte("ICC_PROFILE\x00\x01\x01a colour profile, kept")) {
			t.Errorf("orientation %d: the colour profile is lost", o+1)
		}
		if o == 0 && !bytes.Contains(out, []byte("\xFF\xEE\x00\x0EAdobe")) {
			t.Error("the Adobe colour transform is lost")
		}
	}
}

// samePixels reports whether a and b have the same pixels, and where
// they first differ.
func samePixels(a, b image.Image) (x, y int, ok bool) {
	if a.Bounds() != b.Bounds() {
		return 0, 0, false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.NRGBA64Model.Convert(a.At(x, y)) != color.NRGBA64Model.Convert(b.At(x, y)) {
				return x, y, false
			}
		}
	}
	return 0, 0, true
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		data string
		want string
	}{
		{"\xFF\xD8\xFF\xE0", "jpeg"},
		{"\x89PNG\r\n\x1a\n", "png"},
		{"GIF87a", "gif"},
		{"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"},
		{"MM\x00*\x00\x00\x00\x08", "tiff"},
		{"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", "avif"},
		{"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic", "heif"},
		{"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00isommp41", ""}, // a video
		{"BMP files are bitmaps, said the text file", ""},
		{"\x00\x00\x01\x00\x01\x00\x10\x10\x00\x00\x01\x00\x20\x00\x68\x04\x00\x00\x16\x00\x00\x00", "ico"},
		{`<svg xmlns="http://www.w3.org/2000/svg"/>`, ""},
		{"", ""},
	} {
		if got := Sniff([]byte(tc.data)); got != tc.want {
			t.Errorf("Sniff(%q) = %q, want %q", tc.data, got, tc.want)
		}
	}
}

// FuzzClean feeds Clean any bytes, seeded with every case of TestClean:
// it never panics, and what it returns holds no metadata a parser finds
// and comes back unchanged from a second Clean. Bytes found only by the
// brute-force search may remain: compressed pixels may hold any bytes.
func FuzzClean(f *testing.F) {
	for _, tc := range cleanCases() {
		f.Add(tc.data)
	}
	opts := Options{MaxPixels: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, format, err := Clean(data, opts)
		if err != nil {
			return
		}
		for _, k := range imagingtest.Metadata(out) {
			if !strings.HasPrefix(k, "raw ") {
				t.Fatalf("Clean(%q) as %s keeps %q", data, format, k)
			}
		}
		again, format2, err := Clean(out, opts)
		if err != nil || format2 != format || !bytes.Equal(again, out) {
			t.Fatalf("Clean of its own %s output: %v, %q, changed %v", format, err, format2, !bytes.Equal(again, out))
		}
	})
}

// BenchmarkClean cleans a 12-megapixel camera photo (4000×3000) with
// EXIF, upright (its segments copied) and held sideways (decoded, turned
// and encoded again), and the same photo as TIFF, converted to JPEG; and
// 1600×1200 pictures as PNG, GIF and WebP.
//
//	go test ./internal/imaging -run XXX -bench Clean -benchtime 5x
func BenchmarkClean(b *testing.B) {
	camera := imagingtest.Camera(4000, 3000, 1)
	pic := photo(1600, 1200)
	for _, bc := range []struct {
		name string
		data func() []byte
	}{
		{"JPEG-upright", func() []byte { return imagingtest.JPEG(camera, 1) }},
		{"JPEG-turned", func() []byte { return imagingtest.JPEG(camera, 6) }},
		{"TIFF", func() []byte { return imagingtest.TaggedTIFF(camera, 1) }},
		{"PNG", func() []byte { return imagingtest.TaggedPNG(pic) }},
		{"GIF", func() []byte { return imagingtest.TaggedGIF(pic) }},
		{"WebP", func() []byte { return imagingtest.TaggedWebP(pic) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			data := bc.data()
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := Clean(data, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
