// Package config holds the typed site configuration read from site.yaml.
//
// Decoding is strict: an unknown key is an error with its line, and a
// misspelt one gets a "did you mean" hint.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Jakarta must load on machines without zoneinfo

	"risalah/internal/diag"
	"risalah/internal/meta"
	"risalah/internal/textenc"
)

// FileName is the configuration file at the top of a site folder.
const FileName = "site.yaml"

// SectionNames returns the kinds of document the content model knows, in the
// order they appear on the home page and in menus.
func SectionNames() []string { return []string{"news", "meetings", "regulations"} }

// Config is the whole site configuration.
type Config struct {
	Title       Text       `meta:"title,required"`
	Description Text       `meta:"description"`
	BaseURL     string     `meta:"baseURL"`
	Languages   []Language `meta:"languages"`
	TimeZone    string     `meta:"timezone"`
	PageSize    int        `meta:"pageSize"`
	Sections    Sections   `meta:"sections"`
	Menus       Menus      `meta:"menus"`
	Markdown    Markdown   `meta:"markdown"`
	Search      Search     `meta:"search"`
	Images      Images     `meta:"images"`
	Office      Office     `meta:"office"`
	RegTypes    []RegType  `meta:"regulationTypes"`
	Agencies    []Agency   `meta:"agencies"`
	Paths       Paths      `meta:"paths"`
	// Fields names the front-matter fields of the site's own, which its
	// templates read (Doc.Param); any other field a document's schema
	// does not know is an error.
	Fields    []string        `meta:"fields"`
	ownFields map[string]bool // Fields as a set, made when the config is read
	Loc       *time.Location  `meta:"-"`
	root      *meta.Node
}

// Pos returns the position in site.yaml of the value at the path of keys
// (such as "menus", "main"), or of the nearest parent that exists.
func (c *Config) Pos(keys ...string) diag.Pos {
	n := c.root
	pos := diag.Pos{File: FileName}
	for _, k := range keys {
		if n == nil {
			break
		}
		if n.Kind == meta.Seq {
			i := 0
			fmt.Sscan(k, &i)
			if i >= 0 && i < len(n.Items) {
				n = n.Items[i]
			} else {
				n = nil
			}
		} else {
			n = n.Get(k)
		}
		if n != nil {
			pos.Line, pos.Col = n.Line, n.Col
		}
	}
	return pos
}

// Text is a string given per language code.
type Text map[string]string

// DecodeMeta implements meta.Decoder: a mapping of language codes to
// texts. One text alone is an error that shows the form to write.
func (t *Text) DecodeMeta(n *meta.Node, _ *meta.Options) error {
	switch n.Kind {
	case meta.Map:
		m := Text{}
		for i, k := range n.Keys {
			v := n.Values[i]
			if v.Kind != meta.Scalar {
				return &meta.FieldError{Code: diag.CodeType, Msg: fmt.Sprintf("%s: expected a text, found %s", k.Value, v.Kind),
					Hint: "write one line of text for each language code"}
			}
			m[k.Value] = v.Value
		}
		*t = m
		return nil
	case meta.Scalar:
		return &meta.FieldError{Code: diag.CodeType, Msg: fmt.Sprintf("expected a text for each language, found only %q", n.Value),
			Hint: fmt.Sprintf("write it per language code, such as {id: %s, en: …}", n.Value)}
	}
	return &meta.FieldError{Code: diag.CodeType, Msg: fmt.Sprintf("expected a text for each language, found %s", n.Kind),
		Hint: "write it per language code, such as {id: Kantor Imigrasi, en: Immigration Office}"}
}

// BasePath returns the path of baseURL without its final slash, such as
// "/kanim-banyuwangi" for https://example.go.id/kanim-banyuwangi/, or ""
// when the site is published at the root of its host.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || c.BaseURL == "" {
		return ""
	}
	return strings.TrimSuffix(u.EscapedPath(), "/")
}

// Origin returns baseURL's scheme and host, such as https://example.go.id,
// to which the site's URLs (which start with the base path) are added to
// make absolute ones; "" without a baseURL.
func (c *Config) Origin() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || c.BaseURL == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// In returns the text for lang, falling back to the first language given.
func (t Text) In(lang string, order []string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	for _, l := range order {
		if s, ok := t[l]; ok {
			return s
		}
	}
	return ""
}

// Language is one language of the site.
type Language struct {
	Code string `meta:"code,required"`
	Name string `meta:"name,required"` // the language's own name, as shown in the switcher
}

// Section names one section's URL slug and title in each language.
type Section struct {
	Slug  Text `meta:"slug"`
	Title Text `meta:"title"`
}

// Sections maps a section ("news", "meetings", "regulations") to its names.
type Sections struct {
	News        Section `meta:"news"`
	Meetings    Section `meta:"meetings"`
	Regulations Section `meta:"regulations"`
}

// Get returns the named section's settings.
func (s *Sections) Get(name string) *Section {
	switch name {
	case "news":
		return &s.News
	case "meetings":
		return &s.Meetings
	case "regulations":
		return &s.Regulations
	}
	return nil
}

// Menus holds the site's navigation menus.
type Menus struct {
	Main   []MenuEntry `meta:"main"`
	Footer []MenuEntry `meta:"footer"`
}

// MenuEntry is one link in a menu: to a section, a page by its key, or a URL.
type MenuEntry struct {
	Section string `meta:"section"`
	Page    string `meta:"page"`
	URL     string `meta:"url"`
	Name    Text   `meta:"name"`
}

// Markdown holds Markdown rendering options.
type Markdown struct {
	// Unsafe lets raw HTML in Markdown through to the page. Off by default:
	// raw HTML is dropped with a warning.
	Unsafe bool `meta:"unsafe"`
	// MaxSize is the largest document body rendered, DefaultMaxSize unless
	// given; a larger one is an error, so that one file cannot stall a
	// build or the preview.
	MaxSize Size `meta:"maxSize"`
}

// Search holds the options of the search pages and their index.
type Search struct {
	// Disabled leaves out the search pages, their index and the header's
	// search form.
	Disabled bool `meta:"disabled"`
}

// Images holds how the photos of page bundles are published. A zero
// field is the default of internal/imaging, which makes the copies:
// widths 480, 960 and 1600, quality 80, 50 megapixels.
type Images struct {
	// Widths are the widths of the copies made of each photo, in pixels,
	// smallest first; never wider than the photo itself.
	Widths []int `meta:"widths"`
	// Quality is the JPEG quality of the copies, 1 to 100.
	Quality int `meta:"quality"`
	// MaxPixels is the largest photo accepted, width × height: a larger
	// one is refused before it is decoded.
	MaxPixels int64 `meta:"maxPixels"`
}

// DefaultMaxSize is markdown.maxSize when site.yaml gives none, the same
// as the Markdown renderer's own default.
const DefaultMaxSize Size = 1 << 20

// Size is a number of bytes, written in site.yaml as a whole number of
// bytes or with KiB or MiB, such as 512KiB or 2MiB.
type Size int

// DecodeMeta implements meta.Decoder.
func (z *Size) DecodeMeta(n *meta.Node, _ *meta.Options) error {
	const hint = "write a size such as 512KiB or 2MiB"
	if n.Kind != meta.Scalar {
		return &meta.FieldError{Code: diag.CodeType, Msg: fmt.Sprintf("expected a size, found %s", n.Kind), Hint: hint}
	}
	v := strings.TrimSpace(n.Value)
	unit := 1
	for _, u := range []struct {
		suffix string
		n      int
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}} {
		if num, ok := strings.CutSuffix(v, u.suffix); ok {
			v, unit = strings.TrimSpace(num), u.n
			break
		}
	}
	i, err := strconv.Atoi(v)
	// At most 1 GiB: beyond that a body is not a web page, and the
	// product stays far from overflowing an int.
	if err != nil || i < 1 || i > (1<<30)/unit {
		return &meta.FieldError{Code: diag.CodeConfig, Msg: fmt.Sprintf("%q is not a size from 1 byte to 1024MiB", n.Value), Hint: hint}
	}
	*z = Size(i * unit)
	return nil
}

// Office describes the organisation that publishes the site: its name and
// parent body head every page, and its contact details fill the footer.
type Office struct {
	Name    Text     `meta:"name"`
	Parent  Text     `meta:"parent"` // the body it belongs to, such as a directorate general
	Address string   `meta:"address"`
	Phone   string   `meta:"phone"`
	Email   string   `meta:"email"`
	Hours   Text     `meta:"hours"` // opening hours for the public, per language
	Social  []Social `meta:"social"`
	// Logo is the office's coat of arms or emblem, a file of static/,
	// shown in the header, as the browser's icon and, a PNG, as the
	// picture of link previews of pages without one of their own.
	Logo Logo `meta:"logo"`
}

// Logo is an image of static/ with its text alternative.
type Logo struct {
	Src string `meta:"src"` // a path of the site, such as /img/logo-kanim.png
	Alt Text   `meta:"alt"` // what it shows, per language
}

// Social is one of the office's accounts elsewhere, linked from the footer.
type Social struct {
	Name string `meta:"name,required"` // as the service writes itself, such as Instagram
	URL  string `meta:"url,required"`
}

// RegType is one regulation type of the vocabulary.
type RegType struct {
	Code string `meta:"code,required"`
	Name Text   `meta:"name,required"`
	Rank int    `meta:"rank"` // position in the hierarchy; lower is higher
}

// Agency is one agency of the registry in site.yaml: a meeting's
// organizer and participants may name it by its key, and every language
// then shows its name in that language.
type Agency struct {
	Key   string `meta:"key,required"`
	Name  Text   `meta:"name,required"`
	Short Text   `meta:"short"` // a short name, such as "Kanim Jember"
	URL   string `meta:"url"`   // the agency's own site
}

// Agency returns the agency of the registry with the key given, or nil.
func (c *Config) Agency(key string) *Agency {
	for i := range c.Agencies {
		if c.Agencies[i].Key == key {
			return &c.Agencies[i]
		}
	}
	return nil
}

// Paths names the folders of a site, relative to the site folder.
type Paths struct {
	Content   string `meta:"content"`
	Templates string `meta:"templates"`
	Static    string `meta:"static"`
}

// LangCodes returns the language codes in order; the first is the default.
func (c *Config) LangCodes() []string {
	out := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		out[i] = l.Code
	}
	return out
}

// DefaultLang returns the code of the default language.
func (c *Config) DefaultLang() string { return c.Languages[0].Code }

// HasLang reports whether code is a language of the site.
func (c *Config) HasLang(code string) bool {
	for _, l := range c.Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// RegType returns the vocabulary entry for code, or nil.
func (c *Config) RegType(code string) *RegType {
	for i := range c.RegTypes {
		if strings.EqualFold(c.RegTypes[i].Code, code) {
			return &c.RegTypes[i]
		}
	}
	return nil
}

var (
	langRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)
	slugRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	// fieldNameRe is the form of a site's own front-matter field.
	fieldNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// Parse decodes a site.yaml held in src. Problems go to diags; the returned
// config has defaults filled in and is usable as far as it could be read.
func Parse(file string, src []byte, diags *diag.List) *Config {
	c := &Config{}
	if why := notUTF8(src); why != "" {
		diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, diag.CodeEncoding, textenc.Hint, "%s", why)
		c.validate(file, &meta.Node{Kind: meta.Map}, &diag.List{})
		return c
	}
	root, err := meta.Parse(meta.YAML, src, 1)
	if meta.ReportLimit(err, file, diags) {
		err = nil
		root = &meta.Node{Kind: meta.Map}
	}
	if err != nil {
		var se *meta.SyntaxError
		if errors.As(err, &se) {
			diags.Errorf(diag.Pos{File: file, Line: se.Line, Col: se.Col}, diag.CodeSyntax, "check indentation and quoting on or just before this line", "malformed YAML: %s", se.Msg)
		} else {
			diags.Errorf(diag.Pos{File: file}, diag.CodeSyntax, "", "%v", err)
		}
		c.validate(file, &meta.Node{Kind: meta.Map}, &diag.List{})
		return c
	}
	if root.Kind != meta.Map {
		diags.Errorf(diag.Pos{File: file, Line: root.Line, Col: root.Col}, diag.CodeConfig, "start with lines such as \"title:\"", "site.yaml must be a mapping of settings")
		root = &meta.Node{Kind: meta.Map}
	}
	meta.Decode(root, c, &meta.Options{File: file, Unknown: diag.Error, Diags: diags,
		Suggest: map[string]string{"baseurl": "baseURL", "base_url": "baseURL", "languagecode": "languages", "judul": "title", "bahasa": "languages", "zonawaktu": "timezone", "pagesize": "pageSize", "paginate": "pageSize"}})
	c.root = root
	c.validate(file, root, diags)
	return c
}

// Load reads site.yaml from the top of fsys.
func Load(fsys fs.FS, diags *diag.List) *Config {
	src, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(diag.Pos{File: FileName}, diag.CodeConfig, "create site.yaml with at least a \"title:\" in the site folder, or pass -s with the site folder", "no site.yaml in the site folder")
		} else {
			diags.Errorf(diag.Pos{File: FileName}, diag.CodeRead, "", "cannot read site.yaml: %v", err)
		}
		c := &Config{}
		c.validate(FileName, &meta.Node{Kind: meta.Map}, &diag.List{})
		return c
	}
	return Parse(FileName, src, diags)
}

// validateImages checks images; a value it refuses becomes the default.
func (c *Config) validateImages(diags *diag.List) {
	im := &c.Images
	pos := func(key string) diag.Pos { return c.Pos("images", key) }
	for _, w := range im.Widths {
		if w < 16 || w > 8192 {
			diags.Errorf(pos("widths"), diag.CodeConfig, "use widths in pixels such as [480, 960, 1600]", "image width %d is not between 16 and 8192 pixels", w)
			im.Widths = nil
			break
		}
	}
	slices.Sort(im.Widths)
	im.Widths = slices.Compact(im.Widths)
	if im.Quality < 0 || im.Quality > 100 {
		diags.Errorf(pos("quality"), diag.CodeConfig, "use a number from 1 to 100, such as 80", "image quality %d is not between 1 and 100", im.Quality)
		im.Quality = 0
	}
	if im.MaxPixels < 0 {
		diags.Errorf(pos("maxPixels"), diag.CodeConfig, "give width × height in pixels, such as 50000000 for 50 megapixels", "maxPixels must be at least 1")
		im.MaxPixels = 0
	}
}

// validateOffice checks the office's contact details; a value it refuses
// is left out of the pages.
func (c *Config) validateOffice(diags *diag.List) {
	o := &c.Office
	if o.Email != "" && (strings.Count(o.Email, "@") != 1 || strings.HasPrefix(o.Email, "@") || strings.HasSuffix(o.Email, "@") || strings.ContainsAny(o.Email, " \t<>\"")) {
		diags.Errorf(c.Pos("office", "email"), diag.CodeConfig, "write one address such as humas@kanim-jember.go.id", "office email %q is not an e-mail address", o.Email)
		o.Email = ""
	}
	if o.Phone != "" && strings.Trim(strings.TrimPrefix(o.Phone, "+"), "0123456789 ()-.") != "" {
		diags.Errorf(c.Pos("office", "phone"), diag.CodeConfig, "write digits, spaces, brackets, hyphens and a leading +, such as +62 331 123456", "office phone %q holds other characters", o.Phone)
		o.Phone = ""
	}
	kept := o.Social[:0]
	for i, s := range o.Social {
		if !WebURL(s.URL) {
			diags.Errorf(c.Pos("office", "social", fmt.Sprint(i), "url"), diag.CodeConfig, "write a full address such as https://www.instagram.com/kanimjember/", "social url %q is not an absolute http(s) URL", s.URL)
			continue
		}
		kept = append(kept, s)
	}
	o.Social = kept
	if l := o.Logo; l.Src != "" {
		ext := strings.ToLower(path.Ext(l.Src))
		switch {
		case !strings.HasPrefix(l.Src, "/") || strings.HasPrefix(l.Src, "//") || strings.Contains(l.Src, ".."):
			diags.Errorf(c.Pos("office", "logo", "src"), diag.CodeConfig, "write the path of a file of static/, such as /img/logo-kanim.png for static/img/logo-kanim.png",
				"office logo %q is not a path of the site", l.Src)
			o.Logo = Logo{}
		case ext != ".svg" && ext != ".png":
			diags.Errorf(c.Pos("office", "logo", "src"), diag.CodeConfig, "save the logo as SVG, or as PNG of at least 512 pixels a side",
				"office logo %q is neither SVG nor PNG", l.Src)
			o.Logo = Logo{}
		case l.Alt[c.DefaultLang()] == "":
			diags.Errorf(c.Pos("office", "logo"), diag.CodeConfig, fmt.Sprintf("add alt: {%s: Lambang …} saying what it shows", c.DefaultLang()),
				"office logo has no text alternative in the site's first language")
		}
	}
}

func (c *Config) validate(file string, root *meta.Node, diags *diag.List) {
	at := func(key string) diag.Pos {
		n := root.Get(key)
		if n == nil {
			n = root
		}
		return diag.Pos{File: file, Line: n.Line, Col: n.Col}
	}
	if len(c.Languages) == 0 {
		c.Languages = []Language{{Code: "id", Name: "Bahasa Indonesia"}, {Code: "en", Name: "English"}}
	}
	seen := map[string]bool{}
	for _, l := range c.Languages {
		if !langRe.MatchString(l.Code) {
			diags.Errorf(at("languages"), diag.CodeConfig, "use a lowercase language code such as id or en", "language code %q is not a valid language tag", l.Code)
		}
		if seen[l.Code] {
			diags.Errorf(at("languages"), diag.CodeConfig, "list each language once", "language %q is listed twice", l.Code)
		}
		seen[l.Code] = true
	}
	if c.TimeZone == "" {
		c.TimeZone = "Asia/Jakarta"
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if c.TimeZone == "Local" {
		// The build machine's own zone: the same site would build
		// differently on an editor's laptop and on CI.
		diags.Errorf(at("timezone"), diag.CodeConfig, "name the office's zone, such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura",
			"timezone: Local makes every date depend on the machine that builds the site")
		loc, err = time.FixedZone("WIB", 7*3600), nil
	}
	if err != nil {
		diags.Errorf(at("timezone"), diag.CodeConfig, "use an IANA name such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura", "unknown time zone %q", c.TimeZone)
		loc = time.FixedZone("WIB", 7*3600)
	}
	c.Loc = loc
	if c.Markdown.MaxSize == 0 {
		c.Markdown.MaxSize = DefaultMaxSize
	}
	c.validateImages(diags)
	if c.PageSize == 0 {
		c.PageSize = 10
	} else if c.PageSize < 1 {
		diags.Errorf(at("pageSize"), diag.CodeConfig, "use a number such as 10", "pageSize must be at least 1")
		c.PageSize = 10
	}
	if c.BaseURL != "" {
		if !WebURL(c.BaseURL) {
			diags.Errorf(at("baseURL"), diag.CodeConfig, "write a full address such as https://example.go.id/", "baseURL %q is not an absolute http(s) URL", c.BaseURL)
		} else if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
	}
	defSlugs := map[string]Text{
		"news":        {"id": "berita", "en": "news"},
		"meetings":    {"id": "rapat", "en": "meetings"},
		"regulations": {"id": "peraturan", "en": "regulations"},
	}
	defTitles := map[string]Text{
		"news":        {"id": "Berita", "en": "News"},
		"meetings":    {"id": "Rapat", "en": "Meetings"},
		"regulations": {"id": "Peraturan", "en": "Regulations"},
	}
	for _, name := range SectionNames() {
		s := c.Sections.Get(name)
		if s.Slug == nil {
			s.Slug = Text{}
		}
		if s.Title == nil {
			s.Title = Text{}
		}
		for _, l := range c.LangCodes() {
			if s.Slug[l] == "" {
				if d, ok := defSlugs[name][l]; ok {
					s.Slug[l] = d
				} else {
					s.Slug[l] = name
				}
			}
			if !slugRe.MatchString(s.Slug[l]) {
				diags.Errorf(at("sections"), diag.CodeConfig, "use lowercase letters, digits and hyphens", "section slug %q for %s is not a valid URL segment", s.Slug[l], name)
			}
			if s.Title[l] == "" {
				if d, ok := defTitles[name][l]; ok {
					s.Title[l] = d
				} else {
					s.Title[l] = defTitles[name]["en"]
				}
			}
		}
	}
	if len(c.RegTypes) == 0 {
		c.RegTypes = DefaultRegTypes()
	}
	for i := range c.RegTypes {
		if c.RegTypes[i].Rank == 0 {
			c.RegTypes[i].Rank = i + 1
		}
	}
	c.ownFields = make(map[string]bool, len(c.Fields))
	for i, f := range c.Fields {
		if !fieldNameRe.MatchString(f) {
			diags.Errorf(c.Pos("fields", fmt.Sprint(i)), diag.CodeConfig, "use letters, digits and underscores, starting with a letter, such as sumber_foto",
				"field name %q cannot be a front-matter field", f)
		}
		c.ownFields[f] = true
	}
	agencyAt := map[string]int{}
	for i, a := range c.Agencies {
		at := c.Pos("agencies", fmt.Sprint(i), "key")
		if j, ok := agencyAt[a.Key]; ok {
			diags.Errorf(at, diag.CodeConfig, "give each agency a key of its own", "agency key %q is also the key of agency %d", a.Key, j+1)
		}
		agencyAt[a.Key] = i
		if !slugRe.MatchString(a.Key) {
			diags.Errorf(at, diag.CodeConfig, "use lowercase letters, digits and hyphens, such as kanim-jember", "agency key %q is not a valid URL segment", a.Key)
		}
		if a.Name[c.DefaultLang()] == "" {
			diags.Errorf(c.Pos("agencies", fmt.Sprint(i), "name"), diag.CodeConfig, fmt.Sprintf("add %s: … to its name", c.DefaultLang()),
				"agency %q has no name in the site's first language", a.Key)
		}
		if a.URL != "" {
			if !WebURL(a.URL) {
				diags.Errorf(c.Pos("agencies", fmt.Sprint(i), "url"), diag.CodeConfig, "write a full address such as https://jember.imigrasi.go.id/", "agency url %q is not an absolute http(s) URL", a.URL)
			}
		}
	}
	c.validateOffice(diags)
	for _, m := range append(append([]MenuEntry(nil), c.Menus.Main...), c.Menus.Footer...) {
		n := 0
		for _, s := range []string{m.Section, m.Page, m.URL} {
			if s != "" {
				n++
			}
		}
		if n != 1 {
			diags.Errorf(at("menus"), diag.CodeConfig, "give one of section, page or url", "a menu entry must link to exactly one of a section, a page or a URL")
		}
		if m.Section != "" && c.Sections.Get(m.Section) == nil {
			diags.Errorf(at("menus"), diag.CodeConfig, "use news, meetings or regulations", "menu entry names unknown section %q", m.Section)
		}
		if m.URL != "" && m.Name == nil {
			diags.Errorf(at("menus"), diag.CodeConfig, "add name: {id: ..., en: ...}", "a menu entry with a url needs a name")
		}
	}
	for _, menu := range []struct {
		name    string
		entries []MenuEntry
	}{{"main", c.Menus.Main}, {"footer", c.Menus.Footer}} {
		for i, m := range menu.entries {
			if m.URL != "" && !menuURL(m.URL) {
				diags.Errorf(c.Pos("menus", menu.name, fmt.Sprint(i), "url"), diag.CodeConfig,
					"write an address such as https://jember.imigrasi.go.id/ or a path of this site such as /layanan/",
					"menu url %q is neither an http(s) address nor a path of this site", m.URL)
			}
		}
	}
	if c.Paths.Content == "" {
		c.Paths.Content = "content"
	}
	if c.Paths.Templates == "" {
		c.Paths.Templates = "templates"
	}
	if c.Paths.Static == "" {
		c.Paths.Static = "static"
	}
	for _, p := range []string{c.Paths.Content, c.Paths.Templates, c.Paths.Static} {
		if !fs.ValidPath(p) || p == "." {
			diags.Errorf(at("paths"), diag.CodeConfig, "use a folder inside the site, such as content", "path %q must be a folder inside the site", p)
		}
	}
}

// DefaultRegTypes is the regulation-type vocabulary used when site.yaml gives
// none: the hierarchy of UU 12/2011 and the common administrative types.
func DefaultRegTypes() []RegType {
	t := func(code, id, en string) RegType { return RegType{Code: code, Name: Text{"id": id, "en": en}} }
	return []RegType{
		t("UU", "Undang-Undang", "Law"),
		t("Perppu", "Peraturan Pemerintah Pengganti Undang-Undang", "Government Regulation in Lieu of Law"),
		t("PP", "Peraturan Pemerintah", "Government Regulation"),
		t("Perpres", "Peraturan Presiden", "Presidential Regulation"),
		t("Permen", "Peraturan Menteri", "Ministerial Regulation"),
		t("Perda", "Peraturan Daerah", "Regional Regulation"),
		t("Pergub", "Peraturan Gubernur", "Governor Regulation"),
		t("Perbup", "Peraturan Bupati", "Regent Regulation"),
		t("Perwali", "Peraturan Wali Kota", "Mayor Regulation"),
		t("Kepmen", "Keputusan Menteri", "Ministerial Decree"),
		t("SE", "Surat Edaran", "Circular"),
	}
}

// String summarises the config for debugging.
func (c *Config) String() string {
	return fmt.Sprintf("site %q (%s)", c.Title.In(c.DefaultLang(), c.LangCodes()), strings.Join(c.LangCodes(), ", "))
}

// notUTF8 says why src is not UTF-8 text, naming the encoding it likely
// has, or returns "".
func notUTF8(src []byte) string {
	if textenc.UTF16(src) != "" {
		return "the file is UTF-16 text; risalah reads UTF-8"
	}
	if off := textenc.FirstInvalid(src); off >= 0 {
		line, _ := textenc.Position(src, off)
		return fmt.Sprintf("line %d holds byte 0x%02x, which is not UTF-8 text; the file was probably saved as Windows-1252 (ANSI)", line, src[off])
	}
	return ""
}

// menuURL reports whether u may be a menu's link: an absolute http(s)
// address, a path of the site, or a mailto: or tel: link; never a
// javascript: or data: one, which would run or show anything.
func menuURL(u string) bool {
	if strings.HasPrefix(u, "/") {
		return !strings.HasPrefix(u, "//") && !strings.ContainsAny(u, "\\ \t\n")
	}
	if WebURL(u) {
		return true
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "mailto" || p.Scheme == "tel") && p.Opaque != ""
}

// OwnFields returns the site's own front-matter fields (Fields) as a set,
// never nil; it is not to be changed.
func (c *Config) OwnFields() map[string]bool {
	if c.ownFields == nil {
		return map[string]bool{}
	}
	return c.ownFields
}

// WebURL reports whether u is an absolute http or https address with a
// host, such as https://jember.imigrasi.go.id/.
func WebURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}
