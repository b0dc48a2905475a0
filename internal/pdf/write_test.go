package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strings"
)

// writer builds a PDF in memory, one revision at a time, the way real
// writers do: objects, then a cross-reference section listing those of
// this revision, a trailer and a startxref.
type writer struct {
	buf    bytes.Buffer
	plain  map[int]int64  // objects of this revision, by offset
	packed map[int][2]int // objects of this revision in object streams: stream, index
	prev   int64          // the previous section's offset, -1 if none
	size   int            // one more than the highest object number
}

func newWriter(version string) *writer {
	w := &writer{prev: -1}
	fmt.Fprintf(&w.buf, "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n", version)
	w.begin()
	return w
}

// begin starts a revision.
func (w *writer) begin() { w.plain, w.packed = map[int]int64{}, map[int][2]int{} }

func (w *writer) note(num int) { w.size = max(w.size, num+1) }

// obj writes object num with body as its value.
func (w *writer) obj(num int, body string) {
	w.note(num)
	w.plain[num] = int64(w.buf.Len())
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", num, body)
}

// stream writes object num as a stream; dict is the dictionary's inside.
func (w *writer) stream(num int, dict string, data []byte) {
	w.note(num)
	w.plain[num] = int64(w.buf.Len())
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\r\n", num, dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// objStm writes object stream num holding the objects bodies, by number,
// after pad bytes of zeros (which let a test make a bomb).
func (w *writer) objStm(num int, bodies map[int]string, pad int) {
	nums := sortedKeys(bodies)
	var head, objs bytes.Buffer
	for i, n := range nums {
		fmt.Fprintf(&head, "%d %d ", n, pad+objs.Len())
		objs.WriteString(bodies[n] + "\n")
		w.note(n)
		w.packed[n] = [2]int{num, i}
	}
	// The zeros are written a block at a time: a test's bomb need not
	// be held whole to be made.
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(head.Bytes())
	zero := make([]byte, 64<<10)
	for left := pad; left > 0; left -= len(zero) {
		zw.Write(zero[:min(left, len(zero))])
	}
	zw.Write(objs.Bytes())
	zw.Close()
	w.stream(num, fmt.Sprintf("/Type /ObjStm /N %d /First %d /Filter /FlateDecode", len(nums), head.Len()), z.Bytes())
}

// table ends the revision with a classic cross-reference table; extra is
// added to the trailer.
func (w *writer) table(root int, extra string) {
	at := int64(w.buf.Len())
	w.buf.WriteString("xref\n")
	if w.prev < 0 {
		w.buf.WriteString("0 1\n0000000000 65535 f\r\n")
	}
	for _, n := range sortedKeys(w.plain) {
		fmt.Fprintf(&w.buf, "%d 1\n%010d 00000 n\r\n", n, w.plain[n])
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R%s%s >>\n", w.size, root, w.prevKey(), extra)
	w.end(at)
}

// xrefStream ends the revision with cross-reference stream num, its
// entries 1+4+2 bytes wide, PNG-predicted when predict is set.
func (w *writer) xrefStream(num, root int, predict bool) {
	w.note(num)
	at := int64(w.buf.Len())
	w.plain[num] = at
	var rows bytes.Buffer
	var index []string
	row := func(kind byte, off, idx int) {
		rows.Write([]byte{kind, byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off), byte(idx >> 8), byte(idx)})
	}
	for _, n := range sortedKeys(w.plain) {
		index = append(index, fmt.Sprintf("%d 1", n))
		row(1, int(w.plain[n]), 0)
	}
	for _, n := range sortedKeys(w.packed) {
		index = append(index, fmt.Sprintf("%d 1", n))
		row(2, w.packed[n][0], w.packed[n][1])
	}
	data, parms := rows.Bytes(), ""
	if predict {
		data, parms = pngUp(data, 7), " /DecodeParms << /Predictor 12 /Columns 7 >>"
	}
	dict := fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Index [%s] /Root %d 0 R%s /Filter /FlateDecode%s",
		w.size, strings.Join(index, " "), root, w.prevKey(), parms)
	w.stream(num, dict, deflate(data))
	w.end(at)
}

func (w *writer) prevKey() string {
	if w.prev < 0 {
		return ""
	}
	return fmt.Sprintf(" /Prev %d", w.prev)
}

func (w *writer) end(at int64) {
	fmt.Fprintf(&w.buf, "startxref\n%d\n%%%%EOF\n", at)
	w.prev = at
	w.begin()
}

func (w *writer) bytes() []byte { return bytes.Clone(w.buf.Bytes()) }

// tree writes a page tree node num with n pages numbered from first.
func (w *writer) tree(num, first, n int) {
	var kids []string
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", first+i))
		w.obj(first+i, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>", num))
	}
	w.obj(num, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
}

// classic returns a PDF 1.4 of n pages with a cross-reference table.
func classic(n int) []byte {
	w := newWriter("1.4")
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	w.tree(2, 3, n)
	w.table(1, "")
	return w.bytes()
}

// compressed returns a PDF 1.5 of n pages whose catalog and page tree
// root sit in an object stream, after pad zero bytes, listed by a
// cross-reference stream.
func compressed(n, pad int, predict bool) []byte {
	w := newWriter("1.5")
	var kids []string
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", 10+i))
		w.obj(10+i, "<< /Type /Page /Parent 2 0 R >>")
	}
	w.objStm(5, map[int]string{
		1: "<< /Type /Catalog /Pages 2 0 R >>",
		2: fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
	}, pad)
	w.xrefStream(6, 1, predict)
	return w.bytes()
}

func deflate(b []byte) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// pngUp applies the PNG Up predictor to rows of cols bytes.
func pngUp(data []byte, cols int) []byte {
	var out []byte
	prev := make([]byte, cols)
	for len(data) >= cols {
		out = append(out, 2)
		for i := range cols {
			out = append(out, data[i]-prev[i])
		}
		prev, data = data[:cols], data[cols:]
	}
	return out
}

func sortedKeys[V any](m map[int]V) []int {
	var keys []int
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
