package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"risalah/internal/slug"
)

// ids makes heading IDs: lowercase words joined by hyphens, accents removed,
// never empty, unique within the document, and the same on every build.
type ids struct {
	used map[string]bool
	// next is the suffix to try first for a base: every smaller one is
	// taken, so a thousand equal headings do not try a million IDs.
	next map[string]int
	buf  []byte
}

// newIDs returns a generator that avoids the IDs page templates use for
// their landmarks. Templates name their own section IDs with an underscore,
// which generated IDs never contain.
func newIDs() *ids {
	return &ids{used: map[string]bool{"main": true, "top": true, "content": true}, next: map[string]int{}}
}

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "bagian" // "section": headings of only punctuation or symbols
	}
	if base[0] >= '0' && base[0] <= '9' {
		base = "h-" + base
	}
	if !s.used[base] {
		s.used[base] = true
		return []byte(base)
	}
	i := max(s.next[base], 1)
	for {
		s.buf = strconv.AppendInt(append(append(s.buf[:0], base...), '-'), int64(i), 10)
		if !s.used[string(s.buf)] {
			break
		}
		i++
	}
	s.next[base] = i + 1
	s.used[string(s.buf)] = true
	return append([]byte(nil), s.buf...)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// Slugify turns text into a URL- and ID-safe slug of ASCII letters, digits
// and hyphens.
func Slugify(text string) string { return slug.Make(text) }
