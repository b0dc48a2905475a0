package imagingtest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
)

// XMP is an XMP packet with a GPS position, as photo editors write one.
const XMP = `<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
	`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
	`<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"` +
	` exif:GPSLatitude="6,10.5S" exif:GPSLongitude="106,49.6E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`

// segment returns a JPEG marker segment.
func segment(marker byte, payload string) []byte {
	s := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

// TaggedJPEG returns img as a JPEG with the metadata cameras and editors
// write: a JFIF thumbnail, EXIF with the orientation o and a GPS
// position, XMP and extended XMP, Photoshop's IPTC block, a Ducky
// segment, a comment, an MPF index followed, after the image's end, by a
// second picture with its own EXIF. It also has an ICC profile and an
// Adobe colour transform, which a cleaner keeps.
func TaggedJPEG(img image.Image, o int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	body := buf.Bytes()[2:]
	be := func(v uint16) string { return string(binary.BigEndian.AppendUint16(nil, v)) }
	thumb := string(bytes.Repeat([]byte{200, 10, 10}, 2*2))
	out := []byte{0xFF, 0xD8}
	for _, s := range [][]byte{
		segment(0xE0, "JFIF\x00\x01\x01\x00"+be(72)+be(72)+"\x02\x02"+thumb),
		segment(0xE1, "Exif\x00\x00"+string(exifTIFF(o))),
		segment(0xE1, "http://ns.adobe.com/xap/1.0/\x00"+XMP),
		segment(0xE1, "http://ns.adobe.com/xmp/extension/\x00"+"0123456789ABCDEF0123456789ABCDEF"+"\x00\x00\x01\x00\x00\x00\x00\x00"+XMP),
		segment(0xE2, "ICC_PROFILE\x00\x01\x01"+"a colour profile, kept"),
		segment(0xE2, "MPF\x00MM\x00*\x00\x00\x00\x08"),
		segment(0xE2, "FPXR\x00\x00\x01"),
		segment(0xEC, "Ducky\x00\x01\x00\x04\x00\x00\x00\x50"),
		segment(0xED, "Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x78\x00\x07Jakarta"),
		segment(0xEE, "Adobe\x00\x64\x00\x00\x00\x00\x01"),
		segment(0xFE, "taken at the office, GPSLatitude 6.17 S"),
	} {
		out = append(out, s...)
	}
	out = append(out, body...)
	return append(out, JPEG(Photo(8, 8), 1)...) // the MPF's second picture
}

// pngChunk returns a PNG chunk with its checksum.
func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(append(c, typ...), data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// TaggedPNG returns img as a PNG with text, compressed text, XMP in an
// iTXt chunk, EXIF with GPS in an eXIf chunk, a time, a private chunk,
// and text after its end; and a gAMA and a pHYs chunk, which a cleaner
// keeps.
func TaggedPNG(img image.Image) []byte {
	p := PNG(img)
	const ihdrEnd = 8 + 12 + 13
	out := append([]byte{}, p[:ihdrEnd]...)
	for _, c := range [][]byte{
		pngChunk("gAMA", []byte{0, 0, 0xB1, 0x8F}),
		pngChunk("pHYs", []byte{0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1}),
		pngChunk("tEXt", []byte("Comment\x00taken at the office")),
		pngChunk("zTXt", []byte("Author\x00\x00\x78\x9c\x03\x00\x00\x00\x00\x01")),
		pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"+XMP)),
		pngChunk("eXIf", exifTIFF(1)),
		pngChunk("tIME", []byte{0x07, 0xE9, 1, 2, 3, 4, 5}),
		pngChunk("prVt", []byte("private")),
	} {
		out = append(out, c...)
	}
	out = append(out, p[ihdrEnd:]...)
	return append(out, "Exif\x00\x00 GPSLatitude after the end"...)
}

// GIF returns img as a GIF, in Go's default palette.
func GIF(img image.Image) []byte {
	var buf bytes.Buffer
	if err := gif.Encode(&buf, img, nil); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// TaggedGIF returns img as a GIF with a loop count, a comment and XMP
// with a GPS position, written as the XMP specification says: the packet
// as it is, then a "magic trailer" that lets a reader of sub-blocks skip
// it; and text after its trailer.
func TaggedGIF(img image.Image) []byte {
	g := GIF(img)
	at := 13 + 3<<(g[10]&7+1) // after the global colour table
	if g[10]&0x80 == 0 {
		at = 13
	}
	ext := []byte{0x21, 0xFF, 11}
	ext = append(ext, "NETSCAPE2.0\x03\x01\x00\x00\x00"...)
	ext = append(ext, 0x21, 0xFE)
	for _, s := range []string{"taken at the office", "GPSLatitude 6.17 S"} {
		ext = append(append(ext, byte(len(s))), s...)
	}
	ext = append(ext, 0)
	ext = append(ext, 0x21, 0xFF, 11)
	ext = append(ext, "XMP DataXMP"+XMP...)
	ext = append(ext, 1)
	for b := 0xFF; b >= 0; b-- {
		ext = append(ext, byte(b))
	}
	ext = append(ext, 0)
	out := append(append(append([]byte{}, g[:at]...), ext...), g[at:]...)
	return append(out, "<x:xmpmeta> after the end"...)
}

// WebP returns img as a lossless WebP (VP8L). It writes no compression of
// its own: each colour channel is coded with one bit a pixel, so each may
// take at most two values, as in Photo's pictures.
func WebP(img *image.NRGBA) []byte {
	return riff(chunk("VP8L", vp8l(img)))
}

// TaggedWebP returns img as WebP in the extended format, with EXIF (and
// GPS) and XMP chunks announced in its VP8X chunk, and an unknown chunk.
func TaggedWebP(img *image.NRGBA) []byte {
	b := img.Bounds()
	x := make([]byte, 10)
	x[0] = 0x08 | 0x04 // EXIF, XMP
	w, h := b.Dx()-1, b.Dy()-1
	x[4], x[5], x[6] = byte(w), byte(w>>8), byte(w>>16)
	x[7], x[8], x[9] = byte(h), byte(h>>8), byte(h>>16)
	return riff(chunk("VP8X", x), chunk("VP8L", vp8l(img)),
		chunk("EXIF", append([]byte("Exif\x00\x00"), exifTIFF(1)...)),
		chunk("XMP ", []byte(XMP)), chunk("prVt", []byte("private!")))
}

// AnimatedWebP returns an animation of one frame, img, with EXIF (and
// GPS) announced in its VP8X chunk, and an unknown chunk inside the frame.
func AnimatedWebP(img *image.NRGBA) []byte {
	b := img.Bounds()
	w, h := b.Dx()-1, b.Dy()-1
	size := []byte{byte(w), byte(w >> 8), byte(w >> 16), byte(h), byte(h >> 8), byte(h >> 16)}
	x := append([]byte{0x08 | 0x02, 0, 0, 0}, size...) // EXIF, animation
	frame := append([]byte{0, 0, 0, 0, 0, 0}, size...)
	frame = append(frame, 100, 0, 0, 0) // 100 ms, no blending
	frame = append(frame, chunk("VP8L", vp8l(img))...)
	frame = append(frame, chunk("prVt", []byte("Exif\x00\x00 in a frame"))...)
	return riff(chunk("VP8X", x), chunk("ANIM", []byte{255, 255, 255, 255, 0, 0}), chunk("ANMF", frame),
		chunk("EXIF", append([]byte("Exif\x00\x00"), exifTIFF(1)...)))
}

func chunk(id string, data []byte) []byte {
	c := binary.LittleEndian.AppendUint32([]byte(id), uint32(len(data)))
	c = append(c, data...)
	if len(data)%2 == 1 {
		c = append(c, 0)
	}
	return c
}

func riff(chunks ...[]byte) []byte {
	out := []byte("RIFF\x00\x00\x00\x00WEBP")
	for _, c := range chunks {
		out = append(out, c...)
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

// bitWriter writes bits least significant first, as VP8L reads them.
type bitWriter struct {
	out  []byte
	acc  uint64
	bits uint
}

func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.bits
	w.bits += n
	for w.bits >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.bits -= 8
	}
}

func (w *bitWriter) bytes() []byte {
	if w.bits > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	return w.out
}

// vp8l returns the VP8L bitstream of img: no transforms, no colour cache,
// one group of "simple" prefix codes of one or two symbols per channel,
// so that a pixel is a bit for each channel that varies.
func vp8l(img *image.NRGBA) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	// The values each channel takes, in the order VP8L codes them:
	// green, red, blue, alpha.
	order := [4]int{1, 0, 2, 3}
	var values [4][]uint8
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := img.Pix[img.PixOffset(b.Min.X+x, b.Min.Y+y):]
			for k, c := range order {
				if !containsByte(values[k], p[c]) {
					values[k] = append(values[k], p[c])
				}
			}
		}
	}
	var bw bitWriter
	bw.out = []byte{0x2F}
	bw.write(uint64(w-1), 14)
	bw.write(uint64(h-1), 14)
	bw.write(1, 1) // alpha is used
	bw.write(0, 3) // version
	bw.write(0, 1) // no transform
	bw.write(0, 1) // no colour cache
	bw.write(0, 1) // no meta prefix codes
	for k := range values {
		v := values[k]
		if len(v) > 2 {
			panic("imagingtest: WebP takes at most two values a channel")
		}
		if len(v) == 2 && v[0] > v[1] {
			v[0], v[1] = v[1], v[0]
		}
		bw.write(1, 1) // simple code
		bw.write(uint64(len(v)-1), 1)
		bw.write(1, 1) // first symbol in eight bits
		for _, s := range v {
			bw.write(uint64(s), 8)
		}
	}
	bw.write(1, 1) // the distance code: one symbol, never used
	bw.write(0, 1)
	bw.write(0, 1)
	bw.write(0, 1)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := img.Pix[img.PixOffset(b.Min.X+x, b.Min.Y+y):]
			for k, c := range order {
				// Of two symbols of one bit each, the smaller is coded 0.
				if len(values[k]) == 2 {
					bw.write(boolBit(p[c] == values[k][1]), 1)
				}
			}
		}
	}
	return bw.bytes()
}

func containsByte(s []uint8, v uint8) bool { return bytes.IndexByte(s, v) >= 0 }

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// TaggedTIFF returns img as an uncompressed RGB TIFF whose first IFD holds
// the orientation o, an XMP packet, and pointers to an EXIF IFD and a GPS
// IFD with a latitude reference.
func TaggedTIFF(img image.Image, o int) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	pix := make([]byte, 0, 3*w*h)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			pix = append(pix, c.R, c.G, c.B)
		}
	}
	le := binary.LittleEndian
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // stored in the entry when four bytes or fewer
	}
	u16 := func(v ...uint16) []byte {
		var out []byte
		for _, x := range v {
			out = le.AppendUint16(out, x)
		}
		return out
	}
	u32 := func(v uint32) []byte { return le.AppendUint32(nil, v) }
	// Layout: header, IFD0, its values, the EXIF and GPS IFDs, the pixels.
	const nEntries = 14
	ifd0 := 8
	values := ifd0 + 2 + 12*nEntries + 4
	xmpAt := values + 6
	exifAt := xmpAt + len(XMP) + len(XMP)%2
	gpsAt := exifAt + 2 + 12 + 4
	pixAt := gpsAt + 2 + 12 + 4
	entries := []entry{
		{256, 3, 1, u16(uint16(w))},
		{257, 3, 1, u16(uint16(h))},
		{258, 3, 3, u32(uint32(values))}, // BitsPerSample 8, 8, 8
		{259, 3, 1, u16(1)},              // no compression
		{262, 3, 1, u16(2)},              // RGB
		{273, 4, 1, u32(uint32(pixAt))},
		{274, 3, 1, u16(uint16(o))},
		{277, 3, 1, u16(3)},
		{278, 3, 1, u16(uint16(h))},
		{279, 4, 1, u32(uint32(len(pix)))},
		{284, 3, 1, u16(1)},
		{700, 1, uint32(len(XMP)), u32(uint32(xmpAt))},
		{0x8769, 4, 1, u32(uint32(exifAt))},
		{0x8825, 4, 1, u32(uint32(gpsAt))},
	}
	out := []byte("II*\x00")
	out = le.AppendUint32(out, uint32(ifd0))
	out = le.AppendUint16(out, nEntries)
	for _, e := range entries {
		out = le.AppendUint16(out, e.tag)
		out = le.AppendUint16(out, e.typ)
		out = le.AppendUint32(out, e.count)
		out = append(out, append(e.value, 0, 0, 0, 0)[:4]...)
	}
	out = le.AppendUint32(out, 0)
	out = append(out, u16(8, 8, 8)...)
	out = append(out, XMP...)
	if len(XMP)%2 == 1 {
		out = append(out, 0)
	}
	// The EXIF IFD: the date the photo was taken, as a pointer nowhere
	// that no reader follows here; the GPS IFD: a latitude reference.
	out = append(out, u16(1, 0x9003, 2)...)
	out = append(out, u32(4)...)
	out = append(out, "2026"...)
	out = append(out, u32(0)...)
	out = append(out, u16(1, 1, 2)...)
	out = append(out, u32(2)...)
	out = append(out, "S\x00\x00\x00"...)
	out = append(out, u32(0)...)
	return append(out, pix...)
}

// HEIC returns the start of a HEIC file as an iPhone writes one: an ftyp
// box with its brands, and a meta box naming an Exif item.
func HEIC() []byte {
	out := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
	out = append(out, "\x00\x00\x00\x22meta\x00\x00\x00\x00\x00\x00\x00\x16iinf\x00\x00\x00\x00\x00\x01Exif\x00\x00"...)
	return out
}

// Truncated returns data cut a third from its end, as a file copied from
// a card that was pulled out too early.
func Truncated(data []byte) []byte { return data[:len(data)*2/3] }
