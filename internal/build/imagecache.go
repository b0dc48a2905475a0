package build

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sync"

	"risalah/internal/imaging"
)

// ImageCache keeps the copies of photos between builds, by the key of
// the original and the settings (imaging.Key), so that a build encodes
// only the photos it holds no copies of. It may be emptied at any time.
type ImageCache interface {
	// Load returns the copies kept under key, smallest first.
	Load(key string) ([]imaging.Variant, bool)
	// Store keeps copies under key.
	Store(key string, copies []imaging.Variant) error
}

// DirImageCache returns an ImageCache in the folder dir, one file a
// photo, made when first needed.
func DirImageCache(dir string) ImageCache { return dirImages(dir) }

type dirImages string

func (d dirImages) path(key string) string {
	return filepath.Join(string(d), key[:2], key+".img")
}

// imageMagic starts each file of a DirImageCache; it changes with the
// format.
const imageMagic = "risalah-img-1\n"

// Load implements ImageCache. A file it cannot read is not there.
func (d dirImages) Load(key string) ([]imaging.Variant, bool) {
	if len(key) < 2 {
		return nil, false
	}
	data, err := os.ReadFile(d.path(key))
	if err != nil || len(data) < len(imageMagic) || string(data[:len(imageMagic)]) != imageMagic {
		return nil, false
	}
	data = data[len(imageMagic):]
	n, k := binary.Uvarint(data)
	if k <= 0 || n > 64 {
		return nil, false
	}
	data = data[k:]
	copies := make([]imaging.Variant, n)
	for i := range copies {
		var f [4]uint64
		for j := range f {
			v, k := binary.Uvarint(data)
			if k <= 0 {
				return nil, false
			}
			f[j], data = v, data[k:]
		}
		format := "jpeg"
		if f[2] == 1 {
			format = "png"
		}
		if f[3] > uint64(len(data)) {
			return nil, false
		}
		copies[i] = imaging.Variant{Width: int(f[0]), Height: int(f[1]), Format: format, Data: data[:f[3]:f[3]]}
		data = data[f[3]:]
	}
	return copies, len(data) == 0
}

// Store implements ImageCache: the file is written whole under another
// name and then renamed, so that a reader never finds half of it.
func (d dirImages) Store(key string, copies []imaging.Variant) error {
	if len(key) < 2 {
		return errors.New("no key")
	}
	buf := []byte(imageMagic)
	buf = binary.AppendUvarint(buf, uint64(len(copies)))
	for _, c := range copies {
		format := uint64(0)
		if c.Format == "png" {
			format = 1
		}
		for _, v := range []uint64{uint64(c.Width), uint64(c.Height), format, uint64(len(c.Data))} {
			buf = binary.AppendUvarint(buf, v)
		}
		buf = append(buf, c.Data...)
	}
	file := d.path(key)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(buf)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// memImages is the ImageCache of a Builder given none: the copies made by
// its earlier builds, in memory.
type memImages struct {
	mu sync.Mutex
	m  map[string][]imaging.Variant
}

func (c *memImages) Load(key string) ([]imaging.Variant, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *memImages) Store(key string, copies []imaging.Variant) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string][]imaging.Variant{}
	}
	c.m[key] = copies
	return nil
}

// imageCache returns the cache of the Builder's photos.
func (b *Builder) imageCache() ImageCache {
	if b.opts.ImageCache != nil {
		return b.opts.ImageCache
	}
	return &b.images
}
