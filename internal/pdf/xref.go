package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"slices"
)

// maxPages is the most pages believed: a larger /Count is damage.
const maxPages = 1_000_000

// entry is where a cross-reference section says an object is.
type entry struct {
	kind byte  // 0 free, 1 at offset off, 2 the idx-th object of stream off
	off  int64 // a file offset, or an object stream's number
	idx  int
}

// section is one cross-reference section and its trailer.
type section struct {
	entries map[int]entry
	trailer dict
}

// doc resolves the objects of one file, reading cross-reference sections
// newest first and only as far back as an object needs.
type doc struct {
	f        *file
	s        *spend
	sections []*section
	prev     int64          // offset of the next older section, -1 if none
	seen     map[int64]bool // sections read, against /Prev loops
	streams  map[int]*objStream
	busy     map[int]bool // objects being resolved, against loops
	crypt    bool         // streams other than xref streams are encrypted
}

// structured counts pages by following the file's own structure.
func structured(f *file) (int, error) {
	start, err := startxref(f)
	if err != nil {
		return 0, err
	}
	d := &doc{f: f, s: f.s, prev: start, seen: map[int64]bool{},
		streams: map[int]*objStream{}, busy: map[int]bool{}}
	var root any
	for i := 0; root == nil; i++ {
		if i == len(d.sections) && !d.more() {
			return 0, d.fail(fmt.Errorf("%w: no /Root in any trailer", errUnknown))
		}
		root = d.sections[i].trailer["Root"]
	}
	catalog, _ := d.resolve(root).(dict)
	pages, _ := d.resolve(catalog["Pages"]).(dict)
	n, ok := integer(d.resolve(pages["Count"]))
	if !ok || n < 1 || n >= maxPages {
		return 0, d.fail(fmt.Errorf("%w: no usable /Count in the page tree's root", errUnknown))
	}
	return int(n), nil
}

// fail returns the budget's error if it ran out, else err.
func (d *doc) fail(err error) error {
	if d.s.err != nil {
		return d.s.err
	}
	return err
}

// startxref returns the offset the file's last startxref points at.
func startxref(f *file) (int64, error) {
	from := max(0, f.size-1024)
	tail := f.read(from, f.size-from)
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return 0, fmt.Errorf("%w: no startxref", errUnknown)
	}
	l := &lexer{f: f, pos: from + int64(i+len("startxref"))}
	v, _ := l.value()
	off, ok := integer(v)
	if !ok || off < 0 || off >= f.size {
		return 0, fmt.Errorf("%w: startxref points nowhere", errUnknown)
	}
	return off, nil
}

// more reads the next older cross-reference section, reporting whether
// there was one.
func (d *doc) more() bool {
	off := d.prev
	if off < 0 || d.seen[off] || d.s.object() != nil {
		return false
	}
	d.seen[off], d.prev = true, -1
	sec, err := d.section(off)
	if err != nil {
		return false
	}
	d.sections = append(d.sections, sec)
	if _, ok := sec.trailer["Encrypt"]; ok {
		d.crypt = true
	}
	if p, ok := integer(sec.trailer["Prev"]); ok {
		d.prev = p
	}
	return true
}

// section reads the cross-reference table or stream at off.
func (d *doc) section(off int64) (*section, error) {
	l := &lexer{f: d.f, pos: off}
	l.skip()
	if w := l.word(); w != "xref" {
		l.pos = off
		return d.xrefStream(l)
	}
	sec, err := d.table(l)
	if err != nil {
		return nil, err
	}
	// A hybrid file lists its compressed objects in a stream as well.
	if x, ok := integer(sec.trailer["XRefStm"]); ok && !d.seen[x] {
		d.seen[x] = true
		if more, err := d.xrefStream(&lexer{f: d.f, pos: x}); err == nil {
			for n, e := range more.entries {
				if old, ok := sec.entries[n]; !ok || old.kind == 0 {
					sec.entries[n] = e
				}
			}
		}
	}
	return sec, nil
}

// table reads a classic cross-reference table, after its "xref", and its
// trailer.
func (d *doc) table(l *lexer) (*section, error) {
	sec := &section{entries: map[int]entry{}}
	for {
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		if v == keyword("trailer") {
			t, err := l.value()
			sec.trailer, _ = t.(dict)
			if err != nil || sec.trailer == nil {
				return nil, fmt.Errorf("%w: damaged trailer", errUnknown)
			}
			return sec, nil
		}
		first, ok1 := integer(v)
		v, _ = l.value()
		count, ok2 := integer(v)
		if !ok1 || !ok2 || first < 0 || count < 0 {
			return nil, fmt.Errorf("%w: damaged xref table", errUnknown)
		}
		for i := range count {
			if err := d.s.object(); err != nil {
				return nil, err
			}
			off, ok1 := l.digits()
			_, ok2 := l.digits()
			l.skip()
			k := l.f.at(l.pos)
			l.pos++
			if !ok1 || !ok2 || (k != 'n' && k != 'f') || regular(l.f.at(l.pos)) {
				return nil, fmt.Errorf("%w: damaged xref entry", errUnknown)
			}
			e := entry{off: off}
			if k == 'n' {
				e.kind = 1
			}
			if _, dup := sec.entries[int(first+i)]; !dup {
				sec.entries[int(first+i)] = e
			}
		}
	}
}

// xrefStream reads a cross-reference stream object at l.
func (d *doc) xrefStream(l *lexer) (*section, error) {
	o, err := d.indirect(l, -1)
	if err != nil {
		return nil, err
	}
	if o.dict["Type"] != name("XRef") || o.stream < 0 {
		return nil, fmt.Errorf("%w: no xref at startxref", errUnknown)
	}
	var w [3]int
	wa, _ := o.dict["W"].(array)
	for i := range w {
		if i < len(wa) {
			n, _ := integer(wa[i])
			w[i] = int(n)
		}
		if w[i] < 0 || w[i] > 8 {
			return nil, fmt.Errorf("%w: bad /W", errUnknown)
		}
	}
	width := w[0] + w[1] + w[2]
	if width == 0 {
		return nil, fmt.Errorf("%w: bad /W", errUnknown)
	}
	index, _ := o.dict["Index"].(array)
	if index == nil {
		size, _ := integer(o.dict["Size"])
		index = array{int64(0), size}
	}
	// Cross-reference streams are never encrypted.
	data, err := d.decode(o, -1, false)
	if err != nil {
		return nil, err
	}
	sec := &section{entries: map[int]entry{}, trailer: o.dict}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := integer(index[i])
		count, ok2 := integer(index[i+1])
		if !ok1 || !ok2 || first < 0 || count < 0 {
			return nil, fmt.Errorf("%w: bad /Index", errUnknown)
		}
		for n := first; n < first+count && pos+width <= len(data); n++ {
			if err := d.s.object(); err != nil {
				return nil, err
			}
			f := [3]int64{1, 0, 0} // a missing type field means type 1
			for j, wj := range w {
				if wj > 0 {
					f[j] = 0
				}
				for range wj {
					f[j] = f[j]<<8 | int64(data[pos])
					pos++
				}
			}
			if f[0] > 2 {
				continue // reserved types are read as null
			}
			if _, dup := sec.entries[int(n)]; !dup {
				sec.entries[int(n)] = entry{kind: byte(f[0]), off: f[1], idx: int(f[2])}
			}
		}
	}
	return sec, nil
}

// indirect is an indirect object: its value and, for a stream, where its
// data starts.
type indirect struct {
	val    any
	dict   dict
	stream int64 // -1 if not a stream
}

// indirect reads "num gen obj value" at l, checking num unless it is -1.
func (d *doc) indirect(l *lexer, num int) (indirect, error) {
	o := indirect{stream: -1}
	if err := d.s.object(); err != nil {
		return o, err
	}
	v, _ := l.value()
	n, ok := integer(v)
	g, _ := l.value()
	_, ok2 := integer(g)
	if kw, _ := l.value(); !ok || !ok2 || kw != keyword("obj") || (num >= 0 && int(n) != num) {
		return o, fmt.Errorf("%w: no object %d where the xref says", errUnknown, num)
	}
	v, err := l.value()
	if err != nil {
		return o, err
	}
	o.val = v
	o.dict, _ = v.(dict)
	if kw, _ := l.value(); kw == keyword("stream") && o.dict != nil {
		// The data starts after one end of line: CR LF, or LF.
		if l.f.at(l.pos) == '\r' {
			l.pos++
		}
		if l.f.at(l.pos) == '\n' {
			l.pos++
		}
		o.stream = l.pos
	}
	return o, nil
}

// lookup returns the newest entry for object num, reading older sections
// only when the newer ones do not list it.
func (d *doc) lookup(num int) (entry, bool) {
	for i := 0; ; i++ {
		if i == len(d.sections) && !d.more() {
			return entry{}, false
		}
		if e, ok := d.sections[i].entries[num]; ok {
			return e, e.kind != 0
		}
	}
}

// resolve returns v, or the object v refers to; nil for anything that
// cannot be read.
func (d *doc) resolve(v any) any {
	for range 8 {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		v = d.object(r.num)
	}
	return nil
}

// object returns the value of indirect object num, or nil.
func (d *doc) object(num int) any {
	if d.busy[num] {
		return nil
	}
	d.busy[num] = true
	defer delete(d.busy, num)
	e, ok := d.lookup(num)
	switch {
	case !ok:
		return nil
	case e.kind == 1:
		o, err := d.indirect(&lexer{f: d.f, pos: e.off}, num)
		if err != nil {
			return nil
		}
		return o.val
	}
	st := d.objStream(int(e.off))
	if st == nil {
		return nil
	}
	return st.object(d, num, e.idx)
}

// decode returns a stream's data, at most limit bytes of it unless limit
// is negative. It reads unfiltered and Flate streams only.
func (d *doc) decode(o indirect, limit int64, crypt bool) ([]byte, error) {
	r, err := d.open(o, crypt)
	if err != nil {
		return nil, err
	}
	if limit >= 0 {
		r = io.LimitReader(r, limit)
	}
	data, err := io.ReadAll(r)
	if d.s.err != nil {
		return nil, d.s.err
	}
	if len(data) == 0 && err != nil {
		return nil, fmt.Errorf("%w: %v", errUnknown, err)
	}
	// What inflated before an error, such as a bad checksum, still counts.
	return unpredict(data, o.dict)
}

// open returns a reader of a stream's decoded data, charged to the budget.
func (d *doc) open(o indirect, crypt bool) (io.Reader, error) {
	if crypt {
		return nil, fmt.Errorf("%w: encrypted stream", errUnknown)
	}
	filter := o.dict["Filter"]
	if a, ok := filter.(array); ok && len(a) == 1 {
		filter = a[0]
	}
	raw := io.NewSectionReader(d.f.r, o.stream, d.f.size-o.stream)
	switch filter {
	case nil:
		n, ok := integer(d.resolve(o.dict["Length"]))
		if !ok || n < 0 {
			return nil, fmt.Errorf("%w: stream without /Length", errUnknown)
		}
		return &charged{r: io.LimitReader(raw, n), s: d.s}, nil
	case name("FlateDecode"), name("Fl"):
		// Flate data ends itself, so /Length is not needed.
		z, err := zlib.NewReader(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errUnknown, err)
		}
		return &charged{r: z, s: d.s}, nil
	}
	return nil, fmt.Errorf("%w: unread filter %v", errUnknown, filter)
}

// charged counts what is read through it against the budget.
type charged struct {
	r io.Reader
	s *spend
}

func (c *charged) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if e := c.s.inflate(int64(n)); e != nil {
		return n, e
	}
	return n, err
}

// unpredict undoes the PNG predictors cross-reference streams are often
// written with; data without one is returned as it is.
func unpredict(data []byte, d dict) ([]byte, error) {
	parms, _ := d["DecodeParms"].(dict)
	if a, ok := d["DecodeParms"].(array); ok && len(a) == 1 {
		parms, _ = a[0].(dict)
	}
	p, _ := integer(parms["Predictor"])
	if p <= 1 {
		return data, nil
	}
	cols, ok := integer(parms["Columns"])
	if !ok {
		cols = 1
	}
	if p < 10 || cols < 1 || cols > 1<<16 {
		return nil, fmt.Errorf("%w: predictor %d", errUnknown, p)
	}
	if c, ok := integer(parms["Colors"]); ok && c != 1 {
		return nil, fmt.Errorf("%w: predictor with %d colours", errUnknown, c)
	}
	if b, ok := integer(parms["BitsPerComponent"]); ok && b != 8 {
		return nil, fmt.Errorf("%w: predictor with %d bits", errUnknown, b)
	}
	row := int(cols)
	out := make([]byte, 0, len(data))
	prev := make([]byte, row)
	for len(data) >= row+1 {
		kind, cur := data[0], slices.Clone(data[1:row+1])
		data = data[row+1:]
		for i := range cur {
			var left, upleft int
			if i > 0 {
				left, upleft = int(cur[i-1]), int(prev[i-1])
			}
			up := int(prev[i])
			switch kind {
			case 1:
				cur[i] += byte(left)
			case 2:
				cur[i] += byte(up)
			case 3:
				cur[i] += byte((left + up) / 2)
			case 4:
				cur[i] += byte(paeth(left, up, upleft))
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c int) int {
	p := a + b - c
	pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// maxObject bounds the text of one object read from an object stream, and
// of a stream's header: larger is damage, and would be held in memory.
const maxObject = 8 << 20

// objStream is an object stream whose header is read. Its objects are
// read by inflating it again up to each, discarding what comes before,
// so that memory holds one object at a time, never the whole stream.
type objStream struct {
	o     indirect
	first int64
	offs  []int64 // offsets of the objects, relative to first
	nums  []int
}

// objStream returns object stream num, its header read, or nil.
func (d *doc) objStream(num int) *objStream {
	if st, ok := d.streams[num]; ok {
		return st
	}
	d.streams[num] = nil // against streams that list themselves
	e, ok := d.lookup(num)
	if !ok || e.kind != 1 {
		return nil
	}
	o, err := d.indirect(&lexer{f: d.f, pos: e.off}, num)
	if err != nil || o.stream < 0 || o.dict["Type"] != name("ObjStm") {
		return nil
	}
	if _, ok := o.dict["DecodeParms"]; ok {
		return nil // predictors on object streams are not seen in practice
	}
	n, ok1 := integer(o.dict["N"])
	first, ok2 := integer(o.dict["First"])
	if !ok1 || !ok2 || n < 0 || first < 0 || first > maxObject || n > int64(d.s.b.Objects) {
		return nil
	}
	st := &objStream{o: o, first: first}
	head := d.inflate(o, 0, first)
	if int64(len(head)) < first {
		return nil
	}
	l := &lexer{f: memFile(head, d.s)}
	for range n {
		if d.s.object() != nil {
			return nil
		}
		a, _ := l.value()
		b, _ := l.value()
		num, ok1 := integer(a)
		off, ok2 := integer(b)
		if !ok1 || !ok2 || off < 0 {
			return nil
		}
		st.nums, st.offs = append(st.nums, int(num)), append(st.offs, off)
	}
	d.streams[num] = st
	return st
}

// inflate returns n bytes of stream o's data from start, fewer at its
// end or when it cannot be read.
func (d *doc) inflate(o indirect, start, n int64) []byte {
	r, err := d.open(o, d.crypt)
	if err != nil {
		return nil
	}
	if _, err := io.CopyN(io.Discard, r, start); err != nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(r, n)) // what inflated before an error still counts
	return b
}

// object returns object num, the idx-th of the stream, or nil. It
// inflates the stream up to the start of the next object, or to its end
// when num is the last.
func (st *objStream) object(d *doc, num, idx int) any {
	if idx < 0 || idx >= len(st.nums) || st.nums[idx] != num {
		idx = slices.Index(st.nums, num) // some writers number loosely
		if idx < 0 {
			return nil
		}
	}
	start, end := st.first+st.offs[idx], int64(-1)
	for _, o := range st.offs {
		if at := st.first + o; at > start && (end < 0 || at < end) {
			end = at
		}
	}
	n := int64(maxObject)
	if end >= 0 {
		n = min(n, end-start)
	}
	text := d.inflate(st.o, start, n)
	if d.s.err != nil || len(text) == 0 {
		return nil
	}
	v, err := (&lexer{f: memFile(text, d.s)}).value()
	if err != nil {
		return nil
	}
	return v
}
