package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"path"
	"reflect"
	"strconv"
	"strings"
)

// UTF8BOM is the byte order mark written at the start of every CSV file so
// that spreadsheet programs read the file as UTF-8.
const UTF8BOM = "\ufeff"

// Regulation is one row of the regulations list, already in the output
// language. Lang is the language code of the row ("id", "en").
type Regulation struct {
	ID          string   // idData: the document key, e.g. "uu-6-2011"
	Year        int      // tahun_pengundangan; 0 is written as ""
	Enacted     string   // tanggal_penetapan, YYYY-MM-DD or ""
	Promulgated string   // tanggal_pengundangan, YYYY-MM-DD or ""
	TypeName    string   // jenis, e.g. "Undang-Undang"
	TypeCode    string   // singkatanJenis, e.g. "UU"
	Number      string   // noPeraturan, kept as written
	Title       string   // judul
	Place       string   // tempatTerbit
	Issuer      string   // penerbit and teuBadan
	Source      string   // sumber, e.g. "LN 2011 (52), TLN 5216"
	Subjects    []string // subjek, joined with ", "
	Status      string   // "in-force", "amended" or "revoked"; see StatusLabel
	Lang        string   // language code; bahasa is LanguageName(Lang)
	Field       string   // bidangHukum
	FileURL     string   // urlDownload (absolute); fileDownload is its file name
	PageURL     string   // urlDetailPeraturan (absolute)
	Amends      []string // mengubah
	Revokes     []string // mencabut
	AmendedBy   []string // diubahDengan
	RevokedBy   []string // dicabutDengan
}

// Meeting is one meeting record row, already in the output language.
type Meeting struct {
	ID, Title  string
	Start, End string // RFC 3339 date-time or YYYY-MM-DD; End may be ""

	Venue, Organizer, Theme, Chair           string
	Speakers, Participants, Agenda, Outcomes []string

	Status      string   // "scheduled", "held" or "cancelled", written as is
	Regulations []string // keys of regulations discussed
	PageURL     string   // url (absolute)
	CalendarURL string   // calendar_url (absolute), "" when none
	Lang        string   // language code, written to language
	Attachments []string // attachments: the absolute URLs of its files
}

// regulationRecord is the output shape of a Regulation. Its field order and
// json tags are the single source of the key order for JSON and CSV.
type regulationRecord struct {
	IDData              string   `json:"idData"`
	TahunPengundangan   string   `json:"tahun_pengundangan"`
	TanggalPenetapan    string   `json:"tanggal_penetapan"`
	TanggalPengundangan string   `json:"tanggal_pengundangan"`
	Jenis               string   `json:"jenis"`
	SingkatanJenis      string   `json:"singkatanJenis"`
	NoPeraturan         string   `json:"noPeraturan"`
	Judul               string   `json:"judul"`
	NoPanggil           string   `json:"noPanggil"`
	TempatTerbit        string   `json:"tempatTerbit"`
	Penerbit            string   `json:"penerbit"`
	DeskripsiFisik      string   `json:"deskripsiFisik"`
	Sumber              string   `json:"sumber"`
	Subjek              string   `json:"subjek"`
	ISBN                string   `json:"isbn"`
	Status              string   `json:"status"`
	Bahasa              string   `json:"bahasa"`
	BidangHukum         string   `json:"bidangHukum"`
	TEUBadan            string   `json:"teuBadan"`
	NomorIndukBuku      string   `json:"nomorIndukBuku"`
	FileDownload        string   `json:"fileDownload"`
	URLDownload         string   `json:"urlDownload"`
	URLDetailPeraturan  string   `json:"urlDetailPeraturan"`
	Mengubah            []string `json:"mengubah"`
	Mencabut            []string `json:"mencabut"`
	DiubahDengan        []string `json:"diubahDengan"`
	DicabutDengan       []string `json:"dicabutDengan"`
}

// meetingRecord is the output shape of a Meeting; see regulationRecord.
type meetingRecord struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Start        string   `json:"start"`
	End          string   `json:"end"`
	Venue        string   `json:"venue"`
	Organizer    string   `json:"organizer"`
	Theme        string   `json:"theme"`
	Chair        string   `json:"chair"`
	Speakers     []string `json:"speakers"`
	Participants []string `json:"participants"`
	Agenda       []string `json:"agenda"`
	Outcomes     []string `json:"outcomes"`
	Status       string   `json:"status"`
	Regulations  []string `json:"regulations"`
	URL          string   `json:"url"`
	CalendarURL  string   `json:"calendar_url"`
	Language     string   `json:"language"`
	Attachments  []string `json:"attachments"`
}

// RegulationFields returns the keys of a regulation row in output order: the
// JDIHN keys followed by mengubah, mencabut, diubahDengan and dicabutDengan.
func RegulationFields() []string { return fieldsOf[regulationRecord]() }

// MeetingFields returns the keys of a meeting row in output order.
func MeetingFields() []string { return fieldsOf[meetingRecord]() }

// StatusLabel returns the label written in the status key for a regulation
// status ("in-force", "amended", "revoked"): "Berlaku", "Diubah", "Dicabut"
// when lang is Indonesian ("id", "id-ID"), otherwise "In force", "Amended",
// "Revoked". An unknown status is returned unchanged.
func StatusLabel(status, lang string) string {
	labels := map[string][2]string{
		"in-force": {"Berlaku", "In force"},
		"amended":  {"Diubah", "Amended"},
		"revoked":  {"Dicabut", "Revoked"},
	}
	l, ok := labels[status]
	if !ok {
		return status
	}
	if isIndonesian(lang) {
		return l[0]
	}
	return l[1]
}

// LanguageName returns the name written in the bahasa key for a language
// code: "Indonesia" for "id" (or "id-ID"), "English" for "en" (or "en-US",
// ...). Any other code is returned unchanged.
func LanguageName(lang string) string {
	switch primary(lang) {
	case "id":
		return "Indonesia"
	case "en":
		return "English"
	}
	return lang
}

// RegulationsJSON returns rows as an indented JSON array of objects with the
// keys of RegulationFields, ending with a newline. Nil rows give "[]".
func RegulationsJSON(rows []Regulation) []byte { return encodeJSON(regulationRecords(rows)) }

// RegulationsCSV returns rows as RFC 4180 CSV with a UTF-8 byte order mark
// and a header row of RegulationFields. Relation lists are joined with "; "
// and subjek with ", " as in the JSON.
func RegulationsCSV(rows []Regulation) []byte { return encodeCSV(regulationRecords(rows)) }

// MeetingsJSON returns rows as an indented JSON array of objects with the
// keys of MeetingFields, ending with a newline. Nil rows give "[]".
func MeetingsJSON(rows []Meeting) []byte { return encodeJSON(meetingRecords(rows)) }

// MeetingsCSV returns rows as RFC 4180 CSV with a UTF-8 byte order mark and
// a header row of MeetingFields. List values are joined with "; ".
func MeetingsCSV(rows []Meeting) []byte { return encodeCSV(meetingRecords(rows)) }

func regulationRecords(rows []Regulation) []regulationRecord {
	out := make([]regulationRecord, 0, len(rows))
	for _, r := range rows {
		year := ""
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		out = append(out, regulationRecord{
			IDData:              r.ID,
			TahunPengundangan:   year,
			TanggalPenetapan:    r.Enacted,
			TanggalPengundangan: r.Promulgated,
			Jenis:               r.TypeName,
			SingkatanJenis:      r.TypeCode,
			NoPeraturan:         r.Number,
			Judul:               r.Title,
			TempatTerbit:        r.Place,
			Penerbit:            r.Issuer,
			Sumber:              r.Source,
			Subjek:              strings.Join(r.Subjects, ", "),
			Status:              StatusLabel(r.Status, r.Lang),
			Bahasa:              LanguageName(r.Lang),
			BidangHukum:         r.Field,
			TEUBadan:            r.Issuer,
			FileDownload:        fileName(r.FileURL),
			URLDownload:         r.FileURL,
			URLDetailPeraturan:  r.PageURL,
			Mengubah:            list(r.Amends),
			Mencabut:            list(r.Revokes),
			DiubahDengan:        list(r.AmendedBy),
			DicabutDengan:       list(r.RevokedBy),
		})
	}
	return out
}

func meetingRecords(rows []Meeting) []meetingRecord {
	out := make([]meetingRecord, 0, len(rows))
	for _, m := range rows {
		out = append(out, meetingRecord{
			ID: m.ID, Title: m.Title, Start: m.Start, End: m.End,
			Venue: m.Venue, Organizer: m.Organizer, Theme: m.Theme, Chair: m.Chair,
			Speakers: list(m.Speakers), Participants: list(m.Participants),
			Agenda: list(m.Agenda), Outcomes: list(m.Outcomes),
			Status: m.Status, Regulations: list(m.Regulations),
			URL: m.PageURL, CalendarURL: m.CalendarURL, Language: m.Lang, Attachments: list(m.Attachments),
		})
	}
	return out
}

// fieldsOf returns the json tag names of the record type T in field order.
func fieldsOf[T any]() []string {
	t := reflect.TypeFor[T]()
	out := make([]string, t.NumField())
	for i := range out {
		out[i] = t.Field(i).Tag.Get("json")
	}
	return out
}

func encodeJSON[T any](recs []T) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(recs); err != nil {
		panic("opendata: " + err.Error()) // unreachable: records hold only strings
	}
	return buf.Bytes()
}

func encodeCSV[T any](recs []T) []byte {
	var buf bytes.Buffer
	buf.WriteString(UTF8BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write(fieldsOf[T]())
	for _, rec := range recs {
		v := reflect.ValueOf(rec)
		row := make([]string, v.NumField())
		for i := range row {
			switch f := v.Field(i).Interface().(type) {
			case string:
				row[i] = cell(f)
			case []string:
				row[i] = cell(strings.Join(f, "; "))
			}
		}
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		panic("opendata: " + err.Error()) // unreachable: bytes.Buffer does not fail
	}
	return buf.Bytes()
}

// cell makes s safe to open in a spreadsheet, as OWASP recommends
// against formula injection: a cell that begins with = + - @, a tab or a
// carriage return gets a leading apostrophe, so that spreadsheets show it
// as text instead of running it; NUL bytes, which some readers take for
// the end of the file, are dropped. The JSON keeps the text exact.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// list returns s, or an empty non-nil slice so that JSON writes [] not null.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// fileName returns the last path element of an absolute URL, unescaped.
func fileName(u string) string {
	if u == "" {
		return ""
	}
	p := u
	if parsed, err := url.Parse(u); err == nil {
		p = parsed.Path
	}
	if p = path.Base(p); p == "." || p == "/" {
		return ""
	}
	return p
}

func primary(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

func isIndonesian(lang string) bool { return primary(lang) == "id" }
