package imaging

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // GIF is measured, and published as it is
	"math"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp" // so is WebP
)

// Scalable reports whether Process makes copies of images of format:
// JPEG, PNG and TIFF (whose copies are JPEG). GIF (which may be
// animated), WebP and SVG are published as they are, with the size
// Measure reads.
func Scalable(format string) bool { return format == "jpeg" || format == "png" || format == "tiff" }

// Measure returns an image's format and the size it is shown at, without
// decoding its pixels: Probe's for JPEG and PNG, and also GIF, WebP and
// SVG (from its width and height, or its viewBox). Like Probe it refuses
// an image of more than maxPixels.
func Measure(data []byte, maxPixels int64) (Info, error) {
	if info, err := Probe(data, maxPixels); !errors.Is(err, ErrUnsupported) {
		return info, err
	}
	if looksSVG(data) {
		w, h, err := svgSize(data)
		if err != nil {
			return Info{}, err
		}
		return Info{Format: "svg", Width: w, Height: h, Orientation: 1}, nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return Info{}, errors.New("not a JPEG, PNG, GIF, WebP or SVG image")
		}
		return Info{}, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if err := checkSize(cfg, maxPixels); err != nil {
		return Info{}, err
	}
	return Info{Format: format, Width: cfg.Width, Height: cfg.Height, Orientation: 1}, nil
}

func looksSVG(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("<svg"))
}

// svgSize reads the width and height of an SVG's root element, in CSS
// pixels, or else its viewBox's.
func svgSize(data []byte) (int, int, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, errors.New("cannot read the SVG image: no <svg> element")
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, errors.New("cannot read the SVG image: it does not start with <svg>")
		}
		var w, h float64
		var box []string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "width":
				w = cssPixels(a.Value)
			case "height":
				h = cssPixels(a.Value)
			case "viewBox":
				box = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
			}
		}
		if (w <= 0 || h <= 0) && len(box) == 4 {
			bw, _ := strconv.ParseFloat(box[2], 64)
			bh, _ := strconv.ParseFloat(box[3], 64)
			switch {
			case w > 0 && bw > 0:
				h = w * bh / bw
			case h > 0 && bh > 0:
				w = h * bw / bh
			default:
				w, h = bw, bh
			}
		}
		if w <= 0 || h <= 0 || w > 1e5 || h > 1e5 {
			return 0, 0, errors.New("cannot tell the SVG image's size: give its <svg> element width and height, or a viewBox")
		}
		return int(math.Round(w)), int(math.Round(h)), nil
	}
}

// cssPixels reads a length such as 120, 120px or 1.5in; 0 for a relative
// one (50%, 2em), which says nothing of the image's own size.
func cssPixels(v string) float64 {
	v = strings.TrimSpace(v)
	units := map[string]float64{"px": 1, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 96.0 / 72, "pc": 16}
	mul := 1.0
	for u, m := range units {
		if strings.HasSuffix(v, u) {
			v, mul = strings.TrimSuffix(v, u), m
			break
		}
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 {
		return 0
	}
	return f * mul
}
