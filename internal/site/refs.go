package site

import (
	"fmt"
	"sort"
	"strings"

	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/meta"
)

// refs returns the keys a document refers to in field, with positions.
func (s *Site) resolveKeys(p *Page, field string, keys []string, kind content.Kind, diags *diag.List) []*Entry {
	var out []*Entry
	for i, k := range keys {
		e := s.byKey[kind][k]
		if e == nil {
			inherited := p.Doc.Own.Get(field) == nil && p.Doc.Original != nil
			if inherited {
				continue // reported once, in the original
			}
			hint := fmt.Sprintf("use the file name of a document in content/%s without .md", kind)
			if d := s.unpublished(kind, k); d != nil {
				diags.Warnf(p.Doc.ItemPos(field, i), diag.CodeUnknownKey, "publish it or remove the reference", "%s %q is a draft or not yet published, so it is left out", field, k)
				continue
			}
			if sug := s.suggestKey(kind, k); sug != "" {
				hint = fmt.Sprintf("did you mean %q?", sug)
			}
			diags.Errorf(p.Doc.ItemPos(field, i), diag.CodeUnknownKey, hint, "%s: no %s document with key %q", field, kind, k)
			continue
		}
		out = append(out, e)
	}
	return out
}

func (s *Site) unpublished(kind content.Kind, key string) *content.Doc {
	for _, d := range s.byFile {
		if d.Kind == kind && d.Key == key {
			return d
		}
	}
	return nil
}

func (s *Site) suggestKey(kind content.Kind, key string) string {
	keys := make([]string, 0, len(s.byKey[kind]))
	for k := range s.byKey[kind] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return meta.Suggest(key, keys, nil)
}

func (s *Site) resolveRefs(diags *diag.List) {
	cited := map[*Entry]map[*Entry]bool{}
	cite := func(target, by *Entry) {
		if cited[target] == nil {
			cited[target] = map[*Entry]bool{}
		}
		cited[target][by] = true
	}
	selfRef := map[diag.Pos]bool{}
	for _, e := range s.Entries {
		// Keys are facts shared by all versions: resolve them on the main
		// version, and check the others only for their own errors.
		main := e.Main()
		for _, l := range e.order {
			p, ok := e.Versions[l]
			if !ok {
				continue
			}
			var regs, meets, amends, revokes []*Entry
			switch e.Kind {
			case content.KindNews:
				regs = s.resolveKeys(p, "regulations", p.Doc.News.Regulations, content.KindRegulation, diags)
				meets = s.resolveKeys(p, "meetings", p.Doc.News.Meetings, content.KindMeeting, diags)
			case content.KindMeeting:
				regs = s.resolveKeys(p, "regulations", p.Doc.Meeting.Regulations, content.KindRegulation, diags)
			case content.KindRegulation:
				amends = s.resolveKeys(p, "amends", p.Doc.Regulation.Amends, content.KindRegulation, diags)
				revokes = s.resolveKeys(p, "revokes", p.Doc.Regulation.Revokes, content.KindRegulation, diags)
				for _, f := range []struct {
					field string
					keys  []string
					verb  string
				}{{"amends", p.Doc.Regulation.Amends, "amend"}, {"revokes", p.Doc.Regulation.Revokes, "revoke"}} {
					for i, k := range f.keys {
						// A translation inherits the field: the error is the
						// original's, reported once.
						if pos := p.Doc.ItemPos(f.field, i); k == e.Key && !selfRef[pos] {
							selfRef[pos] = true
							diags.Errorf(pos, diag.CodeUnknownKey, "remove it", "a regulation cannot %s itself", f.verb)
						}
					}
				}
			}
			if p == main {
				e.Regulations, e.Meetings, e.Amends, e.Revokes = regs, meets, amends, revokes
			}
		}
		for _, r := range e.Regulations {
			cite(r, e)
		}
		for _, m := range e.Meetings {
			cite(m, e)
		}
		for _, t := range e.Amends {
			if t != e {
				t.AmendedBy = append(t.AmendedBy, e)
			}
		}
		for _, t := range e.Revokes {
			if t != e {
				t.RevokedBy = append(t.RevokedBy, e)
			}
		}
	}
	s.checkCycles(diags)
	for t, by := range cited {
		for e := range by {
			t.CitedBy = append(t.CitedBy, e)
		}
		sort.Slice(t.CitedBy, func(i, j int) bool {
			a, b := t.CitedBy[i].Main().Date().Time, t.CitedBy[j].Main().Date().Time
			if !a.Equal(b) {
				return a.After(b)
			}
			return t.CitedBy[i].Key < t.CitedBy[j].Key
		})
	}
	for _, e := range s.Entries {
		sortByRegOrder(e.AmendedBy)
		sortByRegOrder(e.RevokedBy)
	}
}

func sortByRegOrder(es []*Entry) {
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i].Main().Doc.Regulation, es[j].Main().Doc.Regulation
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return es[i].Key < es[j].Key
	})
}

func (s *Site) deriveStatus(diags *diag.List) {
	for _, e := range s.Entries {
		for _, p := range e.Versions {
			switch e.Kind {
			case content.KindMeeting:
				last := p.Doc.Common.Date.Time
				if m := p.Doc.Meeting; !m.End.IsZero() {
					last = m.End.Time
					if !m.End.HasTime {
						last = last.AddDate(0, 0, 1) // a date-only end is the whole of that day
					}
				} else if !p.Doc.Common.Date.HasTime {
					last = last.AddDate(0, 0, 1) // a date-only meeting lasts the whole day
				}
				p.Status = p.Doc.Meeting.Status
				switch {
				case p.Status == "":
					p.Status = "scheduled"
					if last.Before(s.Now) {
						p.Status = "held"
					}
				case p.Status == "scheduled" && last.Before(s.Now) && p.Doc.Own.Get("status") != nil:
					diags.Warnf(p.Doc.Pos("status"), diag.CodeStatus, "set status: held, or cancelled, or remove status and let the date decide",
						"status: scheduled, but the meeting was over by %s", last.In(s.Config.Loc).Format("2006-01-02 15:04"))
				}
			case content.KindRegulation:
				stated := p.Doc.Regulation.Status
				p.Status = "in-force"
				if len(e.AmendedBy) > 0 {
					p.Status = "amended"
				}
				if len(e.RevokedBy) > 0 {
					p.Status = "revoked"
				}
				if stated != "" && stated != p.Status {
					if p.Status == "in-force" {
						p.Status = stated // stated by the editor, with no record here of why
					} else if p.Doc.Own.Get("status") != nil {
						diags.Warnf(p.Doc.Pos("status"), diag.CodeStatus, "remove status: it is derived from the regulations that amend or revoke this one",
							"status %q contradicts the record: this regulation is %s by %s", stated, p.Status, joinKeys(append(e.RevokedBy, e.AmendedBy...)))
					}
				}
			}
			if o := p.Doc.Original; o != nil && !o.Common.Updated.IsZero() {
				asOf := p.Doc.Common.Date
				if p.Doc.Own.Get("updated") != nil {
					asOf = p.Doc.Common.Updated
				}
				p.Outdated = asOf.Before(o.Common.Updated)
			}
		}
	}
}

// checkRegNumbers reports two regulations with one type, number and
// year: one regulation written twice, or a wrong number. Leading zeros
// do not count ("010" is "10").
func (s *Site) checkRegNumbers(diags *diag.List) {
	seen := map[string]*Page{}
	for _, e := range s.Entries {
		if e.Kind != content.KindRegulation {
			continue
		}
		p := e.Main()
		rg := p.Doc.Regulation
		n := strings.TrimLeft(rg.Number, "0")
		k := fmt.Sprintf("%s|%s|%d", strings.ToLower(rg.Type), n, rg.Year)
		if other, ok := seen[k]; ok {
			diags.Add(&diag.Diagnostic{Pos: p.Doc.Pos("number"), Severity: diag.Error, Code: diag.CodeDuplicateKey,
				Msg:     fmt.Sprintf("%s %s/%d is also %s", rg.Type, rg.Number, rg.Year, other.Doc.File),
				Hint:    "keep one file for the regulation, or correct its type, number or year",
				Related: []diag.Pos{other.Doc.Pos("number")}})
			continue
		}
		seen[k] = p
	}
}

func joinKeys(es []*Entry) string {
	var ks []string
	for _, e := range es {
		ks = append(ks, e.Key)
	}
	return strings.Join(ks, ", ")
}

// checkCycles reports every ring of regulations that amend or revoke one
// another (A amends B, B revokes A): a later regulation changes an
// earlier one, so such a record cannot be right. Each ring is reported
// once, at the first of its members (by key) where it points into the
// ring, naming every member.
func (s *Site) checkCycles(diags *diag.List) {
	next := func(e *Entry) []*Entry {
		var out []*Entry
		for _, t := range append(append([]*Entry(nil), e.Amends...), e.Revokes...) {
			if t != e {
				out = append(out, t)
			}
		}
		return out
	}
	// Tarjan's strongly connected components, over the entries in order.
	index := map[*Entry]int{}
	low := map[*Entry]int{}
	on := map[*Entry]bool{}
	var stack []*Entry
	var visit func(e *Entry)
	visit = func(e *Entry) {
		index[e], low[e] = len(index), len(index)
		stack = append(stack, e)
		on[e] = true
		for _, t := range next(e) {
			if _, seen := index[t]; !seen {
				visit(t)
				low[e] = min(low[e], low[t])
			} else if on[t] {
				low[e] = min(low[e], index[t])
			}
		}
		if low[e] != index[e] {
			return
		}
		var ring []*Entry
		for {
			t := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			on[t] = false
			ring = append(ring, t)
			if t == e {
				break
			}
		}
		if len(ring) > 1 {
			s.reportRing(ring, diags)
		}
	}
	for _, e := range s.Entries {
		if _, seen := index[e]; !seen && e.Kind == content.KindRegulation {
			visit(e)
		}
	}
}

// reportRing reports one ring of regulations that amend or revoke one
// another.
func (s *Site) reportRing(ring []*Entry, diags *diag.List) {
	sort.Slice(ring, func(i, j int) bool { return ring[i].Key < ring[j].Key })
	in := map[*Entry]bool{}
	for _, e := range ring {
		in[e] = true
	}
	first := ring[0].Main()
	pos := first.Doc.Pos("amends")
	for _, f := range []struct {
		field string
		keys  []string
	}{{"amends", first.Doc.Regulation.Amends}, {"revokes", first.Doc.Regulation.Revokes}} {
		found := false
		for i, k := range f.keys {
			if t := s.byKey[content.KindRegulation][k]; t != nil && in[t] {
				pos, found = first.Doc.ItemPos(f.field, i), true
				break
			}
		}
		if found {
			break
		}
	}
	var related []diag.Pos
	for _, e := range ring[1:] {
		related = append(related, diag.Pos{File: e.Main().Doc.File})
	}
	diags.Add(&diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: diag.CodeCycle,
		Msg:     fmt.Sprintf("regulations %s amend or revoke one another in a ring: each is changed by one that it changes", joinKeys(ring)),
		Hint:    "an amending or revoking regulation is the later one: remove the key from the earlier regulation's amends or revokes",
		Related: related})
}
