package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// ids makes heading IDs: lowercase words joined by hyphens, accents removed,
// never empty, unique within the document, and the same on every build.
type ids struct {
	used map[string]bool
}

// newIDs returns a generator that avoids the IDs page templates use for
// their landmarks. Templates name their own section IDs with an underscore,
// which generated IDs never contain.
func newIDs() *ids { return &ids{used: map[string]bool{"main": true, "top": true, "content": true}} }

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "bagian" // "section": headings of only punctuation or symbols
	}
	if base[0] >= '0' && base[0] <= '9' {
		base = "h-" + base
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// Slugify turns text into a URL- and ID-safe slug of ASCII letters, digits
// and hyphens.
func Slugify(text string) string {
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
		s = strings.TrimRight(s[:80], "-")
	}
	return s
}
