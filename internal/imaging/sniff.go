package imaging

import (
	"bytes"
	"encoding/binary"
)

// Sniff returns the format of an image by its first bytes, whatever its
// file's name says: "jpeg", "png", "gif", "webp", "tiff", "heif" (HEIC
// and other HEVC stills), "avif", "bmp" or "ico"; "" for anything else,
// SVG included, which is text and is cleaned elsewhere.
func Sniff(data []byte) string {
	switch {
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return "jpeg"
	case bytes.HasPrefix(data, []byte(pngSignature)):
		return "png"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")),
		bytes.HasPrefix(data, []byte("II+\x00")), bytes.HasPrefix(data, []byte("MM\x00+")): // BigTIFF
		return "tiff"
	case isBMP(data):
		return "bmp"
	case isICO(data):
		return "ico"
	}
	return sniffISOBMFF(data)
}

// isBMP checks the size of the header that follows "BM", so that a text
// file starting with those letters is not taken for a bitmap.
func isBMP(data []byte) bool {
	if len(data) < 18 || data[0] != 'B' || data[1] != 'M' {
		return false
	}
	switch binary.LittleEndian.Uint32(data[14:]) {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// isICO checks the reserved fields and the count of an icon directory,
// whose first four bytes alone (0 0 1 0) are too common to go by.
func isICO(data []byte) bool {
	if len(data) < 6+16 || string(data[:4]) != "\x00\x00\x01\x00" {
		return false
	}
	n := binary.LittleEndian.Uint16(data[4:])
	return n > 0 && data[6+3] == 0 // the first entry's reserved byte
}

// sniffISOBMFF tells HEIF and AVIF files by the brands of their ftyp
// box: the major brand first, then the compatible ones, since mif1 and
// msf1 are listed by both.
func sniffISOBMFF(data []byte) string {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return ""
	}
	size := int(binary.BigEndian.Uint32(data))
	if size < 16 || size > len(data) {
		size = min(len(data), 256)
	}
	brands := [][]byte{data[8:12]}
	for i := 16; i+4 <= size; i += 4 {
		brands = append(brands, data[i:i+4])
	}
	format := ""
	for _, b := range brands {
		switch string(b) {
		case "avif", "avis":
			return "avif"
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "mif2", "miaf":
			if format == "" {
				format = "heif"
			}
		}
	}
	return format
}
