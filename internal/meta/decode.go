package meta

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"risalah/internal/diag"
)

// Options controls Decode.
type Options struct {
	File    string        // the file named in diagnostics
	Unknown diag.Severity // how to report fields the struct does not have
	Diags   *diag.List    // where problems go
	Loc     *time.Location
	// Suggest maps words editors commonly write (such as Indonesian field
	// names) to the field they meant, for "did you mean" hints.
	Suggest map[string]string
	// Declared names top-level fields that the struct does not have but
	// that are known all the same (a site's own fields): they are not
	// reported. When it is not nil, even empty, the hint for an unknown
	// top-level field with nothing near it says where fields are declared.
	Declared map[string]bool
}

// Decoder is implemented by types that decode themselves from a node, such
// as dates. A returned *FieldError keeps its code and hint; any other error
// is reported as a type error.
type Decoder interface {
	DecodeMeta(n *Node, o *Options) error
}

// FieldError is a problem with one value, returned by a Decoder.
type FieldError struct {
	Code diag.Code
	Msg  string
	Hint string
}

func (e *FieldError) Error() string { return e.Msg }

var decoderType = reflect.TypeFor[Decoder]()

// Decode fills the struct pointed to by v from the Map node n. Struct fields
// are matched by their `meta:"name"` tag (",required" marks a required
// field, ",given" one that must be given but may be "", in quotes); untagged embedded structs are inlined. Every problem is added to
// o.Diags with its position; decoding goes on past errors so that one run
// reports them all. It reports whether no error was added.
func Decode(n *Node, v any, o *Options) bool {
	d := &decoder{o: o}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("meta.Decode: v must be a non-nil pointer")
	}
	d.value(n, rv.Elem(), "")
	return !d.failed
}

type decoder struct {
	o      *Options
	failed bool
}

func (d *decoder) errAt(n *Node, code diag.Code, hint, format string, args ...any) {
	d.failed = true
	d.o.Diags.Errorf(diag.Pos{File: d.o.File, Line: n.Line, Col: n.Col}, code, hint, format, args...)
}

type fieldInfo struct {
	name     string
	required bool
	// given marks a required field that may be empty when written so,
	// in quotes: alt: "" says an image is decorative.
	given bool
	index []int
}

// Fields lists the field names a struct type accepts, in declaration order.
func Fields(t reflect.Type) []string {
	var names []string
	for _, f := range fieldsOf(t) {
		names = append(names, f.name)
	}
	return names
}

// fieldCache memoises fieldsOf, as encoding/json does: a type's fields
// never change, and every document would otherwise reflect on them again.
var fieldCache sync.Map // reflect.Type → []fieldInfo

func fieldsOf(t reflect.Type) []fieldInfo {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]fieldInfo)
	}
	f := computeFields(t)
	fieldCache.Store(t, f)
	return f
}

func computeFields(t reflect.Type) []fieldInfo {
	var out []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, hasTag := f.Tag.Lookup("meta")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if f.Anonymous && !hasTag && f.Type.Kind() == reflect.Struct {
			for _, sub := range computeFields(f.Type) {
				sub.index = append([]int{i}, sub.index...)
				out = append(out, sub)
			}
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out = append(out, fieldInfo{name: name, required: opts == "required" || opts == "given", given: opts == "given", index: []int{i}})
	}
	return out
}

func describe(t reflect.Type) string {
	if t.Implements(decoderType) || reflect.PointerTo(t).Implements(decoderType) {
		if strings.HasSuffix(t.Name(), "Date") || t.Name() == "Time" {
			return "a date"
		}
		return "a value"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a mapping of fields"
	case reflect.Pointer:
		return describe(t.Elem())
	}
	return t.String()
}

func (d *decoder) value(n *Node, v reflect.Value, field string) {
	if n == nil || n.Kind == Null {
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), field)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(decoderType) {
		if err := v.Addr().Interface().(Decoder).DecodeMeta(n, d.o); err != nil {
			var fe *FieldError
			if errors.As(err, &fe) {
				d.errAt(n, fe.Code, fe.Hint, "%s%s", fieldPrefix(field), fe.Msg)
			} else {
				d.errAt(n, diag.CodeType, "", "%s%v", fieldPrefix(field), err)
			}
		}
		return
	}
	wrongType := func(hint string) {
		d.errAt(n, diag.CodeType, hint, "%sexpected %s, found %s", fieldPrefix(field), describe(v.Type()), describeNode(n))
	}
	switch v.Kind() {
	case reflect.String:
		if n.Kind != Scalar {
			wrongType(`write it as one line of text, in quotes if it contains ":" or "#"`)
			return
		}
		v.SetString(n.Value)
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind != Scalar {
			wrongType("")
			return
		}
		i, err := strconv.ParseInt(strings.TrimSpace(n.Value), 10, 64)
		if err != nil {
			d.errAt(n, diag.CodeType, "write digits only, such as 2023", "%sexpected a whole number, found %q", fieldPrefix(field), n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(strings.TrimSpace(n.Value), 64)
		if n.Kind != Scalar || err != nil {
			wrongType("")
			return
		}
		v.SetFloat(f)
	case reflect.Bool:
		if n.Kind != Scalar {
			wrongType("write true or false")
			return
		}
		switch strings.ToLower(strings.TrimSpace(n.Value)) {
		case "true", "yes", "ya":
			v.SetBool(true)
		case "false", "no", "tidak":
			v.SetBool(false)
		default:
			d.errAt(n, diag.CodeType, "write true or false", "%sexpected true or false, found %q", fieldPrefix(field), n.Value)
		}
	case reflect.Slice:
		items := n.Items
		if n.Kind == Scalar && v.Type().Elem().Kind() == reflect.String {
			items = []*Node{n} // a single word where a list was expected is a one-item list
		} else if n.Kind != Seq {
			wrongType("write a list, one item a line starting with \"- \"")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, it := range items {
			d.value(it, s.Index(i), fmt.Sprintf("%s[%d]", field, i+1))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != Map {
			wrongType("")
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Keys))
		for i, k := range n.Keys {
			ev := reflect.New(v.Type().Elem()).Elem()
			d.value(n.Values[i], ev, joinField(field, k.Value))
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), ev)
		}
		v.Set(m)
	case reflect.Struct:
		if n.Kind != Map {
			names := Fields(v.Type())
			wrongType(fmt.Sprintf("write it as a mapping with the fields %s", strings.Join(names, ", ")))
			return
		}
		d.structFields(n, v, field)
	default:
		panic("meta: unsupported field type " + v.Type().String())
	}
}

func (d *decoder) structFields(n *Node, v reflect.Value, field string) {
	fields := fieldsOf(v.Type())
	byName := make(map[string]fieldInfo, len(fields))
	var names []string
	for _, f := range fields {
		byName[f.name] = f
		names = append(names, f.name)
	}
	seen := map[string]bool{}
	for i, k := range n.Keys {
		if seen[k.Value] {
			d.errAt(k, diag.CodeSyntax, "remove one of them", "%sfield %q is given twice", fieldPrefix(field), k.Value)
			continue
		}
		seen[k.Value] = true
		f, ok := byName[k.Value]
		if !ok {
			d.unknown(k, names, field)
			continue
		}
		d.value(n.Values[i], v.FieldByIndex(f.index), joinField(field, k.Value))
	}
	for _, f := range fields {
		if !f.required {
			continue
		}
		if val := n.Get(f.name); val == nil || val.Kind == Null || (val.Kind == Scalar && strings.TrimSpace(val.Value) == "" && !(f.given && val.Quoted)) {
			at := n
			if val != nil {
				at = val
			}
			hint := fmt.Sprintf("add a line \"%s: ...\"", f.name)
			if f.given {
				hint = fmt.Sprintf("add a line \"%s: ...\", or %s: \"\" to leave it empty on purpose", f.name, f.name)
			}
			d.errAt(at, diag.CodeRequired, hint, "%smissing required field %q", fieldPrefix(field), joinField(field, f.name))
		}
	}
}

func (d *decoder) unknown(k *Node, names []string, field string) {
	if field == "" && d.o.Declared[k.Value] {
		return
	}
	hint := ""
	s, via := suggest(k.Value, names, d.o.Suggest)
	if s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
		if via != "" && via != strings.ToLower(k.Value) {
			hint = fmt.Sprintf("did you mean %q (%s)?", s, via)
		}
	} else {
		sorted := append([]string(nil), names...)
		sort.Strings(sorted)
		hint = fmt.Sprintf("known fields: %s", strings.Join(sorted, ", "))
	}
	pos := diag.Pos{File: d.o.File, Line: k.Line, Col: k.Col}
	name := joinField(field, k.Value)
	if d.o.Unknown == diag.Error {
		d.failed = true
		if field == "" && d.o.Declared != nil && s == "" {
			hint = fmt.Sprintf("%s; a field the site's own templates read is listed under fields: in site.yaml", hint)
		}
		d.o.Diags.Errorf(pos, diag.CodeUnknownField, hint, "unknown field %q", name)
	} else {
		// A misspelt field's data must not vanish unnoticed.
		d.o.Diags.Warnf(pos, diag.CodeUnknownField, hint, "unknown field %q: what it holds is left out of the site", name)
	}
}

// Suggest returns the name in names closest to word, or "" if none is close.
// aliases maps other words (for instance Indonesian ones) to names.
func Suggest(word string, names []string, aliases map[string]string) string {
	s, _ := suggest(word, names, aliases)
	return s
}

// suggest is Suggest, also returning the alias that led to the name, if
// one did: a misspelt alias ("pesertaa") finds its name too.
func suggest(word string, names []string, aliases map[string]string) (name, via string) {
	lw := strings.ToLower(word)
	if a, ok := aliases[lw]; ok {
		return a, lw
	}
	best, bestD, bestP := "", 3, 0
	close := func(candidate, result, alias string) {
		dist := levenshtein(lw, candidate)
		limit := 2
		if len(candidate) <= 4 {
			limit = 1
		}
		// Between two as near, the one that shares the longer beginning:
		// a slip is likelier at a word's end, so "Perbub" is "Perbup"
		// (Peraturan Bupati), not "Pergub".
		p := commonPrefix(lw, strings.ToLower(candidate))
		if dist <= limit && (dist < bestD || dist == bestD && p > bestP) {
			best, via, bestD, bestP = result, alias, dist, p
		}
	}
	for _, n := range names {
		if strings.EqualFold(n, word) {
			return n, ""
		}
		close(n, n, "")
	}
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	words := make([]string, 0, len(aliases))
	for w := range aliases {
		words = append(words, w)
	}
	sort.Strings(words) // the same suggestion every time
	for _, w := range words {
		if known[aliases[w]] {
			close(w, aliases[w], w)
		}
	}
	return best, via
}

// commonPrefix returns how many bytes a and b begin with alike.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

func fieldPrefix(field string) string {
	if field == "" {
		return ""
	}
	return field + ": "
}

func describeNode(n *Node) string {
	if n.Kind == Scalar {
		return fmt.Sprintf("%q", n.Value)
	}
	return n.Kind.String()
}
