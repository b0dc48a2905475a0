package site

import (
	"fmt"
	"strings"

	"risalah/internal/config"
	"risalah/internal/diag"
	"risalah/internal/meta"
)

// Agency is a meeting's organizer or one of its participants: an agency
// of site.yaml's registry, named by its key, or a name written out.
type Agency struct {
	// Of is the registry's agency, or nil for a name written out.
	Of *config.Agency
	// Text is the value as written: a key or a name.
	Text string
}

// Name returns the agency's name in lang: the registry's, falling back to
// the site's first language, or the name as written.
func (a Agency) Name(lang string, order []string) string {
	if a.Of != nil {
		return a.Of.Name.In(lang, order)
	}
	return a.Text
}

// Short returns the agency's short name in lang, or "".
func (a Agency) Short(lang string, order []string) string {
	if a.Of != nil {
		return a.Of.Short.In(lang, order)
	}
	return ""
}

// URL returns the agency's own site, or "".
func (a Agency) URL() string {
	if a.Of != nil {
		return a.Of.URL
	}
	return ""
}

// Key returns what makes one term of the agencies taxonomy in every
// language: the registry's key, or "" for a name written out.
func (a Agency) Key() string {
	if a.Of != nil {
		return a.Of.Key
	}
	return ""
}

// Names returns the names of agencies in lang.
func Names(agencies []Agency, lang string, order []string) []string {
	out := make([]string, len(agencies))
	for i, a := range agencies {
		out[i] = a.Name(lang, order)
	}
	return out
}

// resolveAgencies gives every meeting page its organizer and participants,
// looking each value up in the registry. A value written like a key that
// is close to one of the registry's is reported with that key.
func (s *Site) resolveAgencies(diags *diag.List) {
	cfg := s.Config
	var keys []string
	for _, a := range cfg.Agencies {
		keys = append(keys, a.Key)
	}
	one := func(p *Page, field, v string, at diag.Pos) Agency {
		v = strings.TrimSpace(v)
		a := Agency{Of: cfg.Agency(v), Text: v}
		own := p.Doc.Own.Get(field) != nil // a translation that inherits it is not reported again
		if a.Of == nil && own && len(keys) > 0 && !strings.ContainsAny(v, " \t") && strings.ToLower(v) == v {
			if k := meta.Suggest(v, keys, nil); k != "" {
				diags.Warnf(at, diag.CodeUnknownKey, fmt.Sprintf("did you mean %s? Write a key of site.yaml's agencies, or the agency's name in words", k),
					"%s %q is not a key of site.yaml's agencies, so the page shows it as written", strings.TrimSuffix(field, "s"), v)
			}
		}
		return a
	}
	for _, p := range s.Pages {
		m := p.Doc.Meeting
		if m == nil {
			continue
		}
		if m.Organizer != "" {
			p.Organizer = one(p, "organizer", m.Organizer, p.Doc.Pos("organizer"))
		}
		p.Participants = make([]Agency, len(m.Participants))
		for i, v := range m.Participants {
			p.Participants[i] = one(p, "participants", v, p.Doc.Pos("participants"))
		}
	}
}
