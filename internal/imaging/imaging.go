// Package imaging makes the published copies of a site's photos: each
// image is decoded once, turned upright by its EXIF orientation, scaled to
// a few widths never larger than the original, and encoded again, JPEG at
// a set quality and PNG losslessly. The copies hold no metadata: Go's
// encoders write none, so a camera's EXIF block, with its GPS position,
// never reaches the published site. Every other image the site publishes
// goes through Clean, which removes the metadata of each format Sniff
// knows, without decoding where it can.
package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"slices"

	"golang.org/x/image/draw"
)

// Options say which copies to make.
type Options struct {
	// Widths are the widths of the copies, in pixels; a width not smaller
	// than the original gives one copy at the original's width instead.
	Widths []int
	// Quality is the JPEG quality, 1–100.
	Quality int
	// MaxPixels is the largest image accepted, width × height: a larger
	// one is refused before it is decoded, so that one file cannot
	// exhaust the memory of a build.
	MaxPixels int64
}

// DefaultWidths returns the widths of the copies when Options gives none:
// for phones, tablets and wide screens.
func DefaultWidths() []int { return []int{480, 960, 1600} }

// Default values of Options: a quality at which a photo's JPEG artefacts
// are not seen, and 50 megapixels, past any camera an office uses.
const (
	DefaultQuality   = 80
	DefaultMaxPixels = 50_000_000
)

// WithDefaults returns o with its zero fields set to the defaults.
func (o Options) WithDefaults() Options {
	if len(o.Widths) == 0 {
		o.Widths = DefaultWidths()
	}
	if o.Quality == 0 {
		o.Quality = DefaultQuality
	}
	if o.MaxPixels == 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	return o
}

// Info describes an image as shown: its width and height after its EXIF
// orientation is applied.
type Info struct {
	Format        string // "jpeg" or "png"
	Width, Height int
	Orientation   int // EXIF orientation, 1 (as stored) to 8
}

// HeightAt returns the height of a copy width pixels wide: the shape of
// the image as shown, rounded, and at least one pixel.
func (i Info) HeightAt(width int) int {
	return max(1, (i.Height*width+i.Width/2)/i.Width)
}

// Variant is one published copy.
type Variant struct {
	Width, Height int
	Format        string // "jpeg" or "png", as the original
	Data          []byte
}

// Errors Probe, Process and Clean return, wrapped with details.
var (
	ErrUnsupported = errors.New("not a JPEG or PNG image")
	ErrTooLarge    = errors.New("image too large")
	// ErrDamaged is an image that is cut short or cannot be decoded.
	ErrDamaged = errors.New("cannot read the image")
)

// Probe reads an image's format and size without decoding its pixels.
func Probe(data []byte, maxPixels int64) (Info, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return Info{}, ErrUnsupported
		}
		return Info{}, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if format != "jpeg" && format != "png" && format != "tiff" {
		return Info{}, fmt.Errorf("%w (it is %s)", ErrUnsupported, format)
	}
	if err := checkSize(cfg, maxPixels); err != nil {
		return Info{}, err
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	switch format {
	case "jpeg":
		info.Orientation = jpegOrientation(data)
	case "tiff":
		info.Orientation = tiffOrientation(data)
	}
	if info.Orientation >= 5 { // turned a quarter: width and height swap
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// Widths returns the widths of the copies of an image width pixels wide:
// each of widths smaller than it, and the original width when it is not
// larger than the largest, sorted.
func Widths(width int, widths []int) []int {
	var out []int
	for _, w := range widths {
		if w > 0 && w < width {
			out = append(out, w)
		}
	}
	if len(widths) > 0 && width <= slices.Max(widths) {
		out = append(out, width)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Key returns the fingerprint of the copies Process makes of data with
// opts, for a cache: the same bytes and options give the same copies.
func Key(data []byte, opts Options) string {
	opts = opts.WithDefaults()
	h := sha256.New()
	fmt.Fprintf(h, "imaging 1 %v %d %d\n", opts.Widths, opts.Quality, opts.MaxPixels)
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// Process decodes data, turns it upright and makes its copies, smallest
// first.
func Process(data []byte, opts Options) (Info, []Variant, error) {
	opts = opts.WithDefaults()
	info, err := Probe(data, opts.MaxPixels)
	if err != nil {
		return info, nil, err
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return info, nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if info.Format == "tiff" && !isOpaque(src) {
		src = onWhite(src) // its copies are JPEG, which has no transparency
	}
	opaque := info.Format != "png" || isOpaque(src)
	up := upright(src, opaque, info.Orientation)
	widths := Widths(info.Width, opts.Widths)
	out := make([]Variant, len(widths))
	// Largest first, each smaller copy scaled from the one before it: a
	// step of at most about half loses nothing a reader sees, and costs a
	// fraction of scaling the original again.
	var from image.Image = up
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		h := info.HeightAt(w)
		var dst image.Image = up
		if w != info.Width {
			scaled := newImage(opaque, w, h)
			draw.CatmullRom.Scale(scaled, scaled.Bounds(), from, from.Bounds(), draw.Src, nil)
			dst = scaled
		}
		from = dst
		var buf bytes.Buffer
		if info.Format == "png" {
			err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
		} else {
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: opts.Quality})
		}
		if err != nil {
			return info, nil, fmt.Errorf("cannot encode a copy %d pixels wide: %v", w, err)
		}
		out[i] = Variant{Width: w, Height: h, Format: CopyFormat(info.Format), Data: buf.Bytes()}
	}
	return info, out, nil
}

// CopyFormat returns the format of the copies of an image of format: a
// PNG's stay PNG, lossless; a TIFF's (a scan, a print master, which
// browsers do not show) are JPEG, as a JPEG's are.
func CopyFormat(format string) string {
	if format == "png" {
		return "png"
	}
	return "jpeg"
}

// onWhite returns img drawn on white.
func onWhite(img image.Image) image.Image {
	b := img.Bounds()
	flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(flat, flat.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, b.Min, draw.Over)
	return flat
}

// checkSize refuses an image of no pixels, or of more than maxPixels
// (when it is positive), before it is decoded.
func checkSize(cfg image.Config, maxPixels int64) error {
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("%w: it is %d×%d pixels", ErrDamaged, cfg.Width, cfg.Height)
	}
	if maxPixels > 0 && int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return fmt.Errorf("%w: %d×%d pixels, more than the %d allowed", ErrTooLarge, cfg.Width, cfg.Height, maxPixels)
	}
	return nil
}

func isOpaque(img image.Image) bool {
	op, ok := img.(interface{ Opaque() bool })
	return ok && op.Opaque()
}

// upright returns one flat copy of src's pixels, turned by EXIF
// orientation o: RGBA, which the scalers and the JPEG encoder read
// fastest, unless opaque is false, for translucent pixels that only NRGBA
// keeps exactly.
func upright(src image.Image, opaque bool, o int) draw.Image {
	b := src.Bounds()
	flat := newImage(opaque, b.Dx(), b.Dy())
	draw.Draw(flat, flat.Bounds(), src, b.Min, draw.Src)
	return orient(flat, opaque, o)
}

// newImage returns a w×h image: RGBA when opaque, else NRGBA.
func newImage(opaque bool, w, h int) draw.Image {
	if opaque {
		return image.NewRGBA(image.Rect(0, 0, w, h))
	}
	return image.NewNRGBA(image.Rect(0, 0, w, h))
}

// pixels returns the bytes of an image newImage made, four a pixel.
func pixels(img image.Image) (pix []byte, stride int) {
	switch m := img.(type) {
	case *image.RGBA:
		return m.Pix, m.Stride
	case *image.NRGBA:
		return m.Pix, m.Stride
	}
	panic("imaging: not an image newImage makes")
}

// orient returns src, an image newImage made, turned by EXIF orientation
// o (2–8 mirror and turn; 1 is as stored).
func orient(src draw.Image, opaque bool, o int) draw.Image {
	if o <= 1 || o > 8 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := newImage(opaque, dw, dh)
	sp, ss := pixels(src)
	dp, ds := pixels(dst)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored upside down
				dx, dy = x, h-1-y
			case 5: // mirrored along the diagonal
				dx, dy = y, x
			case 6: // turned a quarter clockwise
				dx, dy = h-1-y, x
			case 7: // mirrored along the other diagonal
				dx, dy = h-1-y, w-1-x
			case 8: // turned a quarter anticlockwise
				dx, dy = y, w-1-x
			}
			copy(dp[dy*ds+4*dx:][:4], sp[y*ss+4*x:][:4])
		}
	}
	return dst
}
