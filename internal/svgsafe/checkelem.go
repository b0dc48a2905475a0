package svgsafe

import (
	"encoding/xml"
	"strings"
)

// checkElement reports what is unsafe in a start tag. It runs on every
// element, kept or dropped: a file holding a script anywhere was not made
// by a drawing program, and someone should look at it.
func (c *cleaner) checkElement(t xml.StartElement, pos *tagPos) {
	switch local := t.Name.Local; {
	case scriptElement(local):
		c.report(pos.line, pos.col, Script, pos.name())
	case foreignElement(local):
		c.report(pos.line, pos.col, ForeignObject, pos.name())
	}
	c.checkDuplicates(t, pos)
	image := inSVG(t.Name) && t.Name.Local == "image"
	for i, a := range t.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue // a namespace declaration; the output writes its own
		}
		report := func(k Kind, d string) {
			ap := pos.attr(i)
			c.report(ap.line, ap.col, k, d)
		}
		name := a.Name.Local
		if hasPrefixFold(name, "on") {
			report(EventHandler, pos.attr(i).name)
		}
		if name == "attributeName" {
			target := strings.TrimSpace(a.Value)
			if j := strings.LastIndexByte(target, ':'); j >= 0 {
				target = target[j+1:]
			}
			if strings.EqualFold(target, "href") || hasPrefixFold(target, "on") {
				// <set attributeName="href" to="javascript:…"> makes a link
				// that no attribute check would see.
				c.report(pos.line, pos.col, Script, pos.name()+` attributeName="`+detail(a.Value)+`"`)
			}
		}
		if scriptScheme(a.Value) != "" {
			report(ScriptURL, detail(strings.TrimSpace(a.Value)))
			continue
		}
		switch {
		case name == "href" || name == "src":
			if k := urlKind(a.Value, image); k != 0 {
				report(k, detail(strings.TrimSpace(a.Value)))
			}
		case name == "style":
			for _, p := range cssProblems(a.Value, true) {
				report(p.kind, p.detail)
			}
		default:
			// Presentation attributes are CSS values: fill="url(…)".
			for _, p := range cssProblems(a.Value, false) {
				report(p.kind, p.detail)
			}
		}
	}
}

// checkCSS reports what is unsafe in the text of a style element.
func (c *cleaner) checkCSS(css string, line, col int) {
	for _, p := range cssProblems(css, true) {
		c.report(line, col, p.kind, p.detail)
	}
}

// checkDuplicates reports an attribute given twice, which browsers refuse
// as not well-formed but encoding/xml accepts. Names are compared as
// resolved, so xlink:href and another prefix for xlink's namespace clash.
func (c *cleaner) checkDuplicates(t xml.StartElement, pos *tagPos) {
	if len(t.Attr) < 2 {
		return
	}
	dup := func(i int) {
		ap := pos.attr(i)
		c.report(ap.line, ap.col, Malformed, "attribute "+ap.name+" given twice")
	}
	if len(t.Attr) <= 8 { // a map costs more than comparing a few
		for i := 1; i < len(t.Attr); i++ {
			for j := 0; j < i; j++ {
				if t.Attr[i].Name == t.Attr[j].Name {
					dup(i)
					break
				}
			}
		}
		return
	}
	seen := make(map[xml.Name]bool, len(t.Attr))
	for i, a := range t.Attr {
		if seen[a.Name] {
			dup(i)
		}
		seen[a.Name] = true
	}
}

// hasPrefixFold reports whether s begins with prefix, in ASCII any case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
