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
// Empty input gives an empty Map.
func Parse(f Format, src []byte, line0 int) (*Node, error) {
	if line0 < 1 {
		line0 = 1
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return &Node{Kind: Map, Line: line0, Col: 1}, nil
	}
	switch f {
	case TOML:
		return parseTOML(src, line0)
	case JSON:
		return parseJSON(src, line0)
	default:
		return parseYAML(src, line0)
	}
}

var yamlLineRe = regexp.MustCompile(`(?:yaml: )?line (\d+): (.*)`)

func parseYAML(src []byte, line0 int) (*Node, error) {
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
	return fromYAML(doc.Content[0], line0, 0), nil
}

func fromYAML(y *yaml.Node, line0, depth int) *Node {
	for y.Kind == yaml.AliasNode && y.Alias != nil && depth < 50 {
		y = y.Alias
		depth++
	}
	n := &Node{Line: line0 + y.Line - 1, Col: y.Column}
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
			n.Items = append(n.Items, fromYAML(c, line0, depth+1))
		}
	case yaml.MappingNode:
		n.Kind = Map
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Value == "<<" { // merge key: inline the referenced map's fields
				m := fromYAML(v, line0, depth+1)
				if m.Kind == Map {
					n.Keys = append(n.Keys, m.Keys...)
					n.Values = append(n.Values, m.Values...)
				}
				continue
			}
			n.Keys = append(n.Keys, fromYAML(k, line0, depth+1))
			n.Values = append(n.Values, fromYAML(v, line0, depth+1))
		}
	default:
		n.Kind = Null
	}
	return n
}

var tomlLineRe = regexp.MustCompile(`line (\d+)`)

func parseTOML(src []byte, line0 int) (*Node, error) {
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
	// that errors still point at the right place.
	lines := strings.Split(string(src), "\n")
	finder := func(key string, from int) (int, int) {
		for i := from; i < len(lines); i++ {
			t := strings.TrimLeft(lines[i], " \t")
			for _, k := range []string{key, `"` + key + `"`} {
				if strings.HasPrefix(t, k) {
					rest := strings.TrimLeft(t[len(k):], " \t")
					if strings.HasPrefix(rest, "=") {
						return i, len(lines[i]) - len(t) + 1
					}
				}
				if strings.HasPrefix(t, "["+k+"]") || strings.HasPrefix(t, "[["+k+"]]") {
					return i, len(lines[i]) - len(t) + 1
				}
			}
		}
		return from, 1
	}
	return fromGo(m, line0, 0, 1, finder), nil
}

func fromGo(v any, line0, line, col int, find func(string, int) (int, int)) *Node {
	n := &Node{Line: line0 + line, Col: col}
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
			n.Keys = append(n.Keys, &Node{Kind: Scalar, Value: e.k, Line: line0 + e.line, Col: e.col})
			n.Values = append(n.Values, fromGo(x[e.k], line0, e.line, e.col, find))
		}
	case []map[string]any:
		n.Kind = Seq
		for _, it := range x {
			n.Items = append(n.Items, fromGo(it, line0, line, col, find))
		}
	case []any:
		n.Kind = Seq
		for _, it := range x {
			n.Items = append(n.Items, fromGo(it, line0, line, col, find))
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

func parseJSON(src []byte, line0 int) (*Node, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	pos := func(off int64) (int, int) {
		if off > int64(len(src)) {
			off = int64(len(src))
		}
		before := src[:off]
		line := bytes.Count(before, []byte("\n"))
		col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
		return line0 + line, col
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
	var parse func() (*Node, error)
	parse = func() (*Node, error) {
		at := next()
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		l, c := pos(at)
		n := &Node{Line: l, Col: c}
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
					v, err := parse()
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
					v, err := parse()
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
	n, err := parse()
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
