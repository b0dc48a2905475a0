// Package textenc tells whether bytes are UTF-8 text, and when they are
// not, what they most likely are and where the first bad byte is, for
// messages an editor can act on.
package textenc

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// UTF16 names the encoding of src when it is UTF-16, with a byte-order
// mark or as ASCII text with every other byte zero; else "".
func UTF16(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}), len(src) >= 4 && src[0] != 0 && src[1] == 0 && src[2] != 0 && src[3] == 0:
		return "UTF-16 (little-endian)"
	case bytes.HasPrefix(src, []byte{0xfe, 0xff}), len(src) >= 4 && src[0] == 0 && src[1] != 0 && src[2] == 0 && src[3] != 0:
		return "UTF-16 (big-endian)"
	}
	return ""
}

// FirstInvalid returns the offset of the first byte of src that is not
// part of UTF-8 text, or -1 when src is UTF-8.
func FirstInvalid(src []byte) int {
	if utf8.Valid(src) {
		return -1
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			return off
		}
		off += n
	}
	return -1
}

// Position returns the line (from 1) and column (in characters, from 1)
// of offset off in src.
func Position(src []byte, off int) (line, col int) {
	before := src[:off]
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
}

// NotUTF8 describes, for the byte at off, why the text is not UTF-8.
func NotUTF8(src []byte, off int) string {
	return fmt.Sprintf("byte 0x%02x is not UTF-8 text; the file was probably saved as Windows-1252 (ANSI)", src[off])
}

// Hint is how to convert a file to UTF-8.
const Hint = "save the file as UTF-8: in Notepad, Save As with Encoding UTF-8"
