package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/image/webp"
)

// riffChunk is one chunk of a RIFF file: its four-character code and its
// data, without the padding byte.
type riffChunk struct {
	id   string
	data []byte
}

// VP8X flags (WebP container specification).
const (
	vp8xAnimation = 1 << 1
	vp8xXMP       = 1 << 2
	vp8xEXIF      = 1 << 3
	vp8xAlpha     = 1 << 4
	vp8xICC       = 1 << 5
)

// cleanWebP checks a WebP's RIFF container and keeps the chunks of its
// image, alpha, animation and colour profile, dropping EXIF, XMP and
// unknown chunks and the VP8X flags that announced them. It then decodes
// the result (each frame of an animation), since a bitstream cut short
// inside a whole container is still damaged.
func cleanWebP(data []byte, maxPixels int64) ([]byte, error) {
	size := binary.LittleEndian.Uint32(data[4:])
	if size < 4 || uint64(size)+8 > uint64(len(data)) {
		return nil, damaged("WebP", "it is cut short (the RIFF header says %d bytes, the file has %d)", uint64(size)+8, len(data))
	}
	chunks, err := riffChunks(data[12 : 8+size])
	if err != nil {
		return nil, err
	}
	var kept []riffChunk
	var frames [][]riffChunk
	animated := false
	for _, c := range chunks {
		switch c.id {
		case "VP8X":
			if len(c.data) != 10 {
				return nil, damaged("WebP", "its VP8X chunk is %d bytes, not 10", len(c.data))
			}
			x := bytes.Clone(c.data)
			// Reserved bits are cleared too: only what the image uses is said.
			x[0] &= vp8xAnimation | vp8xAlpha | vp8xICC
			animated = x[0]&vp8xAnimation != 0
			kept = append(kept, riffChunk{c.id, x})
		case "VP8 ", "VP8L", "ALPH", "ICCP", "ANIM":
			kept = append(kept, c)
		case "ANMF":
			if len(c.data) < 16 {
				return nil, damaged("WebP", "an animation frame is cut short")
			}
			sub, err := riffChunks(c.data[16:])
			if err != nil {
				return nil, err
			}
			var frame []riffChunk
			for _, s := range sub {
				if s.id == "ALPH" || s.id == "VP8 " || s.id == "VP8L" {
					frame = append(frame, s)
				}
			}
			frames = append(frames, frame)
			kept = append(kept, riffChunk{c.id, appendRIFFChunks(bytes.Clone(c.data[:16]), frame)})
		}
	}
	out := riffFile(kept)
	if !animated {
		if _, err := webp.Decode(bytes.NewReader(out)); err != nil {
			return nil, fmt.Errorf("%w: WebP: %v", ErrDamaged, err)
		}
		return out, nil
	}
	if len(frames) == 0 {
		return nil, damaged("WebP", "an animation without frames")
	}
	for k, frame := range frames {
		if err := decodeWebPFrame(frame, maxPixels); err != nil {
			return nil, fmt.Errorf("%w: WebP: animation frame %d: %v", ErrDamaged, k+1, err)
		}
	}
	return out, nil
}

// decodeWebPFrame decodes one frame of an animation, wrapped as a still
// WebP, to find a bitstream cut short; a frame larger than maxPixels is
// refused first, as the canvas was.
func decodeWebPFrame(frame []riffChunk, maxPixels int64) error {
	var bitstream *riffChunk
	hasAlpha := false
	for k, c := range frame {
		switch c.id {
		case "ALPH":
			hasAlpha = true
		case "VP8 ", "VP8L":
			bitstream = &frame[k]
		}
	}
	if bitstream == nil {
		return errors.New("no image data")
	}
	cfg, err := webp.DecodeConfig(bytes.NewReader(riffFile([]riffChunk{*bitstream})))
	if err != nil {
		return err
	}
	if err := checkSize(cfg, maxPixels); err != nil {
		return err
	}
	still := frame
	if hasAlpha {
		// ALPH is read only after a VP8X announcing it, with the
		// frame's size.
		x := make([]byte, 10)
		x[0] = vp8xAlpha
		w, h := uint32(cfg.Width-1), uint32(cfg.Height-1)
		x[4], x[5], x[6] = byte(w), byte(w>>8), byte(w>>16)
		x[7], x[8], x[9] = byte(h), byte(h>>8), byte(h>>16)
		still = append([]riffChunk{{"VP8X", x}}, frame...)
	}
	_, err = webp.Decode(bytes.NewReader(riffFile(still)))
	return err
}

// riffChunks splits the body of a RIFF file (or of an animation frame)
// into its chunks, checking that each lies within it.
func riffChunks(b []byte) ([]riffChunk, error) {
	var chunks []riffChunk
	for i := 0; i < len(b); {
		if i+8 > len(b) {
			return nil, damaged("WebP", "it is cut short (in a chunk header)")
		}
		n := uint64(binary.LittleEndian.Uint32(b[i+4:]))
		if uint64(i)+8+n > uint64(len(b)) {
			return nil, damaged("WebP", "chunk %q runs past the end of the file", b[i:i+4])
		}
		chunks = append(chunks, riffChunk{string(b[i : i+4]), b[i+8 : i+8+int(n)]})
		// The padding byte after a chunk of odd size; a file whose last
		// one lacks it is not otherwise damaged.
		i += 8 + int(n) + int(n&1)
	}
	return chunks, nil
}

// appendRIFFChunks appends chunks, each padded to an even size with a
// zero byte.
func appendRIFFChunks(out []byte, chunks []riffChunk) []byte {
	for _, c := range chunks {
		out = append(out, c.id...)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(c.data)))
		out = append(out, c.data...)
		if len(c.data)%2 == 1 {
			out = append(out, 0)
		}
	}
	return out
}

// riffFile returns a WebP file of chunks.
func riffFile(chunks []riffChunk) []byte {
	out := appendRIFFChunks([]byte("RIFF\x00\x00\x00\x00WEBP"), chunks)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}
