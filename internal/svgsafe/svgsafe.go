// Package svgsafe decides whether an SVG file may be published on an
// office's domain, and cleans the editor litter out of those that may.
//
// An SVG is a document, not a picture: opened directly it can run
// scripts, embed HTML and load other files under the site's origin, and
// drawing programs fill it with RDF and XMP metadata that may say where
// and by whom it was made. Clean reads it as a stream of XML tokens and
// writes back only elements and attributes on an allow-list of those that
// draw. Anything that could run a script or reach outside the file is an
// error rather than something silently removed, so that an editor learns
// that the file they were sent is not what it seemed; harmless litter
// (metadata, comments, editor namespaces) is dropped without a word.
package svgsafe

import (
	"fmt"
	"strings"
)

// Kind says what sort of unsafe thing a Finding is. The values are stable,
// as callers translate messages per Kind; new kinds are added at the end.
type Kind int

// The kinds of unsafe things an SVG may hold.
const (
	// Script is a <script> element in any namespace or casing, an
	// XML Events <handler> or <listener>, or an animation that sets an
	// href or an event handler attribute.
	Script Kind = iota + 1
	// EventHandler is an attribute whose name begins with "on".
	EventHandler
	// ForeignObject is a <foreignObject>, <iframe>, <embed>, <object> or
	// similar element that embeds another kind of document.
	ForeignObject
	// ExternalRef is a reference to anything but a fragment of the file
	// itself: an href, src or url() to another file or site.
	ExternalRef
	// ScriptURL is a javascript: or vbscript: URL, a data: URL holding a
	// document (HTML, SVG, XML or script), or a CSS expression().
	ScriptURL
	// Entity is a DOCTYPE with an internal subset, where entities are
	// declared (billion laughs, external entities).
	Entity
	// Malformed is a file that is not well-formed XML, has no <svg> root,
	// or nests elements too deeply.
	Malformed
	// StyleImport is a style sheet or style attribute that loads another
	// file, with @import, url() or image-set().
	StyleImport
)

// String returns a short English noun phrase for k, as used in messages.
func (k Kind) String() string {
	switch k {
	case Script:
		return "a script"
	case EventHandler:
		return "an event handler attribute"
	case ForeignObject:
		return "an embedded document"
	case ExternalRef:
		return "a reference to another file"
	case ScriptURL:
		return "a script URL"
	case Entity:
		return "a DOCTYPE declaring entities"
	case Malformed:
		return "malformed SVG"
	case StyleImport:
		return "a style rule loading another file"
	}
	return fmt.Sprintf("svgsafe.Kind(%d)", int(k))
}

// Finding is one unsafe thing an SVG holds, at the line and column (in
// bytes, both from 1) where its element or attribute begins.
type Finding struct {
	Line, Col int
	Kind      Kind
	// Detail is the element or attribute name, or the URL or CSS, as
	// written; for Malformed it says what is wrong.
	Detail string
}

// String returns the finding as "line 3, column 5: a script <script>".
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "line %d, column %d: %s", f.Line, f.Col, f.Kind)
	switch {
	case f.Detail == "":
	case f.Kind == Script || f.Kind == ForeignObject:
		b.WriteString(" <" + f.Detail + ">")
	case f.Kind == Malformed:
		b.WriteString(": " + f.Detail)
	default:
		b.WriteString(" " + f.Detail)
	}
	return b.String()
}

// Error lists every unsafe thing an SVG holds, in the order they appear.
type Error struct {
	Findings []Finding
}

// Error returns the findings joined with "; ".
func (e *Error) Error() string {
	parts := make([]string, len(e.Findings))
	for i, f := range e.Findings {
		parts[i] = f.String()
	}
	return strings.Join(parts, "; ")
}

// Clean returns data as an SVG safe to publish, or an error of type
// *Error listing everything unsafe it holds.
//
// The output holds only allow-listed SVG elements and attributes, in their
// original order, re-serialised the same way for the same input, so
// Clean(Clean(x)) is Clean(x). The caller decides how large a file it
// accepts; Clean is linear in the size of data and refuses nesting deeper
// than 256 elements.
func Clean(data []byte) ([]byte, error) {
	c := newCleaner(data)
	c.run()
	if len(c.findings) > 0 {
		return nil, &Error{Findings: c.findings}
	}
	return c.output(), nil
}
