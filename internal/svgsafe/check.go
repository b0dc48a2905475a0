package svgsafe

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxDetail bounds how much of a URL or style sheet a finding quotes: a
// base64 image or a minified style sheet would drown the message.
const maxDetail = 60

// detail returns s, cut to maxDetail bytes at a character boundary, and
// quoted Go-style if it holds control characters, such as the tab in
// "java\tscript:", which would not show in a message.
func detail(s string) string {
	if len(s) > maxDetail {
		cut := maxDetail
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return strconv.Quote(s)
	}
	return s
}

// squeeze returns s in ASCII lower case without spaces and control
// characters, which browsers skip when they read a URL's scheme:
// "java&#x09;script:" reaches the check as "java\tscript:".
func squeeze(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c == 0x7f:
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// scriptScheme returns the script URL scheme that s holds anywhere, or "".
// It looks everywhere, not only at the start, so that a value that is a
// list (values="#a;javascript:…") or CSS cannot hide one.
func scriptScheme(s string) string {
	if !strings.Contains(s, ":") {
		return ""
	}
	sq := squeeze(s)
	for _, scheme := range [...]string{"javascript:", "vbscript:", "livescript:"} {
		if strings.Contains(sq, scheme) {
			return scheme
		}
	}
	return ""
}

// urlKind returns what is unsafe about an href or src value, or 0 if it
// is a fragment of this document (or empty). raster says a base64 data:
// URL of a raster image is allowed, as it is in <image>.
func urlKind(v string, raster bool) Kind {
	u := trimURL(v)
	if u == "" || u[0] == '#' {
		return 0
	}
	lower := squeeze(u)
	switch {
	case !strings.HasPrefix(lower, "data:"):
		return ExternalRef
	case raster && rasterData(lower):
		return 0
	case documentData(lower):
		return ScriptURL
	}
	return ExternalRef
}

// trimURL returns v without the spaces and control characters around
// it, which browsers trim from a URL before reading it.
func trimURL(v string) string {
	return strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
}

// problem is one unsafe thing found in a piece of CSS.
type problem struct {
	kind   Kind
	detail string
}

// cssProblems returns what in css, a style sheet or the value of a style
// or presentation attribute, could load another file or run a script.
// sheet says css is a style sheet or style attribute, where @import and
// expression() mean something; in other attributes only url() and the
// like are looked for, and found as ExternalRef.
//
// It does not parse CSS. It decodes escapes (so "\75 rl(" is "url(") and
// then looks for the dangerous tokens anywhere, strings and comments
// included: that may refuse a harmless file, never pass a harmful one.
// Comments are kept because a comment cannot split a token in CSS, and
// "/*" within a url() or a string is not a comment.
func cssProblems(css string, sheet bool) []problem {
	if !strings.ContainsAny(css, "(\\@:") {
		return nil
	}
	n := cssNormal(css)
	var out []problem
	refKind := ExternalRef
	if sheet {
		refKind = StyleImport
		if strings.Contains(n, "@import") {
			out = append(out, problem{StyleImport, "@import"})
		}
		if strings.Contains(stripComments(squeeze(n)), "expression(") {
			out = append(out, problem{ScriptURL, "expression("})
		}
	}
	for _, fn := range [...]string{"url(", "src("} {
		for rest := n; ; {
			i := strings.Index(rest, fn)
			if i < 0 {
				break
			}
			rest = rest[i+len(fn):]
			arg := strings.TrimLeft(rest, " \t\n\r\f")
			if len(arg) > 0 && (arg[0] == '"' || arg[0] == '\'') {
				arg = arg[1:]
			}
			if !strings.HasPrefix(arg, "#") {
				out = append(out, problem{refKind, detail(fn + urlArg(rest))})
			}
		}
	}
	// These take a bare string as a URL, image-set("x.png" 1x), anywhere
	// in a list of arguments; no drawing program writes them, so they are
	// refused whatever they hold.
	for _, fn := range [...]string{"image-set(", "image(", "cross-fade("} {
		if i := strings.Index(n, fn); i >= 0 {
			out = append(out, problem{refKind, detail(fn + urlArg(n[i+len(fn):]))})
		}
	}
	if s := scriptScheme(n); s != "" {
		out = append(out, problem{ScriptURL, s})
	}
	return out
}

// urlArg returns the start of a function's argument: up to its ")" if
// that comes within maxDetail bytes, else maxDetail bytes. The bound keeps
// a sheet of many unclosed "url(" linear.
func urlArg(rest string) string {
	if len(rest) > maxDetail {
		rest = rest[:maxDetail]
	}
	if i := strings.IndexByte(rest, ')'); i >= 0 {
		return rest[:i+1]
	}
	return rest
}

// cssNormal returns css with its escapes decoded, in ASCII lower case.
func cssNormal(css string) string {
	if !strings.Contains(css, "\\") {
		return asciiLower(css)
	}
	var b strings.Builder
	b.Grow(len(css))
	for i := 0; i < len(css); {
		c := css[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		i++
		if i == len(css) {
			break
		}
		j := i
		for j < len(css) && j-i < 6 && isHex(css[j]) {
			j++
		}
		switch {
		case j > i:
			r, _ := strconv.ParseUint(css[i:j], 16, 32)
			if r == 0 || r > utf8.MaxRune || (0xd800 <= r && r <= 0xdfff) {
				r = utf8.RuneError
			}
			b.WriteRune(rune(r))
			i = j
			if i < len(css) && isCSSSpace(css[i]) {
				i++ // one space ends the escape
			}
		case css[i] == '\n' || css[i] == '\r' || css[i] == '\f':
			i++ // a line continuation within a string
		default:
			b.WriteByte(css[i])
			i++
		}
	}
	return asciiLower(b.String())
}

// stripComments returns s without its /* */ comments, ignoring strings.
// It is used only to look for expression(), which old Internet Explorer
// found even with comments inside the word.
func stripComments(s string) string {
	if !strings.Contains(s, "/*") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			return b.String()
		}
		s = s[i+2+j+2:]
	}
}

// asciiLower returns s with A to Z in lower case; CSS keywords and URL
// schemes are ASCII, and a Unicode mapping could make new ones.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isCSSSpace reports whether c is white space in CSS.
func isCSSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
