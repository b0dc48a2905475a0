// Package imagingtest makes the photos tests of risalah's image pipeline
// work on: small generated pictures, with an EXIF block as a phone writes
// one, so that no test needs a binary fixture.
package imagingtest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Photo returns a w×h picture, grey with a red block in its top-left
// corner, so that a test can tell which way up it is.
func Photo(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{128, 128, 128, 255}
			if x < w/4 && y < h/4 {
				c = color.NRGBA{230, 20, 20, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// Camera returns a w×h picture with the detail of a camera's photo:
// smooth gradients under fine noise, which JPEG encodes at about the
// size and the cost of a real photo. seed varies it.
func Camera(w, h int, seed uint32) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	x := seed*2654435761 + 1
	for py := 0; py < h; py++ {
		for px := 0; px < w; px++ {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			n := int(x%41) - 20
			r := 60 + 150*px/w + n
			g := 90 + 100*py/h + n
			b := 160 - 80*(px+py)/(w+h) + n
			i := img.PixOffset(px, py)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = clamp(r), clamp(g), clamp(b), 255
		}
	}
	return img
}

func clamp(v int) uint8 { return uint8(max(0, min(255, v))) }

// JPEG returns img as a JPEG carrying an EXIF block with the orientation
// o (1 to 8) and a GPS position, as a phone writes it.
func JPEG(img image.Image, o int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err) // an in-memory image always encodes
	}
	seg := append([]byte("Exif\x00\x00"), exifTIFF(o)...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{0xFF, 0xD8}, app1...)
	out = append(out, seg...)
	return append(out, buf.Bytes()[2:]...)
}

// exifTIFF returns an EXIF block as a phone writes one, without its
// "Exif" prefix: TIFF, little-endian, IFD0 with the orientation o and a
// pointer to a GPS IFD holding a latitude reference.
func exifTIFF(o int) []byte {
	tiff := []byte("II*\x00\x08\x00\x00\x00")
	le := binary.LittleEndian
	ifd := make([]byte, 2+2*12+4)
	le.PutUint16(ifd, 2)
	le.PutUint16(ifd[2:], 0x0112)
	le.PutUint16(ifd[4:], 3)
	le.PutUint32(ifd[6:], 1)
	le.PutUint16(ifd[10:], uint16(o))
	le.PutUint16(ifd[14:], 0x8825)
	le.PutUint16(ifd[16:], 4)
	le.PutUint32(ifd[18:], 1)
	le.PutUint32(ifd[22:], uint32(8+len(ifd)))
	gps := make([]byte, 2+12+4)
	le.PutUint16(gps, 1)
	le.PutUint16(gps[2:], 1) // GPSLatitudeRef
	le.PutUint16(gps[4:], 2) // ASCII
	le.PutUint32(gps[6:], 2)
	copy(gps[10:], "S\x00")
	return append(append(tiff, ifd...), gps...)
}

// PNG returns img as a PNG.
func PNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Red reports whether the pixel at x, y is the marker's red.
func Red(img image.Image, x, y int) bool {
	r, g, _, _ := img.At(x, y).RGBA()
	return r > 0xB000 && g < 0x5000
}
