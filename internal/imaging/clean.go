package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"

	"golang.org/x/image/tiff"
)

// Errors Clean returns besides ErrDamaged and ErrTooLarge.
var (
	// ErrNotImage is a file whose bytes are of no image format Sniff knows.
	ErrNotImage = errors.New("not an image")
	// ErrConvert is a photo in a format no decoder written in Go reads
	// (HEIC, HEIF, AVIF): the editor has to convert it.
	ErrConvert = errors.New(`this photo format (HEIC/HEIF/AVIF) cannot be published: convert the photo to JPEG first, ` +
		`for instance with the Photos app on Windows or macOS ("Save as" JPEG / "Export" as JPEG), ` +
		`or set the phone's camera to take JPEG photos (on an iPhone: Settings, Camera, Formats, "Most Compatible")`)
)

// Clean returns an image with every piece of metadata removed (EXIF and
// its GPS position, XMP, IPTC, comments, text chunks, thumbnails), and its
// format, as Sniff names it. It changes no pixel where it can:
//
//   - JPEG keeps its compressed data, colour profile and Adobe colour
//     transform, and drops every other segment and what follows its end;
//     only a photo whose EXIF orientation turns it is decoded, turned
//     upright and encoded again at opts.Quality, since without its
//     orientation it would be shown turned.
//   - PNG keeps its pixel, colour and animation chunks.
//   - GIF keeps its frames, their timing and the loop count.
//   - WebP keeps its image, alpha, animation and colour profile chunks,
//     and must decode.
//   - TIFF, which browsers do not show, is decoded, turned upright and
//     converted to JPEG at opts.Quality, so the format returned is "jpeg".
//   - BMP and ICO hold no metadata and are returned as they are.
//   - HEIF and AVIF are refused with ErrConvert.
//
// An image cut short or damaged is refused with ErrDamaged, and one of
// more than opts.MaxPixels with ErrTooLarge, before anything is decoded.
// Clean is deterministic, and cleaning its output returns it unchanged.
func Clean(data []byte, opts Options) (out []byte, format string, err error) {
	opts = opts.WithDefaults()
	format = Sniff(data)
	switch format {
	case "":
		return nil, "", ErrNotImage
	case "heif", "avif":
		return nil, format, ErrConvert
	case "bmp", "ico":
		return data, format, nil
	}
	// TIFF is read by its own package, not registered with image, so
	// that Measure and Probe go on refusing it.
	decodeConfig := func(r io.Reader) (image.Config, error) {
		cfg, _, err := image.DecodeConfig(r)
		return cfg, err
	}
	if format == "tiff" {
		decodeConfig = tiff.DecodeConfig
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, format, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if err := checkSize(cfg, opts.MaxPixels); err != nil {
		return nil, format, err
	}
	switch format {
	case "jpeg":
		out, err = cleanJPEG(data, opts.Quality)
	case "png":
		out, err = cleanPNG(data)
	case "gif":
		out, err = cleanGIF(data)
	case "webp":
		out, err = cleanWebP(data, opts.MaxPixels)
	case "tiff":
		out, err = tiffToJPEG(data, opts.Quality)
		format = "jpeg"
	}
	if err != nil {
		return nil, format, err
	}
	return out, format, nil
}

// damaged returns an ErrDamaged saying what is wrong with an image.
func damaged(format, msg string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrDamaged, format, fmt.Sprintf(msg, args...))
}

// tiffToJPEG decodes a TIFF image, turns it upright by its own
// orientation tag and encodes it as JPEG, on white where it is
// transparent, since JPEG has no transparency.
func tiffToJPEG(data []byte, quality int) ([]byte, error) {
	src, err := tiff.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if !isOpaque(src) {
		src = onWhite(src)
	}
	up := upright(src, true, tiffOrientation(data))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, up, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("cannot encode the image as JPEG: %v", err)
	}
	return buf.Bytes(), nil
}
