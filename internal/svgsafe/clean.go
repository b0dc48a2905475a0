package svgsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"

	// maxDepth bounds nesting: no drawing needs more, and a deeper file is
	// more likely an attack on whatever reads it next.
	maxDepth = 256
)

// bom is the UTF-8 byte order mark, which some editors write first.
const bom = "\xef\xbb\xbf"

// frame is an open element.
type frame struct {
	keep  bool   // written to the output
	local string // the name written, when kept
	open  bool   // its start tag still lacks its ">", as it may yet be "/>"
	style bool   // a style element, whose text is CSS

	// The text of a style element, checked whole at its end tag: a
	// comment between two pieces would otherwise split "@import" in two.
	css             []byte
	cssLine, cssCol int
}

// cleaner holds one run of Clean.
type cleaner struct {
	src      []byte // without a byte order mark
	dec      *xml.Decoder
	findings []Finding

	out      []byte
	decl     bool // the input began with an XML declaration
	nsAt     int  // where in out the root's namespace declarations go
	xlink    bool // an xlink: attribute was written
	stack    []frame
	rootSeen bool
	rootDone bool

	// out[blankAt:blankEnd] is the last text written if it was blank
	// between elements of a container, where it is only indentation: it
	// is taken back when what follows is dropped, so that metadata and
	// comments do not leave empty lines behind.
	blankAt, blankEnd int
	blankDepth        int  // the depth of the container it is in
	blankOpened       bool // it ended the container's start tag
}

// newCleaner returns a cleaner for data, whose byte order mark, if any,
// is dropped: positions count from after it, as editors do.
func newCleaner(data []byte) *cleaner {
	src := bytes.TrimPrefix(data, []byte(bom))
	return &cleaner{
		src: src,
		dec: xml.NewDecoder(bytes.NewReader(src)),
		out: make([]byte, 0, len(src)),
	}
}

// report adds a finding.
func (c *cleaner) report(line, col int, k Kind, d string) {
	// After an error the decoder may have stepped back over a newline,
	// leaving its column at 0 or less.
	line, col = max(line, 1), max(col, 1)
	c.findings = append(c.findings, Finding{Line: line, Col: col, Kind: k, Detail: d})
}

// run reads every token, reporting what is unsafe and writing what is
// kept. It stops only where the XML cannot be read further.
func (c *cleaner) run() {
	for {
		line, col := c.dec.InputPos()
		start := c.dec.InputOffset()
		tok, err := c.dec.Token()
		if err == io.EOF {
			if !c.rootSeen {
				c.report(line, col, Malformed, "no <svg> element")
			}
			return
		}
		if err != nil {
			l, cl := c.dec.InputPos()
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Msg
			}
			c.report(l, cl, Malformed, strings.TrimPrefix(msg, "xml: "))
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			pos := tagPos{line: line, col: col, tag: c.src[start:c.dec.InputOffset()]}
			if !c.start(t, &pos) {
				return
			}
		case xml.EndElement:
			c.end()
		case xml.CharData:
			if !c.text(t, line, col) {
				return
			}
		case xml.ProcInst:
			// All but the XML declaration are dropped: xml-stylesheet could
			// load XSLT, and editors' own mean nothing to a browser.
			if t.Target == "xml" {
				if start != 0 {
					c.report(line, col, Malformed, "an XML declaration not at the start")
					return
				}
				c.decl = true
			}
			c.dropBlank()
		case xml.Directive:
			if !c.directive(t, line, col) {
				return
			}
		case xml.Comment:
			// Dropped: editors leave notes and generator banners.
			c.dropBlank()
		}
	}
}

// start handles a start tag; it returns false if reading must stop.
func (c *cleaner) start(t xml.StartElement, pos *tagPos) bool {
	depth := len(c.stack)
	if depth >= maxDepth {
		c.report(pos.line, pos.col, Malformed, fmt.Sprintf("elements nested deeper than %d", maxDepth))
		return false
	}
	if depth == 0 {
		if c.rootDone {
			c.report(pos.line, pos.col, Malformed, "a second root element <"+pos.name()+">")
			return false
		}
		if !inSVG(t.Name) || t.Name.Local != "svg" {
			c.report(pos.line, pos.col, Malformed, "root element <"+pos.name()+"> is not <svg>")
			return false
		}
		c.rootSeen = true
	}
	c.checkElement(t, pos)

	parentKeeps := depth == 0 || (c.stack[depth-1].keep && !c.stack[depth-1].style)
	f := frame{
		keep:  parentKeeps && inSVG(t.Name) && keptElement(t.Name.Local),
		local: t.Name.Local,
		style: strings.EqualFold(t.Name.Local, "style"),
	}
	if !f.keep && parentKeeps {
		c.dropBlank()
	}
	if f.keep {
		c.closeOpen()
		c.out = append(c.out, '<')
		c.out = append(c.out, t.Name.Local...)
		if depth == 0 {
			c.nsAt = len(c.out)
		}
		c.writeAttrs(t)
		f.open = true
	}
	c.stack = append(c.stack, f)
	return true
}

// end handles an end tag; the decoder has checked it matches.
func (c *cleaner) end() {
	f := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	if f.style && len(f.css) > 0 {
		c.checkCSS(string(f.css), f.cssLine, f.cssCol)
	}
	if len(c.stack) == 0 {
		c.rootDone = true
	}
	if !f.keep {
		return
	}
	if f.open {
		c.out = append(c.out, "/>"...)
		return
	}
	c.out = append(c.out, "</"...)
	c.out = append(c.out, f.local...)
	c.out = append(c.out, '>')
}

// text handles character data; it returns false if reading must stop.
func (c *cleaner) text(t xml.CharData, line, col int) bool {
	if len(t) == 0 {
		return true // an empty CDATA section, which must not end "/>" early
	}
	if len(c.stack) == 0 {
		if len(bytes.Trim(t, " \t\r\n")) > 0 {
			c.report(line, col, Malformed, "text outside the <svg> element")
			return false
		}
		return true
	}
	top := &c.stack[len(c.stack)-1]
	if top.style {
		if len(top.css) == 0 {
			top.cssLine, top.cssCol = line, col
		}
		top.css = append(top.css, t...)
	}
	if top.keep {
		at, opened := len(c.out), top.open
		c.closeOpen()
		c.out = appendText(c.out, t)
		if container(top.local) && len(bytes.Trim(t, " \t\r\n")) == 0 {
			c.blankAt, c.blankEnd = at, len(c.out)
			c.blankDepth, c.blankOpened = len(c.stack), opened
		}
	}
	return true
}

// dropBlank takes back the blank text just written, if nothing else has
// been written since.
func (c *cleaner) dropBlank() {
	if c.blankEnd > c.blankAt && c.blankEnd == len(c.out) && c.blankDepth == len(c.stack) {
		c.out = c.out[:c.blankAt]
		if c.blankOpened {
			// The start tag is open again, so that an element left
			// empty is still written as <g/>.
			c.stack[len(c.stack)-1].open = true
		}
	}
	c.blankAt, c.blankEnd = 0, 0
}

// directive handles <!…>; it returns false if reading must stop.
func (c *cleaner) directive(t xml.Directive, line, col int) bool {
	if c.rootSeen || !bytes.HasPrefix(t, []byte("DOCTYPE")) {
		c.report(line, col, Malformed, "<!"+detail(string(t))+">")
		return false
	}
	// A DOCTYPE naming the SVG 1.1 DTD is harmless, as browsers do not
	// fetch it, and is dropped. One with an internal subset may declare
	// entities that expand a billion times or read local files.
	if bytes.ContainsAny(t, "[") || bytes.Contains(t, []byte("ENTITY")) {
		d := ""
		if i := bytes.Index(t, []byte("<!ENTITY")); i >= 0 {
			d = detail(strings.Join(strings.Fields(string(t[i+2:])), " "))
			d, _, _ = strings.Cut(d, "\"")
			d = strings.TrimSpace(d)
		}
		c.report(line, col, Entity, d)
	}
	return true
}

// closeOpen ends the open start tag of the innermost element, which is
// about to get content.
func (c *cleaner) closeOpen() {
	if n := len(c.stack); n > 0 && c.stack[n-1].open {
		c.out = append(c.out, '>')
		c.stack[n-1].open = false
	}
}

// writeAttrs writes the kept attributes of t in their order. Names are
// written with the prefixes the output declares, whatever the input used.
func (c *cleaner) writeAttrs(t xml.StartElement) {
	for _, a := range t.Attr {
		var name string
		switch a.Name.Space {
		case "":
			if !keptAttr(a.Name.Local) {
				continue
			}
			name = a.Name.Local
		case xlinkNS:
			if a.Name.Local != "href" && a.Name.Local != "title" {
				continue
			}
			name = "xlink:" + a.Name.Local
		case xmlNS:
			if a.Name.Local != "space" && a.Name.Local != "lang" {
				continue
			}
			name = "xml:" + a.Name.Local
		default:
			continue
		}
		if a.Name.Local == "href" && trimURL(a.Value) == "" {
			continue // an empty href points at the file itself: no use
		}
		if a.Name.Space == xlinkNS {
			c.xlink = true
		}
		c.out = append(c.out, ' ')
		c.out = append(c.out, name...)
		c.out = append(c.out, '=', '"')
		c.out = appendAttr(c.out, a.Value)
		c.out = append(c.out, '"')
	}
}

// output returns the cleaned file: the declarations the root needs go in
// now that it is known whether any xlink: attribute was written.
func (c *cleaner) output() []byte {
	ns := ` xmlns="` + svgNS + `"`
	if c.xlink {
		ns += ` xmlns:xlink="` + xlinkNS + `"`
	}
	var b []byte
	if c.decl {
		b = make([]byte, 0, len(c.out)+len(ns)+40)
		b = append(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"...)
	} else {
		b = make([]byte, 0, len(c.out)+len(ns)+1)
	}
	b = append(b, c.out[:c.nsAt]...)
	b = append(b, ns...)
	b = append(b, c.out[c.nsAt:]...)
	return append(b, '\n')
}

// inSVG reports whether n is in the SVG namespace or in none, as in an
// SVG written for inline use; either is written in the SVG namespace.
func inSVG(n xml.Name) bool {
	return n.Space == svgNS || n.Space == ""
}

// appendText appends s escaped as element content. A carriage return is
// written as a reference, as a literal one would be read back as a newline.
func appendText(b []byte, s []byte) []byte {
	for _, r := range s {
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '\r':
			b = append(b, "&#xD;"...)
		default:
			b = append(b, r)
		}
	}
	return b
}

// appendAttr appends s escaped for a double-quoted attribute value. Tabs
// and line breaks become spaces, which is how a browser reads them in the
// original file when they are written as such.
func appendAttr(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		case '\t', '\n', '\r':
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	return b
}
