package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"risalah/internal/stem"
)

// Doc is one document to index, in one language.
type Doc struct {
	URL     string // the page's address, as the site links it
	Title   string
	Section string // the section's name as the page shows it, or "" for a page
	Date    string // YYYY-MM-DD, YYYY when only the year is known, or "" without one
	// Facets are filter values by facet name, such as "type": "UU",
	// "status": "Berlaku", "year": "2011"; Section is the facet "section".
	Facets map[string]string
	Fields []Field
	// Body holds the terms of the body, analysed when it was rendered.
	Body *Terms
	// Excerpt is the text results show, cut around the first match: the
	// summary and the start of the body.
	Excerpt string
}

// Field is one part of a document's text, with how much a match in it
// counts: a title or a regulation's number outweighs the body.
type Field struct {
	Weight int32
	Text   string
}

// Weights of the usual fields.
const (
	WeightTitle  = 8
	WeightNumber = 8 // a regulation's type, number and year, and their aliases
	WeightFacts  = 3 // summary, venue, organiser, speakers, agencies
	WeightBody   = 1
)

// MaxShard is the size past which a shard of words or stems is split by a
// longer prefix, in bytes of JSON before compression.
const MaxShard = 24 << 10

// maxPrefix is the longest shard prefix: past it a shard stays whole.
const maxPrefix = 4

// Version is the version of the index's format, in index.json; the search
// page refuses another.
const Version = 2

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
	Facets  []string `json:"facets"` // facet names, in the order docs.json gives them
}

// facetColumn is one facet in docs.json: its values, and for each
// document by number the value's index plus one, or 0 for none.
type facetColumn struct {
	Values []string `json:"values"`
	Of     []int    `json:"of"`
}

// docsFile is docs.json: what ranking, filters and sorting need of every
// document, by number, as columns that compress well.
type docsFile struct {
	// Days are the documents' dates as days since 1970-01-01 (0: none),
	// each given as the difference from the one before; documents are
	// numbered by date, so these are small.
	Days []int `json:"days"`
	// Norms are the documents' weighted lengths L as round(8·log2(1+L)),
	// which BM25 needs.
	Norms  []int                  `json:"norms"`
	Facets map[string]facetColumn `json:"facets"`
}

// DocsPerFile is how many documents' results share one file doc/K.json:
// documents K·DocsPerFile to K·DocsPerFile+DocsPerFile-1. Fewer files are
// fewer to write and to upload; small groups keep a page of results
// small to fetch.
const DocsPerFile = 8

// docFile is one result in doc/K.json: what the result shows.
type docFile struct {
	URL     string `json:"url"`
	Title   string `json:"title"`
	Section string `json:"section,omitempty"`
	Date    string `json:"date,omitempty"`
	Text    string `json:"text,omitempty"`
}

// Build indexes docs in lang and returns the index's files, sorted by
// path; the same docs give the same bytes.
//
//   - index.json: the Manifest.
//   - docs.json: dates, lengths and facet values of every document.
//   - doc/K.json: what results show, for DocsPerFile documents each, by
//     number.
//   - words/P.json: each word that starts with the prefix P, folded, to
//     its stem ("" when the word is its own stem).
//   - stems/P.json: each stem to its documents, as pairs of the
//     document's number less the pair's before and 2·count+top, where
//     count is the stem's weighted occurrences and top is 1 when it is
//     in the title or number. The page computes BM25 from these.
//
// Documents are numbered by date, then URL, so that a new document,
// usually the newest, changes the numbers of none before it.
func Build(lang string, docs []Doc) []File {
	an := NewAnalyzer(lang)
	terms := make([]Terms, len(docs)) // of the title and fields; the body's are d.Body
	for i, d := range docs {
		terms[i] = an.Terms(append([]Field{{WeightTitle, d.Title}}, d.Fields...)...)
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := strings.Compare(docs[a].Date, docs[b].Date); c != 0 {
			return c
		}
		return strings.Compare(docs[a].URL, docs[b].URL)
	})

	// Stems by number, in the order met; each word's analyzer entry
	// holds its stem's number, so a term costs one map lookup.
	var (
		stems    []string
		stemID   = map[string]int32{}
		pairs    [][]int // by stem: pairs as documented
		lastDoc  []int   // by stem: the last document in its pairs
		lastAt   []int   // by stem: the index of that document's pair
		allWords []*word
	)
	df := docsFile{Days: make([]int, len(docs)), Norms: make([]int, len(docs)), Facets: map[string]facetColumn{}}
	var files []File
	put := func(path string, data []byte) { files = append(files, File{path, data}) }
	prevDay := 0
	var group []docFile
	facetAt := map[string]map[string]int{}
	for n, i := range order {
		d := docs[i]
		day := days(d.Date)
		df.Days[n] = day - prevDay
		prevDay = day
		length := terms[i].Length
		own := terms[i].Terms
		if d.Body != nil {
			length += d.Body.Length
		}
		df.Norms[n] = int(math.Round(8 * math.Log2(1+float64(length))))
		for k, v := range d.Facets {
			if v == "" {
				continue
			}
			col, ok := df.Facets[k]
			if !ok {
				col.Of = make([]int, len(docs))
				facetAt[k] = map[string]int{}
			}
			if _, ok := facetAt[k][v]; !ok {
				facetAt[k][v] = len(facetAt[k])
				col.Values = append(col.Values, v)
			}
			col.Of[n] = facetAt[k][v] + 1
			df.Facets[k] = col
		}
		all := own
		if d.Body != nil {
			all = slices.Concat(own, d.Body.Terms)
		}
		for _, t := range all {
			w := an.word(t.Word)
			if w.sid == 0 {
				s := an.stemOf(w)
				id, ok := stemID[s]
				if !ok {
					id = int32(len(stems))
					stemID[s] = id
					stems = append(stems, s)
					pairs = append(pairs, nil)
					lastDoc = append(lastDoc, -1)
					lastAt = append(lastAt, 0)
				}
				w.sid = id + 1
				allWords = append(allWords, w)
			}
			id := w.sid - 1
			top := 0
			if t.Top {
				top = 1
			}
			p := pairs[id]
			if lastDoc[id] == n { // another form of a stem seen in this document
				at := lastAt[id]
				c := p[at+1]/2 + int(t.Count)
				p[at+1] = 2*c + max(p[at+1]%2, top)
				continue
			}
			prev := max(0, lastDoc[id])
			lastAt[id] = len(p)
			pairs[id] = append(p, n-prev, 2*int(t.Count)+top)
			lastDoc[id] = n
		}
		group = append(group, docFile{URL: d.URL, Title: d.Title, Section: d.Section, Date: d.Date, Text: d.Excerpt})
		if len(group) == DocsPerFile || n == len(order)-1 {
			put(fmt.Sprintf("doc/%d.json", n/DocsPerFile), mustJSON(group))
			group = group[:0]
		}
	}
	wordStem := make(map[string]string, len(allWords))
	for _, w := range allWords {
		if w.stem == w.text {
			wordStem[w.text] = ""
		} else {
			wordStem[w.text] = w.stem
		}
	}
	postings := make(map[string][]int, len(stems))
	for id, s := range stems {
		postings[s] = pairs[id]
	}
	// Words no document holds but a reader may type, such as diawasi for a
	// site that only says pengawasan: the forms of each stem that stem
	// back to it.
	if f, ok := an.stemmer.(stem.Former); ok {
		for s := range postings {
			if _, seen := wordStem[s]; !seen && an.stemmer.Stem(s) == s {
				wordStem[s] = "" // a root is a word too: rencana, where pages say perencanaan
			}
			for _, w := range f.Forms(s) {
				if _, seen := wordStem[w]; !seen && an.stemmer.Stem(w) == s {
					wordStem[w] = s
				}
			}
		}
	}
	// Facet values in a stable order, whatever order the documents gave them.
	for k, col := range df.Facets {
		sorted := slices.Clone(col.Values)
		slices.Sort(sorted)
		remap := make([]int, len(col.Values)+1)
		for i, v := range col.Values {
			remap[i+1] = slices.Index(sorted, v) + 1
		}
		for n, v := range col.Of {
			col.Of[n] = remap[v]
		}
		col.Values = sorted
		df.Facets[k] = col
	}
	m := Manifest{Version: Version, Docs: len(docs), Facets: sortedKeys(df.Facets)}
	m.Words = shard("words", wordStem, func(k, v string, b []byte) []byte {
		return strconv.AppendQuote(b, v)
	}, MaxShard, put)
	m.Stems = shard("stems", postings, func(k string, v []int, b []byte) []byte {
		b = append(b, '[')
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(x), 10)
		}
		return append(b, ']')
	}, MaxShard, put)
	put("docs.json", mustJSON(df))
	put("index.json", mustJSON(m))
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// days returns the days from 1970-01-01 to a YYYY-MM-DD date (or the first
// day of a year YYYY), or 0 for none or a date it cannot read.
func days(date string) int {
	layout := time.DateOnly
	if len(date) == 4 {
		layout = "2006"
	}
	t, err := time.Parse(layout, date)
	if err != nil {
		return 0
	}
	return int(t.Unix() / 86400)
}

func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("search: %v", err)) // only maps, slices, strings and numbers: cannot fail
	}
	return data
}

// shard writes the entries of m as JSON objects into files under dir by
// key prefix, splitting a prefix by one more character while its file
// passes maxSize bytes, and returns the prefixes written, sorted. A shard
// P holds the keys that start with P and with no longer prefix written.
// Prefixes are counted in characters, as a browser counts them. enc
// appends the JSON of a value; keys are words, letters and digits that
// need no escaping.
func shard[V any](dir string, m map[string]V, enc func(string, V, []byte) []byte, maxSize int, put func(string, []byte)) []string {
	keys := sortedKeys(m)
	// Each entry is encoded once; a shard is a run of them.
	entries := make([][]byte, len(keys))
	var buf []byte
	for i, k := range keys {
		start := len(buf)
		buf = append(buf, '"')
		buf = append(buf, k...)
		buf = append(buf, '"', ':')
		buf = enc(k, m[k], buf)
		entries[i] = buf[start:len(buf):len(buf)]
	}
	var prefixes []string
	write := func(prefix string, from []int) {
		var b bytes.Buffer
		b.WriteByte('{')
		for n, i := range from {
			if n > 0 {
				b.WriteByte(',')
			}
			b.Write(entries[i])
		}
		b.WriteByte('}')
		prefixes = append(prefixes, prefix)
		put(dir+"/"+shardName(prefix)+".json", b.Bytes())
	}
	var split func(prefix string, from []int)
	split = func(prefix string, from []int) {
		total := 0
		for _, i := range from {
			total += len(entries[i]) + 1
		}
		depth := utf8.RuneCountInString(prefix)
		if total <= maxSize || depth >= maxPrefix || len(from) == 1 {
			write(prefix, from)
			return
		}
		var here []int
		var groups []string
		byPrefix := map[string][]int{}
		for _, i := range from {
			p := runePrefix(keys[i], depth+1)
			if p == prefix {
				here = append(here, i)
				continue
			}
			if _, ok := byPrefix[p]; !ok {
				groups = append(groups, p)
			}
			byPrefix[p] = append(byPrefix[p], i)
		}
		if len(here) > 0 {
			write(prefix, here) // the key that is the prefix itself
		}
		for _, p := range groups { // in key order, as keys are
			split(p, byPrefix[p])
		}
	}
	for i := 0; i < len(keys); {
		p := runePrefix(keys[i], 1)
		j := i
		for j < len(keys) && runePrefix(keys[j], 1) == p {
			j++
		}
		from := make([]int, 0, j-i)
		for k := i; k < j; k++ {
			from = append(from, k)
		}
		split(p, from)
		i = j
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
