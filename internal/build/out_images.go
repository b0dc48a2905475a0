package build

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"risalah/internal/config"
	"risalah/internal/diag"
	"risalah/internal/imaging"
	"risalah/internal/markdown"
	"risalah/internal/pdf"
	"risalah/internal/render"
	"risalah/internal/site"
	"risalah/internal/work"
)

// images are the published copies of the site's photos: each JPEG or PNG
// of a page bundle, and each of static/ that a document shows, is
// published at a few widths (config.Images) in place of the original, so
// that no camera's metadata, its GPS position above all, is published.
// The copies are made once and kept in the image cache by the bytes of the
// original: a rebuild, or the preview, encodes only new or changed photos.
var images = producer{name: "images", all: allImages, bodies: noBodies}

// picture is an image of the site, measured before pages are rendered.
type picture struct {
	source string // site-relative path
	info   imaging.Info
	// key fingerprints the original and the settings (imaging.Key), for
	// the cache; widths are the copies' widths, smallest first. Both are
	// empty for a format published as it is (GIF, WebP, SVG).
	key    string
	widths []int
	err    error // why it cannot be published; reported once
	// size and mod are the file's size and modification time when it
	// was read, as the stamp that lets the next build of a preview trust
	// the file unchanged without reading it.
	size, mod int64
	ready     chan struct{} // closed once measured
}

// scaled reports whether copies of p are made.
func (p *picture) scaled() bool { return p.err == nil && len(p.widths) > 0 }

// fileFacts are what an attachment's list shows of its file.
type fileFacts struct {
	size  int64
	mod   int64 // the file's modification time when it was read
	pages int   // a PDF's pages; 0 when not known
	ok    bool
	ready chan struct{} // closed once read
}

// media holds the pictures and attachments of one model. Pictures of page
// bundles are measured when the model is made; files of static/ and
// attachments, as the pages that show them are rendered. Once frozen (when
// the copies are made), a rebuild of bodies that shows a picture not
// measured yet asks for a full build instead (missed).
type media struct {
	fsys fs.FS // the site folder
	opts imaging.Options
	// static is the static folder's name, such as "static", and
	// staticFS its files over the theme's.
	static   string
	staticFS fs.FS
	mu       sync.Mutex
	pics     map[string]*picture
	files    map[string]*fileFacts
	frozen   bool
	missed   atomic.Bool
	// began is when this model's measuring began; prev is the previous
	// model's media, whose pictures this one may take unread until it is
	// frozen.
	began time.Time
	prev  *media
}

// stampMargin is how much older than the build that read it a file must
// be for its stamp (size and modification time) to be trusted: a file
// written in the same instant as it was read, or within one tick of a
// coarse file system clock, may have changed unseen.
const stampMargin = 2 * time.Second

// imageOptions returns the settings of the copies.
func imageOptions(cfg *config.Config) imaging.Options {
	return imaging.Options{Widths: cfg.Images.Widths, Quality: cfg.Images.Quality, MaxPixels: cfg.Images.MaxPixels}.WithDefaults()
}

// newMedia measures every picture of the page bundles, in parallel,
// taking from prev (the previous model's media, or nil) those whose
// files have the stamp they had.
func newMedia(ctx context.Context, fsys, staticFS fs.FS, cfg *config.Config, s *site.Site, prev *media) *media {
	md := &media{fsys: fsys, opts: imageOptions(cfg), static: cfg.Paths.Static, staticFS: staticFS, pics: map[string]*picture{},
		files: map[string]*fileFacts{}, began: time.Now()}
	if prev != nil && sameOptions(prev.opts, md.opts) {
		md.prev = prev
	}
	var sources []string
	seen := map[string]bool{}
	for _, r := range s.Resources {
		if !seen[r.Source] && isImage(r.Source) {
			seen[r.Source] = true
			sources = append(sources, r.Source)
		}
	}
	pics := make([]*picture, len(sources))
	work.Each(ctx, len(sources), func(i int) {
		pics[i] = &picture{source: sources[i], ready: make(chan struct{})}
		md.measure(pics[i])
		close(pics[i].ready)
	})
	for _, p := range pics {
		if p != nil {
			md.pics[p.source] = p
		}
	}
	return md
}

func sameOptions(a, b imaging.Options) bool {
	return a.Quality == b.Quality && a.MaxPixels == b.MaxPixels && slices.Equal(a.Widths, b.Widths)
}

// isTIFF reports whether name is a TIFF by its extension.
func isTIFF(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".tif" || ext == ".tiff"
}

// isImage reports whether name is an image file by its extension.
func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".jfif", ".png", ".gif", ".webp", ".svg", ".tif", ".tiff":
		return true
	}
	return false
}

// measure reads and measures the image p.source, or takes what md.prev
// measured of it; the caller then closes p.ready.
func (md *media) measure(p *picture) {
	md.mu.Lock()
	source, prev := p.source, md.prev
	md.mu.Unlock()
	fsys, name := md.where(source)
	if info, err := fs.Stat(fsys, name); err == nil && info.Mode().IsRegular() && !info.ModTime().IsZero() {
		p.size, p.mod = info.Size(), info.ModTime().UnixNano()
		if prev != nil && info.ModTime().Before(prev.began.Add(-stampMargin)) {
			prev.mu.Lock()
			old := prev.pics[source]
			prev.mu.Unlock()
			if old != nil {
				<-old.ready
				if old.size == p.size && old.mod == p.mod && old.err == nil {
					p.info, p.key, p.widths = old.info, old.key, old.widths
					return
				}
			}
		}
	}
	data, err := md.read(source)
	if err != nil {
		p.err = err
		return
	}
	if p.info, p.err = imaging.Measure(data, md.opts.MaxPixels); p.err != nil {
		return
	}
	if imaging.Scalable(p.info.Format) {
		p.key = imaging.Key(data, md.opts)
		p.widths = imaging.Widths(p.info.Width, md.opts.Widths)
	}
}

// where returns the file system that holds the site file source, and its
// name there: a file of static/ may be the theme's.
func (md *media) where(source string) (fs.FS, string) {
	if name, ok := strings.CutPrefix(source, md.static+"/"); ok {
		return md.staticFS, name
	}
	return md.fsys, source
}

// read reads the site file source.
func (md *media) read(source string) ([]byte, error) {
	fsys, name := md.where(source)
	return fs.ReadFile(fsys, name)
}

// picture returns the picture of source, measuring a file of static/
// the first time it is asked for; nil when source is not an image.
func (md *media) picture(source string) *picture {
	if !isImage(source) {
		return nil
	}
	md.mu.Lock()
	p, ok := md.pics[source]
	if !ok {
		if md.frozen || !strings.HasPrefix(source, md.static+"/") {
			frozen := md.frozen
			md.mu.Unlock()
			if frozen {
				md.missed.Store(true)
			}
			return nil
		}
		p = &picture{source: source, ready: make(chan struct{})}
		md.pics[source] = p
		md.mu.Unlock()
		md.measure(p)
		close(p.ready)
		return p
	}
	md.mu.Unlock()
	<-p.ready
	return p
}

// file returns the facts of the attachment source, reading it once.
func (md *media) file(source string) fileFacts {
	md.mu.Lock()
	f, ok := md.files[source]
	if !ok {
		f = &fileFacts{ready: make(chan struct{})}
		md.files[source] = f
	}
	md.mu.Unlock()
	if ok {
		<-f.ready
		return *f
	}
	defer close(f.ready)
	fsys, name := md.where(source)
	file, err := fsys.Open(name)
	if err != nil {
		return *f
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return *f
	}
	f.size, f.ok, f.mod = info.Size(), true, info.ModTime().UnixNano()
	if !strings.EqualFold(path.Ext(source), ".pdf") {
		return *f // its size is all a list shows: the file is not read
	}
	if prev := md.prevFile(source, f.size, f.mod); prev != nil {
		f.pages = prev.pages // the preview's file, unchanged since
		return *f
	}
	// A PDF's pages are counted from its last revision, reading only the
	// parts the count needs, within a budget of bytes, objects and time:
	// a large or crafted file costs at most the budget, and is listed
	// without its pages.
	var r io.ReaderAt
	if ra, ok := file.(io.ReaderAt); ok {
		r = ra
	} else if data, err := io.ReadAll(file); err == nil {
		r = bytes.NewReader(data)
	} else {
		return *f
	}
	if n, err := pdf.PagesReader(r, f.size, pdf.DefaultBudget()); err == nil {
		f.pages = n
	}
	return *f
}

// prevFile returns the previous model's facts of the attachment source
// when its file has the same size and modification time and was read
// long enough after it was last changed to be trusted (stampMargin).
func (md *media) prevFile(source string, size, mod int64) *fileFacts {
	if md.prev == nil || mod == 0 {
		return nil
	}
	md.prev.mu.Lock()
	p := md.prev.files[source]
	md.prev.mu.Unlock()
	if p == nil {
		return nil
	}
	<-p.ready
	if !p.ok || p.size != size || p.mod != mod || md.prev.began.Sub(time.Unix(0, mod)) < stampMargin {
		return nil
	}
	return p
}

// freeze ends the measuring of static/ files; it returns the pictures
// whose copies are made, by source.
func (md *media) freeze() []*picture {
	md.mu.Lock()
	defer md.mu.Unlock()
	md.frozen, md.prev = true, nil // and the media before it can go
	var out []*picture
	for _, p := range md.pics {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].source < out[j].source })
	return out
}

// copyName returns the output path of the copy width pixels wide of the
// picture published at out: the largest copy takes the original's name,
// so links to it keep working; the others add their width, such as
// foto-480w.jpg.
func copyName(out string, width int, largest bool, format string) string {
	ext := path.Ext(out)
	stem := strings.TrimSuffix(out, ext)
	if format == "tiff" {
		ext = ".jpg" // its copies are JPEG, named as such
	}
	if largest {
		return stem + ext
	}
	return stem + "-" + strconv.Itoa(width) + "w" + ext
}

// show returns how the picture p, published at the URL u, is shown.
func (p *picture) show(u string) render.Picture {
	pic := render.Picture{Width: p.info.Width, Height: p.info.Height}
	if !p.scaled() {
		return pic
	}
	last := len(p.widths) - 1
	pic.Width = p.widths[last]
	pic.Height = p.info.HeightAt(pic.Width)
	if src := copyName(u, pic.Width, true, p.info.Format); src != u {
		pic.URL = src
	}
	if last > 0 {
		var b strings.Builder
		for i, w := range p.widths {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(copyName(u, w, i == last, p.info.Format) + " " + strconv.Itoa(w) + "w")
		}
		pic.Srcset = b.String()
	}
	return pic
}

// mediaView is what the renderer asks the build of the site's files.
type mediaView struct {
	md *media
	s  *site.Site
}

// Picture implements render.Media.
func (v mediaView) Picture(u string) (render.Picture, bool) {
	src := v.s.Source(u)
	if src == "" {
		return render.Picture{}, false
	}
	p := v.md.picture(src)
	if p == nil || p.err != nil {
		return render.Picture{}, false
	}
	return p.show(u), true
}

// File implements render.Media.
func (v mediaView) File(u string) (int64, int, bool) {
	src := v.s.Source(u)
	if src == "" {
		return 0, 0, false
	}
	f := v.md.file(src)
	return f.size, f.pages, f.ok
}

// Image implements markdown.ImageResolver for a page's body, recording the
// picture as one of its links, so that a body whose pictures changed
// size is rendered again.
func (r *recorder) Image(dest string) (markdown.Picture, bool) {
	pic, ok := r.picture(dest)
	*r.links = append(*r.links, resolution{imageDest + dest, pictureRecord(pic, ok), ""})
	return markdown.Picture{Width: pic.Width, Height: pic.Height, Srcset: pic.Srcset, URL: pic.URL}, ok
}

func (r *recorder) picture(dest string) (render.Picture, bool) {
	if r.md == nil {
		return render.Picture{}, false
	}
	u, why := r.s.Resolve(r.p, dest)
	if why != "" {
		return render.Picture{}, false
	}
	return mediaView{r.md, r.s}.Picture(u)
}

// imageDest starts the dest of a resolution that records a picture.
const imageDest = "\x00image "

func pictureRecord(p render.Picture, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.Itoa(p.Width) + "×" + strconv.Itoa(p.Height) + " " + p.Srcset + " " + p.URL
}

// allImages makes the copies of every picture, taking them from the cache
// when it holds them, and writes them beside each page that shows them.
func allImages(rs *renderState) {
	md := rs.m.media
	pics := md.freeze()
	outs := map[string][]string{}
	for _, r := range rs.m.site.Resources {
		outs[r.Source] = append(outs[r.Source], r.Output)
	}
	var todo []*picture
	for _, p := range pics {
		if p.err != nil {
			reportImage(rs.diags, p.source, p.err)
			continue
		}
		if !p.scaled() {
			continue
		}
		if strings.HasPrefix(p.source, md.static+"/") {
			outs[p.source] = []string{strings.TrimPrefix(p.source, md.static+"/")}
		}
		todo = append(todo, p)
	}
	cache := rs.b.imageCache()
	var encoded, cached atomic.Int64
	// Decoded photos take memory by their pixels, 8 bytes each for a
	// 16-bit PNG: as many are decoded at once as fit in the pixels of the
	// largest photo allowed, whatever the number of cores, so that four
	// pixel bombs on four cores take the memory of one.
	budget := newPixelBudget(md.opts.MaxPixels)
	work.Each(rs.ctx, len(todo), func(i int) {
		p := todo[i]
		copies, ok := cache.Load(p.key)
		if ok && !sameWidths(copies, p.widths) {
			ok = false // a damaged entry, or one of another program
		}
		if !ok {
			data, err := md.read(p.source)
			if err == nil {
				n := budget.acquire(int64(p.info.Width) * int64(p.info.Height))
				_, copies, err = imaging.Process(data, md.opts)
				budget.release(n)
			}
			if err != nil {
				reportImage(rs.diags, p.source, err)
				return
			}
			encoded.Add(1)
			if err := cache.Store(p.key, copies); err != nil {
				rs.diags.Warnf(diag.Pos{File: p.source}, diag.CodeOutput, "check the cache folder's permissions and free space, or delete it", "cannot keep the image's copies in the cache: %v", err)
			}
		} else {
			cached.Add(1)
		}
		for _, out := range outs[p.source] {
			for j, c := range copies {
				rs.w.write(copyName(out, c.Width, j == len(copies)-1, p.info.Format), p.source, c.Data)
			}
		}
	})
	rs.imagesEncoded, rs.imagesCached = int(encoded.Load()), int(cached.Load())
}

func sameWidths(copies []imaging.Variant, widths []int) bool {
	if len(copies) != len(widths) {
		return false
	}
	for i, c := range copies {
		if c.Width != widths[i] || len(c.Data) == 0 {
			return false
		}
	}
	return true
}

// reportImage reports why the image source cannot be published.
func reportImage(diags *diag.List, source string, err error) {
	pos := diag.Pos{File: source}
	switch {
	case errors.Is(err, imaging.ErrTooLarge):
		diags.Errorf(pos, diag.CodeImage, "scale the photo down to at most 8000 pixels wide, or raise images.maxPixels in site.yaml", "cannot publish the image: %v", err)
	case errors.Is(err, fs.ErrNotExist):
		diags.Errorf(pos, diag.CodeRead, "", "cannot read: %v", err)
	default:
		diags.Errorf(pos, diag.CodeImage, "open the file in an image editor and save it again as JPEG or PNG, or replace it", "cannot publish the image: %v", err)
	}
}

// published reports whether source is published by the images producer,
// not copied as it is.
func (md *media) published(source string) bool {
	md.mu.Lock()
	p := md.pics[source]
	md.mu.Unlock()
	if p == nil {
		return false
	}
	<-p.ready
	return p.scaled() || p.err != nil
}

// pixelBudget bounds the pixels of the photos decoded at once.
type pixelBudget struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int64
	cap  int64
}

func newPixelBudget(pixels int64) *pixelBudget {
	b := &pixelBudget{free: max(pixels, 1), cap: max(pixels, 1)}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n pixels are free, n being at most the whole
// budget, and takes them; it returns what it took, for release.
func (b *pixelBudget) acquire(n int64) int64 {
	n = min(max(n, 1), b.cap)
	b.mu.Lock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
	return n
}

// release gives back n pixels taken by acquire.
func (b *pixelBudget) release(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}
