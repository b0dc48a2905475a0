// Package pdf reads what a page lists of a PDF attachment: its number of
// pages. It reads no more of the format than that, and a damaged or
// unusual file only means the count is not known.
//
// It reads a file the way a viewer does: from the last startxref, through
// the newest cross-reference section (a table or a stream), to the
// trailer's /Root, the catalog's /Pages and that node's /Count. A file
// updated in place therefore reports its last revision. Older sections,
// reached by /Prev, are read only for objects the newer ones do not list.
// Only when that structure is damaged does it fall back to searching the
// whole file for page-tree nodes.
//
// Everything it does is bounded by a Budget, because attachments come
// from anyone and the preview counts them again on every edit.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"
)

// Budget bounds the work of counting one file's pages. A zero field takes
// its default; see DefaultBudget.
type Budget struct {
	// Inflated is the most bytes decompressed from the file's streams,
	// in total. The fallback search of a damaged file holds the file
	// whole, and counts its size against this too.
	Inflated int64
	// Objects is the most cross-reference entries and indirect objects
	// read, in total.
	Objects int
	// Time is the most time spent. It is checked every few thousand
	// steps, so the work can run a little past it.
	Time time.Duration
}

// The defaults are generous for real attachments: a 500-page report
// reads a few objects and inflates at most an object stream or two.
const (
	defaultInflated = 32 << 20
	defaultObjects  = 200_000
	defaultTime     = 2 * time.Second
)

// DefaultBudget returns the budget used where none is given: 32 MiB
// inflated, 200,000 objects and 2 seconds per file.
func DefaultBudget() Budget {
	return Budget{Inflated: defaultInflated, Objects: defaultObjects, Time: defaultTime}
}

// withDefaults returns b with every zero or negative field set to its
// default.
func (b Budget) withDefaults() Budget {
	d := DefaultBudget()
	if b.Inflated <= 0 {
		b.Inflated = d.Inflated
	}
	if b.Objects <= 0 {
		b.Objects = d.Objects
	}
	if b.Time <= 0 {
		b.Time = d.Time
	}
	return b
}

// ErrBudget is returned, possibly wrapped, when counting a file's pages
// would take more than its Budget: the caller can say the count was
// skipped rather than wait.
var ErrBudget = errors.New("pdf: page count over budget")

// errUnknown is the cause of every other failure: the file is no PDF, is
// damaged past use, or is written in a way this package does not read.
var errUnknown = errors.New("pdf: page count not found")

// Pages returns the number of pages of the PDF file data within the
// default budget, and false when it cannot tell: not a PDF, damaged,
// encrypted with its page tree compressed, or over budget. Callers that
// want to tell "over budget" from "unknown" use PagesReader.
func Pages(data []byte) (int, bool) {
	n, err := PagesReader(bytes.NewReader(data), int64(len(data)), Budget{})
	return n, err == nil
}

// PagesReader returns the number of pages of the PDF file of size bytes
// read through r, within the budget b. It reads the file's tail and the
// few objects it needs, not the whole file, unless the file is damaged
// and small enough to search. The error wraps ErrBudget when the budget
// ran out, and is some other non-nil error when the count is not known.
func PagesReader(r io.ReaderAt, size int64, b Budget) (int, error) {
	n, _, err := count(r, size, b.withDefaults())
	return n, err
}

// count is PagesReader, and returns what it spent for tests to check.
func count(r io.ReaderAt, size int64, b Budget) (int, *spend, error) {
	s := newSpend(b)
	f := newFile(r, size, s)
	head := f.read(0, min(size, 1024))
	if !bytes.Contains(head, []byte("%PDF-")) {
		return 0, s, fmt.Errorf("%w: no %%PDF- header", errUnknown)
	}
	n, err := structured(f)
	if err == nil || errors.Is(err, ErrBudget) {
		return n, s, err
	}
	// The structure is damaged: search the file whole, as the old reader
	// did, if it fits in what may be held in memory.
	if err := s.inflate(size); err != nil {
		return 0, s, err
	}
	n, err = scan(f.read(0, size), s)
	return n, s, err
}
