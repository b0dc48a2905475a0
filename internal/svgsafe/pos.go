package svgsafe

// tagPos locates a start tag and, when a finding needs them, its
// attributes. The decoder gives a position only for the whole token, so
// the attributes are found again in the tag's bytes, which the decoder has
// already accepted as well-formed.
type tagPos struct {
	line, col int
	tag       []byte // from "<" to ">"

	attrs []attrPos // filled when first needed
}

// attrPos is where an attribute begins, and its name as written.
type attrPos struct {
	line, col int
	name      string
}

// name returns the element's name as written, with its prefix.
func (p *tagPos) name() string {
	i := 1
	for i < len(p.tag) && !isXMLSpace(p.tag[i]) && p.tag[i] != '/' && p.tag[i] != '>' {
		i++
	}
	return string(p.tag[1:i])
}

// attr returns where the i-th attribute of the tag begins and its name as
// written. The decoder returns attributes in the order they are written.
func (p *tagPos) attr(i int) attrPos {
	if p.attrs == nil {
		p.scan()
	}
	if i < len(p.attrs) {
		return p.attrs[i]
	}
	return attrPos{line: p.line, col: p.col} // not reached with a well-formed tag
}

// scan finds every attribute in one pass, counting lines as it goes, so a
// tag with many bad attributes is still read once.
func (p *tagPos) scan() {
	t := p.tag
	line, lineStart := p.line, -(p.col - 1) // col = i - lineStart + 1
	i := 0
	advance := func() {
		if t[i] == '\n' {
			line, lineStart = line+1, i+1
		}
		i++
	}
	for i < len(t) && !isXMLSpace(t[i]) && t[i] != '/' && t[i] != '>' {
		advance()
	}
	p.attrs = []attrPos{}
	for i < len(t) {
		for i < len(t) && isXMLSpace(t[i]) {
			advance()
		}
		if i >= len(t) || t[i] == '/' || t[i] == '>' {
			return
		}
		a := attrPos{line: line, col: i - lineStart + 1}
		start := i
		for i < len(t) && !isXMLSpace(t[i]) && t[i] != '=' {
			advance()
		}
		a.name = string(t[start:i])
		p.attrs = append(p.attrs, a)
		for i < len(t) && t[i] != '"' && t[i] != '\'' {
			advance()
		}
		if i >= len(t) {
			return
		}
		q := t[i]
		advance()
		for i < len(t) && t[i] != q {
			advance()
		}
		if i < len(t) {
			advance()
		}
	}
}

// isXMLSpace reports whether c is white space in XML.
func isXMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}
