// Package cssmin makes stylesheets smaller without changing what they
// mean. It splits a stylesheet into tokens as CSS Syntax Level 3 does
// (strings, escapes, url(…) tokens and comments recognised as a browser
// recognises them), then writes the same tokens back with:
//
//   - comments dropped,
//   - each run of white space written as one space, and dropped where no
//     grammar needs it: beside braces, semicolons and commas, after the
//     colon of a declaration or of an at-rule's condition, and before
//     !important,
//   - the semicolons a block of declarations does not need (the last
//     one, and empty declarations) dropped.
//
// Custom property values keep every space between their tokens: a
// script can read them as written. Where dropping a comment or a space
// would join two tokens into one (a/**/b, 1/**/e3), a comment or a space
// stays; that check is made by tokenising the output again as it is
// written, not by a table of cases, so it cannot be out of date.
package cssmin

// frame is an open block, parenthesis or bracket.
type frame uint8

const (
	fTop    frame = iota // no open block: the stylesheet's list of rules
	fRules               // { of an at-rule that holds rules, like @media
	fDecls               // { of a rule that holds declarations
	fParen               // ( or a function, inside a value or a prelude
	fSquare              // [
	fCurly               // { inside a value or a prelude
)

// simple reports whether f is a block inside a statement, not one of
// statements.
func (f frame) simple() bool { return f >= fParen }

// rulesAt lists the at-rules whose block holds rules rather than
// declarations.
func rulesAt(name string) bool {
	switch name {
	case "media", "supports", "layer", "container", "document", "-moz-document",
		"scope", "starting-style", "keyframes", "-webkit-keyframes",
		"-moz-keyframes", "-o-keyframes", "font-feature-values":
		return true
	}
	return false
}

// gap is what stood between two tokens in the source.
type gap struct {
	space   bool // white space
	removed bool // a comment or a needless semicolon
}

// minifier writes one stylesheet's tokens.
type minifier struct {
	src    []byte
	out    []byte
	buf    []byte    // scratch for fits
	last   token     // the last token written; kind tEOF before the first
	recent []written // the last three tokens written, oldest first
	stack  []frame

	// The statement (rule, at-rule or declaration) being read, at the
	// level of the innermost block of rules or declarations.
	n          int    // tokens of it seen
	at         string // its at-keyword, lower case, if it is an at-rule
	first      token  // its first token, if an ident in a block of declarations
	decl       bool   // it is a declaration: its colon is seen
	custom     bool   // of a custom property
	afterColon bool   // the last token is a colon after which space means nothing

	semi    bool // a semicolon is held back: a closing brace would make it needless
	semiAt  token
	semiGap gap
}

// Minify returns src with comments and needless white space and
// semicolons removed.
func Minify(src []byte) []byte {
	m := &minifier{src: src, out: make([]byte, 0, len(src)), recent: make([]written, 0, 3)}
	s := &scanner{src: src}
	var g gap
	for {
		t := s.next()
		switch t.kind {
		case tWhitespace:
			g.space = true
		case tComment:
			g.removed = true
		case tEOF:
			if m.semi {
				m.write(m.semiAt, m.semiGap)
			}
			m.write(t, g)
			return m.out
		default:
			m.token(t, g)
			g = gap{}
		}
	}
}

func (m *minifier) top() frame {
	if len(m.stack) == 0 {
		return fTop
	}
	return m.stack[len(m.stack)-1]
}

// token writes t, or holds it back if it is a semicolon that may turn out
// needless, and follows the statement it is part of.
func (m *minifier) token(t token, g gap) {
	top := m.top()
	statement := !top.simple()
	if m.semi {
		switch {
		case t.kind == tSemicolon && statement, t.kind == tCloseCurly && top == fDecls:
			g = gap{space: g.space || m.semiGap.space, removed: true}
			m.semi = false
			if t.kind == tSemicolon {
				m.semi, m.semiGap = true, g // an empty declaration
				return
			}
		default:
			m.semi = false
			m.write(m.semiAt, m.semiGap)
		}
	}
	// An empty custom property keeps its space and so its semicolon.
	emptyCustom := m.decl && m.custom && m.afterColon && g.space
	if t.kind == tSemicolon && top == fDecls && !emptyCustom {
		m.semi, m.semiAt, m.semiGap = true, t, g
		m.reset()
		return
	}
	m.write(t, g)
	m.follow(t, top, statement)
}

// follow updates the open blocks and the statement with t.
func (m *minifier) follow(t token, top frame, statement bool) {
	m.afterColon = false
	switch t.kind {
	case tOpenParen, tFunction:
		m.stack = append(m.stack, fParen)
		return
	case tOpenSquare:
		m.stack = append(m.stack, fSquare)
		return
	case tCloseParen, tCloseSquare:
		// A closer that does not match is only a token (CSS Syntax §5.4.8).
		if top == fParen && t.kind == tCloseParen || top == fSquare && t.kind == tCloseSquare {
			m.stack = m.stack[:len(m.stack)-1]
		}
		return
	case tOpenCurly:
		switch {
		case !statement || m.decl:
			m.stack = append(m.stack, fCurly)
			return
		case rulesAt(m.at):
			m.stack = append(m.stack, fRules)
		default:
			m.stack = append(m.stack, fDecls)
		}
		m.reset()
		return
	case tCloseCurly:
		switch top {
		case fCurly:
			m.stack = m.stack[:len(m.stack)-1]
		case fRules, fDecls:
			m.stack = m.stack[:len(m.stack)-1]
			m.reset()
		}
		return
	case tSemicolon:
		if statement {
			m.reset()
		}
		return
	}
	if t.kind == tColon && m.at != "" {
		m.afterColon = true // (min-width: 40em)
	}
	if !statement {
		return
	}
	m.n++
	switch {
	case m.n == 1 && t.kind == tAtKeyword:
		m.at = toLower(string(m.src[t.start+1 : t.end]))
	case m.n == 1 && t.kind == tIdent && top == fDecls:
		m.first = t
	case m.n == 2 && t.kind == tColon && m.first.kind == tIdent:
		name := m.src[m.first.start:m.first.end]
		m.decl, m.custom, m.afterColon = true, len(name) > 1 && name[0] == '-' && name[1] == '-', true
	}
}

func (m *minifier) reset() {
	m.n, m.at, m.first, m.decl, m.custom, m.afterColon = 0, "", token{}, false, false, false
}

// droppable reports whether space between the last token and t means
// nothing.
func (m *minifier) droppable(t token) bool {
	terminator := (t.kind == tSemicolon || t.kind == tCloseCurly || t.kind == tEOF) && !m.top().simple()
	if m.decl && m.custom {
		// A custom property's value keeps its spaces, but not at its
		// ends; an empty one keeps one space, which older browsers need.
		lastColon := m.afterColon
		return lastColon != terminator
	}
	switch m.last.kind {
	case tOpenCurly, tCloseCurly, tSemicolon, tComma:
		return true
	}
	switch t.kind {
	case tOpenCurly, tCloseCurly, tSemicolon, tComma, tEOF:
		return true
	case tDelim:
		if m.decl && m.src[t.start] == '!' {
			return true
		}
	}
	return m.afterColon
}

// write appends t to the output, after what must stay of the gap g
// between it and the last token: the first of the separators allowed
// that fits. A space is not always white space enough: after a string a
// newline ended, it must be a newline, and after a string ending in an
// escaped CR, a newline other than LF, which would join that CR as CR LF.
func (m *minifier) write(t token, g gap) {
	var seps []string
	switch {
	case m.last.kind == tEOF:
		seps = []string{""}
	case !g.space && !g.removed:
		seps = []string{"", "/**/"} // "/**/" when an earlier join reaches this far
	case g.space && !m.droppable(t):
		seps = []string{" ", "\n", "\r\n", "/**/ "}
	case g.space:
		seps = []string{"", " ", "\n", "\r\n", "/**/ "}
	default:
		seps = []string{"", "/**/", "\n", "\r\n"}
	}
	text := m.src[t.start:t.end]
	sep := seps[len(seps)-1]
	for _, s := range seps {
		if m.fits(s, text) {
			sep = s
			break
		}
	}
	m.out = append(m.out, sep...)
	if t.kind == tEOF {
		return
	}
	if len(m.recent) == 3 {
		m.recent = append(m.recent[:0], m.recent[1:]...)
	}
	m.recent = append(m.recent, written{kind: t.kind, start: len(m.out), end: len(m.out) + len(text)})
	m.out = append(m.out, text...)
	m.last = t
}

// written is a token as written to the output.
type written struct {
	kind       kind
	start, end int
}

// fits reports whether writing sep and then text keeps the last tokens
// written what they were: the same bytes read again as the same tokens.
// A token's end and kind depend on at most three bytes past it (the
// output has no longer runs of white space), so the last three tokens
// are all that writing more can change; they are checked again with
// each token written, which also checks text against those before it.
func (m *minifier) fits(sep string, text []byte) bool {
	switch m.last.kind {
	case tOpenCurly, tCloseCurly, tSemicolon, tComma, tColon, tOpenParen, tCloseParen, tOpenSquare, tCloseSquare:
		// One byte each, never longer, and the tokens before them
		// never look past them: what follows cannot change them.
		return true
	}
	from := len(m.out)
	if len(m.recent) > 0 {
		from = m.recent[0].start
	}
	// Three bytes of text are as far as the tokens before it can look.
	more := text[:min(len(text), 3)]
	m.buf = append(append(append(m.buf[:0], m.out[from:]...), sep...), more...)
	s := &scanner{src: m.buf}
	for _, w := range m.recent {
		t := s.next()
		for t.kind == tWhitespace || t.kind == tComment {
			t = s.next()
		}
		if t.kind != w.kind || t.start != w.start-from || t.end != w.end-from {
			return false
		}
	}
	// What follows is sep, which must read as white space and comments
	// only, and end where text starts.
	at := len(m.buf) - len(more)
	for s.pos < at {
		if t := s.next(); t.kind != tWhitespace && t.kind != tComment {
			return false
		}
	}
	return s.pos == at
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
