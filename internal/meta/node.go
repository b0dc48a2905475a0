// Package meta turns YAML, TOML and JSON text into one positioned tree and
// decodes that tree strictly into typed Go structs.
//
// Front matter and site.yaml both go through it, so every field error, in any
// of the three formats, names the file, line and column of the offending value
// and says how to fix it. It is the only package that imports the YAML and TOML
// libraries.
package meta

import (
	"slices"
	"sort"
	"strings"
)

// Kind is the shape of a Node.
type Kind int

// The kinds of node.
const (
	Null Kind = iota
	Scalar
	Seq
	Map
)

// String names the kind as an editor would: "text", "list", "mapping".
func (k Kind) String() string {
	switch k {
	case Scalar:
		return "a single value"
	case Seq:
		return "a list"
	case Map:
		return "a mapping of fields"
	}
	return "nothing"
}

// Node is one value of a decoded document with its position in the file.
type Node struct {
	Kind   Kind
	Value  string // the scalar's text exactly as written (without quotes)
	Quoted bool   // the scalar was written as a quoted string
	Line   int    // 1-based line in the whole file
	Col    int    // 1-based column
	Items  []*Node
	Keys   []*Node // keys of a Map, in file order
	Values []*Node // values of a Map, parallel to Keys
}

// Get returns the value of key in a Map node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for i, k := range n.Keys {
		if k.Value == key {
			return n.Values[i]
		}
	}
	return nil
}

// KeyNode returns the key node of key in a Map node, or nil.
func (n *Node) KeyNode(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for _, k := range n.Keys {
		if k.Value == key {
			return k
		}
	}
	return nil
}

// Merge returns a map holding every field of base, with each top-level field
// that over also has replaced by over's value, leaving out the fields named in
// skip unless over has them. It is how a translation inherits the fields it
// leaves out from its default-language original.
func Merge(base, over *Node, skip ...string) *Node {
	if base == nil || base.Kind != Map {
		return over
	}
	if over == nil || over.Kind != Map {
		return base
	}
	out := &Node{Kind: Map, Line: over.Line, Col: over.Col}
	for i, k := range base.Keys {
		if over.Get(k.Value) != nil || slices.Contains(skip, k.Value) {
			continue
		}
		out.Keys = append(out.Keys, k)
		out.Values = append(out.Values, base.Values[i])
	}
	out.Keys = append(out.Keys, over.Keys...)
	out.Values = append(out.Values, over.Values...)
	return out
}

// Equal reports whether a and b hold the same data, ignoring positions and
// quoting. Map field order does not matter.
func Equal(a, b *Node) bool {
	return canon(a) == canon(b)
}

func canon(n *Node) string {
	var b strings.Builder
	writeCanon(&b, n)
	return b.String()
}

func writeCanon(b *strings.Builder, n *Node) {
	if n == nil {
		b.WriteString("~")
		return
	}
	switch n.Kind {
	case Null:
		b.WriteString("~")
	case Scalar:
		b.WriteString(quote(n.Value))
	case Seq:
		b.WriteString("[")
		for _, it := range n.Items {
			writeCanon(b, it)
			b.WriteString(",")
		}
		b.WriteString("]")
	case Map:
		idx := make([]int, len(n.Keys))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(i, j int) bool { return n.Keys[idx[i]].Value < n.Keys[idx[j]].Value })
		b.WriteString("{")
		for _, i := range idx {
			b.WriteString(quote(n.Keys[i].Value))
			b.WriteString(":")
			writeCanon(b, n.Values[i])
			b.WriteString(",")
		}
		b.WriteString("}")
	}
}

func quote(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}
