package content

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"risalah/internal/config"
	"risalah/internal/diag"
	"risalah/internal/meta"
	"risalah/internal/slug"
)

// decode fills d's typed fields from its merged front matter and checks each
// field on its own. Problems in a field are reported against the file that
// sets it: a translation does not repeat its original's errors.
func decode(d *Doc, cfg *config.Config, diags *diag.List) {
	// An unknown field is an error: a misspelt amends: or participants:
	// would otherwise publish a regulation as in force, or a meeting
	// without its participants, in a build that passes.
	own := &meta.Options{File: d.File, Unknown: diag.Error, Diags: diags, Loc: cfg.Loc, Suggest: fieldAliases(), Declared: cfg.OwnFields()}
	scratch := &meta.Options{File: d.File, Unknown: diag.Warning, Diags: &diag.List{}, Loc: cfg.Loc}
	run := func(v any, setCommon func()) {
		meta.Decode(d.Own, v, own)
		if d.Original != nil {
			meta.Decode(d.Fields, v, scratch)
		}
		setCommon()
	}
	switch d.Kind {
	case KindNews:
		var s newsSchema
		run(&s, func() { d.Common, d.News = s.Common, &s.NewsFields })
	case KindMeeting:
		var s meetingSchema
		run(&s, func() { d.Common, d.Meeting = s.Common, &s.MeetingFields })
	case KindRegulation:
		var s regulationSchema
		run(&s, func() { d.Common, d.Regulation = s.Common, &s.RegulationFields })
	default:
		var s pageSchema
		run(&s, func() { d.Common = s.Common })
	}
	d.params = nil
	for _, f := range cfg.Fields {
		if n := d.Fields.Get(f); n != nil {
			if d.params == nil {
				d.params = map[string]any{}
			}
			d.params[f] = nodeValue(n)
		}
	}
	validate(d, cfg, diags)
}

func validate(d *Doc, cfg *config.Config, diags *diag.List) {
	// Fields a translation inherits were checked in the original.
	inherited := func(field string) bool { return d.Own.Get(field) == nil && d.Original != nil }
	require := func(field, example string, missing bool) {
		// A field that is there but unreadable was reported by the decoder.
		if n := d.Fields.Get(field); n != nil && n.Kind != meta.Null && strings.TrimSpace(n.Value) != "" {
			return
		}
		if missing && !inherited(field) {
			diags.Errorf(diag.Pos{File: d.File, Line: d.Own.Line, Col: 1}, diag.CodeRequired,
				fmt.Sprintf("add a line such as %q to the front matter", field+": "+example),
				"missing required field %q", field)
		}
	}
	c := &d.Common
	if !c.Draft {
		// An example is no fact: a regulation published as "UU 1" or a
		// meeting "at Aula Kantor Imigrasi" because nobody replaced them.
		for _, u := range d.Unfilled {
			pos := diag.Pos{File: d.File, Line: u.Line, Col: 1}
			if u.Field == "" {
				diags.Errorf(pos, diag.CodePlaceholder, "write the document's text in its place", "the body still holds the sentence risalah new wrote as a placeholder")
				continue
			}
			diags.Errorf(pos, diag.CodePlaceholder, "write the real value; if the example is right, delete the comment after it (from #)",
				"field %q still holds the example that risalah new wrote", u.Field)
		}
	}
	if d.Own.Get("title") == nil || strings.TrimSpace(c.Title) == "" {
		// Every language version needs its own title.
		diags.Errorf(diag.Pos{File: d.File, Line: d.Own.Line, Col: 1}, diag.CodeRequired,
			"add a line such as \"title: Rapat Koordinasi TIMPORA 2023\" to the front matter", "missing required field \"title\"")
	}
	switch d.Kind {
	case KindNews:
		require("date", "2023-08-24", c.Date.IsZero())
		if d.News.Image != nil && !inherited("image") {
			checkLocalFile(d, diags, "image", -1, d.News.Image.Src)
		}
		for i, a := range d.News.Attachments {
			checkLocalFile(d, diags, "attachments", i, a.File)
		}
	case KindMeeting:
		m := d.Meeting
		require("date", "2023-08-23T09:00", c.Date.IsZero())
		require("venue", "Hotel Santika Banyuwangi", strings.TrimSpace(m.Venue) == "")
		require("organizer", "Kantor Imigrasi Kelas I TPI Jember", strings.TrimSpace(m.Organizer) == "")
		// A date-only end is the whole of its day: a meeting from 09:00
		// with end on the same day ends that day.
		endsBefore := m.End.Before(c.Date)
		if !m.End.HasTime {
			endsBefore = m.End.Time.In(c.Date.Time.Location()).Format("2006-01-02") < c.Date.Day()
		}
		if !m.End.IsZero() && !c.Date.IsZero() && endsBefore && !inherited("end") {
			diags.Errorf(d.Pos("end"), diag.CodeDate, "end must be on or after date", "the meeting ends (%s) before it starts (%s)", m.End.ISO(), c.Date.ISO())
		}
		if m.Status != "" && !inherited("status") {
			checkVocab(d, diags, "status", m.Status, []string{"scheduled", "held", "cancelled"})
		}
		for i, a := range m.Attachments {
			checkLocalFile(d, diags, "attachments", i, a.File)
		}
		for i, ph := range m.Photos {
			checkLocalFile(d, diags, "photos", i, ph.Src)
		}
	case KindRegulation:
		r := d.Regulation
		require("type", "UU", strings.TrimSpace(r.Type) == "")
		require("number", "\"6\"", strings.TrimSpace(r.Number) == "")
		require("year", "2011", r.Year == 0)
		if r.Type != "" && !inherited("type") {
			if t := cfg.RegType(r.Type); t == nil {
				var codes []string
				for _, t := range cfg.RegTypes {
					codes = append(codes, t.Code)
				}
				hint := fmt.Sprintf("use one of %s, or add the type to regulationTypes in site.yaml", strings.Join(codes, ", "))
				if s := meta.Suggest(r.Type, codes, nil); s != "" {
					hint = fmt.Sprintf("did you mean %q? %s", s, hint)
				}
				diags.Errorf(d.Pos("type"), diag.CodeValue, hint, "unknown regulation type %q", r.Type)
			} else {
				r.Type = t.Code
			}
		}
		if r.Year != 0 && (r.Year < 1945 || r.Year > 2100) && !inherited("year") {
			diags.Errorf(d.Pos("year"), diag.CodeValue, "write the four-digit year the regulation was enacted", "year %d is out of range", r.Year)
		}
		if r.Status != "" && !inherited("status") {
			checkVocab(d, diags, "status", r.Status, []string{"in-force", "amended", "revoked"})
		}
		for i, f := range r.Files {
			checkLocalFile(d, diags, "files", i, f.File)
		}
	}
	if c.PPID != "" && !inherited("ppid") {
		checkVocab(d, diags, "ppid", c.PPID, append(PPIDCategories(), PPIDExempt))
	}
	if c.Slug != "" && d.Own.Get("slug") != nil {
		if err := CheckSlug(c.Slug); err != "" {
			diags.Errorf(d.Pos("slug"), diag.CodeEscape, slugHint(c.Slug), "slug %q %s", c.Slug, err)
			c.Slug = ""
		}
	}
	for i, a := range c.Aliases {
		if err := CheckAlias(a); err != "" && d.Own.Get("aliases") != nil {
			diags.Errorf(d.ItemPos("aliases", i), diag.CodeEscape, "write a path inside the site, such as /berita/lama/", "alias %q %s", a, err)
		}
	}
}

func checkVocab(d *Doc, diags *diag.List, field, v string, allowed []string) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	hint := fmt.Sprintf("use one of %s", strings.Join(allowed, ", "))
	if s := meta.Suggest(v, allowed, nil); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	diags.Errorf(d.Pos(field), diag.CodeValue, hint, "%s %q is not allowed", field, v)
}

// checkLocalFile checks that an attachment names a file inside the bundle;
// i is -1 for a field that is not a list. Images may also name a file of
// static/ from the site's root, such as /images/kantor.jpg.
func checkLocalFile(d *Doc, diags *diag.List, field string, i int, file string) {
	if d.Own.Get(field) == nil && d.Original != nil {
		return
	}
	pos := d.Pos(field)
	if i >= 0 {
		pos = d.ItemPos(field, i)
	}
	if scheme, _, ok := strings.Cut(file, ":"); ok && schemeRe.MatchString(scheme) {
		// An address: only the web's. A file: or ftp: one would put the
		// editor's own disk or an old server into the page.
		if !config.WebURL(file) {
			diags.Errorf(pos, diag.CodeUnsafeLink, "name a file of the page's folder, or an https:// address", "%s %q is not an http(s) address", field, file)
		}
		return
	}
	if field == "attachments" || field == "files" {
		switch strings.ToLower(path.Ext(file)) {
		case ".tif", ".tiff", ".heic", ".heif", ".avif":
			// Published as they are, these would carry the camera's
			// metadata, and browsers do not all open them.
			diags.Errorf(pos, diag.CodeImage, "attach the document as PDF, or show the picture with image:, photos: or ![…](…), which publish it as JPEG",
				"%s file %q is a photo format that is not published as it is", field, file)
			return
		}
	}
	if (field == "image" || field == "photos") && strings.HasPrefix(file, "/") {
		return
	}
	if d.Bundle == "" {
		if !strings.Contains(file, "://") {
			diags.Errorf(pos, diag.CodeBrokenLink, "turn the document into a page bundle: a folder with index.md and the file beside it", "%s %q needs the document to be a page bundle", field, file)
		}
		return
	}
	if strings.Contains(file, "://") {
		return
	}
	if file == "" || path.IsAbs(file) || strings.Contains(file, "\\") || strings.HasPrefix(path.Clean(file), "..") {
		diags.Errorf(pos, diag.CodeEscape, "name a file inside the bundle folder", "%s file %q is outside the bundle", field, file)
	}
}

// schemeRe matches what comes before the colon of an address with a
// scheme (https, file, javascript), and not a Windows drive letter's.
var schemeRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]+$`)

// MaxSlug is the longest slug, in bytes: with its section and language,
// a page's path stays far below what file systems and servers accept.
const MaxSlug = 100

// CheckSlug returns why s cannot be a page's URL segment, or "" if it can.
// The policy: lowercase ASCII letters, digits, hyphens, underscores and
// dots, starting with a letter or a digit, at most MaxSlug bytes; so that
// every address can be typed, read aloud and shown the same way in every
// browser, and means the same on every file system.
func CheckSlug(s string) string {
	switch {
	case s == "." || s == "..":
		return "would write outside its section"
	case strings.ContainsAny(s, "/\\"):
		return "contains a slash; a slug is one URL segment"
	case len(s) > MaxSlug:
		return fmt.Sprintf("is %d bytes long, more than %d", len(s), MaxSlug)
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
		case r >= 'A' && r <= 'Z':
			return "has capital letters; addresses are written in lowercase"
		case r > 127:
			return fmt.Sprintf("has %q, which is not a plain letter or digit (U+%04X)", r, r)
		default:
			return fmt.Sprintf("has %q; use letters, digits and hyphens", r)
		}
	}
	if c := s[0]; c == '-' || c == '_' || c == '.' {
		return "starts with " + string(c) + "; start it with a letter or a digit"
	}
	return CheckPortable(s)
}

// slugHint suggests a slug in place of s.
func slugHint(s string) string {
	if m := slug.Make(s); m != "" && m != s {
		return fmt.Sprintf("write it as %q", m)
	}
	return "use lowercase letters, digits and hyphens, such as rakor-timpora-2023"
}

// CheckAlias returns why a cannot be an alias path, or "" if it can.
func CheckAlias(a string) string {
	if strings.ContainsAny(a, "\\\x00?#<>\"") || strings.Contains(a, "://") {
		return "is not a plain path"
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == ".." {
			return "would write outside the output folder"
		}
	}
	if strings.Trim(a, "/") == "" {
		return "would replace the home page"
	}
	return CheckPortablePath(strings.Trim(a, "/"))
}
