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
func Slugify(text string) string { return slug.Make(text) }
