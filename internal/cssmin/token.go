package cssmin

// kind is the type of a CSS token, as CSS Syntax Level 3 §4 names them.
// The minifier needs token boundaries and a few kinds; it never needs a
// token's value, so escapes are recognised but not decoded.
type kind uint8

const (
	tEOF kind = iota
	tWhitespace
	tComment // not a token in the spec: the tokeniser drops it
	tIdent
	tFunction
	tAtKeyword
	tHash
	tString
	tBadString
	tURL
	tBadURL
	tDelim
	tNumber
	tPercentage
	tDimension
	tCDO
	tCDC
	tColon
	tSemicolon
	tComma
	tOpenSquare
	tCloseSquare
	tOpenParen
	tCloseParen
	tOpenCurly
	tCloseCurly
)

// token is one token of src: its kind and its bytes src[start:end].
type token struct {
	kind       kind
	start, end int
}

// scanner splits a stylesheet into tokens.
type scanner struct {
	src []byte
	pos int
}

// at returns the byte at i, or -1 at or past the end.
func (s *scanner) at(i int) int {
	if i < len(s.src) {
		return int(s.src[i])
	}
	return -1
}

func isNewline(c int) bool { return c == '\n' || c == '\r' || c == '\f' }

func isWhitespace(c int) bool { return c == ' ' || c == '\t' || isNewline(c) }

func isDigit(c int) bool { return c >= '0' && c <= '9' }

func isHex(c int) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// isNameStart reports an ident-start code point; every byte of a UTF-8
// sequence past ASCII counts, as its code point does.
func isNameStart(c int) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80 || c == 0
}

func isName(c int) bool { return isNameStart(c) || isDigit(c) || c == '-' }

// validEscape reports whether a backslash at i starts an escape: one not
// followed by a newline. A backslash at the end of the input does start
// one (it means U+FFFD).
func (s *scanner) validEscape(i int) bool {
	return s.at(i) == '\\' && !isNewline(s.at(i+1))
}

// startsIdent reports whether an ident sequence starts at i.
func (s *scanner) startsIdent(i int) bool {
	switch c := s.at(i); {
	case c == '-':
		n := s.at(i + 1)
		return isNameStart(n) || n == '-' || s.validEscape(i+1)
	case c == '\\':
		return s.validEscape(i)
	default:
		return c >= 0 && isNameStart(c)
	}
}

// startsNumber reports whether a number starts at i.
func (s *scanner) startsNumber(i int) bool {
	c := s.at(i)
	if c == '+' || c == '-' {
		i++
		c = s.at(i)
	}
	return isDigit(c) || c == '.' && isDigit(s.at(i+1))
}

// escape moves past an escape whose backslash is at pos.
func (s *scanner) escape() {
	s.pos++ // the backslash
	if !isHex(s.at(s.pos)) {
		if s.pos < len(s.src) {
			s.pos++ // a byte of a UTF-8 sequence is enough: the rest are name bytes
		}
		return
	}
	for n := 0; n < 6 && isHex(s.at(s.pos)); n++ {
		s.pos++
	}
	if s.at(s.pos) == '\r' && s.at(s.pos+1) == '\n' {
		s.pos += 2
	} else if isWhitespace(s.at(s.pos)) {
		s.pos++
	}
}

// name moves past an ident sequence.
func (s *scanner) name() {
	for {
		switch c := s.at(s.pos); {
		case c >= 0 && isName(c):
			s.pos++
		case s.validEscape(s.pos):
			s.escape()
		default:
			return
		}
	}
}

// next returns the token at pos and moves past it.
func (s *scanner) next() token {
	start := s.pos
	k := s.scan()
	return token{k, start, s.pos}
}

func (s *scanner) scan() kind {
	c := s.at(s.pos)
	switch {
	case c < 0:
		return tEOF
	case c == '/' && s.at(s.pos+1) == '*':
		s.pos += 2
		for s.pos < len(s.src) && !(s.src[s.pos] == '*' && s.at(s.pos+1) == '/') {
			s.pos++
		}
		s.pos = min(s.pos+2, len(s.src))
		return tComment
	case isWhitespace(c):
		for isWhitespace(s.at(s.pos)) {
			s.pos++
		}
		return tWhitespace
	case c == '"' || c == '\'':
		return s.str(c)
	case c == '#':
		if isName(s.at(s.pos+1)) && s.at(s.pos+1) >= 0 || s.validEscape(s.pos+1) {
			s.pos++
			s.name()
			return tHash
		}
	case c == '+' || c == '.':
		if s.startsNumber(s.pos) {
			return s.numeric()
		}
	case c == '-':
		switch {
		case s.startsNumber(s.pos):
			return s.numeric()
		case s.startsIdent(s.pos):
			return s.identLike()
		case s.at(s.pos+1) == '-' && s.at(s.pos+2) == '>':
			s.pos += 3
			return tCDC
		}
	case c == '<':
		if s.at(s.pos+1) == '!' && s.at(s.pos+2) == '-' && s.at(s.pos+3) == '-' {
			s.pos += 4
			return tCDO
		}
	case c == '@':
		if s.startsIdent(s.pos + 1) {
			s.pos++
			s.name()
			return tAtKeyword
		}
	case c == '\\':
		if s.validEscape(s.pos) {
			return s.identLike()
		}
	case isDigit(c):
		return s.numeric()
	case isNameStart(c):
		return s.identLike()
	}
	s.pos++
	switch c {
	case ':':
		return tColon
	case ';':
		return tSemicolon
	case ',':
		return tComma
	case '[':
		return tOpenSquare
	case ']':
		return tCloseSquare
	case '(':
		return tOpenParen
	case ')':
		return tCloseParen
	case '{':
		return tOpenCurly
	case '}':
		return tCloseCurly
	}
	return tDelim
}

// str moves past a string opened by quote. An unescaped newline ends it
// as a bad string, the newline not part of it.
func (s *scanner) str(quote int) kind {
	for s.pos++; ; {
		switch c := s.at(s.pos); {
		case c < 0:
			return tString
		case c == quote:
			s.pos++
			return tString
		case isNewline(c):
			return tBadString
		case c == '\\':
			s.pos++
			if s.at(s.pos) == '\r' && s.at(s.pos+1) == '\n' {
				s.pos++ // an escaped newline continues the string
			}
			if s.pos < len(s.src) {
				s.pos++
			}
		default:
			s.pos++
		}
	}
}

// numeric moves past a number, percentage or dimension.
func (s *scanner) numeric() kind {
	if c := s.at(s.pos); c == '+' || c == '-' {
		s.pos++
	}
	for isDigit(s.at(s.pos)) {
		s.pos++
	}
	if s.at(s.pos) == '.' && isDigit(s.at(s.pos+1)) {
		for s.pos++; isDigit(s.at(s.pos)); s.pos++ {
		}
	}
	if c := s.at(s.pos); c == 'e' || c == 'E' {
		n := s.pos + 1
		if c := s.at(n); c == '+' || c == '-' {
			n++
		}
		if isDigit(s.at(n)) {
			for s.pos = n; isDigit(s.at(s.pos)); s.pos++ {
			}
		}
	}
	switch {
	case s.startsIdent(s.pos):
		s.name()
		return tDimension
	case s.at(s.pos) == '%':
		s.pos++
		return tPercentage
	}
	return tNumber
}

// identLike moves past an ident, a function's name and parenthesis, or
// an unquoted url(…), which is one token: a comment cannot be inside it.
func (s *scanner) identLike() kind {
	start := s.pos
	s.name()
	if s.at(s.pos) != '(' {
		return tIdent
	}
	s.pos++
	if !isURL(s.src[start : s.pos-1]) {
		return tFunction
	}
	n := s.pos
	for isWhitespace(s.at(n)) {
		n++
	}
	if c := s.at(n); c == '"' || c == '\'' {
		return tFunction // url("…") is a function taking a string
	}
	s.pos = n
	for {
		switch c := s.at(s.pos); {
		case c < 0:
			return tURL
		case c == ')':
			s.pos++
			return tURL
		case isWhitespace(c):
			for isWhitespace(s.at(s.pos)) {
				s.pos++
			}
			if c := s.at(s.pos); c == ')' || c < 0 {
				s.pos = min(s.pos+1, len(s.src))
				return tURL
			}
			return s.badURL()
		case c == '"' || c == '\'' || c == '(' || c <= 0x08 || c == 0x0b || c >= 0x0e && c <= 0x1f || c == 0x7f:
			return s.badURL()
		case c == '\\':
			if !s.validEscape(s.pos) {
				return s.badURL()
			}
			s.escape()
		default:
			s.pos++
		}
	}
}

// badURL moves past the rest of a bad url(…): up to a closing
// parenthesis not escaped.
func (s *scanner) badURL() kind {
	for {
		switch c := s.at(s.pos); {
		case c < 0:
			return tBadURL
		case c == ')':
			s.pos++
			return tBadURL
		case s.validEscape(s.pos):
			s.escape()
		default:
			s.pos++
		}
	}
}

// isURL reports whether an ident is "url" in any case, escapes decoded:
// u\72l( opens a url token as url( does.
func isURL(b []byte) bool {
	var got []rune
	s := &scanner{src: b}
	for s.pos < len(b) && len(got) <= 3 {
		c := rune(b[s.pos])
		if c == '\\' {
			start := s.pos + 1
			s.escape()
			c = decodeEscape(b[start:s.pos])
		} else {
			s.pos++
		}
		got = append(got, c|0x20)
	}
	return string(got) == "url"
}

// decodeEscape returns the code point an escape's text (after its
// backslash) stands for, as far as isURL needs it.
func decodeEscape(e []byte) rune {
	var r rune
	n := 0
	for ; n < len(e) && n < 6 && isHex(int(e[n])); n++ {
		d := rune(e[n])
		switch {
		case d <= '9':
			d -= '0'
		default:
			d = d | 0x20 - 'a' + 10
		}
		r = r<<4 | d
	}
	if n == 0 && len(e) > 0 {
		return rune(e[0])
	}
	return r
}
