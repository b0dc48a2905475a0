package markdown

import (
	"bytes"
	"fmt"
)

// The limits that keep the work for one document linear in its size. On
// some Markdown goldmark spends time that grows with the square of a count
// or worse (nesting depth, unmatched marks in one paragraph, link targets
// in one word, definitions or links in one long paragraph). Each count is
// bounded well above what real documents need, and a document past a bound
// is an error at its line, so that no file stalls a build or the live
// preview. The size and the nesting depth are checked here, on the source,
// before goldmark starts; the rest are counted by the guards of guard.go
// while goldmark parses, where its paragraphs, headings and table cells are
// known as it sees them.
const (
	// DefaultMaxBytes is the largest body rendered when Options.MaxBytes
	// is zero.
	DefaultMaxBytes = 1 << 20

	// maxDepth bounds lists and block quotes nested in one another. Word
	// outlines have 9 levels and real documents rarely pass 6; goldmark's
	// work on a line grows with its depth times its length.
	maxDepth = 32
)

// limit names one of the bounds, to report each once per document.
type limit int

const (
	limitSize limit = iota
	limitDepth
	limitDelims
	limitOpen
	limitTargets
	limitLookups
	limitFootnotes
	limitRefs
)

// problem is a limit a document passes, at a byte offset of its body.
type problem struct {
	limit     limit
	off       int
	msg, hint string
}

// checkBody finds, before goldmark sees the body, whether it is larger
// than maxBytes or nested deeper than maxDepth. It reads the body once.
func checkBody(src []byte, maxBytes int) *problem {
	if len(src) > maxBytes {
		// Point at the line on which the limit is passed: that is where
		// the document could be split.
		return &problem{limit: limitSize, off: maxBytes,
			msg:  fmt.Sprintf("the text is %s, more than markdown.maxSize (%s) allows; it passes the limit on this line", size(len(src)), size(maxBytes)),
			hint: "split the document into several, or raise markdown.maxSize in site.yaml"}
	}
	if off, ok := tooDeep(src, maxDepth); !ok {
		return deepProblem(off)
	}
	return nil
}

func deepProblem(off int) *problem {
	return &problem{limit: limitDepth, off: off,
		msg:  fmt.Sprintf("lists and block quotes are nested more than %d levels deep here", maxDepth),
		hint: `nest fewer levels (each "- ", "1. " or ">" at the start of a line opens one), or write a backslash before a marker that is meant as text, such as \-`}
}

// size formats n bytes for a message.
func size(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// container is an open block quote or list item while tooDeep reads lines.
type container struct {
	quote bool
	col   int // a list item's content column: lines indented this far continue it
}

// tooDeep follows CommonMark's container rules far enough to tell how many
// block quotes and list items each line sits in, and returns the offset of
// the marker that opens level max+1. It errs on the side of a lower count
// where a full parser would be needed (HTML blocks, some lazy lines): the
// block parsers' own check (depthLimit) catches what it misses, so this
// scan only has to stop the common shapes before parsing starts.
func tooDeep(src []byte, max int) (int, bool) {
	var (
		stack []container
		// lazy: the previous line was paragraph text, so a line that does
		// not continue every container may still continue the paragraph.
		lazy  bool
		fence *codeFence
	)
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		next := end + 1

		pos, col, matched := 0, 0, 0
		for matched < len(stack) {
			c := stack[matched]
			if c.quote {
				p, cl := skipSpace(line, pos, col, col+3)
				if p < len(line) && line[p] == '>' {
					pos, col = afterQuote(line, p, cl)
					matched++
					continue
				}
				break
			}
			if blank(line[pos:]) {
				matched++
				continue
			}
			p, cl := skipSpace(line, pos, col, c.col)
			if cl < c.col {
				break
			}
			pos, col = p, cl
			matched++
		}

		if blank(line[pos:]) {
			stack = stack[:matched]
			if fence != nil && fence.depth > matched {
				fence = nil
			}
			lazy = false
			start = next
			continue
		}
		if fence != nil {
			if fence.depth <= matched {
				if fence.closedBy(line[pos:]) {
					fence = nil
				}
				start = next
				continue
			}
			fence, lazy = nil, false
		}
		if lazy && !startsBlock(line, pos, col) {
			// More of the paragraph, lazily or not: it opens nothing and
			// closes nothing.
			start = next
			continue
		}
		stack = stack[:matched]

		for {
			p, cl := skipSpace(line, pos, col, col+3)
			if p >= len(line) || cl-col > 3 {
				break
			}
			if line[p] == '>' {
				if len(stack) == max {
					return start + p, false
				}
				stack = append(stack, container{quote: true})
				pos, col = afterQuote(line, p, cl)
				continue
			}
			w, ok := listMarker(line[p:])
			if !ok {
				if f := openFence(line[p:]); f != nil {
					f.depth = len(stack)
					fence = f
				}
				break
			}
			if len(stack) == max {
				return start + p, false
			}
			q, cq := p+w, cl+w
			r, cr := skipSpace(line, q, cq, cq+5)
			switch {
			case r >= len(line):
				// An empty item: its content starts one column after the
				// marker.
				cr = cq + 1
			case cr-cq > 4:
				// Content indented five or more is indented code in
				// the item, which starts one column after the marker.
				r, cr = q+1, cq+1
			}
			stack = append(stack, container{col: cr})
			pos, col = r, cr
		}
		lazy = fence == nil && !blank(line[pos:]) && !thematicBreak(bytes.TrimLeft(line[pos:], " \t"))
		start = next
	}
	return 0, true
}

// skipSpace advances over spaces and tabs from byte pos at column col, but
// not past column limit, and returns the new byte position and column.
func skipSpace(line []byte, pos, col, limit int) (int, int) {
	for pos < len(line) {
		w := 1
		switch line[pos] {
		case ' ':
		case '\t':
			w = 4 - col%4
		default:
			return pos, col
		}
		if col+w > limit {
			// Part of a tab is enough to reach the limit; the rest
			// belongs to the content.
			if col < limit {
				return pos, limit
			}
			return pos, col
		}
		pos, col = pos+1, col+w
	}
	return pos, col
}

// afterQuote returns the position after the ">" at p and one following
// space, if any.
func afterQuote(line []byte, p, col int) (int, int) {
	p, col = p+1, col+1
	if p < len(line) && (line[p] == ' ' || line[p] == '\t') {
		p, col = p+1, col+1
	}
	return p, col
}

func blank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// listMarker reports whether b starts with a list item marker ("-", "+",
// "*", or up to 9 digits and "." or ")") followed by a space, a tab or the
// end of the line, and not a thematic break, which takes precedence. It
// returns the marker's width.
func listMarker(b []byte) (int, bool) {
	w := 0
	switch {
	case len(b) > 0 && (b[0] == '-' || b[0] == '+' || b[0] == '*'):
		w = 1
	default:
		for w < len(b) && w < 9 && b[w] >= '0' && b[w] <= '9' {
			w++
		}
		if w == 0 || w >= len(b) || (b[w] != '.' && b[w] != ')') {
			return 0, false
		}
		w++
	}
	if w < len(b) && b[w] != ' ' && b[w] != '\t' && b[w] != '\r' {
		return 0, false
	}
	if thematicBreak(b) {
		return 0, false
	}
	return w, true
}

// thematicBreak reports whether b is three or more of one of - * _ with
// only spaces and tabs between.
func thematicBreak(b []byte) bool {
	if len(b) == 0 || (b[0] != '-' && b[0] != '*' && b[0] != '_') {
		return false
	}
	n := 0
	for _, c := range b {
		switch c {
		case b[0]:
			n++
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return n >= 3
}

// startsBlock reports whether the line, after its containers, starts
// something that ends a paragraph instead of continuing it lazily: a block
// quote, a list item that may interrupt a paragraph, a heading, a fence or
// a thematic break.
func startsBlock(line []byte, pos, col int) bool {
	p, cl := skipSpace(line, pos, col, col+3)
	if p >= len(line) || cl-col > 3 {
		return false
	}
	b := line[p:]
	if b[0] == '>' || thematicBreak(b) || openFence(b) != nil {
		return true
	}
	if b[0] == '#' {
		n := 0
		for n < len(b) && b[n] == '#' {
			n++
		}
		return n <= 6 && (n == len(b) || b[n] == ' ' || b[n] == '\t')
	}
	w, ok := listMarker(b)
	if !ok || blank(b[w:]) {
		return false // an empty item cannot interrupt a paragraph
	}
	return b[0] < '0' || b[0] > '9' || (w == 2 && b[0] == '1')
}

// codeFence is an open fenced code block.
type codeFence struct {
	char  byte
	n     int
	depth int // containers it sits in
}

// openFence returns the fence that b opens, if it does.
func openFence(b []byte) *codeFence {
	if len(b) < 3 || (b[0] != '`' && b[0] != '~') {
		return nil
	}
	n := 0
	for n < len(b) && b[n] == b[0] {
		n++
	}
	if n < 3 || (b[0] == '`' && bytes.IndexByte(b[n:], '`') >= 0) {
		return nil
	}
	return &codeFence{char: b[0], n: n}
}

// closedBy reports whether line, after its containers, closes f.
func (f *codeFence) closedBy(line []byte) bool {
	p, _ := skipSpace(line, 0, 0, 3)
	n := 0
	for p+n < len(line) && line[p+n] == f.char {
		n++
	}
	return n >= f.n && blank(line[p+n:])
}
