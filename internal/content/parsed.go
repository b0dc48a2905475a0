package content

import (
	"bufio"
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

// sameStamp returns the document read from f by the last load when the
// file's size and modification time are what they were then, without
// reading it again; nil when they differ, or when they cannot be trusted.
func (c *Parsed) sameStamp(f docFile) *Doc {
	if c == nil || f.mod == 0 || c.loaded.IsZero() {
		return nil
	}
	d, ok := c.prev[f.path]
	if !ok || d.size != f.size || d.mod != f.mod || d.Kind != f.kind || d.Key != f.key || d.Lang != f.lang || d.Bundle != f.bundle {
		return nil
	}
	if !time.Unix(0, d.mod).Before(c.loaded.Add(-stampMargin)) {
		return nil
	}
	c.put(f.path, &d)
	return &d
}

// parsedMagic starts a saved Parsed; it changes whenever the format or
// the meaning of what is saved does.
const parsedMagic = "risalah-parsed-1\n"

// WriteTo saves what the last load read, for ReadParsed in a later run.
func (c *Parsed) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	e := &encoder{w: bw}
	e.str(parsedMagic)
	e.int(c.loaded.UnixNano())
	files := make([]string, 0, len(c.prev))
	for f := range c.prev {
		files = append(files, f)
	}
	sort.Strings(files) // the same cache for the same site
	e.int(int64(len(files)))
	for _, f := range files {
		d := c.prev[f]
		for _, s := range []string{d.File, string(d.Kind), d.Key, d.Lang, d.Bundle, string(d.Format)} {
			e.str(s)
		}
		for _, n := range []int64{int64(d.BodyLine), int64(d.bodyStart), d.size, d.mod} {
			e.int(n)
		}
		e.bytes(d.HeadSum[:])
		e.bytes(d.BodySum[:])
		e.node(d.Own)
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	return e.n, e.err
}

// ReadParsed reads what WriteTo saved. An error means the saved cache is
// unusable (damaged, or of another version): the caller starts afresh.
func ReadParsed(r io.Reader) (*Parsed, error) {
	d := &decoder{r: bufio.NewReader(r)}
	if d.str() != parsedMagic {
		return nil, errors.New("not a cache of parsed front matter of this version")
	}
	c := &Parsed{loaded: time.Unix(0, d.int())}
	n := d.int()
	if d.err != nil || n < 0 || n > 1<<24 {
		return nil, errors.New("damaged cache of parsed front matter")
	}
	c.prev = make(map[string]Doc, n)
	for range n {
		var doc Doc
		var kind, format string
		for _, p := range []*string{&doc.File, &kind, &doc.Key, &doc.Lang, &doc.Bundle, &format} {
			*p = d.str()
		}
		doc.Kind, doc.Format = Kind(kind), meta.Format(format)
		doc.BodyLine, doc.bodyStart, doc.size, doc.mod = int(d.int()), int(d.int()), d.int(), d.int()
		d.sum(doc.HeadSum[:])
		d.sum(doc.BodySum[:])
		doc.Own = d.node(0)
		doc.Fields = doc.Own
		if d.err != nil {
			return nil, errors.New("damaged cache of parsed front matter")
		}
		c.prev[doc.File] = doc
	}
	return c, nil
}

// encoder writes the cache's compact binary form: varints, and strings
// and byte strings after their lengths.
type encoder struct {
	w   *bufio.Writer
	n   int64
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) int(v int64) {
	if e.err != nil {
		return
	}
	k, err := e.w.Write(e.buf[:binary.PutVarint(e.buf[:], v)])
	e.n += int64(k)
	e.err = err
}

func (e *encoder) str(s string) {
	e.int(int64(len(s)))
	if e.err == nil {
		k, err := e.w.WriteString(s)
		e.n += int64(k)
		e.err = err
	}
}

func (e *encoder) bytes(b []byte) { e.str(string(b)) }

// node writes n and its children, depth first; nil as kind -1.
func (e *encoder) node(n *meta.Node) {
	if n == nil {
		e.int(-1)
		return
	}
	e.int(int64(n.Kind))
	e.str(n.Value)
	q := int64(0)
	if n.Quoted {
		q = 1
	}
	e.int(q)
	e.int(int64(n.Line))
	e.int(int64(n.Col))
	for _, list := range [][]*meta.Node{n.Items, n.Keys, n.Values} {
		e.int(int64(len(list)))
		for _, c := range list {
			e.node(c)
		}
	}
}

// decoder reads what encoder wrote; the first error sticks.
type decoder struct {
	r   *bufio.Reader
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

// maxString bounds one string of the cache, so that a damaged file
// cannot make a huge allocation.
const maxString = 1 << 26

func (d *decoder) str() string {
	n := d.int()
	if d.err != nil || n < 0 || n > maxString {
		if d.err == nil {
			d.err = errors.New("string too long")
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
			d.err = errors.New("fingerprint of the wrong size")
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
		d.err = errors.New("damaged tree")
		return nil
	}
	n := &meta.Node{Kind: meta.Kind(k), Value: d.str(), Quoted: d.int() == 1, Line: int(d.int()), Col: int(d.int())}
	for _, list := range []*[]*meta.Node{&n.Items, &n.Keys, &n.Values} {
		c := d.int()
		if d.err != nil || c < 0 || c > maxString {
			d.err = errors.New("damaged tree")
			return nil
		}
		if c > 0 {
			*list = make([]*meta.Node, 0, min(c, 1024))
			for range c {
				*list = append(*list, d.node(depth+1))
			}
		}
	}
	return n
}
