package svgsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// audit is a second opinion on Clean's output, written apart from it and
// sharing none of its code: it returns what in out a browser could use to
// run a script or load another file, or "" if nothing. It is stricter
// than Clean where it can afford to be, as it only ever sees output: only
// the SVG, xlink and xml namespaces, no DOCTYPE, comment or processing
// instruction but the XML declaration.
func audit(out []byte) string {
	d := xml.NewDecoder(bytes.NewReader(out))
	depth, roots := 0, 0
	var open []string // local names of the open elements
	for first := true; ; first = false {
		tok, err := d.Token()
		if err == io.EOF {
			if roots != 1 {
				return "no root element"
			}
			return ""
		}
		if err != nil {
			return "not well-formed: " + err.Error()
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if roots > 1 || t.Name.Space != svgNS || t.Name.Local != "svg" {
					return "root is not one <svg>"
				}
			}
			depth++
			open = append(open, t.Name.Local)
			if msg := auditElement(t); msg != "" {
				return msg
			}
		case xml.EndElement:
			depth--
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) > 0 && strings.EqualFold(open[len(open)-1], "style") {
				if msg := auditCSS(string(t)); msg != "" {
					return "style sheet: " + msg
				}
			}
		case xml.Comment:
			return "a comment"
		case xml.Directive:
			return "a directive <!" + string(t) + ">"
		case xml.ProcInst:
			if t.Target != "xml" || !first {
				return "a processing instruction " + t.Target
			}
		}
	}
}

var rasterRE = regexp.MustCompile(`^data:image/(png|jpe?g|gif|webp);base64,`)

func auditElement(t xml.StartElement) string {
	if t.Name.Space != svgNS {
		return "element in namespace " + t.Name.Space
	}
	switch strings.ToLower(t.Name.Local) {
	case "script", "foreignobject", "iframe", "embed", "object", "handler",
		"listener", "metadata", "frame", "frameset", "applet":
		return "element " + t.Name.Local
	}
	for _, a := range t.Attr {
		switch a.Name.Space {
		case "", xlinkNS, xmlNS, "xmlns":
		default:
			return "attribute in namespace " + a.Name.Space
		}
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
			if a.Value != svgNS && a.Value != xlinkNS {
				return "namespace " + a.Value
			}
			continue
		}
		name := strings.ToLower(a.Name.Local)
		compact := strings.ToLower(strings.Map(func(r rune) rune {
			if r <= ' ' || r == 0x7f {
				return -1
			}
			return r
		}, a.Value))
		switch {
		case strings.HasPrefix(name, "on"):
			return "event handler " + a.Name.Local
		case strings.Contains(compact, "javascript:") || strings.Contains(compact, "vbscript:"):
			return "script URL in " + a.Name.Local
		case name == "href" || name == "src":
			if !strings.HasPrefix(compact, "#") && !(t.Name.Local == "image" && rasterRE.MatchString(compact)) {
				return "reference " + a.Value
			}
		case name == "attributename":
			parts := strings.Split(compact, ":")
			if last := parts[len(parts)-1]; last == "href" || strings.HasPrefix(last, "on") {
				return "animation of " + a.Value
			}
		}
		if msg := auditCSS(a.Value); msg != "" {
			return "attribute " + a.Name.Local + ": " + msg
		}
	}
	return ""
}

// cssEscape is a CSS escape: hex digits and one optional space, or any
// other character.
var cssEscape = regexp.MustCompile(`\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))`)

// urlOpen is a function that takes a URL, and the first character of its
// argument.
var urlOpen = regexp.MustCompile(`(?:url|src)\(\s*['"]?(.?)`)

func auditCSS(css string) string {
	plain := cssEscape.ReplaceAllStringFunc(css, func(m string) string {
		sub := cssEscape.FindStringSubmatch(m)
		if sub[1] != "" {
			n, _ := strconv.ParseUint(sub[1], 16, 32)
			return string(rune(n))
		}
		return sub[2]
	})
	plain = strings.ToLower(plain)
	if strings.Contains(plain, "@import") {
		return "@import"
	}
	for _, m := range urlOpen.FindAllStringSubmatch(plain, -1) {
		if m[1] != "#" {
			return "url to " + m[0]
		}
	}
	if strings.Contains(plain, "expression(") || strings.Contains(plain, "image-set(") {
		return "a function that loads or runs"
	}
	return ""
}

// TestAudit makes sure the checker the fuzz test relies on can fail.
func TestAudit(t *testing.T) {
	for _, in := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><a href="https://x">x</a></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><a href="#" title="java script:x"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style>a{b:\75 rl(x)}</style></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" style="b:url('//x')"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><metadata/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:rdf="urn:rdf"><rdf:RDF/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="xlink:href"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><!-- x --></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><g>`,
		`<svg/>`,
		`<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg"/>`,
	} {
		if audit([]byte(in)) == "" {
			t.Errorf("audit(%q) found nothing", in)
		}
	}
	if msg := audit([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#a)"/></svg>`)); msg != "" {
		t.Errorf("audit of a safe file: %s", msg)
	}
}

// FuzzClean checks, for any input, that Clean either refuses it with
// findings or returns a file that is well-formed, that the audit finds
// safe, and that Clean returns unchanged.
func FuzzClean(f *testing.F) {
	for _, tt := range hostile {
		f.Add([]byte(tt.in))
	}
	for _, tt := range safe {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := Clean(in)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Findings) == 0 {
				t.Fatalf("Clean(%q) = %v, want an *Error with findings", in, err)
			}
			for _, f := range e.Findings {
				if f.Line < 1 || f.Col < 1 || f.Kind < Script || f.Kind > StyleImport {
					t.Fatalf("Clean(%q): bad finding %+v", in, f)
				}
			}
			return
		}
		if again, _ := Clean(in); !bytes.Equal(again, out) {
			t.Fatalf("Clean(%q) gave %q, then %q", in, out, again)
		}
		if msg := audit(out); msg != "" {
			t.Fatalf("Clean(%q) = %q\naudit: %s", in, out, msg)
		}
		again, err := Clean(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("Clean(%q) = %q\nClean of that = %q, %v", in, out, again, err)
		}
	})
}
