// Package work runs a build's independent tasks on every core.
package work

import (
	"context"
	"runtime"
	"sync"
)

// Each calls fn(i) for i in [0, n) on GOMAXPROCS goroutines and returns when
// all calls have returned. It stops handing out work once ctx is done.
func Each(ctx context.Context, n int, fn func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
