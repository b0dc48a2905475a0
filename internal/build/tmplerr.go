package build

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"

	"risalah/internal/diag"
	"risalah/internal/render"
)

// templateErrors groups template execution errors: a mistake in a partial
// fails every page, and one message naming the template line (with the
// number of pages it broke) helps more than a thousand.
type templateErrors struct {
	mu   sync.Mutex
	seen map[string]*templateError
}

type templateError struct {
	err   error
	first render.Job
	pages int
}

func (t *templateErrors) add(err error, j render.Job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	key := err.Error()
	if e, ok := t.seen[key]; ok {
		e.pages++
		if j.Output < e.first.Output {
			e.first = j
		}
		return
	}
	t.seen[key] = &templateError{err: err, first: j, pages: 1}
}

var templatePosRe = regexp.MustCompile(`^template: ([^:]+):(\d+):(\d+): (.*)$`)

func (t *templateErrors) report(diags *diag.List) {
	keys := make([]string, 0, len(t.seen))
	for k := range t.seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := t.seen[k]
		pos := diag.Pos{File: e.first.Source}
		msg := e.err.Error()
		if m := templatePosRe.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			pos = diag.Pos{File: "templates/" + m[1], Line: line, Col: col}
			msg = m[4]
		}
		msg = fmt.Sprintf("%s (while rendering /%s", msg, e.first.Output)
		if e.pages > 1 {
			msg += fmt.Sprintf(" and %d more pages", e.pages-1)
		}
		msg += ")"
		diags.Errorf(pos, diag.CodeTemplate, "fix the template at this line, or delete the site's copy to use the built-in one", "%s", msg)
	}
}
