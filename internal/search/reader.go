package search

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Index reads an index that Build wrote, the way the search page does:
// a word's shard gives its stem, the stem's shard its documents, and
// docs.json what BM25 needs. It is what tests and tools use to search a
// built site; the page adds matching while typing and typo tolerance.
type Index struct {
	read     func(path string) ([]byte, error)
	manifest Manifest
	docs     docsFile
	lengths  []float64
	avg      float64
}

// Hit is one document found.
type Hit struct {
	Doc   int // its number in the index
	URL   string
	Title string
	Date  string
	// Top counts the query's words in its title or number, which rank
	// first; Score is its BM25 relevance.
	Top   int
	Score float64
}

// Open reads the index whose files read returns by their path in the
// index's folder.
func Open(read func(path string) ([]byte, error)) (*Index, error) {
	x := &Index{read: read}
	if err := x.load("index.json", &x.manifest); err != nil {
		return nil, err
	}
	if x.manifest.Version != Version {
		return nil, fmt.Errorf("index.json: version %d, want %d", x.manifest.Version, Version)
	}
	if err := x.load("docs.json", &x.docs); err != nil {
		return nil, err
	}
	x.lengths = make([]float64, len(x.docs.Norms))
	var total float64
	for i, q := range x.docs.Norms {
		x.lengths[i] = math.Exp2(float64(q)/8) - 1
		total += x.lengths[i]
	}
	x.avg = max(1, total/float64(max(1, len(x.lengths))))
	return x, nil
}

func (x *Index) load(path string, v any) error {
	data, err := x.read(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// Facet returns the value of document doc for a facet ("section", "year",
// "type", "status"), or "".
func (x *Index) Facet(doc int, facet string) string {
	col, ok := x.docs.Facets[facet]
	if !ok || doc >= len(col.Of) || col.Of[doc] == 0 {
		return ""
	}
	return col.Values[col.Of[doc]-1]
}

// shardOf returns the shard of key among prefixes: the longest prefix key
// starts with, or "" and false.
func shardOf(prefixes []string, key string) (string, bool) {
	best, ok := "", false
	for _, p := range prefixes {
		if strings.HasPrefix(key, p) && (!ok || len(p) > len(best)) {
			best, ok = p, true
		}
	}
	return best, ok
}

// Stem returns the stem the index gives a folded word, and whether the
// index knows the word.
func (x *Index) Stem(word string) (string, bool, error) {
	p, ok := shardOf(x.manifest.Words, word)
	if !ok {
		return "", false, nil
	}
	words := map[string]string{}
	if err := x.load("words/"+shardName(p)+".json", &words); err != nil {
		return "", false, err
	}
	s, ok := words[word]
	if s == "" {
		s = word
	}
	return s, ok, nil
}

// postings returns the documents of a stem as pairs of document number
// and 2·count+top.
func (x *Index) postings(stem string) ([][2]int, error) {
	p, ok := shardOf(x.manifest.Stems, stem)
	if !ok {
		return nil, nil
	}
	stems := map[string][]int{}
	if err := x.load("stems/"+shardName(p)+".json", &stems); err != nil {
		return nil, err
	}
	pairs := stems[stem]
	out := make([][2]int, 0, len(pairs)/2)
	doc := 0
	for k := 0; k+1 < len(pairs); k += 2 {
		doc += pairs[k]
		out = append(out, [2]int{doc, pairs[k+1]})
	}
	return out, nil
}

// Search returns the documents that hold every word of query, in any of
// its forms, ranked as the page ranks them: more words in the title or
// number first, then by BM25, then newest first.
func (x *Index) Search(query string) ([]Hit, error) {
	type score struct {
		top   int
		score float64
	}
	var hits map[int]score
	for _, tok := range NewAnalyzer("").Tokens(query) {
		s, ok, err := x.Stem(tok.Word)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, nil
		}
		ps, err := x.postings(s)
		if err != nil {
			return nil, err
		}
		n, df := float64(x.manifest.Docs), float64(len(ps))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		next := map[int]score{}
		for _, p := range ps {
			doc, tf := p[0], float64(p[1]/2)
			if doc >= len(x.lengths) {
				return nil, fmt.Errorf("stem %q: document %d of %d", s, doc, len(x.lengths))
			}
			h, seen := hits[doc]
			if hits != nil && !seen {
				continue
			}
			h.top += p[1] % 2
			h.score += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*x.lengths[doc]/x.avg))
			next[doc] = h
		}
		hits = next
	}
	out := make([]Hit, 0, len(hits))
	for doc, h := range hits {
		var group []docFile
		if err := x.load(fmt.Sprintf("doc/%d.json", doc/DocsPerFile), &group); err != nil {
			return nil, err
		}
		if doc%DocsPerFile >= len(group) {
			return nil, fmt.Errorf("doc/%d.json: no document %d", doc/DocsPerFile, doc)
		}
		d := group[doc%DocsPerFile]
		out = append(out, Hit{Doc: doc, URL: d.URL, Title: d.Title, Date: d.Date, Top: h.top, Score: h.score})
	}
	slices.SortFunc(out, func(a, b Hit) int {
		if a.Top != b.Top {
			return b.Top - a.Top
		}
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return b.Doc - a.Doc
	})
	return out, nil
}

// BM25's parameters, at the values the field uses; the page uses the same.
const (
	k1 = 1.2
	b  = 0.75
)
