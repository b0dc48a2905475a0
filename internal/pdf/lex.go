package pdf

import (
	"errors"
	"io"
	"strconv"
)

// chunkSize is how much of a file is read at a time: objects are small and
// mostly read front to back, so one chunk usually holds a whole object.
const chunkSize = 16 << 10

// maxDepth bounds how deeply arrays and dictionaries may nest, so that a
// crafted "[[[[…" cannot exhaust the stack.
const maxDepth = 64

// file gives byte access to a PDF or a decoded object stream, reading a
// file through its io.ReaderAt one chunk at a time.
type file struct {
	r    io.ReaderAt // nil when buf holds everything
	size int64
	buf  []byte // the chunk last read, or everything
	off  int64  // buf's offset in the file
	s    *spend
}

func newFile(r io.ReaderAt, size int64, s *spend) *file {
	return &file{r: r, size: size, s: s}
}

// memFile wraps bytes already in memory, such as a decoded stream.
func memFile(b []byte, s *spend) *file {
	return &file{buf: b, size: int64(len(b)), s: s}
}

// at returns the byte at pos, or -1 past the end, on a read error or once
// the budget has run out.
func (f *file) at(pos int64) int {
	if pos < f.off || pos >= f.off+int64(len(f.buf)) {
		if pos < 0 || pos >= f.size || f.r == nil || f.s.err != nil {
			return -1
		}
		if cap(f.buf) < chunkSize {
			f.buf = make([]byte, chunkSize)
		}
		n, _ := f.r.ReadAt(f.buf[:min(chunkSize, f.size-pos)], pos)
		f.buf, f.off = f.buf[:n], pos
		if n == 0 {
			return -1
		}
	}
	return int(f.buf[pos-f.off])
}

// read returns up to n bytes from pos, fewer at the end of the file.
func (f *file) read(pos, n int64) []byte {
	if pos < 0 || pos >= f.size || n <= 0 {
		return nil
	}
	n = min(n, f.size-pos)
	if f.r == nil {
		return f.buf[pos : pos+n]
	}
	b := make([]byte, n)
	m, _ := f.r.ReadAt(b, pos)
	return b[:m]
}

// The values of PDF's object syntax that this package keeps. Strings
// are kept only as a marker: nothing read here needs their text.
type (
	name    string
	keyword string
	dict    map[name]any
	array   []any
	ref     struct{ num, gen int }
	pstring struct{}
)

var errSyntax = errors.New("pdf: syntax error")

// lexer reads PDF values from a file, starting at pos.
type lexer struct {
	f     *file
	pos   int64
	depth int
}

func isSpace(c int) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c int) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// regular reports whether c may be part of a name, number or keyword.
func regular(c int) bool { return c >= 0 && !isSpace(c) && !isDelim(c) }

// skip moves past white space and comments.
func (l *lexer) skip() {
	for {
		c := l.f.at(l.pos)
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for c != '\n' && c != '\r' && c >= 0 {
				l.pos++
				c = l.f.at(l.pos)
			}
		default:
			return
		}
		if l.f.s.step() != nil {
			return
		}
	}
}

// word returns the run of regular bytes at pos, moving past it.
func (l *lexer) word() string {
	start := l.pos
	for regular(l.f.at(l.pos)) && l.pos-start < 256 {
		l.pos++
	}
	return string(l.f.read(start, l.pos-start))
}

// value reads the next value. A number followed by another and R is a
// reference; any other word is a keyword.
func (l *lexer) value() (any, error) {
	l.skip()
	if err := l.f.s.step(); err != nil {
		return nil, err
	}
	c := l.f.at(l.pos)
	switch {
	case c < 0:
		return nil, io.ErrUnexpectedEOF
	case c == '/':
		l.pos++
		return name(l.word()), nil
	case c == '<' && l.f.at(l.pos+1) == '<':
		l.pos += 2
		return l.dict()
	case c == '<':
		return l.hex()
	case c == '[':
		l.pos++
		return l.array()
	case c == '(':
		return l.literal()
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return l.number()
	case isDelim(c):
		return nil, errSyntax
	}
	return keyword(l.word()), nil
}

func (l *lexer) enter() error {
	if l.depth++; l.depth > maxDepth {
		return errSyntax
	}
	return nil
}

func (l *lexer) dict() (any, error) {
	if err := l.enter(); err != nil {
		return nil, err
	}
	defer func() { l.depth-- }()
	d := dict{}
	for {
		l.skip()
		if l.f.at(l.pos) == '>' && l.f.at(l.pos+1) == '>' {
			l.pos += 2
			return d, nil
		}
		k, err := l.value()
		if err != nil {
			return nil, err
		}
		key, ok := k.(name)
		if !ok {
			return nil, errSyntax
		}
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		d[key] = v
	}
}

func (l *lexer) array() (any, error) {
	if err := l.enter(); err != nil {
		return nil, err
	}
	defer func() { l.depth-- }()
	var a array
	for {
		l.skip()
		if l.f.at(l.pos) == ']' {
			l.pos++
			return a, nil
		}
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

// hex moves past a hexadecimal string.
func (l *lexer) hex() (any, error) {
	for l.pos++; ; l.pos++ {
		c := l.f.at(l.pos)
		if c < 0 || l.f.s.step() != nil {
			return nil, io.ErrUnexpectedEOF
		}
		if c == '>' {
			l.pos++
			return pstring{}, nil
		}
	}
}

// literal moves past a literal string: its parentheses nest, and a
// backslash escapes the byte after it.
func (l *lexer) literal() (any, error) {
	open := 0
	for ; ; l.pos++ {
		c := l.f.at(l.pos)
		if c < 0 || l.f.s.step() != nil {
			return nil, io.ErrUnexpectedEOF
		}
		switch c {
		case '\\':
			l.pos++
		case '(':
			open++
		case ')':
			if open--; open == 0 {
				l.pos++
				return pstring{}, nil
			}
		}
	}
}

// number reads an integer or real, or a reference "num gen R".
func (l *lexer) number() (any, error) {
	w := l.word()
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil {
		f, err := strconv.ParseFloat(w, 64)
		if err != nil {
			return nil, errSyntax
		}
		return f, nil
	}
	if n < 0 || n > 1<<31 {
		return n, nil
	}
	save := l.pos
	l.skip()
	if c := l.f.at(l.pos); c >= '0' && c <= '9' {
		gen, err := strconv.ParseInt(l.word(), 10, 64)
		l.skip()
		if err == nil && gen < 1<<16 && l.f.at(l.pos) == 'R' && !regular(l.f.at(l.pos+1)) {
			l.pos++
			return ref{int(n), int(gen)}, nil
		}
	}
	l.pos = save
	return n, nil
}

// digits reads an unsigned integer, as the entries of a cross-reference
// table are written, without the allocations of value.
func (l *lexer) digits() (int64, bool) {
	l.skip()
	var n int64
	start := l.pos
	for c := l.f.at(l.pos); c >= '0' && c <= '9' && l.pos-start < 18; c = l.f.at(l.pos) {
		n = n*10 + int64(c-'0')
		l.pos++
	}
	return n, l.pos > start && !regular(l.f.at(l.pos))
}

// integer returns v as an int, if it is one.
func integer(v any) (int64, bool) {
	n, ok := v.(int64)
	return n, ok
}
