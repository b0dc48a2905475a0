package content

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"sort"
	"time"

	"risalah/internal/meta"
)

// stampMargin is how long before a load a file's modification time must
// lie for its stamp to be trusted: a file saved again within the time
// stamps' granularity (two seconds on FAT, a tick elsewhere) of the load
// that read it may keep its size and time with other content.
const stampMargin = 2 * time.Second

// NewCompactParsed returns an empty cache of parsed front matter that
// keeps documents encoded rather than as trees (see Parsed.compact): for
// one build that saves it with WriteTo.
func NewCompactParsed() *Parsed { return &Parsed{compact: true} }

// lookup returns the document the last load read from file.
func (c *Parsed) lookup(file string) (Doc, bool) {
	if !c.compact {
		d, ok := c.prev[file]
		return d, ok
	}
	rec, ok := c.prevRaw[file]
	if !ok {
		return Doc{}, false
	}
	d, err := decodeDoc(rec)
	return d, err == nil
}

// sameStamp returns the document read from f by the last load when the
// file's size and modification time are what they were then, without
// reading it again; nil when they differ, or when they cannot be trusted.
func (c *Parsed) sameStamp(f docFile) *Doc {
	if c == nil || f.mod == 0 || c.loaded.IsZero() {
		return nil
	}
	if !time.Unix(0, f.mod).Before(c.loaded.Add(-stampMargin)) {
		return nil
	}
	d, ok := c.lookup(f.path)
	if !ok || d.size != f.size || d.mod != f.mod || d.Kind != f.kind || d.Key != f.key || d.Lang != f.lang || d.Bundle != f.bundle {
		return nil
	}
	c.put(f.path, &d)
	return &d
}

// parsedMagic starts a saved Parsed; it changes whenever the format or
// the meaning of what is saved does.
const parsedMagic = "risalah-parsed-3\n"

// WriteTo saves what the last load read, for ReadParsed in a later run.
func (c *Parsed) WriteTo(w io.Writer) (int64, error) {
	recs := c.prevRaw
	if !c.compact {
		recs = make(map[string][]byte, len(c.prev))
		for f, d := range c.prev {
			recs[f] = appendDoc(nil, &d)
		}
	}
	files := make([]string, 0, len(recs))
	for f := range recs {
		files = append(files, f)
	}
	sort.Strings(files) // the same bytes for the same site
	bw := bufio.NewWriter(w)
	cw := &countingWriter{w: bw}
	b := appendString(nil, parsedMagic)
	b = binary.AppendVarint(b, c.loaded.UnixNano())
	b = binary.AppendVarint(b, int64(len(files)))
	_, err := cw.Write(b)
	for _, f := range files {
		if err != nil {
			break
		}
		rec := recs[f]
		if _, err = cw.Write(binary.AppendVarint(nil, int64(len(rec)))); err == nil {
			_, err = cw.Write(rec)
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// errDamaged says a saved cache cannot be used.
var errDamaged = errors.New("damaged cache of parsed front matter")

// ReadParsed reads what WriteTo saved, into a compact cache. An error
// means the saved cache is unusable (damaged, or of another version): the
// caller starts afresh.
func ReadParsed(r io.Reader) (*Parsed, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	d := &decoder{r: bytes.NewReader(data)}
	if d.str() != parsedMagic {
		return nil, errors.New("not a cache of parsed front matter of this version")
	}
	c := &Parsed{compact: true, loaded: time.Unix(0, d.int())}
	n := d.int()
	if d.err != nil || n < 0 || n > int64(len(data)) {
		return nil, errDamaged
	}
	c.prevRaw = make(map[string][]byte, n)
	for range n {
		size := d.int()
		if d.err != nil || size < 0 || size > int64(d.r.Len()) {
			return nil, errDamaged
		}
		off := len(data) - d.r.Len()
		rec := data[off : off+int(size) : off+int(size)]
		if _, err := d.r.Seek(size, io.SeekCurrent); err != nil {
			return nil, errDamaged
		}
		doc, err := decodeDoc(rec) // checked whole now, decoded again when used
		if err != nil {
			return nil, errDamaged
		}
		c.prevRaw[doc.File] = rec
	}
	if d.r.Len() != 0 {
		return nil, errDamaged
	}
	return c, nil
}

// appendDoc appends d as read (before decoding) in the cache's compact
// binary form: varints, and strings after their lengths.
func appendDoc(b []byte, d *Doc) []byte {
	for _, s := range []string{d.File, string(d.Kind), d.Key, d.Lang, d.Bundle, string(d.Format)} {
		b = appendString(b, s)
	}
	for _, n := range []int64{int64(d.BodyLine), int64(d.bodyStart), d.size, d.mod} {
		b = binary.AppendVarint(b, n)
	}
	b = appendString(b, string(d.HeadSum[:]))
	b = appendString(b, string(d.BodySum[:]))
	b = binary.AppendVarint(b, int64(len(d.Unfilled)))
	for _, u := range d.Unfilled {
		b = appendString(b, u.Field)
		b = binary.AppendVarint(b, int64(u.Line))
	}
	return appendNode(b, d.Own)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendVarint(b, int64(len(s)))
	return append(b, s...)
}

// appendNode appends n and its children, depth first; nil as kind -1.
func appendNode(b []byte, n *meta.Node) []byte {
	if n == nil {
		return binary.AppendVarint(b, -1)
	}
	b = binary.AppendVarint(b, int64(n.Kind))
	b = appendString(b, n.Value)
	q := int64(0)
	if n.Quoted {
		q = 1
	}
	b = binary.AppendVarint(b, q)
	b = binary.AppendVarint(b, int64(n.Line))
	b = binary.AppendVarint(b, int64(n.Col))
	for _, list := range [][]*meta.Node{n.Items, n.Keys, n.Values} {
		b = binary.AppendVarint(b, int64(len(list)))
		for _, c := range list {
			b = appendNode(b, c)
		}
	}
	return b
}

// decodeDoc reads what appendDoc wrote, all of it.
func decodeDoc(rec []byte) (Doc, error) {
	d := &decoder{r: bytes.NewReader(rec)}
	var doc Doc
	var kind, format string
	for _, p := range []*string{&doc.File, &kind, &doc.Key, &doc.Lang, &doc.Bundle, &format} {
		*p = d.str()
	}
	doc.Kind, doc.Format = Kind(kind), meta.Format(format)
	doc.BodyLine, doc.bodyStart, doc.size, doc.mod = int(d.int()), int(d.int()), d.int(), d.int()
	d.sum(doc.HeadSum[:])
	d.sum(doc.BodySum[:])
	if n := d.int(); n > 0 && n <= int64(d.r.Len()) {
		doc.Unfilled = make([]Unfilled, n)
		for i := range doc.Unfilled {
			doc.Unfilled[i].Field = d.str()
			doc.Unfilled[i].Line = int(d.int())
		}
	} else if n != 0 {
		d.err = errDamaged
	}
	doc.Own = d.node(0)
	doc.Fields = doc.Own
	if d.err == nil && (d.r.Len() != 0 || doc.Own == nil) {
		d.err = errDamaged
	}
	return doc, d.err
}

// decoder reads the compact form; the first error sticks.
type decoder struct {
	r   *bytes.Reader
	err error
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(d.r)
	d.err = err
	return v
}

func (d *decoder) str() string {
	n := d.int()
	if d.err != nil || n < 0 || n > int64(d.r.Len()) {
		if d.err == nil {
			d.err = errDamaged
		}
		return ""
	}
	b := make([]byte, n)
	_, d.err = io.ReadFull(d.r, b)
	return string(b)
}

func (d *decoder) sum(into []byte) {
	if s := d.str(); d.err == nil {
		if len(s) != len(into) {
			d.err = errDamaged
			return
		}
		copy(into, s)
	}
}

// maxDepth bounds the nesting of a saved tree; front matter nests far
// less (see meta's own limit).
const maxDepth = 1000

func (d *decoder) node(depth int) *meta.Node {
	k := d.int()
	if d.err != nil || k == -1 {
		return nil
	}
	if depth > maxDepth || k < int64(meta.Null) || k > int64(meta.Map) {
		d.err = errDamaged
		return nil
	}
	n := &meta.Node{Kind: meta.Kind(k), Value: d.str(), Quoted: d.int() == 1, Line: int(d.int()), Col: int(d.int())}
	for _, list := range []*[]*meta.Node{&n.Items, &n.Keys, &n.Values} {
		c := d.int()
		if d.err != nil || c < 0 || c > int64(d.r.Len()) {
			if d.err == nil {
				d.err = errDamaged
			}
			return nil
		}
		if c > 0 {
			*list = make([]*meta.Node, 0, c)
			for range c {
				*list = append(*list, d.node(depth+1))
			}
		}
	}
	return n
}
