package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"risalah/internal/diag"
)

// KindFigure is the kind of Figure nodes.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is an image that stands alone in its paragraph, with the image's
// title, if any, as its caption: ![Peserta rapat](foto.jpg "Para peserta").
type Figure struct {
	ast.BaseBlock
	Caption []byte
}

// Kind implements ast.Node.
func (*Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (f *Figure) Dump(src []byte, level int) {
	ast.DumpHelper(f, src, level, map[string]string{"Caption": string(f.Caption)}, nil)
}

// figureRenderer writes a Figure as <figure> with a <figcaption>.
type figureRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, renderFigure)
}

func renderFigure(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<figure>")
		return ast.WalkContinue, nil
	}
	if c := n.(*Figure).Caption; len(c) > 0 {
		_, _ = w.WriteString("<figcaption>")
		_, _ = w.Write(util.EscapeHTML(c))
		_, _ = w.WriteString("</figcaption>")
	}
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkContinue, nil
}

// image checks an image's text alternative and gives a local one its size,
// its copies and how it loads; dest is its destination as written.
func (t *transformer) image(s *sink, res Resolver, n *ast.Image, dest string, src []byte) {
	switch alt := strings.TrimSpace(inlineText(n, src)); alt {
	case `""`, "“”":
		// Decorative, said on purpose: alt="" tells screen readers to
		// pass over it.
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			n.RemoveChild(n, c)
			c = next
		}
	case "":
		// WCAG 1.1.1: a screen reader says nothing useful of it.
		s.report(offsetOf(n, src), diag.Error, diag.CodeNoAlt,
			`describe the picture between the brackets, such as ![Peserta rapat di aula](foto.jpg), or write ![""](hiasan.png) if it is only decorative`,
			"image %q has no text alternative", truncate(dest, 40))
	}
	remote := strings.HasPrefix(dest, "//") || hasScheme(dest)
	if ir, ok := res.(ImageResolver); ok && !remote && dest != "" {
		if pic, ok := ir.Image(dest); ok {
			if pic.URL != "" {
				n.Destination = []byte(pic.URL)
			}
			n.SetAttributeString("width", []byte(strconv.Itoa(pic.Width)))
			n.SetAttributeString("height", []byte(strconv.Itoa(pic.Height)))
			if pic.Srcset != "" {
				n.SetAttributeString("srcset", []byte(pic.Srcset))
				if s.sizes != "" {
					n.SetAttributeString("sizes", []byte(s.sizes))
				}
			}
		}
	} else if remote && !strings.HasPrefix(strings.ToLower(dest), "data:") {
		s.report(offsetOf(n, src), diag.Warning, diag.CodeImage,
			"save the picture in the page's folder and write ![…](foto.jpg): risalah then knows its size and makes copies for phones",
			"image %q is on another site: its size is not known, so the page moves as it loads", truncate(dest, 40))
	}
	if s.eager {
		s.eager = false
	} else {
		n.SetAttributeString("loading", []byte("lazy"))
	}
	n.SetAttributeString("decoding", []byte("async"))
}

// figures turns each paragraph that holds one image and nothing else into
// a Figure, its caption the image's title.
func figures(doc *ast.Document) {
	var paras []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if p.ChildCount() == 1 && p.FirstChild().Kind() == ast.KindImage {
				paras = append(paras, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		img := p.FirstChild().(*ast.Image)
		f := &Figure{Caption: img.Title}
		img.Title = nil
		parent := p.Parent()
		parent.ReplaceChild(parent, p, f)
		f.AppendChild(f, img)
	}
}
