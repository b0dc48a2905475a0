// Package content reads a site's content folder through an fs.FS: it finds
// documents and their translations, splits and decodes front matter, lets
// translations inherit the fields they leave out, and checks each document on
// its own. Checks that need the whole site (links, keys, URLs) belong to the
// site package.
package content

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/adrg/frontmatter"

	"risalah/internal/config"
	"risalah/internal/diag"
	"risalah/internal/meta"
	"risalah/internal/scaffold"
	"risalah/internal/textenc"
	"risalah/internal/work"
)

// Kind is the kind of a document, given by its section folder.
type Kind string

// The kinds of document.
const (
	KindNews       Kind = "news"
	KindMeeting    Kind = "meetings"
	KindRegulation Kind = "regulations"
	KindPage       Kind = "page"
)

// SectionKinds returns the kinds that have a section of their own, in the
// order lists, feeds and data files show them.
func SectionKinds() []Kind { return []Kind{KindNews, KindMeeting, KindRegulation} }

// Doc is one language version of one document.
type Doc struct {
	Kind   Kind
	Key    string // file name without language suffix and .md; folder name for bundles
	Lang   string
	File   string // site-relative path of the Markdown file
	Bundle string // site-relative folder of a page bundle, or ""
	Own    *meta.Node
	Fields *meta.Node // Own merged over the original's fields
	// params holds the values of the site's own fields (Param), taken
	// when the document is decoded, as Compact drops the trees.
	params map[string]any
	// Unfilled lists what still holds the example text that risalah new
	// wrote: fields left as the scaffold set them and the body's
	// placeholder sentence. A document to publish may hold none.
	Unfilled  []Unfilled
	Format    meta.Format
	BodyLine  int // file line on which the body starts; see ReadBody
	bodyStart int // byte offset of the body in the normalised file
	// size and mod are the file's size and modification time (Unix
	// nanoseconds) when it was read, for a cache kept between runs.
	size, mod int64
	// HeadSum and BodySum fingerprint the front matter (with its fences)
	// and the body as read, so that a rebuild can tell what an edit changed.
	HeadSum, BodySum Sum

	Common     Common
	News       *NewsFields
	Meeting    *MeetingFields
	Regulation *RegulationFields

	// Original is the default-language version when this is a translation
	// of one; nil for originals and for documents without one.
	Original *Doc
}

// Pos returns the position of field's value in d's own front matter, or of
// the file's start if d does not set it.
func (d *Doc) Pos(field string) diag.Pos {
	if n := d.Own.Get(field); n != nil {
		return diag.Pos{File: d.File, Line: n.Line, Col: n.Col}
	}
	if d.Original != nil && d.Fields.KeyNode(field) != nil {
		return d.Original.Pos(field)
	}
	return diag.Pos{File: d.File, Line: 1, Col: 1}
}

// ItemPos returns the position of item i of list field, falling back to the
// field itself.
func (d *Doc) ItemPos(field string, i int) diag.Pos {
	src := d
	if d.Own.Get(field) == nil && d.Original != nil {
		src = d.Original
	}
	if n := src.Own.Get(field); n != nil && n.Kind == meta.Seq && i < len(n.Items) {
		return diag.Pos{File: src.File, Line: n.Items[i].Line, Col: n.Items[i].Col}
	}
	return src.Pos(field)
}

// Set is everything read from a content folder.
type Set struct {
	Docs      []*Doc   // sorted by kind, key and language order
	Resources []string // site-relative paths of bundle files, sorted
	// Read counts the documents read from their files by this load; the
	// others were taken from the cache unread.
	Read int
}

// Load reads every document below cfg.Paths.Content in fsys. Problems are
// added to diags; documents that could not be read are left out.
func Load(ctx context.Context, fsys fs.FS, cfg *config.Config, diags *diag.List) *Set {
	return LoadCached(ctx, fsys, cfg, nil, diags)
}

// Parsed keeps the front matter that earlier loads parsed, so that a
// rebuild parses again only what changed. Parsed trees are never changed
// once made, so documents of several loads can share them.
type Parsed struct {
	prev map[string]Doc // read-only during a load
	mu   sync.Mutex
	next map[string]Doc
	// changed, when set, lists every path changed since the last load:
	// the others are taken from the cache without reading them. unknown
	// says that some change since was not listed.
	changed map[string]bool
	unknown bool
	// loaded is when the last load started, and loading when this one
	// did: see sameStamp.
	loaded, loading time.Time
	// compact keeps documents encoded (prevRaw, nextRaw; see appendDoc)
	// instead of as trees, so that a build holds no second copy of every
	// front matter while it renders: for builds that save the cache,
	// where a live preview keeps the trees.
	compact          bool
	prevRaw, nextRaw map[string][]byte
}

// NewParsed returns an empty cache of parsed front matter.
func NewParsed() *Parsed { return &Parsed{} }

// Changed tells the next load which paths (files or folders,
// site-relative) changed since the last one; files outside them are not
// read again. Paths given before a load that did not happen (a build that
// stopped at site.yaml) add up. Without it every file is read.
func (c *Parsed) Changed(paths []string) {
	if c.unknown {
		return
	}
	if c.changed == nil {
		c.changed = map[string]bool{}
	}
	for _, p := range paths {
		c.changed[p] = true
	}
}

// Unknown tells the next load that what changed since the last one is not
// known: every file is checked, by its time stamp or its contents.
func (c *Parsed) Unknown() {
	c.unknown, c.changed = true, nil
}

// unchanged returns the document read from file by the last load, if
// neither it nor a folder above it changed since.
func (c *Parsed) unchanged(file string) *Doc {
	if c == nil || c.changed == nil {
		return nil
	}
	d, ok := c.lookup(file)
	if !ok {
		return nil
	}
	for p := file; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if c.changed[p] {
			return nil
		}
	}
	c.put(file, &d)
	return &d
}

// get returns the front matter parsed from file by the last load, if it
// was the same.
func (c *Parsed) get(file string, head Sum) *meta.Node {
	if c == nil {
		return nil
	}
	if d, ok := c.lookup(file); ok && d.HeadSum == head {
		return d.Own
	}
	return nil
}

// put keeps d as read, before translations are paired and it is decoded.
func (c *Parsed) put(file string, d *Doc) {
	if c == nil {
		return
	}
	if c.compact {
		rec := appendDoc(nil, d)
		c.mu.Lock()
		c.nextRaw[file] = rec
		c.mu.Unlock()
		return
	}
	c.mu.Lock()
	c.next[file] = *d
	c.mu.Unlock()
}

// LoadCached is Load, taking from cache (which may be nil) the front
// matter that has not changed since an earlier load, and keeping in it
// what this load read.
func LoadCached(ctx context.Context, fsys fs.FS, cfg *config.Config, cache *Parsed, diags *diag.List) *Set {
	root := cfg.Paths.Content
	files, resources := scan(fsys, root, cfg, diags)
	docs := make([]*Doc, len(files))
	if cache != nil {
		cache.next = make(map[string]Doc, len(files))
		if cache.compact {
			cache.next, cache.nextRaw = nil, make(map[string][]byte, len(files))
		}
		cache.loading = time.Now()
	}
	var read atomic.Int64
	work.Each(ctx, len(files), func(i int) {
		docs[i] = readDoc(fsys, files[i], cfg, cache, diags, &read)
	})
	if cache != nil {
		cache.prev, cache.next, cache.changed, cache.unknown = cache.next, nil, nil, false
		cache.prevRaw, cache.nextRaw = cache.nextRaw, nil
		cache.loaded = cache.loading
	}
	var ok []*Doc
	failed := map[string]bool{} // kind/key of the documents in the first language that could not be read
	for i, d := range docs {
		if d != nil {
			ok = append(ok, d)
		} else if files[i].lang == cfg.DefaultLang() {
			failed[string(files[i].kind)+"/"+files[i].key] = true
		}
	}
	langRank := map[string]int{}
	for i, l := range cfg.LangCodes() {
		langRank[l] = i
	}
	sort.Slice(ok, func(i, j int) bool {
		a, b := ok[i], ok[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.Lang != b.Lang {
			return langRank[a.Lang] < langRank[b.Lang]
		}
		return a.File < b.File
	})
	ok = pairTranslations(ok, cfg, diags)
	orphans := orphanHints(ok, cfg)
	work.Each(ctx, len(ok), func(i int) {
		d := ok[i]
		hint, orphan := orphans[d]
		if !orphan {
			decode(d, cfg, diags)
			return
		}
		// A translation without an original lacks the fields it would
		// inherit: one error that says why, instead of one per field.
		local := &diag.List{}
		decode(d, cfg, local)
		missing := false
		for _, it := range local.Items() {
			missing = missing || it.Code == diag.CodeRequired
		}
		if missing && failed[string(d.Kind)+"/"+d.Key] {
			// Its original is there but could not be read: its own error
			// is the cause, and the only one to show.
			return
		}
		if missing {
			diags.Errorf(diag.Pos{File: d.File, Line: 1, Col: 1}, diag.CodeNoOriginal, hint,
				"this %s version has no original: there is no document %q in %s, the site's first language, to take its other fields from",
				d.Lang, d.Key, cfg.DefaultLang())
		}
		for _, it := range local.Items() {
			if !missing || it.Code != diag.CodeRequired {
				diags.Add(it)
			}
		}
	})
	return &Set{Docs: ok, Resources: resources, Read: int(read.Load())}
}

type docFile struct {
	path      string
	kind      Kind
	key       string
	lang      string
	bundle    string
	size, mod int64 // from the folder listing; mod is 0 when unknown
}

var langSuffixRe = regexp.MustCompile(`^(.+)\.([a-z]{2,3}(?:-[a-z0-9]+)?)$`)

// Litter reports whether name is a backup, swap or temporary file that an
// editor or operating system leaves behind, or a hidden file: among them
// Windows' Thumbs.db and desktop.ini, and the ~$ lock files that Office
// keeps beside a document it has open.
func Litter(name string) bool {
	switch strings.ToLower(name) {
	case "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini":
		return true
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___") || name == "4913" ||
		strings.HasPrefix(name, "_")
}

func scan(fsys fs.FS, root string, cfg *config.Config, diags *diag.List) ([]docFile, []string) {
	var files []docFile
	var resources []string
	bundles := map[string]bool{}
	var badNames []docFile // reported once the names of the others are known
	err := fs.WalkDir(fsys, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				diags.Warnf(diag.Pos{File: root}, diag.CodeRead, "create it and add Markdown files", "no %s folder", root)
				return fs.SkipDir
			}
			diags.Errorf(diag.Pos{File: p}, diag.CodeRead, "", "cannot read: %v", err)
			return nil
		}
		name := e.Name()
		if p != root && Litter(name) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root {
			if why := CheckPortable(name); why != "" {
				diags.Errorf(diag.Pos{File: p}, diag.CodeNotPortable, "rename it with lowercase letters, digits and hyphens, such as rakor-timpora-2023", "the name %q %s", name, why)
				if e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
		}
		if special(e.Type()) {
			diags.Errorf(diag.Pos{File: p}, diag.CodeRead, "replace it with a file, or remove it", "%s, not a regular file", kindOf(e.Type()))
			return nil
		}
		if e.Type()&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, p)
			if err == nil {
				err = CheckLink(fsys, p)
			}
			if errors.Is(err, ErrLinkHidden) {
				diags.Errorf(diag.Pos{File: p}, diag.CodeSymlink, "remove the link; copy the file here if it is meant to be published", "symbolic link points to a hidden or backup file, which is never published")
				return nil
			}
			if err != nil {
				diags.Errorf(diag.Pos{File: p}, diag.CodeSymlink, "replace the link with a copy of the file, or remove it", "symbolic link points outside the site folder or to nothing")
				return nil
			}
			if info.IsDir() {
				diags.Warnf(diag.Pos{File: p}, diag.CodeSymlink, "move the folder into content/ instead of linking it", "symbolic link to a folder is not followed")
				return nil
			}
		}
		if e.IsDir() {
			// A section's own folder is never a bundle: its index file
			// would make every other document of the section a file of
			// one page. The index file is refused below.
			if p != root && !isSectionDir(root, p) && hasIndex(fsys, p, cfg) {
				bundles[p] = true
			}
			return nil
		}
		dir := path.Dir(p)
		bundle := ""
		for d := dir; d != root && d != "." && d != "/"; d = path.Dir(d) {
			if bundles[d] {
				bundle = d
				break
			}
		}
		if !strings.HasSuffix(name, ".md") {
			if bundle == "" {
				diags.Warnf(diag.Pos{File: p}, diag.CodeFileName, "move it into a page bundle (a folder with index.md) or into static/", "file is not Markdown and not in a page bundle, so it is not published")
			} else {
				resources = append(resources, p)
			}
			return nil
		}
		base := strings.TrimSuffix(name, ".md")
		lang := cfg.DefaultLang()
		if m := langSuffixRe.FindStringSubmatch(base); m != nil {
			if cfg.HasLang(m[2]) {
				base, lang = m[1], m[2]
			} else if len(m[2]) == 2 {
				diags.Errorf(diag.Pos{File: p}, diag.CodeFileName, fmt.Sprintf("add %q to languages in site.yaml, or rename the file", m[2]), "language %q of this file is not a language of the site", m[2])
				return nil
			}
		}
		f := docFile{path: p, lang: lang, key: base}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && !info.ModTime().IsZero() {
			// A file system without times (embed.FS, a MapFS) gives none
			// to trust: such files are always read.
			f.size, f.mod = info.Size(), info.ModTime().UnixNano()
		}
		if bundle != "" {
			if dir != bundle || base != "index" {
				// Markdown is a source, never a file to publish: a
				// document a bundle folder holds would be published raw,
				// whatever its front matter says (draft, ppid).
				diags.Errorf(diag.Pos{File: p}, diag.CodeFileName,
					fmt.Sprintf("move it out of %s/, which is the page bundle of %s/index.md, into a folder of its own or its section; a bundle holds one document and the files it shows", bundle, bundle),
					"a Markdown document inside a page bundle is not published")
				return nil
			}
			f.bundle = bundle
			f.key = path.Base(bundle)
		}
		rel := strings.TrimPrefix(p, root+"/")
		section, _, nested := strings.Cut(rel, "/")
		f.kind = KindPage
		if nested {
			switch section {
			case "news", "meetings", "regulations":
				f.kind = Kind(section)
			}
		}
		if CheckSlug(f.key) != "" && CheckPortable(f.key) == "" {
			badNames = append(badNames, f)
			return nil
		}
		if f.key == "index" && f.bundle == "" && isSectionDir(root, dir) {
			diags.Errorf(diag.Pos{File: p}, diag.CodeFileName,
				fmt.Sprintf("a section's title is set in site.yaml (sections.%s.title); to write a document, give it a name, such as %s/pengumuman.md, or a folder of its own, such as %s/pengumuman/index.md", path.Base(dir), dir, dir),
				"a section folder cannot have an index document: it would turn the whole section into one page")
			return nil
		}
		if f.key == "index" && f.bundle == "" {
			diags.Errorf(diag.Pos{File: p}, diag.CodeFileName, "give the file a name, such as about.md; index.md only makes sense inside a page bundle folder", "a document cannot be called index outside a bundle")
			return nil
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{File: root}, diag.CodeRead, "", "cannot read: %v", err)
	}
	for _, f := range badNames {
		// The file's name is the page's address unless the document sets
		// a slug: the slug policy holds for it too.
		diags.Errorf(diag.Pos{File: f.path}, diag.CodeFileName, renameHint(f, files),
			"the name %q, which gives the page's address, %s", f.key, CheckSlug(f.key))
	}
	sort.Strings(resources)
	return files, resources
}

// renameHint tells how to rename the document file f, whose name cannot
// be an address: after the document of its section whose key is nearest,
// if one is near (a translation "rakor-timpora-2O23.en.md" of
// "rakor-timpora-2023"), else as the slug policy writes it.
func renameHint(f docFile, files []docFile) string {
	var keys []string
	for _, o := range files {
		if o.kind == f.kind {
			keys = append(keys, o.key)
		}
	}
	if k := meta.Suggest(strings.ToLower(f.key), keys, nil); k != "" {
		name := k + ".md"
		if m := langSuffixRe.FindStringSubmatch(strings.TrimSuffix(path.Base(f.path), ".md")); m != nil && m[2] == f.lang {
			name = k + "." + f.lang + ".md" // the language written in the name
		}
		return fmt.Sprintf("rename the file after the document %q it belongs with: %s", k, name)
	}
	return "rename the file: " + slugHint(f.key)
}

// isSectionDir reports whether dir is the folder of one of the sections,
// such as content/news.
func isSectionDir(root, dir string) bool {
	return path.Dir(dir) == root && slices.Contains(config.SectionNames(), path.Base(dir))
}

func hasIndex(fsys fs.FS, dir string, cfg *config.Config) bool {
	for _, l := range cfg.LangCodes() {
		if _, err := fs.Stat(fsys, dir+"/index."+l+".md"); err == nil {
			return true
		}
	}
	_, err := fs.Stat(fsys, dir+"/index.md")
	return err == nil
}

type rawFM struct {
	data   []byte
	format meta.Format
	found  bool
}

func capture(f meta.Format) func([]byte, any) error {
	return func(data []byte, v any) error {
		r := v.(*rawFM)
		r.data = append([]byte(nil), data...)
		r.format = f
		r.found = true
		return nil
	}
}

func formats() []*frontmatter.Format {
	jsonObject := frontmatter.NewFormat("{", "}", capture(meta.JSON))
	jsonObject.UnmarshalDelims = true
	jsonObject.RequiresNewLine = true
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture(meta.YAML)),
		frontmatter.NewFormat("---yaml", "---", capture(meta.YAML)),
		frontmatter.NewFormat("+++", "+++", capture(meta.TOML)),
		frontmatter.NewFormat("---toml", "---", capture(meta.TOML)),
		frontmatter.NewFormat(";;;", ";;;", capture(meta.JSON)),
		frontmatter.NewFormat("---json", "---", capture(meta.JSON)),
		jsonObject,
	}
}

// Normalize removes a byte-order mark and turns CRLF and CR line endings into
// LF, keeping the number of lines, so positions stay right.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

// Split separates front matter from the body. It returns the front matter's
// text, format and first file line, the body and the body's first line.
func Split(file string, src []byte, diags *diag.List) (fm []byte, f meta.Format, fmLine int, body []byte, bodyLine int, ok bool) {
	var raw rawFM
	rest, err := frontmatter.Parse(bytes.NewReader(src), &raw, formats()...)
	if err != nil {
		diags.Errorf(diag.Pos{File: file, Line: 1}, diag.CodeSyntax, "", "cannot read front matter: %v", err)
		return nil, "", 0, nil, 0, false
	}
	// The first non-blank line opens the front matter, if any.
	open, openLine := "", 0
	for i, rest := 0, src; len(rest) > 0; i++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			open, openLine = string(t), i+1
			break
		}
		rest = after
	}
	if !raw.found {
		switch open {
		case "---", "+++", ";;;", "---yaml", "---toml", "---json":
			closer := open
			if strings.HasPrefix(open, "---") {
				closer = "---"
			}
			diags.Errorf(diag.Pos{File: file, Line: openLine, Col: 1}, diag.CodeUnclosed,
				fmt.Sprintf("add a line with only %s after the last field", closer),
				"front matter opened here is never closed")
			return nil, "", 0, nil, 0, false
		}
		return nil, meta.YAML, 1, src, 1, true
	}
	fmLine = openLine + 1
	if raw.format == meta.JSON && open == "{" {
		fmLine = openLine
	}
	bodyLine = bytes.Count(src[:len(src)-len(rest)], []byte("\n")) + 1
	return raw.data, raw.format, fmLine, rest, bodyLine, true
}

// readDoc reads the document of f, or takes it from cache unread: in the
// preview when the watcher did not report it (unchanged), in any build
// when its file's time stamp is as it was and old enough to trust
// (sameStamp; a save a moment ago is not). read counts the files read.
func readDoc(fsys fs.FS, f docFile, cfg *config.Config, cache *Parsed, diags *diag.List, read *atomic.Int64) *Doc {
	if d := cache.unchanged(f.path); d != nil {
		return d
	}
	if d := cache.sameStamp(f); d != nil {
		return d
	}
	read.Add(1)
	src, err := fs.ReadFile(fsys, f.path)
	if err != nil {
		diags.Errorf(diag.Pos{File: f.path}, diag.CodeRead, "", "cannot read: %v", err)
		return nil
	}
	if enc := textenc.UTF16(src); enc != "" {
		diags.Errorf(diag.Pos{File: f.path, Line: 1, Col: 1}, diag.CodeEncoding, textenc.Hint, "the file is %s text; risalah reads UTF-8", enc)
		return nil
	}
	src = Normalize(src)
	fm, format, fmLine, body, bodyLine, ok := Split(f.path, src, diags)
	if !ok {
		return nil
	}
	if off := textenc.FirstInvalid(fm); off >= 0 {
		// Windows-1252 ("ANSI") text, as older editors save it: YAML's
		// own message would point elsewhere.
		line, col := textenc.Position(fm, off)
		diags.Errorf(diag.Pos{File: f.path, Line: fmLine + line - 1, Col: col}, diag.CodeEncoding, textenc.Hint, "%s", textenc.NotUTF8(fm, off))
		return nil
	}
	head := sha256.Sum256(src[:len(src)-len(body)])
	node := cache.get(f.path, head)
	if node == nil {
		if node = parseFrontMatter(f.path, format, fm, fmLine, diags); node == nil {
			return nil
		}
	}
	d := &Doc{Kind: f.kind, Key: f.key, Lang: f.lang, File: f.path, Bundle: f.bundle,
		Own: node, Fields: node, Format: format, BodyLine: bodyLine, bodyStart: len(src) - len(body),
		HeadSum: head, BodySum: sha256.Sum256(body), size: f.size, mod: f.mod,
		Unfilled: unfilled(fm, fmLine, body, bodyLine)}
	cache.put(f.path, d)
	return d
}

// explainSyntax words a YAML syntax error for an editor: the two that
// editors meet most, a tab and a colon inside a value, in plain words
// with the line as it should be.
func explainSyntax(se *meta.SyntaxError, fm []byte, fmLine int) (msg, hint string) {
	msg, hint = se.Msg, "check indentation, and put text containing \": \" or \"#\" in quotes"
	lines := strings.Split(string(fm), "\n")
	line := ""
	if i := se.Line - fmLine; i >= 0 && i < len(lines) {
		line = lines[i]
	}
	switch {
	case strings.Contains(se.Msg, "tab character") || strings.Contains(line, "\t") && strings.TrimLeft(line, " \t") != line:
		return "the line is indented with a tab (" + se.Msg + ")", "YAML indents with spaces only: replace the tab with spaces"
	case strings.Contains(se.Msg, "mapping values are not allowed"):
		if k, v, ok := strings.Cut(strings.TrimSpace(line), ": "); ok && strings.Contains(v, ": ") {
			return fmt.Sprintf("the value of %s has \": \" in it, which YAML reads as the start of another field", k),
				fmt.Sprintf("put the value in quotes: %s: %q", k, v)
		}
	}
	return msg, hint
}

// parseFrontMatter parses a file's front matter, which must be a mapping
// of fields; nil after reporting why not.
func parseFrontMatter(file string, format meta.Format, fm []byte, fmLine int, diags *diag.List) *meta.Node {
	node, err := meta.Parse(format, fm, fmLine)
	if meta.ReportLimit(err, file, diags) {
		return nil
	}
	if err != nil {
		var se *meta.SyntaxError
		if errors.As(err, &se) {
			msg, hint := explainSyntax(se, fm, fmLine)
			diags.Errorf(diag.Pos{File: file, Line: se.Line, Col: se.Col}, diag.CodeSyntax, hint,
				"malformed %s front matter: %s", strings.ToUpper(string(format)), msg)
		} else {
			diags.Errorf(diag.Pos{File: file, Line: fmLine}, diag.CodeSyntax, "", "malformed front matter: %v", err)
		}
		return nil
	}
	if node.Kind != meta.Map {
		diags.Errorf(diag.Pos{File: file, Line: node.Line, Col: node.Col}, diag.CodeType, "write fields as lines of \"name: value\"", "front matter must be a mapping of fields, found %s", node.Kind)
		return nil
	}
	return node
}

// pairTranslations links each translation to its original and drops
// duplicates (two files for one document and language).
func pairTranslations(docs []*Doc, cfg *config.Config, diags *diag.List) []*Doc {
	def := cfg.DefaultLang()
	out := docs[:0]
	var orig *Doc
	var prev *Doc
	for _, d := range docs {
		if prev != nil && prev.Kind == d.Kind && prev.Key == d.Key && prev.Lang == d.Lang {
			diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: d.File, Line: 1, Col: 1}, Severity: diag.Error, Code: diag.CodeDuplicateKey,
				Msg:     fmt.Sprintf("document %q in language %q is also defined by %s", d.Key, d.Lang, prev.File),
				Hint:    "rename or remove one of the two files; keys must be unique within a section",
				Related: []diag.Pos{{File: prev.File, Line: 1, Col: 1}}})
			continue
		}
		if prev == nil || prev.Kind != d.Kind || prev.Key != d.Key {
			orig = nil
		}
		if d.Lang == def {
			orig = d
		} else if orig != nil {
			d.Original = orig
			// Old URLs belong to one language version: aliases are not inherited.
			d.Fields = meta.Merge(orig.Own, d.Own, "aliases")
			checkFacts(d, diags)
		}
		prev = d
		out = append(out, d)
	}
	return out
}

// orphanHints gives each document in another language than the first
// that has no original the hint to report should it lack fields: the key
// of the nearest document in the first language, if one is close.
func orphanHints(docs []*Doc, cfg *config.Config) map[*Doc]string {
	def := cfg.DefaultLang()
	keys := map[Kind][]string{}
	for _, d := range docs {
		if d.Lang == def {
			keys[d.Kind] = append(keys[d.Kind], d.Key)
		}
	}
	out := map[*Doc]string{}
	for _, d := range docs {
		if d.Lang == def || d.Original != nil {
			continue
		}
		hint := "write the original first, or give this file every field its kind requires"
		if k := meta.Suggest(d.Key, keys[d.Kind], nil); k != "" {
			hint = fmt.Sprintf("did you mean %q? Rename this file to %s.%s.md", k, k, d.Lang)
		}
		out[d] = hint
	}
	return out
}

func checkFacts(d *Doc, diags *diag.List) {
	for _, f := range FactFields() {
		mine, theirs := d.Own.Get(f), d.Original.Own.Get(f)
		if mine == nil || theirs == nil || meta.Equal(mine, theirs) {
			continue
		}
		k := d.Own.KeyNode(f)
		ko := d.Original.Own.KeyNode(f)
		diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: d.File, Line: k.Line, Col: k.Col}, Severity: diag.Error, Code: diag.CodeFactMismatch,
			Msg:     fmt.Sprintf("%q differs from the original in %s:%d", f, d.Original.File, ko.Line),
			Hint:    fmt.Sprintf("%q is a fact shared by all languages: remove it from this translation (it is inherited) or make both files agree", f),
			Related: []diag.Pos{{File: d.Original.File, Line: ko.Line, Col: ko.Col}}})
	}
}

// ReadBody reads d's Markdown body again from fsys. Load does not keep
// bodies, so that a large site's text is never all in memory at once: each
// is read when its page is rendered.
func ReadBody(fsys fs.FS, d *Doc) ([]byte, error) {
	src, err := fs.ReadFile(fsys, d.File)
	if err != nil {
		return nil, err
	}
	src = Normalize(src)
	if d.bodyStart > len(src) {
		return nil, fmt.Errorf("%s changed while the site was being built", d.File)
	}
	return src[d.bodyStart:], nil
}

// Sum is a SHA-256 fingerprint of some bytes.
type Sum = [sha256.Size]byte

// Reread reads d's file again after an edit. When its front matter is
// byte for byte what d was loaded from, it returns the new body and its
// fingerprint with same set; otherwise the document must be loaded anew.
func Reread(fsys fs.FS, d *Doc) (body []byte, sum Sum, same bool, err error) {
	src, err := fs.ReadFile(fsys, d.File)
	if err != nil {
		return nil, sum, false, err
	}
	src = Normalize(src)
	if d.bodyStart > len(src) || sha256.Sum256(src[:d.bodyStart]) != d.HeadSum {
		return nil, sum, false, nil
	}
	body = src[d.bodyStart:]
	return body, sha256.Sum256(body), true, nil
}

// Compact drops the positioned front-matter trees of every document, once
// all the checks that report field positions have run: they are most of a
// large site's memory. Doc.Pos then points at the top of the file.
func (s *Set) Compact() {
	empty := &meta.Node{Kind: meta.Map, Line: 1, Col: 1}
	for _, d := range s.Docs {
		d.Own, d.Fields = empty, empty
	}
}

// Param returns the value of the front-matter field name, one of the
// site's own fields that site.yaml lists under fields, for the site's
// templates: a text, a number or a yes/no as written, a list or a mapping
// of such values, or nil when the document does not set it. A
// translation inherits it from its original.
func (d *Doc) Param(name string) any { return d.params[name] }

func nodeValue(n *meta.Node) any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case meta.Scalar:
		return n.Value
	case meta.Seq:
		out := make([]any, len(n.Items))
		for i, v := range n.Items {
			out[i] = nodeValue(v)
		}
		return out
	case meta.Map:
		out := make(map[string]any, len(n.Keys))
		for i, k := range n.Keys {
			out[k.Value] = nodeValue(n.Values[i])
		}
		return out
	}
	return nil
}

// Unfilled is a place where a document still holds what risalah new wrote
// as an example: a field (its name), or the body ("").
type Unfilled struct {
	Field string
	Line  int
}

// unfilled finds the lines of the front matter fm (from file line fmLine)
// that are still as risalah new wrote them with an example value, and the
// placeholder sentence in the body (from file line bodyLine).
func unfilled(fm []byte, fmLine int, body []byte, bodyLine int) []Unfilled {
	var out []Unfilled
	each := func(text []byte, first int, fn func(line []byte, n int)) {
		for n, rest := first, text; len(rest) > 0; n++ {
			line, after, _ := bytes.Cut(rest, []byte("\n"))
			fn(line, n)
			rest = after
		}
	}
	if bytes.Contains(fm, []byte(" # ")) {
		each(fm, fmLine, func(line []byte, n int) {
			if field, ok := scaffold.Unfilled(string(line)); ok {
				out = append(out, Unfilled{Field: field, Line: n})
			}
		})
	}
	if scaffold.MayHoldPlaceholder(body) {
		each(body, bodyLine, func(line []byte, n int) {
			if scaffold.Placeholder(string(line)) {
				out = append(out, Unfilled{Line: n})
			}
		})
	}
	return out
}
