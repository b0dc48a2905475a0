package corpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Editor makes random edits to a site that Generate made, of the kinds a
// writer makes between two builds: bodies (the first paragraph, which gives
// the summary, or a later one, a link added or taken out), titles, dates,
// tags, summaries and other front matter (slug, aliases, updated, ppid,
// draft, a meeting's status, a regulation revoking another), translations
// and documents added, removed or renamed, a document others link to
// renamed, a template, an interface text or a static file of the theme
// overridden, and site.yaml (title, page size, section slugs, baseURL).
// It keeps the site valid except for errors it makes on purpose (bad YAML,
// a template that does not parse, a link target renamed), each of which it
// undoes a few steps later. The same seed gives the same edits.
type Editor struct {
	r         *rand.Rand
	files     Files
	theme     fs.FS
	templates []string // the theme's templates with a class attribute to change
	n         int      // for fresh names and texts
	pending   []*fix
	locked    map[string]bool // files and document keys a pending fix needs as they are
}

// fix undoes an error made on purpose.
type fix struct {
	age   int
	locks []string
	apply func() string
}

// NewEditor returns an Editor of files, which Step changes in place: a
// file's bytes are replaced, never changed, so a build may keep them.
// theme is the default theme (templates/ and static/) whose files edits
// override.
func NewEditor(files Files, theme fs.FS, seed uint64) *Editor {
	ed := &Editor{r: rand.New(rand.NewPCG(seed, 0xed17)), files: files, theme: theme, locked: map[string]bool{}}
	fs.WalkDir(theme, "templates", func(name string, d fs.DirEntry, err error) error {
		if err == nil && path.Ext(name) == ".html" {
			if data, _ := fs.ReadFile(theme, name); bytes.Contains(data, []byte(`class="`)) {
				ed.templates = append(ed.templates, name)
			}
		}
		return nil
	})
	return ed
}

// Step is what one step of an Editor changed.
type Step struct {
	Edits   []string          // one line per edit
	Written map[string][]byte // files added or changed, with their bytes
	Removed []string          // files removed, sorted
	// Broken is set while an error made on purpose is not yet undone: a
	// build of the site fails.
	Broken bool
}

// Step makes the edits of one step: now and then the fix of an earlier
// error, and one edit or two.
func (ed *Editor) Step() Step {
	before := maps.Clone(ed.files)
	var edits []string
	for _, f := range ed.pending {
		f.age++
	}
	if len(ed.pending) > 0 && (ed.pending[0].age > 3 || ed.r.IntN(3) == 0) {
		f := ed.pending[0]
		ed.pending = ed.pending[1:]
		for _, l := range f.locks {
			delete(ed.locked, l)
		}
		edits = append(edits, f.apply())
	}
	if len(edits) == 0 || ed.r.IntN(2) == 0 {
		edits = append(edits, ed.edit())
	}
	if ed.r.IntN(5) == 0 {
		edits = append(edits, ed.edit())
	}
	st := Step{Edits: edits, Written: map[string][]byte{}, Broken: len(ed.pending) > 0}
	for n, data := range ed.files {
		if old, ok := before[n]; !ok || !bytes.Equal(old, data) {
			st.Written[n] = data
		}
	}
	for n := range before {
		if _, ok := ed.files[n]; !ok {
			st.Removed = append(st.Removed, n)
		}
	}
	slices.Sort(st.Removed)
	return st
}

type editKind struct {
	weight int
	breaks bool
	fn     func(*Editor) string
}

func editKinds() []editKind {
	return []editKind{
		{weight: 5, fn: (*Editor).bodyFirst},
		{weight: 6, fn: (*Editor).bodyLater},
		{weight: 2, fn: (*Editor).title},
		{weight: 1, fn: (*Editor).date},
		{weight: 2, fn: (*Editor).tags},
		{weight: 2, fn: (*Editor).summary},
		{weight: 3, fn: (*Editor).meta},
		{weight: 2, fn: (*Editor).translation},
		{weight: 1, fn: (*Editor).addDoc},
		{weight: 1, fn: (*Editor).removeDoc},
		{weight: 1, fn: (*Editor).renameDoc},
		{weight: 1, fn: (*Editor).template},
		{weight: 1, fn: (*Editor).texts},
		{weight: 1, fn: (*Editor).config},
		{weight: 1, fn: (*Editor).static},
		{weight: 1, breaks: true, fn: (*Editor).renameTarget},
		{weight: 1, breaks: true, fn: (*Editor).breakFile},
	}
}

// edit makes one edit of a random kind that suits the site as it is.
func (ed *Editor) edit() string {
	edits := editKinds()
	total := 0
	for _, e := range edits {
		total += e.weight
	}
	for try := 0; ; try++ {
		if try == 1000 {
			panic("corpus: no edit suits the site")
		}
		k := ed.r.IntN(total)
		for _, e := range edits {
			if k -= e.weight; k >= 0 {
				continue
			}
			if e.breaks && len(ed.pending) >= 2 {
				break
			}
			if d := e.fn(ed); d != "" {
				return d
			}
			break
		}
	}
}

func (ed *Editor) fresh() int { ed.n++; return ed.n }

func (ed *Editor) put(name string, data []byte) { ed.files[name] = data }

func (ed *Editor) read(name string) []byte { return ed.files[name] }

func (ed *Editor) sentence(lang string) string {
	if lang == "en" {
		return fmt.Sprintf("A new sentence, number %d.", ed.fresh())
	}
	return fmt.Sprintf("Kalimat baru nomor %d.", ed.fresh())
}

// pickPath returns a random file name that ok accepts, or "".
func (ed *Editor) pickPath(ok func(string) bool) string {
	var names []string
	for _, n := range slices.Sorted(maps.Keys(ed.files)) {
		if ok(n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return names[ed.r.IntN(len(names))]
}

// doc is one document: its translations' files by language.
type doc struct {
	section, key string
	files        map[string]string
}

func (d *doc) names() []string { return slices.Sorted(maps.Values(d.files)) }

func (ed *Editor) docs() []*doc {
	var docs []*doc
	byKey := map[string]*doc{}
	for _, n := range slices.Sorted(maps.Keys(ed.files)) {
		section, key, lang, ok := docPath(n)
		if !ok {
			continue
		}
		d := byKey[section+"/"+key]
		if d == nil {
			d = &doc{section: section, key: key, files: map[string]string{}}
			byKey[section+"/"+key] = d
			docs = append(docs, d)
		}
		d.files[lang] = n
	}
	return docs
}

// free reports whether no pending fix needs d as it is.
func (ed *Editor) free(d *doc) bool {
	if ed.locked[d.key] {
		return false
	}
	for _, n := range d.files {
		if ed.locked[n] {
			return false
		}
	}
	return true
}

// pickDoc returns a random free document that ok accepts, or nil.
func (ed *Editor) pickDoc(ok func(*doc) bool) *doc {
	var docs []*doc
	for _, d := range ed.docs() {
		if ed.free(d) && ok(d) {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	return docs[ed.r.IntN(len(docs))]
}

// pickFile returns a random document file that no pending fix needs, or
// "" (with lang "").
func (ed *Editor) pickFile() (name, lang string) {
	name = ed.pickPath(func(n string) bool {
		_, key, _, ok := docPath(n)
		return ok && !ed.locked[n] && !ed.locked[key]
	})
	_, _, lang, _ = docPath(name)
	return name, lang
}

var refRe = regexp.MustCompile(`[a-z]+-[0-9]+(\.[a-z]+\.md)?`)

// refs indexes what documents mention: each document key, and each file
// name (key.lang.md), that a document links to or refers to, with the
// documents' files that do.
func (ed *Editor) refs() map[string][]string {
	idx := map[string][]string{}
	for _, n := range slices.Sorted(maps.Keys(ed.files)) {
		if _, _, _, ok := docPath(n); !ok {
			continue
		}
		seen := map[string]bool{}
		for _, m := range refRe.FindAllSubmatch(ed.read(n), -1) {
			for _, s := range []string{string(m[0]), strings.TrimSuffix(string(m[0]), string(m[1]))} {
				if !seen[s] {
					seen[s] = true
					idx[s] = append(idx[s], n)
				}
			}
		}
	}
	return idx
}

// referrers lists the files of other documents than d that mention s.
func referrers(idx map[string][]string, d *doc, s string) []string {
	var refs []string
	for _, n := range idx[s] {
		if _, key, _, _ := docPath(n); key != d.key {
			refs = append(refs, n)
		}
	}
	return refs
}

func (ed *Editor) move(d *doc, key string) {
	for lang, n := range d.files {
		to := path.Join("content", d.section, key+"."+lang+".md")
		ed.files[to] = ed.files[n]
		delete(ed.files, n)
	}
}

// bodyFirst changes the first paragraph of a body, so its derived summary.
func (ed *Editor) bodyFirst() string {
	name, lang := ed.pickFile()
	if name == "" {
		return ""
	}
	src := ed.read(name)
	if ed.r.IntN(2) == 0 {
		ed.put(name, insert(src, bodyStart(src), "\n"+ed.sentence(lang)+"\n\n"))
		return "body: a new first paragraph in " + name
	}
	ps := paragraphs(src)
	if len(ps) == 0 {
		return ""
	}
	ed.put(name, insert(src, ps[0].Start, ed.sentence(lang)+" "))
	return "body: first paragraph changed in " + name
}

var linkRe = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// bodyLater changes a later paragraph: its text, or a link added or taken
// away.
func (ed *Editor) bodyLater() string {
	name, lang := ed.pickFile()
	if name == "" {
		return ""
	}
	src := ed.read(name)
	ps := paragraphs(src)
	if len(ps) < 2 {
		return ""
	}
	p := ps[1+ed.r.IntN(len(ps)-1)]
	text := string(src[p.Start:p.End])
	switch ed.r.IntN(4) {
	case 0:
		target := ed.pickDoc(func(d *doc) bool { return d.section == "regulations" && d.files[lang] != "" })
		if target == nil {
			return ""
		}
		file := path.Base(target.files[lang])
		ed.put(name, replace(src, p, text+fmt.Sprintf(" [see %d](../regulations/%s)", ed.fresh(), file)))
		return fmt.Sprintf("body: a link to %s added in %s", file, name)
	case 1:
		if loc := linkRe.FindStringSubmatchIndex(text); loc != nil {
			ed.put(name, replace(src, p, text[:loc[0]]+text[loc[2]:loc[3]]+text[loc[1]:]))
			return "body: a link taken out in " + name
		}
	}
	ed.put(name, replace(src, p, text+" "+ed.sentence(lang)))
	return "body: a later paragraph changed in " + name
}

func (ed *Editor) title() string {
	name, lang := ed.pickFile()
	if name == "" {
		return ""
	}
	ed.put(name, setField(ed.read(name), "title", strconv.Quote(ed.sentence(lang))))
	return "title of " + name
}

func (ed *Editor) summary() string {
	name, lang := ed.pickFile()
	if name == "" {
		return ""
	}
	src := ed.read(name)
	if _, ok := getField(src, "summary"); ok && ed.r.IntN(3) == 0 {
		ed.put(name, deleteField(src, "summary"))
		return "summary: field taken out of " + name
	}
	ed.put(name, setField(src, "summary", strconv.Quote(ed.sentence(lang))))
	return "summary: field set in " + name
}

// meta sets or takes out a front-matter field that changes more than its
// own page: a slug (the URL, which links to the document follow), aliases
// (redirect pages), updated (a translation's out-of-date notice), ppid (the
// register of public information), draft (a news item leaves every list),
// a meeting's status, or a regulation revoking another.
func (ed *Editor) meta() string {
	original := func(d *doc) string {
		if n := d.files["id"]; n != "" {
			return n
		}
		return d.files["en"]
	}
	var name, field, value string
	switch ed.r.IntN(8) {
	case 0, 7:
		if d := ed.pickDoc(func(d *doc) bool { return d.section == "regulations" }); d != nil && ed.r.IntN(2) == 0 {
			name = d.names()[ed.r.IntN(len(d.files))] // a link target, mostly
		} else {
			name, _ = ed.pickFile()
		}
		field, value = "slug", fmt.Sprintf("s-%03d", ed.fresh())
	case 1:
		name, _ = ed.pickFile()
		field, value = "aliases", fmt.Sprintf("[/lama/a-%03d/]", ed.fresh())
	case 2:
		// updated must not lie before the date.
		if name, _ = ed.pickFile(); name == "" {
			return ""
		}
		if v, _ := getField(ed.read(name), "date"); v >= "2025-12" {
			return ""
		}
		field, value = "updated", fmt.Sprintf("2025-12-%02d", 1+ed.r.IntN(28))
	case 3:
		name, _ = ed.pickFile()
		field, value = "ppid", []string{"berkala", "serta-merta", "setiap-saat"}[ed.r.IntN(3)]
	case 4:
		if d := ed.pickDoc(func(d *doc) bool { return d.section == "news" }); d != nil {
			name, field, value = original(d), "draft", "true"
		}
	case 5:
		if d := ed.pickDoc(func(d *doc) bool { return d.section == "meetings" }); d != nil {
			name, field, value = original(d), "status", "cancelled"
		}
	default:
		a := ed.pickDoc(func(d *doc) bool { return d.section == "regulations" })
		b := ed.pickDoc(func(d *doc) bool { return d.section == "regulations" })
		// A later regulation revokes an earlier one, as the generated ones
		// amend earlier ones: so no regulation revokes itself and no ring
		// of them forms, both errors.
		if a != nil && b != nil && strings.HasPrefix(a.key, "reg-") && strings.HasPrefix(b.key, "reg-") && a.key > b.key {
			name, field, value = original(a), "revokes", "["+b.key+"]"
		}
	}
	if name == "" {
		return ""
	}
	src := ed.read(name)
	if _, ok := getField(src, field); ok && ed.r.IntN(2) == 0 {
		ed.put(name, deleteField(src, field))
		return fmt.Sprintf("%s: taken out of %s", field, name)
	}
	ed.put(name, setField(src, field, value))
	return fmt.Sprintf("%s: %s in %s", field, value, name)
}

// date moves a document to another day, in every translation that states
// it (with a meeting's end and action dates, a regulation's enactment).
func (ed *Editor) date() string {
	d := ed.pickDoc(func(*doc) bool { return true })
	if d == nil {
		return ""
	}
	var old string
	for _, n := range d.names() {
		if v, ok := getField(ed.read(n), "date"); ok && len(v) >= 10 {
			old = v[:10]
			break
		}
	}
	if old == "" {
		return ""
	}
	year := 2016 + ed.r.IntN(10)
	switch {
	case d.section == "regulations":
		year, _ = strconv.Atoi(old[:4])
	case ed.r.IntN(6) == 0:
		year = 2026 // after the tests' build time, 1 January: news not yet out, a meeting to come
	}
	day := fmt.Sprintf("%04d-%02d-%02d", year, 1+ed.r.IntN(12), 1+ed.r.IntN(28))
	if year == 2026 {
		day = fmt.Sprintf("2026-%02d-%02d", 2+ed.r.IntN(5), 1+ed.r.IntN(28))
	}
	for _, n := range d.names() {
		ed.put(n, bytes.ReplaceAll(ed.read(n), []byte(old), []byte(day)))
	}
	return fmt.Sprintf("date of %s/%s: %s → %s", d.section, d.key, old, day)
}

func tagList(v string) []string {
	var tags []string
	for _, t := range strings.Split(strings.Trim(v, "[]"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

func (ed *Editor) docTags(d *doc) []string {
	for _, n := range d.names() {
		if v, ok := getField(ed.read(n), "tags"); ok {
			return tagList(v)
		}
	}
	return nil
}

func (ed *Editor) setTags(d *doc, tags []string) {
	for _, n := range d.names() {
		if _, ok := getField(ed.read(n), "tags"); ok {
			ed.put(n, setField(ed.read(n), "tags", "["+strings.Join(tags, ", ")+"]"))
		}
	}
}

// tags adds, removes or renames a tag of a document, or renames a tag in
// every document.
func (ed *Editor) tags() string {
	d := ed.pickDoc(func(d *doc) bool { return len(ed.docTags(d)) > 0 })
	if d == nil {
		return ""
	}
	tags := ed.docTags(d)
	i := ed.r.IntN(len(tags))
	name := fmt.Sprintf("topik-%03d", ed.fresh())
	switch ed.r.IntN(4) {
	case 0:
		ed.setTags(d, append(tags, name))
		return fmt.Sprintf("tags: %s added to %s/%s", name, d.section, d.key)
	case 1:
		if len(tags) > 1 {
			ed.setTags(d, slices.Delete(tags, i, i+1))
			return fmt.Sprintf("tags: %s taken from %s/%s", tags[i], d.section, d.key)
		}
	case 2:
		old := tags[i]
		for _, e := range ed.docs() {
			if et := ed.docTags(e); ed.free(e) && slices.Contains(et, old) {
				et[slices.Index(et, old)] = name
				ed.setTags(e, et)
			}
		}
		return fmt.Sprintf("tags: %s renamed %s everywhere", old, name)
	}
	old := tags[i]
	tags[i] = name
	ed.setTags(d, tags)
	return fmt.Sprintf("tags: %s renamed %s in %s/%s", old, name, d.section, d.key)
}

// translation removes a translation that nothing links to, or adds one to
// a document that has one language only.
func (ed *Editor) translation() string {
	if ed.r.IntN(2) == 0 {
		d := ed.pickDoc(func(d *doc) bool { return len(d.files) == 1 })
		if d == nil {
			return ""
		}
		var have, lang string
		for l, n := range d.files {
			have, lang = n, map[string]string{"id": "en", "en": "id"}[l]
		}
		src := ed.read(have)
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\n", ed.sentence(lang))
		for _, f := range []string{"date", "tags"} {
			if v, ok := getField(src, f); ok {
				fmt.Fprintf(&b, "%s: %s\n", f, v)
			}
		}
		fmt.Fprintf(&b, "---\n\n%s\n\n## %d\n\n%s\n", ed.sentence(lang), ed.fresh(), ed.sentence(lang))
		name := path.Join("content", d.section, d.key+"."+lang+".md")
		ed.put(name, []byte(b.String()))
		return "translation added: " + name
	}
	d := ed.pickDoc(func(d *doc) bool { return len(d.files) == 2 })
	if d == nil {
		return ""
	}
	lang := "en"
	if d.section == "news" && ed.r.IntN(2) == 0 {
		lang = "id" // the original: only news have no fields the translation lacks
	}
	name := d.files[lang]
	if len(referrers(ed.refs(), d, path.Base(name))) > 0 {
		return ""
	}
	delete(ed.files, name)
	return "translation removed: " + name
}

// addDoc copies a document under a new key, with new titles.
func (ed *Editor) addDoc() string {
	d := ed.pickDoc(func(*doc) bool { return true })
	if d == nil {
		return ""
	}
	key := fmt.Sprintf("added-%03d", ed.fresh())
	number := strconv.Quote(strconv.Itoa(900 + ed.n))
	for lang, n := range d.files {
		src := setField(ed.read(n), "title", strconv.Quote(ed.sentence(lang)))
		if _, ok := getField(src, "number"); ok {
			src = setField(src, "number", number)
		}
		ed.put(path.Join("content", d.section, key+"."+lang+".md"), src)
	}
	return fmt.Sprintf("document added: %s/%s, a copy of %s", d.section, key, d.key)
}

func (ed *Editor) removeDoc() string {
	idx := ed.refs()
	d := ed.pickDoc(func(d *doc) bool { return len(referrers(idx, d, d.key)) == 0 })
	if d == nil {
		return ""
	}
	for _, n := range d.files {
		delete(ed.files, n)
	}
	return fmt.Sprintf("document removed: %s/%s", d.section, d.key)
}

// renameDoc renames a document nothing refers to: its key and URL change.
func (ed *Editor) renameDoc() string {
	idx := ed.refs()
	d := ed.pickDoc(func(d *doc) bool { return len(referrers(idx, d, d.key)) == 0 })
	if d == nil {
		return ""
	}
	key := fmt.Sprintf("moved-%03d", ed.fresh())
	ed.move(d, key)
	return fmt.Sprintf("document renamed: %s/%s → %s", d.section, d.key, key)
}

// renameTarget renames a document that others link to or refer to, which
// breaks the site until it is renamed back or the others follow.
func (ed *Editor) renameTarget() string {
	idx := ed.refs()
	d := ed.pickDoc(func(d *doc) bool { return len(referrers(idx, d, d.key)) > 0 })
	if d == nil {
		return ""
	}
	key := fmt.Sprintf("moved-%03d", ed.fresh())
	ed.move(d, key)
	moved, _ := ed.docOf(d.section, key)
	ed.locked[d.key], ed.locked[key] = true, true
	ed.pending = append(ed.pending, &fix{locks: []string{d.key, key}, apply: func() string {
		refs := referrers(ed.refs(), moved, d.key)
		for _, n := range refs {
			if ed.locked[n] {
				refs = nil // a file with an error to be undone keeps its text
				break
			}
		}
		if len(refs) == 0 || ed.r.IntN(2) == 0 {
			ed.move(moved, d.key)
			return fmt.Sprintf("fix: %s/%s renamed back from %s", d.section, d.key, key)
		}
		for _, n := range refs {
			ed.put(n, bytes.ReplaceAll(ed.read(n), []byte(d.key), []byte(key)))
		}
		return fmt.Sprintf("fix: %d links and references follow %s to %s", len(refs), d.key, key)
	}})
	return fmt.Sprintf("link target renamed: %s/%s → %s", d.section, d.key, key)
}

func (ed *Editor) docOf(section, key string) (*doc, bool) {
	for _, d := range ed.docs() {
		if d.section == section && d.key == key {
			return d, true
		}
	}
	return nil, false
}

// override returns the site's own copy of a theme file, or the theme's.
func (ed *Editor) override(name string) []byte {
	if data, ok := ed.files[name]; ok {
		return data
	}
	data, err := fs.ReadFile(ed.theme, name)
	if err != nil {
		panic(err)
	}
	return data
}

// template overrides a theme template with a visible change (a class
// more), changes the override again, or removes it.
func (ed *Editor) template() string {
	name := ed.templates[ed.r.IntN(len(ed.templates))]
	if ed.locked[name] {
		return ""
	}
	if _, ok := ed.files[name]; ok && ed.r.IntN(3) == 0 {
		delete(ed.files, name)
		return "template: override removed, " + name
	}
	src := ed.override(name)
	i := bytes.Index(src, []byte(`class="`)) + len(`class="`)
	ed.put(name, insert(src, i, fmt.Sprintf("e%03d ", ed.fresh())))
	return "template: " + name
}

var textRe = regexp.MustCompile(`(?m)^[a-z_]+: [^"'|>\s].*$`)

// texts overrides an interface text, changes the override or removes it.
func (ed *Editor) texts() string {
	name := "templates/i18n/" + []string{"id", "en"}[ed.r.IntN(2)] + ".yaml"
	if ed.locked[name] {
		return ""
	}
	if _, ok := ed.files[name]; ok && ed.r.IntN(3) == 0 {
		delete(ed.files, name)
		return "interface texts: override removed, " + name
	}
	src := ed.override(name)
	lines := textRe.FindAllIndex(src, -1)
	at := lines[ed.r.IntN(len(lines))][1]
	ed.put(name, insert(src, at, fmt.Sprintf(" (%d)", ed.fresh())))
	return "interface texts: " + name
}

var (
	siteTitleRe = regexp.MustCompile(`(?m)^  (id|en): .*$`)
	pageSizeRe  = regexp.MustCompile(`(?m)^pageSize: .*$`)
	baseURLRe   = regexp.MustCompile(`(?m)^baseURL: .*\n`)
	sectionsRe  = regexp.MustCompile(`(?m)^sections:\n(  .*\n)*`)
)

// config changes site.yaml: the title, the page size, a section's slugs
// (every URL in it, so every link to it) or baseURL.
func (ed *Editor) config() string {
	const name = "site.yaml"
	if ed.locked[name] {
		return ""
	}
	src := ed.read(name)
	switch ed.r.IntN(4) {
	case 0:
		t := siteTitleRe.FindIndex(src) // the first: title's
		ed.put(name, replace(src, span{Start: t[0] + 6, End: t[1]}, fmt.Sprintf("Kantor Uji %d", ed.fresh())))
		return "site.yaml: title"
	case 1:
		size := []int{10, 15, 20, 25}[ed.r.IntN(4)]
		ed.put(name, pageSizeRe.ReplaceAll(src, fmt.Appendf(nil, "pageSize: %d", size)))
		return fmt.Sprintf("site.yaml: pageSize %d", size)
	case 2:
		if loc := sectionsRe.FindIndex(src); loc != nil {
			ed.put(name, replace(src, span{Start: loc[0], End: loc[1]}, ""))
			return "site.yaml: section slugs taken out"
		}
		section := []string{"news", "meetings", "regulations", "regulations"}[ed.r.IntN(4)]
		n := ed.fresh()
		ed.put(name, fmt.Appendf(slices.Clip(src), "sections:\n  %s:\n    slug: {id: bagian-%03d, en: part-%03d}\n", section, n, n))
		return fmt.Sprintf("site.yaml: slugs of %s", section)
	}
	if baseURLRe.Match(src) {
		if ed.r.IntN(2) == 0 {
			ed.put(name, baseURLRe.ReplaceAll(src, nil))
			return "site.yaml: baseURL taken out"
		}
		url := fmt.Sprintf("https://uji%d.example/sub/", ed.fresh())
		ed.put(name, baseURLRe.ReplaceAll(src, []byte("baseURL: "+url+"\n")))
		return "site.yaml: baseURL " + url
	}
	ed.put(name, append(slices.Clip(src), "baseURL: https://contoh.example/\n"...))
	return "site.yaml: baseURL put back"
}

// static adds, changes or removes a static file, or overrides the theme's
// script.
func (ed *Editor) static() string {
	own := ed.pickPath(func(n string) bool { return strings.HasPrefix(n, "static/") })
	switch {
	case own != "" && ed.r.IntN(3) == 0:
		delete(ed.files, own)
		return "static: removed " + own
	case own != "" && ed.r.IntN(2) == 0:
		ed.put(own, append(slices.Clip(ed.read(own)), fmt.Sprintf("/* %d */\n", ed.fresh())...))
		return "static: changed " + own
	case ed.r.IntN(4) == 0:
		const js = "static/js/table.js"
		ed.put(js, append(slices.Clip(ed.override(js)), fmt.Sprintf("// %d\n", ed.fresh())...))
		return "static: theme's script overridden"
	}
	name := fmt.Sprintf("static/files/note-%03d.txt", ed.fresh())
	ed.put(name, fmt.Appendf(nil, "note %d\n", ed.n))
	return "static: added " + name
}

// breakFile makes the site invalid — bad YAML in a document's front
// matter, site.yaml or the interface texts, or a template that does not
// parse — and plans to put the file back as it was.
func (ed *Editor) breakFile() string {
	var name string
	var broken []byte
	switch ed.r.IntN(4) {
	case 0:
		if name, _ = ed.pickFile(); name != "" {
			broken = bytes.Replace(ed.read(name), []byte("title: \""), []byte("title: [\""), 1)
		}
	case 1:
		name = "site.yaml"
		broken = pageSizeRe.ReplaceAll(ed.read(name), []byte("pageSize: [20"))
	case 2:
		name = "templates/i18n/" + []string{"id", "en"}[ed.r.IntN(2)] + ".yaml"
		broken = append(slices.Clip(ed.override(name)), "broken: [text\n"...)
	default:
		name = ed.templates[ed.r.IntN(len(ed.templates))]
		broken = append([]byte("{{.Broken"), ed.override(name)...)
	}
	old, had := ed.files[name]
	if name == "" || ed.locked[name] || bytes.Equal(broken, old) {
		return ""
	}
	ed.put(name, broken)
	ed.locked[name] = true
	ed.pending = append(ed.pending, &fix{locks: []string{name}, apply: func() string {
		if !had {
			delete(ed.files, name)
		} else {
			ed.files[name] = old
		}
		return "fix: " + name + " as it was"
	}})
	return "invalid: " + name
}

// What follows reads and edits the documents Generate makes. Every
// function returns new bytes and leaves its argument as it was, as a build
// may still hold it.

// docPath splits the path of a document, content/<section>/<key>.<lang>.md,
// into its parts; ok is false for any other file.
func docPath(name string) (section, key, lang string, ok bool) {
	dir, file := path.Split(name)
	section = strings.TrimSuffix(strings.TrimPrefix(dir, "content/"), "/")
	if !strings.HasPrefix(dir, "content/") || section == "" || strings.Contains(section, "/") {
		return "", "", "", false
	}
	base, isMD := strings.CutSuffix(file, ".md")
	i := strings.LastIndexByte(base, '.')
	if !isMD || i <= 0 {
		return "", "", "", false
	}
	return section, base[:i], base[i+1:], true
}

// frontMatter returns where the lines of src's front matter start and end
// (the end being the closing "---") and where the body starts; ok is false
// when src has no closed front matter.
func frontMatter(src []byte) (start, end, body int, ok bool) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return 0, 0, 0, false
	}
	i := bytes.Index(src[3:], []byte("\n---\n"))
	if i < 0 {
		return 0, 0, 0, false
	}
	end = 3 + i + 1
	return 4, end, end + 4, true
}

// bodyStart returns the offset at which src's body starts, or -1 when src has
// no closed front matter.
func bodyStart(src []byte) int {
	_, _, body, ok := frontMatter(src)
	if !ok {
		return -1
	}
	return body
}

// fieldLine returns the start and end (before its newline) of the
// top-level front-matter line that sets name, or -1.
func fieldLine(src []byte, name string) (int, int) {
	start, end, _, ok := frontMatter(src)
	if !ok {
		return -1, -1
	}
	prefix := []byte(name + ":")
	for i := start; i < end; {
		j := i + bytes.IndexByte(src[i:end], '\n')
		if bytes.HasPrefix(src[i:j], prefix) {
			return i, j
		}
		i = j + 1
	}
	return -1, -1
}

// getField returns the value, as written, of the top-level front-matter field
// name; ok is false when src does not set it on a line of its own.
func getField(src []byte, name string) (value string, ok bool) {
	i, j := fieldLine(src, name)
	if i < 0 {
		return "", false
	}
	return strings.TrimSpace(string(src[i+len(name)+1 : j])), true
}

// setField returns src with the front-matter field name set to value,
// written as YAML: its line is replaced, or added after the title (or at
// the top) when src does not set it. src is returned as it is when it has
// no closed front matter.
func setField(src []byte, name, value string) []byte {
	line := name + ": " + value
	if i, j := fieldLine(src, name); i >= 0 {
		return join(src[:i], []byte(line), src[j:])
	}
	start, _, _, ok := frontMatter(src)
	if !ok {
		return src
	}
	at := start
	if _, j := fieldLine(src, "title"); j >= 0 {
		at = j + 1
	}
	return join(src[:at], []byte(line+"\n"), src[at:])
}

// deleteField returns src without the front-matter line of field name.
func deleteField(src []byte, name string) []byte {
	i, j := fieldLine(src, name)
	if i < 0 {
		return src
	}
	return join(src[:i], src[j+1:])
}

// span is a range of bytes, [Start, End).
type span struct{ Start, End int }

// paragraphs returns the paragraphs of prose in src's body, in order: the
// lines that are not headings, list items or table rows (Generate writes
// each paragraph on one line). A span ends before the line's newline.
func paragraphs(src []byte) []span {
	at := bodyStart(src)
	if at < 0 {
		return nil
	}
	var ps []span
	for at < len(src) {
		end := len(src)
		if k := bytes.IndexByte(src[at:], '\n'); k >= 0 {
			end = at + k
		}
		line := src[at:end]
		if len(bytes.TrimSpace(line)) > 0 && !bytes.HasPrefix(line, []byte("#")) &&
			!bytes.HasPrefix(line, []byte("- ")) && !bytes.HasPrefix(line, []byte("|")) {
			ps = append(ps, span{at, end})
		}
		at = end + 1
	}
	return ps
}

// insert returns src with text inserted at offset at.
func insert(src []byte, at int, text string) []byte {
	return join(src[:at], []byte(text), src[at:])
}

// replace returns src with the bytes of s replaced by text.
func replace(src []byte, s span, text string) []byte {
	return join(src[:s.Start], []byte(text), src[s.End:])
}

func join(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
