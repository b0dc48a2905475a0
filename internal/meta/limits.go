package meta

import (
	"errors"
	"fmt"

	"risalah/internal/diag"
)

// The bounds on one block of front matter or configuration, whatever its
// format, so that no file can make decoding take memory or time out of
// proportion to what a real document holds. YAML aliases (*name) repeat
// the value they point to, so a few hundred bytes could otherwise expand
// to billions of values.
const (
	// MaxSource is the largest block, in bytes.
	MaxSource = 1 << 20
	// MaxDepth is how deeply maps and lists may nest.
	MaxDepth = 64
	// MaxValues is how many keys and values the decoded block may hold,
	// aliases expanded.
	MaxValues = 100_000
	// MaxText is how many bytes of text its keys and values may hold,
	// aliases expanded.
	MaxText = 8 << 20
)

// LimitError is input past one of the bounds above, with the position of
// the value that passed it.
type LimitError struct {
	Line, Col int
	Msg       string
	Hint      string
}

func (e *LimitError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// budget counts what one block decodes to, and keeps the first bound
// passed.
type budget struct {
	values, text int
	err          *LimitError
}

// take counts one value of text bytes, nested depth levels deep, at
// line:col, and reports whether decoding may go on.
func (b *budget) take(text, depth, line, col int) bool {
	if b.err != nil {
		return false
	}
	b.values++
	b.text += text
	switch {
	case depth > MaxDepth:
		b.err = &LimitError{Line: line, Col: col, Msg: fmt.Sprintf("the fields nest more than %d levels deep", MaxDepth),
			Hint: "write the fields as a flat list of \"name: value\" lines"}
	case b.values > MaxValues:
		b.err = &LimitError{Line: line, Col: col, Msg: fmt.Sprintf("the fields hold more than %d values, counting each use of a YAML alias (*name) as a copy", MaxValues),
			Hint: "write the values out instead of repeating them with aliases, or move long lists into the document's body"}
	case b.text > MaxText:
		b.err = &LimitError{Line: line, Col: col, Msg: fmt.Sprintf("the fields hold more than %d MiB of text, counting each use of a YAML alias (*name) as a copy", MaxText>>20),
			Hint: "write the values out instead of repeating them with aliases, or move long text into the document's body"}
	}
	return b.err == nil
}

// ReportLimit adds err to diags, as being in file, if it is a *LimitError,
// and reports whether it was.
func ReportLimit(err error, file string, diags *diag.List) bool {
	var le *LimitError
	if !errors.As(err, &le) {
		return false
	}
	diags.Errorf(diag.Pos{File: file, Line: le.Line, Col: le.Col}, diag.CodeTooLarge, le.Hint, "%s", le.Msg)
	return true
}
