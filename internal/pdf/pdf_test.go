package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// plain returns a PDF of n pages with its objects as plain text, as
// simple writers make them.
func plain(n int) []byte {
	var kids []string
	var b strings.Builder
	b.WriteString("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", 3+i))
	}
	fmt.Fprintf(&b, "2 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n", strings.Join(kids, " "), n)
	for i := range n {
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n", 3+i)
	}
	b.WriteString("trailer\n<< /Root 1 0 R >>\n%%EOF\n")
	return []byte(b.String())
}

// packed returns a PDF 1.5 whose page tree sits in a compressed object
// stream, as office suites write them, with a nested /Pages node.
func packed(n int) []byte {
	var objs bytes.Buffer
	fmt.Fprintf(&objs, "<< /Type /Pages /Kids [4 0 R] /Count %d >> ", n)
	fmt.Fprintf(&objs, "<< /Count %d /Parent 2 0 R /Kids [] /Type /Pages >>", n-1)
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(objs.Bytes())
	w.Close()
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	fmt.Fprintf(&b, "5 0 obj\n<< /Type /ObjStm /N 2 /First 8 /Filter /FlateDecode /Length %d >>\nstream\n", z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n%%EOF\n")
	return b.Bytes()
}

func TestPages(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want int
		ok   bool
	}{
		{"one page", plain(1), 1, true},
		{"twelve pages", plain(12), 12, true},
		{"an object stream", packed(37), 37, true},
		{"Count before Type", []byte("%PDF-1.7\n2 0 obj << /Count 5 /Kids [] /Type /Pages >> endobj"), 5, true},
		{"cut in half", plain(3)[:60], 0, false},
		{"a compressed stream cut short", packed(9)[:len(packed(9))-40], 9, true},
		{"not a PDF", []byte("<html>"), 0, false},
		{"empty", nil, 0, false},
		{"encrypted", append(plain(2), "/Encrypt 9 0 R"...), 0, false},
		{"a page count past belief", []byte("%PDF-1.4 << /Type /Pages /Count 99999999999 >>"), 0, false},
	} {
		n, ok := Pages(tc.data)
		if n != tc.want || ok != tc.ok {
			t.Errorf("%s: %d, %v; want %d, %v", tc.name, n, ok, tc.want, tc.ok)
		}
	}
}

// FuzzPages feeds damaged PDFs: Pages must neither panic nor claim pages
// a file has no /Count for.
func FuzzPages(f *testing.F) {
	f.Add(plain(2))
	f.Add(packed(4))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, ok := Pages(data)
		if ok != (n > 0) {
			t.Fatalf("%d, %v", n, ok)
		}
	})
}
