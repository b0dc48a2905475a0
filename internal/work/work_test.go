package work

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	var sum atomic.Int64
	Each(context.Background(), 1000, func(i int) { sum.Add(int64(i)) })
	if got := sum.Load(); got != 999*1000/2 {
		t.Errorf("sum = %d, want %d", got, 999*1000/2)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int64
	Each(ctx, 1000, func(int) { calls.Add(1) })
	if calls.Load() != 0 {
		t.Errorf("a cancelled context still ran %d calls", calls.Load())
	}
	Each(context.Background(), 0, func(int) { t.Error("called with n = 0") })
}
