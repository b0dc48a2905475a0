package pdf

import (
	"fmt"
	"time"
)

// timeEvery is how many steps pass between two looks at the clock: a
// step is a byte or token read, so the clock is read every few
// microseconds of work, not on every byte.
const timeEvery = 4096

// spend is what one count has used of its Budget. Its first failure
// sticks, so that deep parsing code can stop by seeing an end of input
// and the top reports why.
type spend struct {
	b        Budget
	start    time.Time
	inflated int64
	objects  int
	steps    int
	err      error
}

func newSpend(b Budget) *spend { return &spend{b: b, start: time.Now()} }

// fail records err as the reason to stop, if there is none yet.
func (s *spend) fail(err error) error {
	if s.err == nil {
		s.err = err
	}
	return s.err
}

// step counts one unit of parsing work and reads the clock now and then.
func (s *spend) step() error {
	if s.err != nil {
		return s.err
	}
	s.steps++
	if s.steps%timeEvery == 0 && time.Since(s.start) > s.b.Time {
		return s.fail(fmt.Errorf("%w: more than %v", ErrBudget, s.b.Time))
	}
	return nil
}

// object counts one cross-reference entry or indirect object read.
func (s *spend) object() error {
	if err := s.step(); err != nil {
		return err
	}
	s.objects++
	if s.objects > s.b.Objects {
		return s.fail(fmt.Errorf("%w: more than %d objects", ErrBudget, s.b.Objects))
	}
	return nil
}

// inflate counts n bytes decompressed or held for searching.
func (s *spend) inflate(n int64) error {
	if s.err != nil {
		return s.err
	}
	s.inflated += n
	if s.inflated > s.b.Inflated {
		return s.fail(fmt.Errorf("%w: more than %d bytes inflated", ErrBudget, s.b.Inflated))
	}
	if time.Since(s.start) > s.b.Time {
		return s.fail(fmt.Errorf("%w: more than %v", ErrBudget, s.b.Time))
	}
	return nil
}
