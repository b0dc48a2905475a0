package imaging

import (
	"encoding/binary"
	"hash/crc32"
)

const pngSignature = "\x89PNG\r\n\x1a\n"

// pngKeeps reports whether a PNG keeps a chunk: its pixels, palette and
// transparency, how its colours are to be shown, its pixel density and
// background, and the frames of an animated PNG. Text, EXIF (eXIf), times
// and every chunk not listed are dropped.
func pngKeeps(typ string) bool {
	switch typ {
	case "IHDR", "PLTE", "IDAT", "IEND",
		"tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD",
		"acTL", "fcTL", "fdAT":
		return true
	}
	return false
}

// cleanPNG checks a PNG's chunks, their lengths and checksums, and keeps
// those pngKeeps as they are, up to IEND; what follows IEND is dropped.
func cleanPNG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	sawData := false
	for i := len(pngSignature); ; {
		if i+8 > len(data) {
			return nil, damaged("PNG", "it is cut short (no IEND chunk)")
		}
		n := binary.BigEndian.Uint32(data[i:])
		typ := string(data[i+4 : i+8])
		if n > 1<<31-1 || uint64(i)+12+uint64(n) > uint64(len(data)) {
			return nil, damaged("PNG", "chunk %q at byte %d runs past the end of the file", typ, i)
		}
		end := i + 12 + int(n)
		chunk := data[i:end]
		if crc32.ChecksumIEEE(chunk[4:8+n]) != binary.BigEndian.Uint32(chunk[8+n:]) {
			return nil, damaged("PNG", "chunk %q at byte %d fails its checksum", typ, i)
		}
		if (i == len(pngSignature)) != (typ == "IHDR") {
			return nil, damaged("PNG", "it does not start with an IHDR chunk")
		}
		i = end
		switch {
		case pngKeeps(typ):
			out = append(out, chunk...)
		case typ[0]&0x20 == 0: // critical: a decoder cannot do without it
			return nil, damaged("PNG", "unknown critical chunk %q", typ)
		}
		switch typ {
		case "IDAT":
			sawData = true
		case "IEND":
			if !sawData {
				return nil, damaged("PNG", "it has no image data")
			}
			return out, nil
		}
	}
}
