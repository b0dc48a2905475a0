// Command floor is the naive lower bound risalah is measured against: it
// only parses each document's front matter, renders its Markdown with
// goldmark, executes one trivial template and writes one file per document,
// on all cores. No lists, links, translations, feeds or checks.
//
//	go run ./bench/floor -s SITE -o OUT
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var page = template.Must(template.New("page").Parse(
	"<!DOCTYPE html><html><head><title>{{.Title}}</title></head><body><h1>{{.Title}}</h1>{{.Body}}</body></html>\n"))

func main() {
	siteDir := flag.String("s", ".", "site folder")
	outDir := flag.String("o", "floor-out", "output folder")
	flag.Parse()
	var files []string
	root := filepath.Join(*siteDir, "content")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	jobs := make(chan string)
	var wg sync.WaitGroup
	var failed sync.Once
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var html, out bytes.Buffer
			for p := range jobs {
				if err := one(md, root, *outDir, p, &html, &out); err != nil {
					failed.Do(func() { fmt.Fprintln(os.Stderr, "floor:", err) })
				}
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
}

func one(md goldmark.Markdown, root, outDir, p string, html, out *bytes.Buffer) error {
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	var fm struct {
		Title string `yaml:"title"`
	}
	body, err := frontmatter.Parse(bytes.NewReader(src), &fm)
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	html.Reset()
	if err := md.Convert(body, html); err != nil {
		return err
	}
	out.Reset()
	if err := page.Execute(out, struct {
		Title string
		Body  template.HTML
	}{fm.Title, template.HTML(html.String())}); err != nil {
		return err
	}
	rel, _ := filepath.Rel(root, p)
	dest := filepath.Join(outDir, strings.TrimSuffix(rel, ".md"), "index.html")
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dest, out.Bytes(), 0o644)
}
