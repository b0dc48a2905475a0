package imaging

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/jpeg"
)

// cleanJPEG strips a JPEG's metadata segments, or, when its EXIF
// orientation turns it, re-encodes it upright: stripped of the
// orientation, it would be shown as stored.
func cleanJPEG(data []byte, quality int) ([]byte, error) {
	out, icc, err := stripJPEG(data)
	if err != nil {
		return nil, err
	}
	o := jpegOrientation(data)
	if o == 1 {
		return out, nil
	}
	src, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, upright(src, true, o), &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("cannot encode the image as JPEG: %v", err)
	}
	// The colour profile goes right after the start of image, where a
	// decoder looks for it; Go's encoder writes no segment of its own
	// there.
	enc := buf.Bytes()
	out = make([]byte, 0, len(enc)+len(icc))
	out = append(append(append(out, enc[:2]...), icc...), enc[2:]...)
	return out, nil
}

// stripJPEG walks a JPEG's segments and returns it with only those that
// decoding needs, ending at its first end-of-image marker (what follows,
// such as the further pictures of an MPF file, is dropped), and its ICC
// profile segments as they are, for a re-encoded copy.
func stripJPEG(data []byte) (out, icc []byte, err error) {
	out = make([]byte, 0, len(data))
	out = append(out, 0xFF, 0xD8)
	var sawFrame, sawScan bool
	for i := 2; ; {
		// Bytes that are not a marker, as some writers leave between
		// segments, are skipped, as decoders do; so are fill bytes.
		for i < len(data) && data[i] != 0xFF {
			i++
		}
		for i < len(data) && data[i] == 0xFF {
			i++
		}
		if i >= len(data) {
			return nil, nil, damaged("JPEG", "it is cut short (no end-of-image marker)")
		}
		m := data[i]
		i++
		switch {
		case m == 0x00: // an escaped 0xFF outside any scan: not a marker
			continue
		case m == 0xD9: // end of image
			if !sawScan {
				return nil, nil, damaged("JPEG", "it has no image data")
			}
			return append(out, 0xFF, 0xD9), icc, nil
		case m == 0xD8:
			return nil, nil, damaged("JPEG", "a second start-of-image marker at byte %d", i-2)
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7): // no length
			out = append(out, 0xFF, m)
			continue
		}
		if i+2 > len(data) {
			return nil, nil, damaged("JPEG", "it is cut short (in a segment's length)")
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 || i+n > len(data) {
			return nil, nil, damaged("JPEG", "a segment at byte %d runs past the end of the file", i-2)
		}
		payload := data[i+2 : i+n]
		i += n
		switch {
		case isFrameMarker(m):
			sawFrame = true
			out = appendSegment(out, m, payload)
		case m == 0xC4, m == 0xCC, m >= 0xDB && m <= 0xDF: // tables, restart interval, DNL, DHP, EXP
			out = appendSegment(out, m, payload)
		case m == 0xDA: // start of scan, then its entropy-coded data
			if !sawFrame {
				return nil, nil, damaged("JPEG", "image data before the frame header")
			}
			sawScan = true
			out = appendSegment(out, m, payload)
			j := scanEnd(data, i)
			out = append(out, data[i:j]...)
			i = j
		case m == 0xE0 && len(payload) >= 14 && string(payload[:5]) == "JFIF\x00":
			// Version, units and density, and a thumbnail of 0×0: the
			// thumbnail is a copy of the photo as it was taken.
			jfif := append(payload[:12:12], 0, 0)
			out = appendSegment(out, m, jfif)
		case m == 0xE2 && bytes.HasPrefix(payload, []byte("ICC_PROFILE\x00")):
			seg := appendSegment(nil, m, payload)
			out = append(out, seg...)
			icc = append(icc, seg...)
		case m == 0xEE && len(payload) >= 12 && string(payload[:5]) == "Adobe":
			// Its colour transform says whether a CMYK or three-colour
			// image is YCbCr; the twelve bytes are all a decoder reads.
			out = appendSegment(out, m, payload[:12])
		}
		// Everything else is dropped: APP1 (EXIF, XMP), APP2 other than
		// ICC (MPF, FPXR), APP3–APP15 (IPTC, Photoshop, Ducky, …),
		// comments, and markers of extensions Go cannot decode.
	}
}

// isFrameMarker reports whether m starts a frame header (SOF0–SOF15),
// whose numbers skip those of DHT, JPG and DAC.
func isFrameMarker(m byte) bool {
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC
}

func appendSegment(out []byte, m byte, payload []byte) []byte {
	return append(binary.BigEndian.AppendUint16(append(out, 0xFF, m), uint16(len(payload)+2)), payload...)
}

// scanEnd returns where the entropy-coded data starting at i ends: at the
// first 0xFF that is neither an escaped 0xFF (0xFF00) nor a restart
// marker, or at the end of data.
func scanEnd(data []byte, i int) int {
	for {
		k := bytes.IndexByte(data[i:], 0xFF)
		if k < 0 || i+k+1 >= len(data) {
			return len(data)
		}
		i += k
		if next := data[i+1]; next != 0x00 && (next < 0xD0 || next > 0xD7) {
			return i
		}
		i += 2
	}
}
