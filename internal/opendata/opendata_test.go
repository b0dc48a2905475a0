package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// tricky holds a comma, double quotes, a newline, <>& and non-ASCII text.
const tricky = "Peraturan \"Khusus\", tentang Keimigrasian\nBab I — Ketentuan Umum; <b>&</b> café ½ ‘Dirjen’"

var wantRegulationFields = []string{
	"idData", "tahun_pengundangan", "tanggal_penetapan", "tanggal_pengundangan",
	"jenis", "singkatanJenis", "noPeraturan", "judul", "noPanggil", "tempatTerbit",
	"penerbit", "deskripsiFisik", "sumber", "subjek", "isbn", "status", "bahasa",
	"bidangHukum", "teuBadan", "nomorIndukBuku", "fileDownload", "urlDownload",
	"urlDetailPeraturan", "mengubah", "mencabut", "diubahDengan", "dicabutDengan",
}

var wantMeetingFields = []string{
	"id", "title", "start", "end", "venue", "organizer", "theme", "chair",
	"speakers", "participants", "agenda", "outcomes", "status", "regulations",
	"url", "calendar_url", "language", "attachments",
}

func sampleRegulations() []Regulation {
	return []Regulation{
		{
			ID: "uu-6-2011", Year: 2011, Enacted: "2011-05-05", Promulgated: "2011-05-05",
			TypeName: "Undang-Undang", TypeCode: "UU", Number: "6",
			Title: "Undang-Undang Nomor 6 Tahun 2011 tentang Keimigrasian", Place: "Jakarta",
			Issuer: "Pemerintah Pusat", Source: "LN 2011 (52), TLN 5216",
			Subjects: []string{"Keimigrasian", "Visa"}, Status: "amended", Lang: "id",
			Field:     "Hukum Administrasi Negara",
			FileURL:   "https://imigrasi.example.go.id/files/uu-6-2011.pdf",
			PageURL:   "https://imigrasi.example.go.id/id/peraturan/uu-6-2011/",
			AmendedBy: []string{"uu-63-2024"},
		},
		{
			ID: "permen-010-2024", Year: 2024, TypeName: "Peraturan Menteri", TypeCode: "Permen",
			Number: "010", Title: tricky, Subjects: nil, Status: "in-force", Lang: "id",
			PageURL: "https://imigrasi.example.go.id/id/peraturan/permen-010-2024/",
			Revokes: []string{"permen-1-2000", "permen-2-2001"},
		},
		{ID: "pp-1-2000", Status: "revoked", Lang: "en", Title: "Government Regulation 1/2000"},
	}
}

func sampleMeetings() []Meeting {
	return []Meeting{
		{
			ID: "rapat-2024-03-01", Title: "Rapat Koordinasi Pengawasan Orang Asing",
			Start: "2024-03-01T09:00:00+07:00", End: "2024-03-01T12:00:00+07:00",
			Venue: "Aula Kantor Imigrasi", Organizer: "Seksi Intelijen", Theme: "TIMPORA",
			Chair: "Kepala Kantor", Speakers: []string{"Dr. Siti Nurhaliza, S.H.", "Budi"},
			Participants: []string{"Kepolisian", "Disnaker"}, Agenda: []string{tricky},
			Outcomes: []string{"Patroli bersama"}, Status: "held",
			Regulations: []string{"uu-6-2011"}, PageURL: "https://imigrasi.example.go.id/id/rapat/2024-03-01/",
			CalendarURL: "https://imigrasi.example.go.id/id/rapat/2024-03-01/rapat.ics", Lang: "id",
		},
		{ID: "rapat-2024-04-01", Title: "Sosialisasi", Start: "2024-04-01", Status: "scheduled", Lang: "en"},
	}
}

func TestFields(t *testing.T) {
	if got := RegulationFields(); !reflect.DeepEqual(got, wantRegulationFields) {
		t.Errorf("RegulationFields() = %q\nwant %q", got, wantRegulationFields)
	}
	if got := MeetingFields(); !reflect.DeepEqual(got, wantMeetingFields) {
		t.Errorf("MeetingFields() = %q\nwant %q", got, wantMeetingFields)
	}
}

// objectKeys reads a JSON array of objects token by token and returns each
// object's keys in document order.
func objectKeys(t *testing.T, data []byte) [][]string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	expect := func(want json.Delim) {
		t.Helper()
		if tok, err := dec.Token(); err != nil || tok != want {
			t.Fatalf("token = %v, %v; want %v", tok, err, want)
		}
	}
	expect('[')
	var all [][]string
	for dec.More() {
		expect('{')
		var keys []string
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, tok.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		expect('}')
		all = append(all, keys)
	}
	expect(']')
	return all
}

// parseCSV strips the byte order mark and parses RFC 4180 CSV.
func parseCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte(UTF8BOM))
	if !ok {
		t.Fatalf("CSV does not start with a UTF-8 BOM: %q", data[:min(len(data), 10)])
	}
	recs, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	return recs
}

type format struct {
	name   string
	fields []string
	rows   int
	json   func() []byte
	csv    func() []byte
}

func formats(regs []Regulation, meets []Meeting) []format {
	return []format{
		{"regulations", wantRegulationFields, len(regs),
			func() []byte { return RegulationsJSON(regs) }, func() []byte { return RegulationsCSV(regs) }},
		{"meetings", wantMeetingFields, len(meets),
			func() []byte { return MeetingsJSON(meets) }, func() []byte { return MeetingsCSV(meets) }},
	}
}

func TestStructure(t *testing.T) {
	inputs := []struct {
		name  string
		regs  []Regulation
		meets []Meeting
	}{
		{"nil", nil, nil},
		{"empty", []Regulation{}, []Meeting{}},
		{"zero row", []Regulation{{}}, []Meeting{{}}},
		{"samples", sampleRegulations(), sampleMeetings()},
	}
	for _, in := range inputs {
		for _, f := range formats(in.regs, in.meets) {
			t.Run(in.name+"/"+f.name, func(t *testing.T) {
				js := f.json()
				if !bytes.HasSuffix(js, []byte("]\n")) {
					t.Errorf("JSON does not end with \"]\\n\": %q", js[max(0, len(js)-10):])
				}
				var objs []map[string]any
				if err := json.Unmarshal(js, &objs); err != nil {
					t.Fatalf("JSON does not parse: %v", err)
				}
				if objs == nil || len(objs) != f.rows {
					t.Fatalf("JSON has %d objects (nil=%v), want %d", len(objs), objs == nil, f.rows)
				}
				for i, keys := range objectKeys(t, js) {
					if !reflect.DeepEqual(keys, f.fields) {
						t.Errorf("object %d keys = %q\nwant %q", i, keys, f.fields)
					}
				}
				for i, o := range objs {
					for k, v := range o {
						switch v.(type) {
						case string, []any:
						default:
							t.Errorf("object %d key %s = %#v, want string or array", i, k, v)
						}
					}
				}
				recs := parseCSV(t, f.csv())
				if len(recs) != f.rows+1 || !reflect.DeepEqual(recs[0], f.fields) {
					t.Fatalf("CSV has %d records, header %q; want %d records, header %q", len(recs), recs[0], f.rows+1, f.fields)
				}
			})
		}
	}
}

func TestRegulationValues(t *testing.T) {
	rows := sampleRegulations()
	var objs []map[string]any
	if err := json.Unmarshal(RegulationsJSON(rows), &objs); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, RegulationsCSV(rows))
	col := func(key string) int { return indexOf(wantRegulationFields, key) }
	tests := []struct {
		row       int
		key       string
		json, csv any
	}{
		{0, "idData", "uu-6-2011", "uu-6-2011"},
		{0, "tahun_pengundangan", "2011", "2011"},
		{0, "noPeraturan", "6", "6"},
		{1, "noPeraturan", "010", "010"},
		{1, "judul", tricky, tricky},
		{0, "subjek", "Keimigrasian, Visa", "Keimigrasian, Visa"},
		{1, "subjek", "", ""},
		{0, "status", "Diubah", "Diubah"},
		{1, "status", "Berlaku", "Berlaku"},
		{2, "status", "Revoked", "Revoked"},
		{0, "bahasa", "Indonesia", "Indonesia"},
		{2, "bahasa", "English", "English"},
		{0, "penerbit", "Pemerintah Pusat", "Pemerintah Pusat"},
		{0, "teuBadan", "Pemerintah Pusat", "Pemerintah Pusat"},
		{0, "fileDownload", "uu-6-2011.pdf", "uu-6-2011.pdf"},
		{1, "fileDownload", "", ""},
		{0, "urlDownload", "https://imigrasi.example.go.id/files/uu-6-2011.pdf", "https://imigrasi.example.go.id/files/uu-6-2011.pdf"},
		{2, "tahun_pengundangan", "", ""},
		{2, "noPanggil", "", ""},
		{0, "diubahDengan", []any{"uu-63-2024"}, "uu-63-2024"},
		{1, "mencabut", []any{"permen-1-2000", "permen-2-2001"}, "permen-1-2000; permen-2-2001"},
		{1, "mengubah", []any{}, ""},
		{2, "dicabutDengan", []any{}, ""},
	}
	for _, tt := range tests {
		if got := objs[tt.row][tt.key]; !reflect.DeepEqual(got, tt.json) {
			t.Errorf("JSON row %d %s = %#v, want %#v", tt.row, tt.key, got, tt.json)
		}
		if got := recs[tt.row+1][col(tt.key)]; got != tt.csv {
			t.Errorf("CSV row %d %s = %q, want %q", tt.row, tt.key, got, tt.csv)
		}
	}
}

func TestMeetingValues(t *testing.T) {
	rows := sampleMeetings()
	var objs []map[string]any
	if err := json.Unmarshal(MeetingsJSON(rows), &objs); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, MeetingsCSV(rows))
	tests := []struct {
		row       int
		key       string
		json, csv any
	}{
		{0, "agenda", []any{tricky}, tricky},
		{0, "speakers", []any{"Dr. Siti Nurhaliza, S.H.", "Budi"}, "Dr. Siti Nurhaliza, S.H.; Budi"},
		{0, "url", "https://imigrasi.example.go.id/id/rapat/2024-03-01/", "https://imigrasi.example.go.id/id/rapat/2024-03-01/"},
		{0, "status", "held", "held"},
		{1, "start", "2024-04-01", "2024-04-01"},
		{1, "end", "", ""},
		{1, "speakers", []any{}, ""},
		{1, "regulations", []any{}, ""},
		{1, "language", "en", "en"},
	}
	for _, tt := range tests {
		if got := objs[tt.row][tt.key]; !reflect.DeepEqual(got, tt.json) {
			t.Errorf("JSON row %d %s = %#v, want %#v", tt.row, tt.key, got, tt.json)
		}
		if got := recs[tt.row+1][indexOf(wantMeetingFields, tt.key)]; got != tt.csv {
			t.Errorf("CSV row %d %s = %q, want %q", tt.row, tt.key, got, tt.csv)
		}
	}
}

func TestRawOutput(t *testing.T) {
	regJSON := RegulationsJSON(sampleRegulations())
	tests := []struct {
		name     string
		data     []byte
		want     []string
		dontWant []string
	}{
		{"nil regulations JSON", RegulationsJSON(nil), []string{"[]\n"}, []string{"null"}},
		{"nil meetings JSON", MeetingsJSON(nil), []string{"[]\n"}, []string{"null"}},
		{"no HTML escaping", regJSON, []string{"<b>&</b>"}, []string{`\u003c`, `\u0026`}},
		{"empty list", regJSON, []string{`"mengubah": []`}, []string{"null"}},
		{"leading zero kept", regJSON, []string{`"noPeraturan": "010"`}, nil},
		{"indented", regJSON, []string{"[\n  {\n    \"idData\": "}, nil},
		{"CSV BOM and CRLF header", RegulationsCSV(nil), []string{UTF8BOM + strings.Join(wantRegulationFields, ",") + "\r\n"}, nil},
		{"meetings CSV BOM", MeetingsCSV(nil), []string{UTF8BOM + "id,title,"}, nil},
	}
	for _, tt := range tests {
		for _, w := range tt.want {
			if !bytes.Contains(tt.data, []byte(w)) {
				t.Errorf("%s: output lacks %q:\n%s", tt.name, w, tt.data)
			}
		}
		for _, w := range tt.dontWant {
			if bytes.Contains(tt.data, []byte(w)) {
				t.Errorf("%s: output contains %q:\n%s", tt.name, w, tt.data)
			}
		}
	}
}

func TestStatusLabel(t *testing.T) {
	tests := []struct{ status, lang, want string }{
		{"in-force", "id", "Berlaku"},
		{"amended", "id", "Diubah"},
		{"revoked", "id", "Dicabut"},
		{"revoked", "id-ID", "Dicabut"},
		{"in-force", "en", "In force"},
		{"amended", "en", "Amended"},
		{"revoked", "en", "Revoked"},
		{"in-force", "", "In force"},
		{"draft", "id", "draft"},
		{"", "id", ""},
	}
	for _, tt := range tests {
		if got := StatusLabel(tt.status, tt.lang); got != tt.want {
			t.Errorf("StatusLabel(%q, %q) = %q, want %q", tt.status, tt.lang, got, tt.want)
		}
	}
}

func TestLanguageName(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"id", "Indonesia"}, {"ID", "Indonesia"}, {"id-ID", "Indonesia"},
		{"en", "English"}, {"en-GB", "English"}, {"jv", "jv"}, {"", ""},
	}
	for _, tt := range tests {
		if got := LanguageName(tt.lang); got != tt.want {
			t.Errorf("LanguageName(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ url, want string }{
		{"", ""},
		{"https://x.go.id/files/uu-6-2011.pdf", "uu-6-2011.pdf"},
		{"https://x.go.id/files/uu-6-2011.pdf?v=2#page=3", "uu-6-2011.pdf"},
		{"https://x.go.id/files/Salinan%20UU.pdf", "Salinan UU.pdf"},
		{"https://x.go.id/", ""},
		{"https://x.go.id", ""},
	}
	for _, tt := range tests {
		if got := fileName(tt.url); got != tt.want {
			t.Errorf("fileName(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range formats(sampleRegulations(), sampleMeetings()) {
		for _, enc := range []func() []byte{f.json, f.csv} {
			first := enc()
			for range 20 {
				if again := enc(); !bytes.Equal(again, first) {
					t.Fatalf("%s: output differs between runs", f.name)
				}
			}
		}
	}
}

func TestGolden(t *testing.T) {
	files := map[string][]byte{
		"regulations.json": RegulationsJSON(sampleRegulations()),
		"regulations.csv":  RegulationsCSV(sampleRegulations()),
		"meetings.json":    MeetingsJSON(sampleMeetings()),
		"meetings.csv":     MeetingsCSV(sampleMeetings()),
	}
	for name, got := range files {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from golden file; run go test ./internal/opendata/ -update and review the diff\ngot:\n%s", name, got)
		}
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	panic("no field " + s)
}

// TestFormulaInjection writes cells that spreadsheets would run as
// formulas, into every text column of both files: the CSV shows each as
// text behind an apostrophe and without NUL bytes, the JSON as written.
func TestFormulaInjection(t *testing.T) {
	payloads := []string{"=HYPERLINK(\"http://x.example\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "a\x00b"}
	csvOf := func(s string) string {
		s = strings.ReplaceAll(s, "\x00", "")
		if strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			s = "'" + s
		}
		return strings.ReplaceAll(s, "\r", "") // encoding/csv writes a lone CR as nothing when lines end in CRLF
	}
	for _, p := range payloads {
		regs := []Regulation{{ID: "r", Title: p, Number: p, Issuer: p, Source: p, Field: p, Subjects: []string{p}}}
		meets := []Meeting{{ID: "m", Title: p, Organizer: p, Theme: p, Chair: p, Venue: p, Participants: []string{p}}}
		for _, f := range []struct {
			name      string
			csv, json []byte
			keys      []string
		}{
			{"regulations", RegulationsCSV(regs), RegulationsJSON(regs), []string{"judul", "noPeraturan", "penerbit", "sumber", "bidangHukum", "subjek"}},
			{"meetings", MeetingsCSV(meets), MeetingsJSON(meets), []string{"title", "organizer", "theme", "chair", "venue", "participants"}},
		} {
			if bytes.IndexByte(f.csv, 0) >= 0 {
				t.Errorf("%s.csv for %q holds a NUL byte", f.name, p)
			}

			recs := parseCSV(t, f.csv)
			var objs []map[string]any
			if err := json.Unmarshal(f.json, &objs); err != nil {
				t.Fatal(err)
			}
			for _, k := range f.keys {
				if got := recs[1][indexOf(recs[0], k)]; got != csvOf(p) {
					t.Errorf("%s.csv %s for %q = %q, want %q", f.name, k, p, got, csvOf(p))
				}
				got := objs[0][k]
				if l, ok := got.([]any); ok && len(l) == 1 {
					got = l[0]
				}
				if got != p {
					t.Errorf("%s.json %s = %q, want it as written, %q", f.name, k, got, p)
				}
			}
		}
	}
}
