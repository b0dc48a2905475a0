package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// The fallback search for a damaged file, whose cross-references cannot
// be followed. It takes the largest page-tree /Count it finds, in the
// file or in its object streams; after an update in place that removed
// pages this can overstate, which is why it is only the fallback.
var (
	// countRe finds the /Count of a page-tree node: in the root node it is
	// the document's number of pages.
	// A number followed by "0 R" is a reference, not the count.
	countRe = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)(\s+\d+\s+R)?|/Count\s+(\d+)(\s+\d+\s+R)?[^>]*?/Type\s*/Pages\b`)
	// streamRe finds a stream's dictionary and the start of its data.
	streamRe = regexp.MustCompile(`(?s)<<((?:[^<>]|<<[^<>]*>>)*)>>\s*stream\r?\n`)
)

// scan searches data, a damaged PDF, for its page count, inflating its
// object streams within the budget s.
func scan(data []byte, s *spend) (int, error) {
	if bytes.Contains(data, []byte("/Encrypt")) {
		return 0, fmt.Errorf("%w: encrypted", errUnknown) // its object streams cannot be read
	}
	best := maxCount(data)
	for _, m := range streamRe.FindAllSubmatchIndex(data, -1) {
		if err := s.object(); err != nil {
			return 0, err
		}
		dict := data[m[2]:m[3]]
		if !bytes.Contains(dict, []byte("/FlateDecode")) || !bytes.Contains(dict, []byte("/ObjStm")) {
			continue
		}
		z, err := zlib.NewReader(bytes.NewReader(data[m[1]:]))
		if err != nil {
			continue
		}
		inflated, _ := io.ReadAll(&charged{r: z, s: s}) // what inflated before an error still counts
		if s.err != nil {
			return 0, s.err
		}
		best = max(best, maxCount(inflated))
	}
	if best == 0 {
		return 0, fmt.Errorf("%w: no /Count found", errUnknown)
	}
	return best, nil
}

// maxCount returns the largest believable page-tree /Count in data, 0 if
// none.
func maxCount(data []byte) int {
	best := 0
	for _, m := range countRe.FindAllSubmatch(data, -1) {
		s, r := m[1], m[2]
		if len(s) == 0 {
			s, r = m[3], m[4]
		}
		if len(r) > 0 {
			continue
		}
		if n, err := strconv.Atoi(string(s)); err == nil && n < maxPages {
			best = max(best, n)
		}
	}
	return best
}
