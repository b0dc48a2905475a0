package search

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Doc is one document to index, in one language.
type Doc struct {
	URL     string // the page's address, as the site links it
	Title   string
	Section string            // "news", "meetings", "regulations" or "" for a page
	Date    string            // YYYY-MM-DD, or "" without one
	Facets  map[string]string // filter values, such as "type": "UU", "status": "in-force", "year": "2011"
	Fields  []Field
	Excerpt string // the text excerpts are cut from: the summary and the start of the body
}

// Field is one part of a document's text, with how much a match in it
// counts: a title or a regulation's number outweighs the body.
type Field struct {
	Weight float64
	Text   string
}

// Weights of the usual fields.
const (
	WeightTitle  = 8
	WeightNumber = 8 // a regulation's type, number and year
	WeightFacts  = 3 // summary, venue, organiser, speakers, agencies
	WeightBody   = 1
)

// BM25's parameters, at the values the field uses.
const (
	k1 = 1.2
	b  = 0.75
)

// MaxShard is the size past which a shard of words or stems is split by a
// longer prefix, in bytes of JSON before compression.
const MaxShard = 24 << 10

// maxPrefix is the longest shard prefix: past it a shard stays whole.
const maxPrefix = 4

// File is one file of the index, at a path relative to its folder.
type File struct {
	Path string
	Data []byte
}

// Manifest is index.json: what a search page loads first, to know which
// shard holds a word.
type Manifest struct {
	Version int      `json:"v"`
	Docs    int      `json:"docs"`
	Words   []string `json:"words"`  // prefixes of the shards in words/
	Stems   []string `json:"stems"`  // prefixes of the shards in stems/
	Facets  []string `json:"facets"` // facet names, in the order docs.json gives their values
}

// docsFile is docs.json: for each document by number, its section, date
// and facet values, for filters and counts over the results.
type docsFile struct {
	Sections []string   `json:"sections"` // distinct sections; docs refer to them by number
	Docs     [][]string `json:"docs"`     // [section number, date, facet values...]
}

// docFile is doc/N.json: what a result shows.
type docFile struct {
	URL     string `json:"url"`
	Title   string `json:"title"`
	Section string `json:"section,omitempty"`
	Date    string `json:"date,omitempty"`
	Text    string `json:"text,omitempty"`
}

// Build indexes docs in lang and returns the index's files: index.json,
// docs.json, doc/N.json per document, and the shards words/P.json (each
// word seen, folded, to its stem) and stems/P.json (each stem to its
// documents and their scores, best first). The same docs give the same
// bytes.
func Build(lang string, docs []Doc) []File {
	docs = slices.Clone(docs)
	slices.SortFunc(docs, func(a, b Doc) int { return strings.Compare(a.URL, b.URL) })
	an := NewAnalyzer(lang)

	wordStem := map[string]string{}
	tf := make([]map[string]float64, len(docs)) // per doc: stem -> weighted frequency
	lengths := make([]float64, len(docs))
	df := map[string]int{}
	var total float64
	for i, d := range docs {
		tf[i] = map[string]float64{}
		for _, f := range append([]Field{{WeightTitle, d.Title}}, d.Fields...) {
			for _, t := range an.Tokens(f.Text) {
				wordStem[t.Word] = t.Stem
				tf[i][t.Stem] += f.Weight
				lengths[i] += f.Weight
			}
		}
		for s := range tf[i] {
			df[s]++
		}
		total += lengths[i]
	}
	avg := 1.0
	if len(docs) > 0 && total > 0 {
		avg = total / float64(len(docs))
	}
	n := float64(len(docs))
	postings := map[string][][2]int{} // stem -> [doc, score×100]
	for i := range docs {
		for s, f := range tf[i] {
			idf := math.Log(1 + (n-float64(df[s])+0.5)/(float64(df[s])+0.5))
			score := idf * f * (k1 + 1) / (f + k1*(1-b+b*lengths[i]/avg))
			postings[s] = append(postings[s], [2]int{i, max(1, int(math.Round(score*100)))})
		}
	}
	for s := range postings {
		slices.SortFunc(postings[s], func(a, b [2]int) int {
			if a[1] != b[1] {
				return b[1] - a[1]
			}
			return a[0] - b[0]
		})
	}

	var files []File
	put := func(path string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			panic(fmt.Sprintf("search: %s: %v", path, err)) // only maps, slices and strings: cannot fail
		}
		files = append(files, File{path, data})
	}
	facetSet := map[string]bool{}
	for _, d := range docs {
		for k := range d.Facets {
			facetSet[k] = true
		}
	}
	facets := sortedKeys(facetSet)
	df2 := docsFile{}
	sectionAt := map[string]int{}
	for i, d := range docs {
		at, ok := sectionAt[d.Section]
		if !ok {
			at = len(df2.Sections)
			sectionAt[d.Section] = at
			df2.Sections = append(df2.Sections, d.Section)
		}
		row := []string{fmt.Sprint(at), d.Date}
		for _, k := range facets {
			row = append(row, d.Facets[k])
		}
		df2.Docs = append(df2.Docs, row)
		put(fmt.Sprintf("doc/%d.json", i), docFile{URL: d.URL, Title: d.Title, Section: d.Section, Date: d.Date, Text: d.Excerpt})
	}
	m := Manifest{Version: 1, Docs: len(docs), Facets: facets}
	m.Words = shard("words", wordStem, func(v string) int { return len(v) + 6 }, MaxShard, put)
	// A posting is [doc,score], about 12 bytes of JSON.
	m.Stems = shard("stems", postings, func(v [][2]int) int { return 12*len(v) + 6 }, MaxShard, put)
	put("docs.json", df2)
	put("index.json", m)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// shard writes the entries of m into files under dir by key prefix,
// splitting a prefix by one more character while its file passes
// maxSize bytes, and returns the prefixes written, sorted. A shard P holds
// the keys that start with P and with no longer prefix written. Prefixes
// are counted in characters, as a browser counts them.
//
// size estimates the bytes of a value's JSON: measuring each by encoding it
// would encode the whole index twice.
func shard[V any](dir string, m map[string]V, size func(V) int, maxSize int, put func(string, any)) []string {
	keys := sortedKeys(m)
	var prefixes []string
	write := func(prefix string, keys []string) {
		part := make(map[string]V, len(keys))
		for _, k := range keys {
			part[k] = m[k]
		}
		prefixes = append(prefixes, prefix)
		put(dir+"/"+shardName(prefix)+".json", part)
	}
	var split func(prefix string, keys []string)
	split = func(prefix string, keys []string) {
		total := 0
		for _, k := range keys {
			total += len(k) + 4 + size(m[k])
		}
		depth := utf8.RuneCountInString(prefix)
		if total <= maxSize || depth >= maxPrefix || len(keys) == 1 {
			write(prefix, keys)
			return
		}
		var here []string
		groups := map[string][]string{}
		for _, k := range keys {
			p := runePrefix(k, depth+1)
			if p == prefix {
				here = append(here, k)
				continue
			}
			groups[p] = append(groups[p], k)
		}
		if len(here) > 0 {
			write(prefix, here) // the key that is the prefix itself
		}
		for _, p := range sortedKeys(groups) {
			split(p, groups[p])
		}
	}
	byFirst := map[string][]string{}
	for _, k := range keys {
		p := runePrefix(k, 1)
		byFirst[p] = append(byFirst[p], k)
	}
	for _, p := range sortedKeys(byFirst) {
		split(p, byFirst[p])
	}
	slices.Sort(prefixes)
	return slices.Compact(prefixes)
}

// shardName is the file name of a shard's prefix: its UTF-8 bytes in hex,
// so that every prefix is a portable file name.
func shardName(prefix string) string { return fmt.Sprintf("%x", prefix) }

// runePrefix returns the first n characters of s, or s if it is shorter.
func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
