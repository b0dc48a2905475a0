package markdown

import (
	"bytes"
	"html"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"risalah/internal/diag"
)

// transformer resolves links between documents, drops unsafe links, reports
// raw HTML, demotes headings below the page's own h1 and records headings.
type transformer struct {
	unsafe bool
}

// Transform implements parser.ASTTransformer.
func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	s, _ := pc.Get(sinkKey).(*sink)
	res, _ := pc.Get(resolverKey).(Resolver)
	if s == nil {
		return
	}
	src := reader.Source()
	// The page title is the only h1: shift body headings so the highest
	// gets the level the page has room for, keeping their relative order.
	top := 7
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level < top {
			top = h.Level
		}
	}
	shift := max(0, s.topLevel-top)
	// Unsafe links and images become their text: an empty href would be a
	// link to the page itself. They are replaced once the walk is done.
	var unsafe []ast.Node
	defer func() {
		for _, n := range unsafe {
			unwrap(n, src)
		}
		figures(doc)
	}()
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+shift, 6)
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			s.headings = append(s.headings, Heading{Level: n.Level, ID: string(idb), Text: inlineText(n, src)})
		case *east.TableCell:
			if n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader {
				n.SetAttributeString("scope", []byte("col"))
			}
		case *east.Table:
			if s.tableLabel != "" {
				n.SetAttributeString("data-label", []byte(s.tableLabel))
			}
		case *ast.Link:
			if n.Destination = t.link(s, res, n, n.Destination, src, "link"); n.Destination == nil {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			dest := string(bytes.TrimSpace(n.Destination))
			if n.Destination = t.link(s, res, n, n.Destination, src, "image"); n.Destination == nil {
				unsafe = append(unsafe, n)
			} else {
				t.image(s, res, n, dest, src)
			}
		case *ast.AutoLink:
			if dangerous(string(n.URL(src))) {
				s.report(offsetOf(n, src), diag.Warning, diag.CodeUnsafeLink, "remove it", "unsafe link %q is not emitted", n.URL(src))
				unsafe = append(unsafe, n)
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			if !t.unsafe {
				s.report(offsetOf(n, src), diag.Warning, diag.CodeRawHTML,
					"write it in Markdown, or set markdown.unsafe: true in site.yaml if you trust every editor",
					"raw HTML is left out of the page")
			}
		}
		return ast.WalkContinue, nil
	})
}

// link returns the destination to emit for a link or image.
func (t *transformer) link(s *sink, res Resolver, n ast.Node, dest, src []byte, what string) []byte {
	d := string(bytes.TrimSpace(dest))
	// The renderer decodes character references, so "javascript&#58;" is
	// as unsafe as "javascript:".
	if dangerous(html.UnescapeString(d)) {
		if what == "image" {
			s.report(offsetOf(n, src), diag.Warning, diag.CodeUnsafeLink, "link to an http or https address instead", "unsafe image %q is not emitted", truncate(d, 40))
		} else {
			s.report(offsetOf(n, src), diag.Warning, diag.CodeUnsafeLink, "link to an http or https address instead", "unsafe link %q is not emitted", truncate(d, 40))
		}
		return nil
	}
	if d == "" || strings.HasPrefix(d, "#") || strings.HasPrefix(d, "//") || hasScheme(d) {
		return dest
	}
	if res == nil {
		return dest
	}
	target := d
	if u, err := url.PathUnescape(d); err == nil {
		target = u
	}
	u, reason := res.Resolve(target)
	if reason != "" {
		hint := "check the path: it is relative to this file, such as ../regulations/uu-6-2011.id.md"
		if strings.HasPrefix(d, "/") {
			hint = "link to the document's file instead, such as ../regulations/uu-6-2011.id.md, which keeps working when its address changes"
		}
		if what == "image" {
			s.report(offsetOf(n, src), diag.Error, diag.CodeBrokenLink, hint, "broken image %q: %s", d, reason)
		} else {
			s.report(offsetOf(n, src), diag.Error, diag.CodeBrokenLink, hint, "broken link %q: %s", d, reason)
		}
		return dest
	}
	return []byte(u)
}

func hasScheme(d string) bool {
	i := strings.IndexByte(d, ':')
	if i <= 0 {
		return false
	}
	for _, c := range d[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// dangerous reports links that run code or smuggle documents: javascript:,
// vbscript:, file: and data: other than images. Browsers ignore case,
// whitespace and control characters in the scheme, so this does too.
func dangerous(d string) bool {
	var b strings.Builder
	for _, c := range d {
		if c <= ' ' {
			continue
		}
		b.WriteRune(c)
		if b.Len() > 40 {
			break
		}
	}
	l := strings.ToLower(b.String())
	for _, p := range []string{"javascript:", "vbscript:", "file:"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	if strings.HasPrefix(l, "data:") {
		for _, ok := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			if strings.HasPrefix(l, ok) {
				return false
			}
		}
		return true
	}
	return false
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// offsetOf finds a byte offset in the source for n, for positions.
func offsetOf(n ast.Node, src []byte) int {
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock {
			if c.Lines().Len() > 0 {
				off := c.Lines().At(0).Start
				if n != c {
					if t := firstText(n); t >= 0 {
						return t
					}
				}
				return off
			}
			continue
		}
		if t := firstText(c); t >= 0 {
			return t
		}
	}
	return 0
}

func firstText(n ast.Node) int {
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			off = t.Segment.Start
			return ast.WalkStop, nil
		case *ast.RawHTML:
			if t.Segments.Len() > 0 {
				off = t.Segments.At(0).Start
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	// A link's text starts one byte after its "[": point at the bracket.
	if off > 0 {
		if _, ok := n.(*ast.Link); ok {
			off--
		} else if _, ok := n.(*ast.Image); ok {
			off -= 2
		}
	}
	return off
}

// inlineText returns the text of n's inline children.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			v := t.Segment.Value(src)
			if !t.IsRaw() && bytes.ContainsAny(v, "&\\") {
				// As the page shows it: "Rp&nbsp;350.000", "AT&amp;T"
				// and "\*" are a space, an ampersand and a star in a
				// summary too, which its template escapes again.
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for k := t.FirstChild(); k != nil; k = k.NextSibling() {
				if tx, ok := k.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// plainText extracts the first paragraph shortened to a summary and, when
// all is set, the body's whole text block by block.
func plainText(doc ast.Node, src []byte, all bool) (string, string) {
	var b strings.Builder
	summary := ""
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if summary != "" && !all {
			return ast.WalkStop, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindHeading, east.KindTableCell:
			t := inlineText(n, src)
			if t == "" {
				return ast.WalkSkipChildren, nil
			}
			if summary == "" && n.Kind() == ast.KindParagraph {
				summary = Shorten(t, 200)
			}
			b.WriteString(t)
			b.WriteByte('\n')
			return ast.WalkSkipChildren, nil
		case ast.KindFencedCodeBlock, ast.KindCodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case east.KindFootnoteList:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String(), summary
}

// Shorten cuts s to at most n bytes at a word boundary, adding an ellipsis.
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,.;:") + "…"
}

// unwrap puts n's children (a link's text, an image's description) in
// its place; an autolink becomes its address as plain text.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(a.URL(src)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}
