package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// noXref returns a PDF of n pages without cross-references, as damaged
// or hand-made files are: only the fallback search can read it.
func noXref(n int) []byte {
	b := classic(n)
	return b[:bytes.Index(b, []byte("xref\n"))]
}

// updated returns a PDF of first pages, updated in place to have then
// pages: the second revision rewrites the page tree's root.
func updated(first, then int) []byte {
	w := newWriter("1.4")
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	w.tree(2, 100, first)
	w.table(1, "")
	w.tree(2, 200, then)
	w.table(1, "")
	return w.bytes()
}

// updatedStreams is updated with cross-reference and object streams: the
// new page tree root is in a new object stream.
func updatedStreams(first, then int) []byte {
	b := compressed(first, 0, true)
	w := &writer{prev: int64(bytes.LastIndex(b, []byte("6 0 obj"))), size: 10 + first}
	w.buf.Write(b)
	w.begin()
	var kids []string
	for i := range then {
		kids = append(kids, fmt.Sprintf("%d 0 R", 300+i))
		w.obj(300+i, "<< /Type /Page /Parent 2 0 R >>")
	}
	w.objStm(7, map[int]string{2: fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), then)}, 0)
	w.xrefStream(8, 1, false)
	return w.bytes()
}

// hybrid returns a classic table whose trailer's /XRefStm lists the
// object stream holding the catalog and page tree.
func hybrid(n int) []byte {
	w := newWriter("1.5")
	w.obj(3, "<< /Type /Page /Parent 2 0 R >>")
	w.objStm(5, map[int]string{
		1: "<< /Type /Catalog /Pages 2 0 R >>",
		2: fmt.Sprintf("<< /Type /Pages /Kids [3 0 R] /Count %d >>", n),
	}, 0)
	plain := w.plain
	w.xrefStream(6, 1, false)
	at := bytes.LastIndex(w.buf.Bytes(), []byte("6 0 obj"))
	body := w.buf.Bytes()[:bytes.LastIndex(w.buf.Bytes(), []byte("startxref"))]
	w2 := &writer{prev: -1, size: w.size}
	w2.buf.Write(body)
	w2.begin()
	w2.plain = plain
	w2.table(1, fmt.Sprintf(" /XRefStm %d", at))
	return w2.bytes()
}

// bombs returns a damaged file with k object streams each inflating to
// size bytes of zeros.
func bombs(k, size int) []byte {
	w := newWriter("1.5")
	for i := range k {
		w.objStm(10+i, map[int]string{1000 + i: "<< >>"}, size)
	}
	return append(w.bytes(), "1 0 obj << /Type /Pages /Count 3 >> endobj"...)
}

func TestPages(t *testing.T) {
	small := Budget{Inflated: 1 << 20}
	for _, tc := range []struct {
		name string
		data []byte
		b    Budget
		want int
		err  error // nil, ErrBudget or errUnknown
	}{
		{"one page", classic(1), Budget{}, 1, nil},
		{"twelve pages", classic(12), Budget{}, 12, nil},
		{"500 pages", classic(500), Budget{}, 500, nil},
		{"an update adds pages", updated(3, 5), Budget{}, 5, nil},
		{"an update removes pages", updated(7, 2), Budget{}, 2, nil},
		{"object and xref streams", compressed(9, 0, false), Budget{}, 9, nil},
		{"xref stream with PNG predictor", compressed(37, 0, true), Budget{}, 37, nil},
		{"streams updated, more pages", updatedStreams(4, 6), Budget{}, 6, nil},
		{"streams updated, fewer pages", updatedStreams(6, 1), Budget{}, 1, nil},
		{"hybrid table and xref stream", hybrid(3), Budget{}, 3, nil},
		{"indirect count", func() []byte {
			w := newWriter("1.4")
			w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
			w.obj(2, "<< /Type /Pages /Kids [] /Count 3 0 R >>")
			w.obj(3, "4")
			w.table(1, "")
			return w.bytes()
		}(), Budget{}, 4, nil},
		{"encrypted, page tree in plain objects", func() []byte {
			w := newWriter("1.4")
			w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
			w.tree(2, 3, 2)
			w.obj(9, "<< /Filter /Standard >>")
			w.table(1, " /Encrypt 9 0 R")
			return w.bytes()
		}(), Budget{}, 2, nil},
		{"encrypted, page tree compressed", func() []byte {
			b := compressed(2, 0, false)
			return bytes.Replace(b, []byte("/Type /XRef"), []byte("/Encrypt 9 0 R /Type /XRef"), 1)
		}(), Budget{}, 0, errUnknown},

		// Damaged files: the fallback search reads what it can.
		{"no xref", noXref(3), Budget{}, 3, nil},
		{"startxref points nowhere", bytes.Replace(classic(3), []byte("startxref\n"), []byte("startxref\n9"), 1), Budget{}, 3, nil},
		{"xref offsets shifted", append([]byte("%PDF-1.4\n\n\n\n\n\n"), classic(4)...), Budget{}, 4, nil},
		{"a /Prev loop", bytes.Replace(updated(3, 0), []byte("/Root 1 0 R /Prev"), []byte("/Prev 0 /Rot 1 0 R /Prev"), 1), Budget{}, 3, nil},
		{"catalog is its own page tree", func() []byte {
			w := newWriter("1.4")
			w.obj(1, "<< /Type /Catalog /Pages 1 0 R >>")
			w.table(1, "")
			return w.bytes()
		}(), Budget{}, 0, errUnknown},
		{"count refers to itself", func() []byte {
			w := newWriter("1.4")
			w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
			w.obj(2, "<< /Type /Pages /Count 2 0 R >>")
			w.table(1, "")
			return w.bytes()
		}(), Budget{}, 0, errUnknown},
		{"deep nesting", append([]byte("%PDF-1.4\n1 0 obj "), bytes.Repeat([]byte("["), 100000)...), Budget{}, 0, errUnknown},
		{"Count before Type", []byte("%PDF-1.7\n2 0 obj << /Count 5 /Kids [] /Type /Pages >> endobj"), Budget{}, 5, nil},
		{"cut in half", classic(3)[:60], Budget{}, 0, errUnknown},
		{"a compressed stream cut short", compressed(9, 0, false)[:len(compressed(9, 0, false))-200], Budget{}, 9, nil},
		{"not a PDF", []byte("<html>"), Budget{}, 0, errUnknown},
		{"empty", nil, Budget{}, 0, errUnknown},
		{"encrypted and damaged", append(noXref(2), "/Encrypt 9 0 R"...), Budget{}, 0, errUnknown},
		{"a page count past belief", []byte("%PDF-1.4 << /Type /Pages /Count 99999999999 >>"), Budget{}, 0, errUnknown},

		// Budgets.
		{"bomb before the page tree", compressed(2, 40<<20, false), Budget{}, 0, ErrBudget},
		{"bomb, small budget", compressed(2, 4<<20, false), small, 0, ErrBudget},
		{"bomb after the page tree is not read", func() []byte {
			// Object 3 is followed by 4 MiB no one needs.
			w := newWriter("1.5")
			w.objStm(5, map[int]string{1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Count 2 >>", 3: "<< >>" + strings.Repeat(" ", 4<<20)}, 0)
			w.xrefStream(6, 1, false)
			return w.bytes()
		}(), small, 2, nil},
		{"many bombs in a damaged file", bombs(40, 1<<20), Budget{Inflated: 8 << 20}, 0, ErrBudget},
		{"damaged file larger than the budget", noXref(50), Budget{Inflated: 1000}, 0, ErrBudget},
		{"too many objects", classic(500), Budget{Objects: 100}, 0, ErrBudget},
		{"too long", classic(500), Budget{Time: time.Nanosecond}, 0, ErrBudget},
	} {
		n, err := PagesReader(bytes.NewReader(tc.data), int64(len(tc.data)), tc.b)
		if n != tc.want || !errors.Is(err, tc.err) || (err != nil) != (tc.err != nil) {
			t.Errorf("%s: PagesReader = %d, %v; want %d, %v", tc.name, n, err, tc.want, tc.err)
		}
		if tc.b == (Budget{}) {
			if n, ok := Pages(tc.data); n != tc.want || ok != (tc.err == nil) {
				t.Errorf("%s: Pages = %d, %v; want %d, %v", tc.name, n, ok, tc.want, tc.err == nil)
			}
		}
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r *bytes.Reader
	n int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

// TestPagesReaderReadsLittle checks that a large file is not read whole.
func TestPagesReaderReadsLittle(t *testing.T) {
	w := newWriter("1.5")
	w.stream(50, "/Subtype /Image", make([]byte, 8<<20))
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	w.tree(2, 3, 20)
	w.table(1, "")
	data := w.bytes()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"table", data},
		{"streams", append(make([]byte, 0), compressed(20, 0, true)...)},
	} {
		r := &countingReader{r: bytes.NewReader(tc.data)}
		n, err := PagesReader(r, int64(len(tc.data)), Budget{})
		if n != 20 || err != nil {
			t.Errorf("%s: PagesReader = %d, %v; want 20", tc.name, n, err)
		}
		if r.n > 128<<10 {
			t.Errorf("%s: read %d bytes of %d", tc.name, r.n, len(tc.data))
		}
	}
}

// FuzzPages feeds damaged PDFs: Pages must neither panic, claim pages a
// file has no /Count for, nor go past its budget.
func FuzzPages(f *testing.F) {
	f.Add(classic(2))
	f.Add(noXref(3))
	f.Add(updated(3, 5))
	f.Add(compressed(4, 0, true))
	f.Add(updatedStreams(2, 3))
	f.Add(hybrid(2))
	b := Budget{Inflated: 1 << 20, Objects: 10_000, Time: time.Second}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		n, s, err := count(bytes.NewReader(data), int64(len(data)), b)
		if (err == nil) != (n > 0) {
			t.Fatalf("%d, %v", n, err)
		}
		// A budget is checked after each read, so one read's worth over
		// is allowed; a time budget is checked every few thousand steps.
		if s.inflated > b.Inflated+64<<10 || s.objects > b.Objects+1 {
			t.Fatalf("spent %d inflated, %d objects", s.inflated, s.objects)
		}
		if d := time.Since(start); d > 5*b.Time {
			t.Fatalf("took %v", d)
		}
	})
}

func BenchmarkPages(b *testing.B) {
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"500 pages, table", classic(500)},
		{"500 pages, streams", compressed(500, 0, true)},
		{"500 pages, damaged", noXref(500)},
		{"bomb", compressed(2, 40<<20, false)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				PagesReader(bytes.NewReader(bc.data), int64(len(bc.data)), Budget{})
			}
		})
	}
}
