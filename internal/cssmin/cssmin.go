// Package cssmin makes stylesheets smaller without changing what they
// mean: it drops comments, turns each run of white space into one space,
// and drops the spaces that no CSS grammar needs, those around braces,
// semicolons and commas, and the semicolon before a closing brace.
//
// It leaves everything else as written: strings, url() values, the spaces
// of selectors (a :hover differs from a:hover) and of calc() (1rem + 2px
// needs both). It does not parse CSS, so a stylesheet with an unclosed
// comment or string keeps the rest of the file as it was.
package cssmin

import "bytes"

// Minify returns src with comments and needless white space removed.
func Minify(src []byte) []byte {
	out := make([]byte, 0, len(src))
	space := false // white space was seen since the last byte written
	// tight reports whether no space is needed beside b.
	tight := func(b byte) bool { return b == '{' || b == '}' || b == ';' || b == ',' }
	flushSpace := func(next byte) {
		if space && len(out) > 0 && !tight(out[len(out)-1]) && !tight(next) {
			out = append(out, ' ')
		}
		space = false
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				flushSpace(c)
				return append(out, src[i:]...)
			}
			i += 2 + end + 2
			space = true // a comment separates what is on either side
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			i++
		case c == '"' || c == '\'':
			flushSpace(c)
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return append(out, src[i:]...)
			}
			out = append(out, src[i:j+1]...)
			i = j + 1
		case c == '}':
			space = false
			for n := len(out); n > 0 && out[n-1] == ';'; n-- {
				out = out[:n-1]
			}
			out = append(out, c)
			i++
		default:
			flushSpace(c)
			out = append(out, c)
			i++
		}
	}
	return out
}
