package build

import (
	"maps"
	"testing"
)

// TestLayer checks that a stack of layers reads as one map, that writing
// a layer leaves the ones below as they were, and that flattening a deep
// stack keeps every value.
func TestLayer(t *testing.T) {
	var none *layer[string, int]
	if _, ok := none.Get("a"); ok || none.Len() != 0 {
		t.Fatal("a nil layer holds something")
	}
	base := flat(map[string]int{"a": 1, "b": 2})
	want := map[string]int{"a": 1, "b": 2}
	stack := []*layer[string, int]{base}
	snapshots := []map[string]int{maps.Clone(want)}
	l := base
	for i := range 3 * maxDepth {
		l = l.over()
		key := string(rune('c' + i%5))
		l.Set(key, i)
		l.Set("a", -i)
		want[key], want["a"] = i, -i
		stack = append(stack, l)
		snapshots = append(snapshots, maps.Clone(want))
		if l.depth >= maxDepth {
			t.Fatalf("depth %d after %d layers", l.depth, i+1)
		}
	}
	for i, l := range stack {
		got := map[string]int{}
		for k, v := range l.All() {
			if _, twice := got[k]; twice {
				t.Fatalf("layer %d yields %q twice", i, k)
			}
			got[k] = v
		}
		if !maps.Equal(got, snapshots[i]) {
			t.Errorf("layer %d holds %v, want %v", i, got, snapshots[i])
		}
		if l.Len() != len(snapshots[i]) {
			t.Errorf("layer %d: Len %d, want %d", i, l.Len(), len(snapshots[i]))
		}
		for k, v := range snapshots[i] {
			if got, ok := l.Get(k); !ok || got != v {
				t.Errorf("layer %d: Get(%q) = %d, %v; want %d", i, k, got, ok, v)
			}
		}
	}
}
