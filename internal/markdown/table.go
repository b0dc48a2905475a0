package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableWrapper puts each table in a focusable, labelled region that scrolls
// sideways on narrow screens, so a wide table never widens the page and
// keyboard users can still scroll it.
type tableWrapper struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (tableWrapper) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, renderTable)
}

func renderTable(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0"`)
	if v, ok := n.AttributeString("data-label"); ok {
		if b, ok := v.([]byte); ok {
			_, _ = w.WriteString(` aria-label="` + html.EscapeString(string(b)) + `"`)
		}
	}
	_, _ = w.WriteString(">\n<table>\n")
	return ast.WalkContinue, nil
}
