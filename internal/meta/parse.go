package meta

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// Format is a front matter or configuration syntax.
type Format string

// The supported formats.
const (
	YAML Format = "yaml"
	TOML Format = "toml"
	JSON Format = "json"
)

// SyntaxError is malformed input, with its position in the whole file.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Parse reads src in format f. line0 is the file line on which src starts, so
// that every node's Line counts from the top of the file, not of the block.
// Empty input gives an empty Map. Malformed input is a *SyntaxError; input
// past the bounds of limits.go a *LimitError.
func Parse(f Format, src []byte, line0 int) (*Node, error) {
	if line0 < 1 {
		line0 = 1
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return &Node{Kind: Map, Line: line0, Col: 1}, nil
	}
	if len(src) > MaxSource {
		return nil, &LimitError{Line: line0, Col: 1, Msg: fmt.Sprintf("the fields take %d KiB, more than the %d KiB allowed", len(src)>>10, MaxSource>>10),
			Hint: "move long text into the document's body"}
	}
	b := &budget{}
	var n *Node
	var err error
	switch f {
	case TOML:
		n, err = parseTOML(src, line0, b)
	case JSON:
		n, err = parseJSON(src, line0, b)
	default:
		n, err = parseYAML(src, line0, b)
	}
	if err == nil && b.err != nil {
		return nil, b.err
	}
	return n, err
}

var yamlLineRe = regexp.MustCompile(`(?:yaml: )?line (\d+): (.*)`)

func parseYAML(src []byte, line0 int, b *budget) (*Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		msg := err.Error()
		line := 0
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		if line == 0 {
			line = 1
		}
		return nil, &SyntaxError{Line: line0 + line - 1, Col: 1, Msg: msg}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &Node{Kind: Map, Line: line0, Col: 1}, nil
	}
	return fromYAML(doc.Content[0], line0, 0, b, nil), nil
}

// fromYAML converts y, depth levels deep, expanding aliases; it stops
// once b is spent. blame, when set, is where the alias being expanded is
// used: what its copy costs is reported there.
func fromYAML(y *yaml.Node, line0, depth int, b *budget, blame *Node) *Node {
	if blame == nil && y.Kind == yaml.AliasNode {
		blame = &Node{Line: line0 + y.Line - 1, Col: y.Column}
	}
	for hops := 0; y.Kind == yaml.AliasNode && y.Alias != nil && hops < MaxDepth; hops++ {
		y = y.Alias
	}
	n := &Node{Line: line0 + y.Line - 1, Col: y.Column}
	at := n
	if blame != nil {
		at = blame
	}
	if !b.take(len(y.Value), depth, at.Line, at.Col) {
		return n
	}
	switch y.Kind {
	case yaml.ScalarNode:
		if y.ShortTag() == "!!null" {
			n.Kind = Null
			return n
		}
		n.Kind = Scalar
		n.Value = y.Value
		n.Quoted = y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	case yaml.SequenceNode:
		n.Kind = Seq
		for _, c := range y.Content {
			n.Items = append(n.Items, fromYAML(c, line0, depth+1, b, blame))
		}
	case yaml.MappingNode:
		n.Kind = Map
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Value == "<<" { // merge key: inline the referenced map's fields
				m := fromYAML(v, line0, depth+1, b, blame)
				if m.Kind == Map {
					n.Keys = append(n.Keys, m.Keys...)
					n.Values = append(n.Values, m.Values...)
				}
				continue
			}
			n.Keys = append(n.Keys, fromYAML(k, line0, depth+1, b, blame))
			n.Values = append(n.Values, fromYAML(v, line0, depth+1, b, blame))
		}
	default:
		n.Kind = Null
	}
	return n
}

var tomlLineRe = regexp.MustCompile(`line (\d+)`)

func parseTOML(src []byte, line0 int, b *budget) (*Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		var pe toml.ParseError
		line, col := 1, 1
		msg := err.Error()
		if errors.As(err, &pe) {
			line, col = pe.Position.Line, pe.Position.Col
			msg = pe.Message
		} else if mm := tomlLineRe.FindStringSubmatch(msg); mm != nil {
			line, _ = strconv.Atoi(mm[1])
		}
		return nil, &SyntaxError{Line: line0 + line - 1, Col: col, Msg: msg}
	}
	// TOML's decoder keeps no positions; find each key's line in the text so
	// that errors still point at the right place. The lines that start each
	// key, by key, are listed once: looking for every key from the top
	// would take time growing with the square of the block.
	lines := strings.Split(string(src), "\n")
	type at struct{ line, col int }
	starts := map[string][]at{}
	for i, ln := range lines {
		t := strings.TrimLeft(ln, " \t")
		col := len(ln) - len(t) + 1
		var key string
		switch {
		case strings.HasPrefix(t, "[["):
			key, _, _ = strings.Cut(t[2:], "]]")
		case strings.HasPrefix(t, "["):
			key, _, _ = strings.Cut(t[1:], "]")
		default:
			k, _, ok := strings.Cut(t, "=")
			if !ok {
				continue
			}
			key = strings.TrimRight(k, " \t")
		}
		if len(key) >= 2 && key[0] == '"' && key[len(key)-1] == '"' {
			key = key[1 : len(key)-1]
		}
		starts[key] = append(starts[key], at{i, col})
	}
	finder := func(key string, from int) (int, int) {
		l := starts[key]
		k := sort.Search(len(l), func(i int) bool { return l[i].line >= from })
		if k == len(l) {
			return from, 1
		}
		return l[k].line, l[k].col
	}
	n := fromGo(m, line0, 0, 1, finder, 0, b)
	if b.err != nil {
		return nil, b.err
	}
	return n, nil
}

// fromGo converts what the TOML decoder gave, depth levels deep; it stops
// once b is spent.
func fromGo(v any, line0, line, col int, find func(string, int) (int, int), depth int, b *budget) *Node {
	n := &Node{Line: line0 + line, Col: col}
	text, _ := v.(string)
	if !b.take(len(text), depth, n.Line, n.Col) {
		return n
	}
	switch x := v.(type) {
	case nil:
		n.Kind = Null
	case map[string]any:
		n.Kind = Map
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		type kv struct {
			k         string
			line, col int
		}
		var ks []kv
		for _, k := range keys {
			l, c := find(k, line)
			ks = append(ks, kv{k, l, c})
		}
		sort.SliceStable(ks, func(i, j int) bool { return ks[i].line < ks[j].line })
		for _, e := range ks {
			if !b.take(len(e.k), depth+1, line0+e.line, e.col) {
				return n
			}
			n.Keys = append(n.Keys, &Node{Kind: Scalar, Value: e.k, Line: line0 + e.line, Col: e.col})
			n.Values = append(n.Values, fromGo(x[e.k], line0, e.line, e.col, find, depth+1, b))
		}
	case []map[string]any:
		n.Kind = Seq
		for _, it := range x {
			n.Items = append(n.Items, fromGo(it, line0, line, col, find, depth+1, b))
		}
	case []any:
		n.Kind = Seq
		for _, it := range x {
			n.Items = append(n.Items, fromGo(it, line0, line, col, find, depth+1, b))
		}
	case string:
		n.Kind, n.Value, n.Quoted = Scalar, x, true
	case time.Time:
		n.Kind = Scalar
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Location() != time.UTC && x.Location().String() == "Local" {
			n.Value = x.Format("2006-01-02")
		} else {
			n.Value = x.Format(time.RFC3339)
		}
	default:
		n.Kind, n.Value = Scalar, fmt.Sprint(x)
	}
	return n
}

func parseJSON(src []byte, line0 int, b *budget) (*Node, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	// pos turns an offset into a line and column, counting on from the
	// last offset asked for, so that the whole text is scanned once.
	var at, line, start int // offset reached, lines before it, where its line starts
	pos := func(off int64) (int, int) {
		o := min(int(off), len(src))
		if o < at {
			at, line, start = 0, 0, 0
		}
		for ; at < o; at++ {
			if src[at] == '\n' {
				line, start = line+1, at+1
			}
		}
		return line0 + line, o - start + 1
	}
	// next returns where the next token starts: past white space and the
	// separators the decoder consumes silently.
	next := func() int64 {
		off := dec.InputOffset()
		for off < int64(len(src)) && strings.IndexByte(" \t\r\n:,", src[off]) >= 0 {
			off++
		}
		return off
	}
	var parse func(depth int) (*Node, error)
	parse = func(depth int) (*Node, error) {
		from := next()
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		l, c := pos(from)
		n := &Node{Line: l, Col: c}
		text, _ := tok.(string)
		if !b.take(len(text), depth, l, c) {
			return nil, b.err
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				n.Kind = Map
				for dec.More() {
					kl, kc := pos(next())
					kt, err := dec.Token()
					if err != nil {
						return nil, err
					}
					ks, _ := kt.(string)
					if !b.take(len(ks), depth+1, kl, kc) {
						return nil, b.err
					}
					v, err := parse(depth + 1)
					if err != nil {
						return nil, err
					}
					n.Keys = append(n.Keys, &Node{Kind: Scalar, Value: ks, Line: kl, Col: kc})
					n.Values = append(n.Values, v)
				}
				if _, err := dec.Token(); err != nil {
					return nil, err
				}
			case '[':
				n.Kind = Seq
				for dec.More() {
					v, err := parse(depth + 1)
					if err != nil {
						return nil, err
					}
					n.Items = append(n.Items, v)
				}
				if _, err := dec.Token(); err != nil {
					return nil, err
				}
			}
		case nil:
			n.Kind = Null
		case string:
			n.Kind, n.Value, n.Quoted = Scalar, t, true
		default:
			n.Kind, n.Value = Scalar, fmt.Sprint(t)
		}
		return n, nil
	}
	n, err := parse(0)
	if le, ok := err.(*LimitError); ok {
		return nil, le
	}
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = fmt.Errorf("unexpected text after the JSON object")
		}
	}
	if err != nil {
		l, c := pos(dec.InputOffset())
		var se *json.SyntaxError
		if errors.As(err, &se) {
			l, c = pos(se.Offset)
		}
		return nil, &SyntaxError{Line: l, Col: c, Msg: err.Error()}
	}
	return n, nil
}
