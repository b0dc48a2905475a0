package build

import "iter"

// layer is a map that one build fills over the previous build's, which it
// never changes: reads look in the layer's own entries, then in the
// layers below. A failed rebuild drops its layer and the previous state
// stands as it was; a good one becomes the base of the next. Entries are
// never deleted: a build that makes other files starts a layer of its own.
//
// A layer is not safe for concurrent writes; reads may run concurrently
// with each other, and with writes to the layers above.
type layer[K comparable, V any] struct {
	own   map[K]V
	below *layer[K, V]
	depth int // layers below
	n     int // distinct keys in this layer and below
}

// maxDepth bounds how many layers a read looks through: over deeper
// stacks, over flattens them into one.
const maxDepth = 8

// newLayer returns an empty layer with room for size entries.
func newLayer[K comparable, V any](size int) *layer[K, V] {
	return &layer[K, V]{own: make(map[K]V, size)}
}

// flat returns a layer holding m, which it takes over.
func flat[K comparable, V any](m map[K]V) *layer[K, V] {
	if m == nil {
		m = map[K]V{}
	}
	return &layer[K, V]{own: m, n: len(m)}
}

// over returns an empty layer over l: a nil l gives an empty base layer,
// and a deep stack is first copied into one.
func (l *layer[K, V]) over() *layer[K, V] {
	if l == nil {
		return newLayer[K, V](0)
	}
	if l.depth+1 >= maxDepth {
		m := make(map[K]V, l.n)
		for k, v := range l.All() {
			m[k] = v
		}
		l = flat(m)
	}
	return &layer[K, V]{own: map[K]V{}, below: l, depth: l.depth + 1, n: l.n}
}

// Get returns k's value; a nil layer holds nothing.
func (l *layer[K, V]) Get(k K) (V, bool) {
	for ; l != nil; l = l.below {
		if v, ok := l.own[k]; ok {
			return v, true
		}
	}
	var zero V
	return zero, false
}

// Value returns k's value, or the zero value.
func (l *layer[K, V]) Value(k K) V {
	v, _ := l.Get(k)
	return v
}

// Set gives k the value v in this layer.
func (l *layer[K, V]) Set(k K, v V) {
	if _, ok := l.own[k]; !ok {
		if _, ok := l.below.Get(k); !ok {
			l.n++
		}
	}
	l.own[k] = v
}

// Len returns how many keys the layer and those below hold.
func (l *layer[K, V]) Len() int {
	if l == nil {
		return 0
	}
	return l.n
}

// All yields every key once, with its value as this layer sees it, in no
// particular order.
func (l *layer[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		for at := l; at != nil; at = at.below {
			for k, v := range at.own {
				if at != l && l.shadowed(k, at) {
					continue
				}
				if !yield(k, v) {
					return
				}
			}
		}
	}
}

// shadowed reports whether a layer above at, from l down, holds k.
func (l *layer[K, V]) shadowed(k K, at *layer[K, V]) bool {
	for up := l; up != at; up = up.below {
		if _, ok := up.own[k]; ok {
			return true
		}
	}
	return false
}
