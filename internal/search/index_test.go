package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"testing"
)

// reader searches built files with Index, failing the test on error.
type reader struct {
	t *testing.T
	x *Index
}

func newReader(t *testing.T, files []File) *reader {
	t.Helper()
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	x, err := Open(func(path string) ([]byte, error) {
		data, ok := byPath[path]
		if !ok {
			return nil, fmt.Errorf("no %s", path)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return &reader{t, x}
}

// search returns the URLs of the documents that hold every word of query,
// best first.
func (r *reader) search(query string) []string {
	r.t.Helper()
	hits, err := r.x.Search(query)
	if err != nil {
		r.t.Fatalf("search %q: %v", query, err)
	}
	var out []string
	for _, h := range hits {
		out = append(out, h.URL)
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
		p, _ := shardOf(prefixes, k)
		f := "w/" + shardName(p) + ".json"
		if _, ok := written[f][k]; !ok {
			t.Errorf("%q is not in %s, the shard a reader picks", k, f)
		}
	}
}
