package build

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"reflect"
	"sort"
	"time"

	"risalah/internal/content"
	"risalah/internal/render"
	"risalah/internal/site"
)

// sum is a SHA-256 fingerprint.
type sum = content.Sum

// fingerprinter hashes a page's view: every exported value a template can
// reach through its fields. Two views with the same fingerprint, executed
// with the same templates and texts, give the same page, so a rebuild can
// skip the template. Fields tagged `fingerprint:"-"` are left out; they
// must be covered by the build's global fingerprint instead.
type fingerprinter struct {
	buf    []byte
	fields map[reflect.Type][]int // the fields of a struct type to hash
	// shows collects the documents whose links the view holds, with
	// their summaries: what the page must be made again for when one of
	// those summaries changes.
	shows []*site.Entry
}

// fieldsOf returns the indexes of t's fields that a fingerprint covers.
func (f *fingerprinter) fieldsOf(t reflect.Type) []int {
	if idx, ok := f.fields[t]; ok {
		return idx
	}
	idx := []int{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.IsExported() && sf.Tag.Get("fingerprint") != "-" {
			idx = append(idx, i)
		}
	}
	if f.fields == nil {
		f.fields = map[reflect.Type][]int{}
	}
	f.fields[t] = idx
	return idx
}

var (
	timeType = reflect.TypeFor[time.Time]()
	linkType = reflect.TypeFor[render.Link]()
)

// sum hashes v and extra fingerprints (such as a body's and its
// templates') together.
func (f *fingerprinter) sum(v any, extras ...sum) sum {
	f.buf = f.buf[:0]
	f.shows = f.shows[:0]
	for _, e := range extras {
		f.buf = append(f.buf, e[:]...)
	}
	f.value(reflect.ValueOf(v))
	return sha256.Sum256(f.buf)
}

func (f *fingerprinter) str(s string) {
	f.buf = binary.AppendUvarint(f.buf, uint64(len(s)))
	f.buf = append(f.buf, s...)
}

func (f *fingerprinter) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		f.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			f.buf = append(f.buf, 1)
		} else {
			f.buf = append(f.buf, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.buf = binary.AppendVarint(f.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		f.buf = binary.AppendUvarint(f.buf, v.Uint())
	case reflect.Float32, reflect.Float64:
		f.buf = binary.LittleEndian.AppendUint64(f.buf, math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			f.buf = append(f.buf, 0)
			return
		}
		f.buf = append(f.buf, 1)
		f.value(v.Elem())
	case reflect.Slice, reflect.Array:
		n := v.Len()
		f.buf = binary.AppendUvarint(f.buf, uint64(n))
		for i := range n {
			f.value(v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		f.buf = binary.AppendUvarint(f.buf, uint64(len(keys)))
		for _, k := range keys {
			f.value(k)
			f.value(v.MapIndex(k))
		}
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			f.buf = binary.AppendVarint(f.buf, t.UnixNano())
			f.str(t.Location().String())
			_, off := t.Zone()
			f.buf = binary.AppendVarint(f.buf, int64(off))
			return
		}
		if v.Type() == linkType {
			var l *render.Link
			if v.CanAddr() {
				l = v.Addr().Interface().(*render.Link)
			} else {
				c := v.Interface().(render.Link)
				l = &c
			}
			if e := l.Entry(); e != nil {
				f.shows = append(f.shows, e)
			}
		}
		for _, i := range f.fieldsOf(v.Type()) {
			f.value(v.Field(i))
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Invalid:
		// Nothing a template can print.
		f.buf = append(f.buf, 0xff)
	default:
		panic("fingerprint: unhandled kind " + v.Kind().String())
	}
}
