package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"

	"risalah/internal/corpus"
)

// corpusDocs returns the Indonesian documents of a generated site of n
// documents per language, with their whole file as the body.
func corpusDocs(n int) []Doc {
	var docs []Doc
	for path, data := range corpus.Generate(n, 1) {
		if !strings.HasSuffix(path, ".id.md") {
			continue
		}
		text := string(data)
		an := NewAnalyzer("id")
		title := ""
		if _, rest, ok := strings.Cut(text, "\ntitle: "); ok {
			title, _, _ = strings.Cut(rest, "\n")
		}
		body := an.Terms(Field{WeightBody, text})
		section, _, _ := strings.Cut(strings.TrimPrefix(path, "content/"), "/")
		docs = append(docs, Doc{URL: "/" + strings.TrimSuffix(path, ".id.md") + "/", Title: title, Section: section,
			Body: &body, Excerpt: text[:min(len(text), 300)]})
	}
	return docs
}

func gz(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// BenchmarkBuild indexes a generated site and reports the compressed
// sizes a search page fetches before its first result: index.json,
// docs.json, and the largest word and stem shards.
//
//	go test ./internal/search -run XXX -bench Build -benchtime 3x
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs := corpusDocs(n)
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			var files []File
			for b.Loop() {
				files = Build("id", docs)
			}
			var first, maxWords, maxStems, total int
			for _, f := range files {
				total += len(f.Data)
				switch {
				case f.Path == "index.json" || f.Path == "docs.json":
					first += gz(f.Data)
				case strings.HasPrefix(f.Path, "words/"):
					maxWords = max(maxWords, gz(f.Data))
				case strings.HasPrefix(f.Path, "stems/"):
					maxStems = max(maxStems, gz(f.Data))
				}
			}
			b.ReportMetric(float64(first), "first-gzB")
			b.ReportMetric(float64(maxWords), "max-words-gzB")
			b.ReportMetric(float64(maxStems), "max-stems-gzB")
			b.ReportMetric(float64(total), "total-B")
			b.ReportMetric(float64(len(files)), "files")
		})
	}
}

// BenchmarkTerms analyses the bodies of a generated site, as a build does
// for each document it renders, and reports the time per word.
//
//	go test ./internal/search -run XXX -bench Terms
func BenchmarkTerms(b *testing.B) {
	var texts []string
	words := 0
	for path, data := range corpus.Generate(200, 1) {
		if strings.HasSuffix(path, ".id.md") {
			texts = append(texts, string(data))
			words += len(strings.Fields(string(data)))
		}
	}
	an := NewAnalyzer("id")
	for b.Loop() {
		for _, t := range texts {
			an.Terms(Field{WeightBody, t})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*words), "ns/word")
}
