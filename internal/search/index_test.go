package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// reader looks words up in built index files the way the search page
// does: the word's shard gives its stem, the stem's shard its documents.
type reader struct {
	t     *testing.T
	files map[string][]byte
	m     Manifest
}

func newReader(t *testing.T, files []File) *reader {
	r := &reader{t: t, files: map[string][]byte{}}
	for _, f := range files {
		r.files[f.Path] = f.Data
	}
	r.load("index.json", &r.m)
	return r
}

func (r *reader) load(path string, v any) {
	r.t.Helper()
	data, ok := r.files[path]
	if !ok {
		r.t.Fatalf("no %s", path)
	}
	if err := json.Unmarshal(data, v); err != nil {
		r.t.Fatalf("%s: %v", path, err)
	}
}

// shardOf returns the file of the longest prefix in prefixes that key
// starts with.
func shardOf(dir string, prefixes []string, key string) string {
	best := ""
	for _, p := range prefixes {
		if strings.HasPrefix(key, p) && len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return ""
	}
	return dir + "/" + shardName(best) + ".json"
}

// search returns the URLs of the documents that hold every word of query,
// best first: by the number of words in their title or number, then by
// BM25, as the page ranks them.
func (r *reader) search(query string) []string {
	var docs docsFile
	r.load("docs.json", &docs)
	lengths := make([]float64, len(docs.Norms))
	var total float64
	for i, q := range docs.Norms {
		lengths[i] = math.Exp2(float64(q)/8) - 1
		total += lengths[i]
	}
	avg := total / float64(len(lengths))
	type score struct {
		top  int
		bm25 float64
	}
	scores := map[int]score{}
	for i, tok := range NewAnalyzer("xx").Tokens(query) {
		words := map[string]string{}
		if f := shardOf("words", r.m.Words, tok.Word); f != "" {
			r.load(f, &words)
		}
		stem, ok := words[tok.Word]
		if !ok {
			return nil
		}
		if stem == "" {
			stem = tok.Word
		}
		stems := map[string][]int{}
		r.load(shardOf("stems", r.m.Stems, stem), &stems)
		pairs := stems[stem]
		n, df := float64(r.m.Docs), float64(len(pairs)/2)
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		next := map[int]score{}
		doc := 0
		for k := 0; k < len(pairs); k += 2 {
			doc += pairs[k]
			tf := float64(pairs[k+1] / 2)
			s, seen := scores[doc]
			if !seen && i > 0 {
				continue
			}
			s.top += pairs[k+1] % 2
			s.bm25 += idf * tf * (1.2 + 1) / (tf + 1.2*(1-0.75+0.75*lengths[doc]/avg))
			next[doc] = s
		}
		scores = next
	}
	ids := make([]int, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool {
		sa, sb := scores[ids[a]], scores[ids[b]]
		if sa.top != sb.top {
			return sa.top > sb.top
		}
		if sa.bm25 != sb.bm25 {
			return sa.bm25 > sb.bm25
		}
		return ids[a] < ids[b]
	})
	var out []string
	for _, id := range ids {
		var d docFile
		r.load(fmt.Sprintf("doc/%d.json", id), &d)
		out = append(out, d.URL)
	}
	return out
}

func sampleDocs() []Doc {
	return []Doc{
		{URL: "/peraturan/uu-6-2011/", Title: "Undang-Undang Nomor 6 Tahun 2011 tentang Keimigrasian", Section: "regulations", Date: "2011-05-05",
			Facets: map[string]string{"type": "UU", "year": "2011", "status": "in-force"},
			Fields: []Field{{WeightNumber, "UU 6 2011 6/2011"}, {WeightBody, "Pengawasan orang asing dilakukan oleh pejabat imigrasi."}}},
		{URL: "/rapat/rakor-timpora-2023/", Title: "Rapat Koordinasi TIMPORA 2023", Section: "meetings", Date: "2023-08-23",
			Facets: map[string]string{"year": "2023"},
			Fields: []Field{{WeightFacts, "Hotel Santika Banyuwangi"}, {WeightBody, "Orang asing diawasi bersama; pengawasan ditingkatkan di tingkat kecamatan."}}},
		{URL: "/berita/perencanaan/", Title: "Perencanaan layanan paspor", Section: "news", Date: "2024-01-10",
			Fields: []Field{{WeightBody, "Rencana peningkatan layanan paspor di Banyuwangi."}}},
	}
}

// TestBuildFinds checks that words in other forms than the documents'
// find them through the stems, and that title matches rank first.
func TestBuildFinds(t *testing.T) {
	r := newReader(t, Build("id", sampleDocs()))
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"pengawasan", []string{"/rapat/rakor-timpora-2023/", "/peraturan/uu-6-2011/"}},
		{"diawasi", []string{"/rapat/rakor-timpora-2023/", "/peraturan/uu-6-2011/"}},
		{"perencanaan", []string{"/berita/perencanaan/"}},
		{"rencana", []string{"/berita/perencanaan/"}},
		{"peningkatan", []string{"/rapat/rakor-timpora-2023/", "/berita/perencanaan/"}}, // tingkat twice there
		{"uu 6 2011", []string{"/peraturan/uu-6-2011/"}},
		{"6/2011", []string{"/peraturan/uu-6-2011/"}},
		{"Banyuwangi", []string{"/rapat/rakor-timpora-2023/", "/berita/perencanaan/"}},
		{"TIMPORA", []string{"/rapat/rakor-timpora-2023/"}},
		{"tidakada", nil},
	} {
		if got := r.search(tc.query); !slices.Equal(got, tc.want) {
			t.Errorf("search %q = %q, want %q", tc.query, got, tc.want)
		}
	}
}

// TestBuildDeterministic builds the index twice, from documents in
// different orders, and requires the same files.
func TestBuildDeterministic(t *testing.T) {
	docs := sampleDocs()
	a := Build("id", docs)
	slices.Reverse(docs)
	b := Build("id", docs)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between builds", a[i].Path)
		}
	}
}

// TestShardSplits checks that a shard past its size is split by longer
// prefixes, that every key is in the shard a reader picks for it, and
// that no prefix passes maxPrefix characters.
func TestShardSplits(t *testing.T) {
	m := map[string]string{}
	for i := range 2000 {
		w := fmt.Sprintf("pe%03dx", i)
		m[w] = "v"
		m["é"+w] = "v"
	}
	m["p"] = "v"
	written := map[string]map[string]string{}
	prefixes := shard("w", m, func(k, v string, b []byte) []byte { return strconv.AppendQuote(b, v) }, 2048, func(path string, data []byte) {
		var v map[string]string
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		written[path] = v
	})
	if len(prefixes) < 10 {
		t.Fatalf("only %d shards: %q", len(prefixes), prefixes)
	}
	for _, p := range prefixes {
		if n := len([]rune(p)); n > maxPrefix {
			t.Errorf("prefix %q has %d characters", p, n)
		}
	}
	for k := range m {
		f := shardOf("w", prefixes, k)
		if _, ok := written[f][k]; !ok {
			t.Errorf("%q is not in %s, the shard a reader picks", k, f)
		}
	}
}
