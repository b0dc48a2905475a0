package imagingtest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// Metadata lists the metadata it finds in a JPEG, PNG, GIF, WebP, TIFF or
// SVG file, as exiftool would, so that a test can check that a published
// file holds none. It shares no code with the cleaner it checks. Each
// finding is a kind, once:
//
//   - "EXIF", and "GPS" when the EXIF block points to a GPS IFD;
//   - "XMP", "IPTC" (Photoshop's 8BIM blocks), "comment";
//   - "JFIF thumbnail", "MPF", "JPEG APPn" for other application segments;
//   - "PNG tEXt" and the like for text, time and unknown chunks;
//   - "GIF application NAME" for application blocks but the loop count;
//   - "WebP chunk NAME" for unknown chunks, "TIFF text" for text tags;
//   - "SVG metadata"; "trailing data" after the end of the image;
//   - `raw "GPSLatitude"` and the like: bytes found anywhere in the file
//     by brute force, behind the parsers' back. The compressed pixels of
//     a large photo may hold a short one by chance ("8BIM" about once in
//     4 GB of random data).
func Metadata(data []byte) []string {
	var m finds
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xD8:
		m.jpeg(data)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		m.png(data)
	case bytes.HasPrefix(data, []byte("GIF8")):
		m.gif(data)
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		m.webp(data)
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		m.tiff(data, true)
	case bytes.HasPrefix(bytes.TrimLeft(data, "\xEF\xBB\xBF \t\r\n"), []byte("<")) && bytes.Contains(data, []byte("<svg")):
		if bytes.Contains(data, []byte("<metadata")) {
			m.add("SVG metadata")
		}
	}
	for _, p := range []string{"Exif\x00\x00", "GPSLatitude", "xmpmeta", "rdf:RDF", "8BIM", "http://ns.adobe.com/xap/1.0/"} {
		if bytes.Contains(data, []byte(p)) {
			m.add(fmt.Sprintf("raw %q", p))
		}
	}
	return m.list
}

// finds collects kinds of metadata, each once, in the order found.
type finds struct{ list []string }

func (m *finds) add(kind string) {
	for _, k := range m.list {
		if k == kind {
			return
		}
	}
	m.list = append(m.list, kind)
}

// exif adds EXIF, and GPS when the TIFF structure b (after "Exif\0\0")
// has a GPS IFD.
func (m *finds) exif(b []byte) {
	m.add("EXIF")
	m.tiff(b, false)
}

// tiff reads the tags of the first two IFDs of a TIFF structure: a TIFF
// file's own (file is true), or an EXIF block's.
func (m *finds) tiff(b []byte, file bool) {
	if len(b) < 8 {
		return
	}
	var order binary.ByteOrder = binary.LittleEndian
	if b[0] == 'M' {
		order = binary.BigEndian
	}
	off := uint64(order.Uint32(b[4:]))
	for ifd := 0; ifd < 2 && off != 0 && off+2 <= uint64(len(b)); ifd++ {
		n := uint64(order.Uint16(b[off:]))
		for k := uint64(0); k < n; k++ {
			e := off + 2 + 12*k
			if e+12 > uint64(len(b)) {
				return
			}
			switch tag := order.Uint16(b[e:]); {
			case tag == 0x8825:
				m.add("EXIF")
				m.add("GPS")
			case tag == 0x8769 && file:
				m.add("EXIF")
			case tag == 700 && file:
				m.add("XMP")
			case (tag == 0x83BB || tag == 0x8649) && file:
				m.add("IPTC")
			case file && strings.Contains(" 269 270 271 272 305 306 315 316 33432 ", fmt.Sprintf(" %d ", tag)):
				m.add("TIFF text")
			}
		}
		next := off + 2 + 12*n
		if next+4 > uint64(len(b)) {
			return
		}
		off = uint64(order.Uint32(b[next:]))
	}
}

// jpeg reads the segments of a JPEG file up to its end-of-image marker,
// skipping over the compressed data of each scan.
func (m *finds) jpeg(b []byte) {
	i := 2
	for i+1 < len(b) {
		if b[i] != 0xFF {
			i++
			continue
		}
		mk := b[i+1]
		switch {
		case mk == 0xFF || mk == 0x00 || mk == 0x01 || (mk >= 0xD0 && mk <= 0xD7):
			i++
			continue
		case mk == 0xD9:
			if i+2 < len(b) {
				m.add("trailing data")
			}
			return
		}
		if i+4 > len(b) {
			return
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		end := min(len(b), i+2+n)
		p := b[min(i+4, end):end]
		m.jpegSegment(mk, p)
		i = end
	}
}

func (m *finds) jpegSegment(mk byte, p []byte) {
	has := func(prefix string) bool { return bytes.HasPrefix(p, []byte(prefix)) }
	switch {
	case mk == 0xE0 && has("JFIF\x00"):
		if len(p) > 13 && (p[12] != 0 || p[13] != 0) {
			m.add("JFIF thumbnail")
		}
	case mk == 0xE0 && has("JFXX"):
		m.add("JFIF thumbnail")
	case mk == 0xE1 && has("Exif\x00"):
		m.exif(p[min(len(p), 6):])
	case mk == 0xE1 && (has("http://ns.adobe.com/xap/1.0/") || has("http://ns.adobe.com/xmp/extension/")):
		m.add("XMP")
	case mk == 0xE2 && has("ICC_PROFILE\x00"), mk == 0xEE && has("Adobe"):
		// colour, not metadata
	case mk == 0xE2 && has("MPF\x00"):
		m.add("MPF")
	case mk == 0xED:
		m.add("IPTC")
	case mk == 0xFE:
		m.add("comment")
	case mk >= 0xE0 && mk <= 0xEF:
		m.add(fmt.Sprintf("JPEG APP%d", mk-0xE0))
	}
}

// png reads a PNG's chunks, without checking their checksums.
func (m *finds) png(b []byte) {
	for i := 8; i+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		dataEnd := i + 8 + n
		if n < 0 || dataEnd > len(b) {
			dataEnd = len(b)
		}
		p := b[i+8 : dataEnd]
		end := min(len(b), dataEnd+4)
		switch typ {
		case "IHDR", "PLTE", "IDAT", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD", "acTL", "fcTL", "fdAT":
		case "IEND":
			if end < len(b) {
				m.add("trailing data")
			}
			return
		case "eXIf":
			m.add("PNG eXIf")
			m.exif(p)
		case "iTXt":
			m.add("PNG iTXt")
			if bytes.HasPrefix(p, []byte("XML:com.adobe.xmp")) {
				m.add("XMP")
			}
		default:
			m.add("PNG " + typ)
		}
		i = end
	}
}

// gif reads a GIF's blocks.
func (m *finds) gif(b []byte) {
	if len(b) < 13 {
		return
	}
	i := 13
	if b[10]&0x80 != 0 {
		i += 3 << (b[10]&7 + 1)
	}
	skip := func(i int) int { // past sub-blocks and their terminator
		for i < len(b) && b[i] != 0 {
			i += int(b[i]) + 1
		}
		return i + 1
	}
	for i < len(b) {
		switch b[i] {
		case 0x3B:
			if i+1 < len(b) {
				m.add("trailing data")
			}
			return
		case 0x2C:
			if i+10 > len(b) {
				return
			}
			i += 10
			if b[i-1]&0x80 != 0 {
				i += 3 << (b[i-1]&7 + 1)
			}
			i = skip(i + 1)
		case 0x21:
			if i+2 > len(b) {
				return
			}
			switch label := b[i+1]; label {
			case 0xFE:
				m.add("comment")
			case 0xFF:
				if i+14 <= len(b) && b[i+2] == 11 {
					id := string(b[i+3 : i+14])
					if id == "XMP DataXMP" {
						m.add("XMP")
					}
					if id != "NETSCAPE2.0" && id != "ANIMEXTS1.0" {
						m.add("GIF application " + id)
					}
				}
			}
			i = skip(i + 2)
		default:
			return
		}
	}
}

// webp reads a WebP's chunks.
func (m *finds) webp(b []byte) {
	size := int(binary.LittleEndian.Uint32(b[4:]))
	if 8+size < len(b) {
		m.add("trailing data")
	}
	for i := 12; i+8 <= len(b); {
		id := string(b[i : i+4])
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		end := min(len(b), i+8+n)
		p := b[i+8 : end]
		switch id {
		case "VP8X", "VP8 ", "VP8L", "ALPH", "ANIM", "ICCP":
		case "ANMF":
			// frames hold only image chunks; a check of them is left to
			// the brute-force search
		case "EXIF":
			m.exif(bytes.TrimPrefix(p, []byte("Exif\x00\x00")))
		case "XMP ":
			m.add("XMP")
		default:
			m.add("WebP chunk " + id)
		}
		i = end + n%2
	}
}
