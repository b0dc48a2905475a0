// Package slug makes URL segments and HTML IDs from text: lowercase ASCII
// letters and digits joined by single hyphens, accents removed.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make turns text into a slug of at most 80 bytes, cut after a whole word
// (a single word longer than that is cut). It returns "" when text has no
// letters or digits.
func Make(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 80 {
		// "…-koordinasi-tim-pengawasan-orang-asing" rather than
		// "…-koordinasi-tim-pengaw".
		if s[80] == '-' {
			s = s[:80]
		} else if i := strings.LastIndexByte(s[:80], '-'); i > 0 {
			s = s[:i]
		} else {
			s = s[:80]
		}
	}
	return s
}

// Fold returns text lowercased with its accents removed (Café becomes
// cafe, ﬁ becomes fi), for comparing words as a reader types them.
func Fold(text string) string {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(text)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(text) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// FoldName returns the form under which Windows and macOS take two file
// names for one: lowercased (both compare names without letter case), and
// in Unicode's composed form (macOS compares "é" written as one code point
// and as "e" with a combining accent as the same name).
func FoldName(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return strings.ToLower(norm.NFC.String(name))
		}
	}
	return strings.ToLower(name)
}
