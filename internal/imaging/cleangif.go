package imaging

// cleanGIF walks a GIF's blocks and keeps its frames with their colour
// tables and compressed data as they are, their timing and transparency
// (Graphic Control), Plain Text blocks, which are drawn as part of the
// picture, and the loop count of an animation. Comments and every other
// application block (XMP among them) are dropped, and so is what follows
// the trailer.
func cleanGIF(data []byte) ([]byte, error) {
	const header = 6 + 7 // signature and version, logical screen descriptor
	if len(data) < header {
		return nil, damaged("GIF", "it is cut short (in its header)")
	}
	out := make([]byte, 0, len(data))
	out = append(out, data[:header]...)
	i := header
	if n := colourTableSize(data[10]); n > 0 {
		if i+n > len(data) {
			return nil, damaged("GIF", "it is cut short (in its colour table)")
		}
		out = append(out, data[i:i+n]...)
		i += n
	}
	frames := 0
	for {
		if i >= len(data) {
			return nil, damaged("GIF", "it is cut short (no trailer)")
		}
		switch data[i] {
		case 0x3B: // trailer
			if frames == 0 {
				return nil, damaged("GIF", "it has no image")
			}
			return append(out, 0x3B), nil
		case 0x2C: // image descriptor, local colour table, LZW code size, data
			const desc = 10
			if i+desc+1 > len(data) {
				return nil, damaged("GIF", "it is cut short (in a frame's header)")
			}
			n := colourTableSize(data[i+9])
			if i+desc+n+1 > len(data) {
				return nil, damaged("GIF", "it is cut short (in a frame's colour table)")
			}
			start := i
			i += desc + n + 1
			end, err := gifSubBlocks(data, i)
			if err != nil {
				return nil, err
			}
			out = append(out, data[start:end]...)
			i = end
			frames++
		case 0x21: // extension: label, then sub-blocks
			if i+2 > len(data) {
				return nil, damaged("GIF", "it is cut short (in an extension)")
			}
			label := data[i+1]
			end, err := gifSubBlocks(data, i+2)
			if err != nil {
				return nil, err
			}
			out = appendGIFExtension(out, label, data[i+2:end], data[i:end])
			i = end
		default:
			return nil, damaged("GIF", "unknown block 0x%02X at byte %d", data[i], i)
		}
	}
}

// colourTableSize returns the size in bytes of the colour table a packed
// field announces, 0 when it has none.
func colourTableSize(packed byte) int {
	if packed&0x80 == 0 {
		return 0
	}
	return 3 << (packed&7 + 1)
}

// gifSubBlocks returns where the sub-blocks starting at i end, after their
// empty terminator.
func gifSubBlocks(data []byte, i int) (int, error) {
	for {
		if i >= len(data) {
			return 0, damaged("GIF", "it is cut short (in a block's data)")
		}
		n := int(data[i])
		i++
		if n == 0 {
			return i, nil
		}
		i += n
	}
}

// appendGIFExtension appends the part of an extension that is kept:
// blocks are its sub-blocks, whole the extension as it is.
func appendGIFExtension(out []byte, label byte, blocks, whole []byte) []byte {
	switch label {
	case 0xF9: // Graphic Control: four bytes of delay, disposal, transparency
		if len(blocks) >= 5 && blocks[0] == 4 {
			out = append(out, 0x21, 0xF9)
			out = append(out, blocks[:5]...)
			return append(out, 0)
		}
	case 0x01: // Plain Text
		return append(out, whole...)
	case 0xFF: // Application: only the loop count of an animation is kept
		if len(blocks) < 12+4 || blocks[0] != 11 {
			return out
		}
		id := string(blocks[1:12])
		if (id == "NETSCAPE2.0" || id == "ANIMEXTS1.0") && blocks[12] == 3 && blocks[13] == 1 {
			out = append(out, 0x21, 0xFF)
			out = append(out, blocks[:12+4]...)
			return append(out, 0)
		}
	}
	return out
}
