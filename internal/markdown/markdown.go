// Package markdown holds risalah's one goldmark setup: GitHub-flavoured
// Markdown with footnotes, stable heading IDs, links between documents
// resolved on the syntax tree, raw HTML dropped with a warning, and unsafe
// link schemes never emitted. One pass gives both the HTML and the plain
// text that summaries and the search index use.
package markdown

import (
	"bytes"
	"html"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"risalah/internal/diag"
	"risalah/internal/textenc"
)

// Options configures a Renderer.
type Options struct {
	// Unsafe passes raw HTML through instead of dropping it.
	Unsafe bool
	// BacklinkLabel is the text screen readers say for the link from a
	// footnote back to its reference, in the page's language.
	BacklinkLabel string
	// MaxBytes is the largest body rendered; a larger one is an error.
	// Zero means DefaultMaxBytes.
	MaxBytes int
	// ImageSizes is the sizes attribute of images with several copies:
	// how wide the theme shows a body's image, such as
	// "(min-width: 50em) 46em, 100vw".
	ImageSizes string
}

// Picture is how a local image is shown: the size of its largest copy,
// which width and height give so that the page does not move as it
// loads, and its copies for srcset.
type Picture struct {
	Width, Height int
	Srcset        string // "foto-480w.jpg 480w, foto.jpg 1600w"; "" for one copy
	URL           string // the address to show it at, when not dest's: a TIFF's JPEG copy
}

// ImageResolver is a Resolver that knows the images of the site: Image
// returns the picture that dest, a local image's destination as written,
// leads to, and false when it does not know its size.
type ImageResolver interface {
	Resolver
	Image(dest string) (Picture, bool)
}

// Resolver turns a relative link destination into a URL. It returns a
// non-empty reason when the destination points nowhere.
type Resolver interface {
	Resolve(dest string) (url string, reason string)
}

// Heading is a heading of a document, for tables of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is one rendered document.
type Result struct {
	HTML     []byte
	Text     string // plain text of the body, blocks separated by newlines, when asked for
	Summary  string // the first paragraph's text, shortened
	Headings []Heading
}

// Renderer converts Markdown to HTML. It is safe for concurrent use.
type Renderer struct {
	md   goldmark.Markdown
	opts Options
	bufs sync.Pool
}

var (
	resolverKey = parser.NewContextKey()
	sinkKey     = parser.NewContextKey()
)

// Input is one document's Markdown with what rendering needs to know of
// its place.
type Input struct {
	File string // site-relative path, for diagnostics
	Body []byte
	Line int // file line on which Body starts
	// TopLevel is the level the body's highest headings get: 2 under the
	// page's h1, 3 when the body sits inside a titled section.
	TopLevel int
	// TableLabel names scrollable table regions for screen readers, in
	// the page's language.
	TableLabel string
	// Text asks for the body's plain text in Result.Text, for indexing.
	Text bool
	// Eager lets the body's first image load at once, as it may be in
	// the first screen; every other image loads as it comes near.
	Eager bool
}

// New returns a Renderer with opts.
func New(opts Options) *Renderer {
	r := &Renderer{opts: opts}
	var ro []renderer.Option
	if opts.Unsafe {
		ro = append(ro, gmhtml.WithUnsafe())
	}
	r.md = goldmark.New(
		goldmark.WithParser(newParser()),
		goldmark.WithExtensions(
			// Alignment would need style attributes, which a strict
			// Content-Security-Policy blocks, or align, which HTML5 dropped.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.NewFootnote(extension.WithFootnoteBacklinkHTML(backlink(opts.BacklinkLabel))),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(&transformer{unsafe: opts.Unsafe}, 100)),
		),
		goldmark.WithRendererOptions(append(ro, renderer.WithNodeRenderers(util.Prioritized(tableWrapper{}, 100), util.Prioritized(figureRenderer{}, 100)))...),
	)
	r.bufs.New = func() any { return new(bytes.Buffer) }
	return r
}

// newParser returns goldmark's default parser with the guards of
// guard.go: the list and block quote parsers wrapped in depthLimit, and
// inlineGuard and refGuard ahead of the parsers they protect.
func newParser() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	for i, b := range blocks {
		if p := b.Value.(parser.BlockParser); p == parser.NewListParser() || p == parser.NewBlockquoteParser() {
			blocks[i].Value = depthLimit{p}
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		// After the task list's checkbox parser (0), before the rest.
		parser.WithInlineParsers(append(parser.DefaultInlineParsers(), util.Prioritized(inlineGuard{}, 1))...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(), util.Prioritized(refGuard{}, 0))...),
	)
}

// backlink is the content of a footnote's link back to the text: an arrow
// for the eye and words for screen readers.
func backlink(label string) string {
	if label == "" {
		label = "back to the text"
	}
	return `<span aria-hidden="true">↩︎</span><span class="visually-hidden">` + html.EscapeString(label) + `</span>`
}

// sink collects what the transformer and the guards find in one document.
type sink struct {
	topLevel   int
	tableLabel string
	// eager is set until the first image is given its loading attribute;
	// sizes is Options.ImageSizes.
	eager    bool
	sizes    string
	file     string
	line0    int
	src      []byte
	diags    *diag.List
	headings []Heading
	guard    guardState
	// found holds diagnostics by byte offset until flush turns the
	// offsets into lines and columns in one pass over the body.
	found []found
	// limits maps each limit passed to its first error in found, and
	// again counts the places it is passed after that.
	limits, again map[limit]int
}

type found struct {
	off      int
	severity diag.Severity
	code     diag.Code
	hint     string
	format   string
	args     []any
}

// report records a diagnostic at byte offset off of the body.
func (s *sink) report(off int, severity diag.Severity, code diag.Code, hint, format string, args ...any) {
	s.found = append(s.found, found{off, severity, code, hint, format, args})
}

// errorf reports limit l passed at off. Each limit is reported once, at
// its first place: the fix is the same for all, and a thousand errors
// would only hide other problems.
func (s *sink) errorf(l limit, off int, hint, format string, args ...any) {
	if s.limits == nil {
		s.limits, s.again = map[limit]int{}, map[limit]int{}
	}
	if _, ok := s.limits[l]; ok {
		s.again[l]++
		return
	}
	s.limits[l] = len(s.found)
	s.report(off, diag.Error, diag.CodeMarkdownLimit, hint, format, args...)
}

// flush adds the diagnostics found to diags. Counting lines from the top
// for each would be quadratic in a body with many of them.
func (s *sink) flush() {
	for l, n := range s.again {
		if n > 0 {
			f := &s.found[s.limits[l]]
			f.format += " (and in %d more places in this document)"
			f.args = append(f.args, n)
		}
	}
	sort.SliceStable(s.found, func(i, j int) bool { return s.found[i].off < s.found[j].off })
	off, line, col := 0, 0, 1
	for _, f := range s.found {
		pos := diag.Pos{File: s.file, Line: s.line0}
		if f.off >= 0 && f.off <= len(s.src) {
			b := s.src[off:f.off]
			if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
				line += bytes.Count(b, []byte("\n"))
				col = utf8.RuneCount(b[i+1:]) + 1
			} else {
				col += utf8.RuneCount(b)
			}
			off = f.off
			pos.Line, pos.Col = s.line0+line, col
		}
		if f.severity == diag.Warning {
			s.diags.Warnf(pos, f.code, f.hint, f.format, f.args...)
		} else {
			s.diags.Errorf(pos, f.code, f.hint, f.format, f.args...)
		}
	}
	s.found = nil
}

// Render converts in. Links are resolved with res; problems go to diags.
// A body past one of the limits of limits.go is an error, and what it
// renders to is empty or partly plain text.
func (r *Renderer) Render(in Input, res Resolver, diags *diag.List) *Result {
	if in.TopLevel < 1 {
		in.TopLevel = 2
	}
	bad := textenc.FirstInvalid(in.Body)
	var badByte []byte
	if bad >= 0 {
		badByte = in.Body[bad : bad+1]
		// Shown as U+FFFD, so that the page stays valid HTML. The bytes
		// before the first bad one, and every line break, stay where they
		// were, so positions hold.
		in.Body = bytes.ToValidUTF8(in.Body, []byte("\uFFFD"))
	}
	s := &sink{file: in.File, line0: in.Line, src: in.Body, diags: diags, topLevel: in.TopLevel, tableLabel: in.TableLabel,
		eager: in.Eager, sizes: r.opts.ImageSizes}
	defer s.flush()
	if bad >= 0 {
		// An error: a page of "\uFFFD" where the office wrote "ç" or a
		// Rupiah sign is not what it meant to publish.
		s.report(bad, diag.Error, diag.CodeEncoding, textenc.Hint, "%s", textenc.NotUTF8(badByte, 0))
	}
	maxBytes := r.opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	// The cheap checks first, so that goldmark never starts on a body
	// that would keep it busy for minutes.
	if p := checkBody(in.Body, maxBytes); p != nil {
		s.errorf(p.limit, p.off, p.hint, "%s", p.msg)
		return &Result{}
	}
	return r.render(in, res, s)
}

// render parses and renders in with goldmark, guarded by guard.go.
func (r *Renderer) render(in Input, res Resolver, s *sink) *Result {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(resolverKey, res)
	ctx.Set(sinkKey, s)
	doc := r.md.Parser().Parse(text.NewReader(in.Body), parser.WithContext(ctx))
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	if err := r.md.Renderer().Render(buf, in.Body, doc); err != nil {
		s.diags.Errorf(diag.Pos{File: in.File, Line: in.Line}, diag.CodeMarkdownRef, "", "cannot render Markdown: %v", err)
	}
	out := &Result{HTML: append([]byte(nil), buf.Bytes()...), Headings: s.headings}
	out.Text, out.Summary = plainText(doc, in.Body, in.Text)
	return out
}
