// Package pdf reads what a page lists of a PDF attachment: its number of
// pages. It reads no more of the format than that, and a damaged or
// unusual file only means the count is not known.
package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
)

// maxInflate bounds what one compressed stream may inflate to while it is
// searched, so that a small hostile file cannot take a build's memory.
const maxInflate = 8 << 20

var (
	// countRe finds the /Count of a page-tree node: in the root node it is
	// the document's number of pages.
	countRe = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)
	// streamRe finds a stream's dictionary and the start of its data.
	streamRe = regexp.MustCompile(`(?s)<<((?:[^<>]|<<[^<>]*>>)*)>>\s*stream\r?\n`)
)

// Pages returns the number of pages of the PDF file data, and false when
// it cannot tell: not a PDF, damaged, encrypted or written in a way this
// reader does not follow. The page tree's root holds the number, either
// in the file as written or inside a compressed object stream.
func Pages(data []byte) (int, bool) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return 0, false
	}
	if bytes.Contains(data, []byte("/Encrypt")) {
		return 0, false // its object streams cannot be read
	}
	best := maxCount(data)
	for _, m := range streamRe.FindAllSubmatchIndex(data, -1) {
		dict := data[m[2]:m[3]]
		if !bytes.Contains(dict, []byte("/FlateDecode")) || !bytes.Contains(dict, []byte("/ObjStm")) {
			continue
		}
		r, err := zlib.NewReader(bytes.NewReader(data[m[1]:]))
		if err != nil {
			continue
		}
		inflated, _ := io.ReadAll(io.LimitReader(r, maxInflate)) // what inflated before an error still counts
		best = max(best, maxCount(inflated))
	}
	return best, best > 0
}

// maxCount returns the largest page-tree /Count in data, 0 if none.
func maxCount(data []byte) int {
	best := 0
	for _, m := range countRe.FindAllSubmatch(data, -1) {
		s := m[1]
		if len(s) == 0 {
			s = m[2]
		}
		if n, err := strconv.Atoi(string(s)); err == nil && n < 1_000_000 {
			best = max(best, n)
		}
	}
	return best
}
