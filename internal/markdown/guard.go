package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Bounds on what goldmark reads again and again, mostly inside one inline
// block (a paragraph, heading or table cell). Each is far above what real
// documents hold; see limits.go for why there are bounds at all.
const (
	// maxDelims bounds runs of * _ ~ in one inline block: goldmark tries
	// each closing run against every earlier open one, so its work grows
	// with the square of their number. A long paragraph has a few dozen.
	maxDelims = 500

	// maxOpen bounds brackets "[" open at once in one inline block: at
	// each "]" goldmark looks through everything after its "[" for a link
	// inside, so its work grows with their number times the block's.
	// Links nest two deep at most ([![image](src)](href)).
	maxOpen = 32

	// maxTargets bounds link targets "](" in one run of text without
	// spaces, and "](<" in one line: goldmark reads a failed target to the
	// next space (or ">"), so each costs the length of the run.
	maxTargets = 32

	// maxFootnoteWork bounds footnote references times footnotes in one
	// document: goldmark compares each reference with the footnotes in
	// order and sorts the footnotes by insertion.
	maxFootnoteWork = 10_000_000

	// maxLookupWork bounds, in one document, the lines goldmark reads
	// back over to find the text of a link label: at each "]" and
	// footnote reference it searches a paragraph's lines from the last,
	// so a paragraph of many lines with many links costs their product.
	maxLookupWork = 10_000_000

	// maxRefWork bounds link reference definitions times lines in one
	// paragraph: goldmark copies the rest of the paragraph after each
	// definition at its start.
	maxRefWork = 10_000_000
)

// guardState is what the guards remember while one document is parsed.
type guardState struct {
	inline inlineState
	deep   bool // a too-deep block has been reported
	// Footnotes, counted in the whole document.
	footnotes map[string]bool // labels of the footnote definitions, once looked up
	fnRefs    int             // references "[^" seen
	fnOver    bool            // past maxFootnoteWork: the rest are text
	lookups   int             // lines read back over for labels
	lookOver  bool            // past maxLookupWork: the rest are text
}

// inlineState is what inlineGuard counts in one inline block.
type inlineState struct {
	block     ast.Node    // the inline block being parsed
	over      bool        // past a bound: the rest of its marks are text
	delims    int         // runs of * _ ~
	runEnd    int         // end of the last run counted
	open      int         // brackets open, as goldmark's link parser keeps them
	ticks     map[int]int // backtick run length → start of its last run
	target    int         // offset of the last "](" counted
	targets   int         // "](" counted in the run of text around target
	angleLine int         // end of the line of the "](<" counted
	angles    int         // "](<" counted on that line
	line      int         // index in block.Lines() of the line being parsed
}

// inlineGuard runs before goldmark's inline parsers on their trigger
// characters. It counts what makes goldmark's work grow faster than the
// text and, past a bound, reports the block once and hands the rest of its
// marks back as text, so that goldmark never matches them. For backticks it
// answers "no closing run" without goldmark reading to the end of the
// block.
type inlineGuard struct{}

// Trigger implements parser.InlineParser.
func (inlineGuard) Trigger() []byte { return []byte{'*', '_', '~', '[', ']', '!', '`'} }

// Parse implements parser.InlineParser. It returns nil to let goldmark's
// parser for the character go on, or a text node for marks it refuses.
func (inlineGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	s, _ := pc.Get(sinkKey).(*sink)
	if s == nil {
		return nil
	}
	g := &s.guard.inline
	if g.block != parent {
		*g = inlineState{block: parent, target: -1, angleLine: -1}
	}
	line, seg := block.PeekLine()
	switch c := line[0]; c {
	case '`':
		return g.codeSpan(parent, block, line, seg, s.src)
	case '*', '_', '~':
		if seg.Start < g.runEnd {
			// goldmark gave up on this run at an earlier character,
			// where it was counted.
			if g.over {
				return text1(block, seg, g.runEnd-seg.Start)
			}
			return nil
		}
		n := 1
		for n < len(line) && line[n] == c {
			n++
		}
		g.runEnd = seg.Start + n
		g.delims++
		if g.delims > maxDelims && !g.over {
			g.over = true
			s.errorf(limitDelims, seg.Start, `split the paragraph with blank lines, or write a backslash before marks that are meant as text, such as \*`,
				"more than %d emphasis marks (runs of * _ ~) in one paragraph, heading or table cell; from here on marks are shown as typed", maxDelims)
		}
		if g.over {
			return text1(block, seg, n)
		}
		if c == '~' && n > 2 {
			// Strikethrough takes runs of one or two, never after a "~":
			// goldmark tries a longer run again from each character,
			// reading it to its end each time, and only the last one
			// (where a link may start) can come to anything.
			return text1(block, seg, n-1)
		}
	case '!', '[':
		n := 1
		if c == '!' {
			if len(line) < 2 || line[1] != '[' {
				return nil
			}
			n = 2
		}
		if g.over || s.guard.lookOver {
			return text1(block, seg, n)
		}
		if len(line) > n && line[n] == '^' {
			if label, ok := footnoteLabel(line[n+1:]); ok {
				if s.guard.lookup(s, g, parent, seg.Start) || s.guard.footnoteRef(s, parent, seg.Start) {
					return text1(block, seg, n)
				}
				if s.guard.footnotes[string(label)] {
					// goldmark's footnote parser takes the reference
					// with its "]": nothing stays open.
					return nil
				}
			}
		}
		g.open++
		if g.open > maxOpen {
			g.over = true
			s.errorf(limitOpen, seg.Start, `close each [ with ], or write a backslash before brackets that are meant as text, such as \[`,
				"more than %d brackets [ open at once in one paragraph, heading or table cell; from here on marks are shown as typed", maxOpen)
			return text1(block, seg, n)
		}
	case ']':
		// With no "[" open goldmark's link parser stops at once.
		if g.over || (g.open > 0 && s.guard.lookup(s, g, parent, seg.Start)) {
			return text1(block, seg, 1)
		}
		if len(line) > 1 && line[1] == '(' && g.tooManyTargets(s, line, seg) {
			return text1(block, seg, 1)
		}
		g.open = max(0, g.open-1)
	}
	return nil
}

// lookup counts the lines goldmark reads back over when it takes the text
// of a label ending at off, and reports whether that passes maxLookupWork.
func (g *guardState) lookup(s *sink, in *inlineState, block ast.Node, off int) bool {
	if g.lookOver {
		return true
	}
	lines := block.Lines()
	for in.line+1 < lines.Len() && lines.At(in.line+1).Start <= off {
		in.line++
	}
	g.lookups += lines.Len() - in.line
	if g.lookups <= maxLookupWork {
		return false
	}
	g.lookOver = true
	s.errorf(limitLookups, off, "split long paragraphs with blank lines",
		"a paragraph of %d lines with this many links and footnote references takes too long to read; from here on brackets are shown as typed", lines.Len())
	return true
}

// footnoteLabel returns the label of a footnote reference "[^label]" as
// goldmark's footnote parser reads it from b, the text after "[^": up to
// the first "]" within 999 bytes, with no "[" before it, skipping
// backslash escapes.
func footnoteLabel(b []byte) ([]byte, bool) {
	b = b[:min(len(b), 999)]
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			i++
		case b[i] == ']':
			return b[:i], true
		case b[i] == '[':
			return nil, false
		}
	}
	return nil, false
}

// footnoteRef counts a footnote reference at off and reports whether it is
// past maxFootnoteWork. The footnotes, parsed by now, are counted at the
// first reference.
func (g *guardState) footnoteRef(s *sink, block ast.Node, off int) bool {
	if g.fnOver {
		return true
	}
	if g.footnotes == nil {
		g.footnotes = map[string]bool{}
		doc := block
		for doc.Parent() != nil {
			doc = doc.Parent()
		}
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if f, ok := n.(*east.Footnote); ok && entering {
				g.footnotes[string(f.Ref)] = true
				return ast.WalkSkipChildren, nil
			}
			if entering && n.Type() == ast.TypeInline {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	g.fnRefs++
	if g.fnRefs*len(g.footnotes) <= maxFootnoteWork {
		return false
	}
	g.fnOver = true
	s.errorf(limitFootnotes, off, "split the document into several, each with its own footnotes",
		"%d footnote references to %d footnotes take too long to link; from here on references are shown as typed", g.fnRefs, len(g.footnotes))
	return true
}

// text1 consumes n bytes as plain text.
func text1(block text.Reader, seg text.Segment, n int) ast.Node {
	block.Advance(n)
	return ast.NewTextSegment(seg.WithStop(seg.Start + n))
}

// tooManyTargets counts the "](" at seg and reports whether it is one too
// many for its run of text or, for "](<", its line.
func (g *inlineState) tooManyTargets(s *sink, line []byte, seg text.Segment) bool {
	at := seg.Start
	if g.target >= 0 && !hasSpace(s.src[g.target:at]) {
		g.targets++
	} else {
		g.targets = 1
	}
	g.target = at
	angle := len(line) > 2 && line[2] == '<'
	if angle {
		if g.angleLine != seg.Stop {
			g.angleLine, g.angles = seg.Stop, 0
		}
		g.angles++
	}
	if g.targets <= maxTargets && g.angles <= maxTargets {
		return false
	}
	g.over = true
	where := "one run of text without spaces"
	if angle && g.angles > maxTargets {
		where = `one line ("](<")`
	}
	s.errorf(limitTargets, at, `put spaces or line breaks between the links, or write a backslash before a bracket that is meant as text, such as \]`,
		`more than %d link targets "](" in %s; from here on marks are shown as typed`, maxTargets, where)
	return true
}

func hasSpace(b []byte) bool {
	for _, c := range b {
		if util.IsSpace(c) {
			return true
		}
	}
	return false
}

// codeSpan handles a backtick run. goldmark looks for a closing run of
// the same length to the end of the block and, finding none, makes the
// run text; many unmatched runs make that quadratic. Knowing where each
// run length last occurs in the block answers the question at once, with
// the same result.
func (g *inlineState) codeSpan(parent ast.Node, block text.Reader, line []byte, seg text.Segment, src []byte) ast.Node {
	n := 0
	for n < len(line) && line[n] == '`' {
		n++
	}
	if g.ticks == nil {
		g.ticks = map[int]int{}
		lines := parent.Lines()
		for i := range lines.Len() {
			l := lines.At(i)
			v := src[l.Start:l.Stop]
			for j := 0; j < len(v); {
				if v[j] != '`' {
					j++
					continue
				}
				k := j
				for k < len(v) && v[k] == '`' {
					k++
				}
				g.ticks[k-j] = l.Start + j
				j = k
			}
		}
	}
	if last, ok := g.ticks[n]; ok && last > seg.Start {
		return nil // a closing run exists: goldmark's code span parser finds it
	}
	return text1(block, seg, n)
}

// depthLimit wraps the block quote and list parsers: it refuses to open one
// more than maxDepth levels deep. checkBody stops such documents before
// parsing; this catches shapes its scan misses, so the bound always holds.
type depthLimit struct {
	parser.BlockParser
}

// Open implements parser.BlockParser.
func (d depthLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	levels := 0
	for n := parent; n != nil; n = n.Parent() {
		if k := n.Kind(); k == ast.KindListItem || k == ast.KindBlockquote {
			levels++
		}
	}
	if levels >= maxDepth {
		if s, _ := pc.Get(sinkKey).(*sink); s != nil && !s.guard.deep {
			s.guard.deep = true
			_, seg := reader.PeekLine()
			p := deepProblem(seg.Start)
			s.errorf(p.limit, p.off, p.hint, "%s", p.msg)
		}
		return nil, parser.NoChildren
	}
	return d.BlockParser.Open(parent, reader, pc)
}

// refGuard runs before goldmark reads link reference definitions at the
// start of a paragraph. A paragraph whose definitions times lines pass
// maxRefWork is reported and kept as plain text.
type refGuard struct{}

// Transform implements parser.ParagraphTransformer.
func (refGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	src := reader.Source()
	// Every definition starts a line with "[", so counting those lines
	// counts at least the definitions.
	defs := 0
	for i := range lines.Len() {
		l := lines.At(i)
		if b := util.TrimLeftSpace(src[l.Start:l.Stop]); len(b) > 0 && b[0] == '[' {
			defs++
		}
	}
	if defs*lines.Len() <= maxRefWork {
		return
	}
	if s, _ := pc.Get(sinkKey).(*sink); s != nil {
		s.errorf(limitRefs, lines.At(0).Start, "put a blank line after the definitions, and blank lines between groups of a few hundred",
			`a paragraph of %d lines, %d of them starting with "[" as link reference definitions do ("[label]: url"), takes too long to read; it is shown as typed`, lines.Len(), defs)
	}
	// A new paragraph with the same lines is parsed for inline marks but
	// not for definitions: transformers have already run for this one.
	plain := ast.NewParagraph()
	plain.SetLines(lines)
	plain.SetBlankPreviousLines(node.HasBlankPreviousLines())
	parent := node.Parent()
	parent.ReplaceChild(parent, node, plain)
}
