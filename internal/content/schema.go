package content

import (
	"fmt"
	"strings"
	"time"

	"risalah/internal/diag"
	"risalah/internal/meta"
)

// Date is a calendar date, or a date and time, from front matter. A bare
// YYYY-MM-DD is a calendar day in the site's time zone and never shifts; a
// time without an offset is in the site's time zone.
type Date struct {
	Time    time.Time
	HasTime bool
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Day returns the date as YYYY-MM-DD in its own zone.
func (d Date) Day() string {
	if d.IsZero() {
		return ""
	}
	return d.Time.Format("2006-01-02")
}

// ISO returns the date as YYYY-MM-DD, or the full RFC 3339 time if it has one.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	if !d.HasTime {
		return d.Day()
	}
	return d.Time.Format(time.RFC3339)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Time.Before(e.Time) }

var dateLayouts = []struct {
	layout  string
	hasTime bool
	zoned   bool
}{
	{"2006-01-02", false, false},
	{"2006-01-02T15:04:05Z07:00", true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02T15:04:05", true, false},
	{"2006-01-02T15:04", true, false},
	{"2006-01-02 15:04:05", true, false},
	{"2006-01-02 15:04", true, false},
	{"2006-01-02 15:04:05 -07:00", true, true},
}

// ParseDate reads s in one of the accepted layouts, in loc when it carries
// no offset.
func ParseDate(s string, loc *time.Location) (Date, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		var t time.Time
		var err error
		if l.zoned {
			t, err = time.Parse(l.layout, s)
			if err == nil {
				t = t.In(loc)
			}
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err == nil {
			return Date{Time: t, HasTime: l.hasTime}, nil
		}
	}
	return Date{}, &meta.FieldError{Code: diag.CodeDate,
		Msg:  fmt.Sprintf("%q is not a valid date", s),
		Hint: "write YYYY-MM-DD, such as 2023-08-23, or YYYY-MM-DDTHH:MM, such as 2023-08-23T09:00"}
}

// DecodeMeta implements meta.Decoder.
func (d *Date) DecodeMeta(n *meta.Node, o *meta.Options) error {
	if n.Kind != meta.Scalar {
		return &meta.FieldError{Code: diag.CodeType, Msg: fmt.Sprintf("expected a date, found %s", n.Kind), Hint: "write YYYY-MM-DD, such as 2023-08-23"}
	}
	loc := o.Loc
	if loc == nil {
		loc = time.UTC
	}
	v, err := ParseDate(n.Value, loc)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Person is a named person with a role, such as a meeting's chair.
type Person struct {
	Name string `meta:"name"`
	Role string `meta:"role"`
}

// Action is one follow-up action agreed at a meeting.
type Action struct {
	Action string `meta:"action,required"`
	Owner  string `meta:"owner"`
	Due    Date   `meta:"due"`
}

// Attachment is a file of a page bundle shown in a list of downloads.
type Attachment struct {
	File  string `meta:"file,required"`
	Title string `meta:"title"`
}

// Image is a photo or illustration with its alternative text, which is
// "" only for a decorative image whose front matter says alt: "".
type Image struct {
	Src     string `meta:"src,required"`
	Alt     string `meta:"alt,given"`
	Caption string `meta:"caption"`
	Credit  string `meta:"credit"`
}

// Common holds the fields every document may have.
type Common struct {
	Title   string   `meta:"title"`
	Date    Date     `meta:"date"`
	Updated Date     `meta:"updated"`
	Summary string   `meta:"summary"`
	Tags    []string `meta:"tags"`
	Draft   bool     `meta:"draft"`
	Slug    string   `meta:"slug"`
	Aliases []string `meta:"aliases"`
	// PPID is the document's category in the register of public
	// information (UU 14/2008): berkala, serta-merta, setiap-saat, or
	// dikecualikan (exempt: never published).
	PPID string `meta:"ppid"`
}

// NewsFields are the fields of a news post.
type NewsFields struct {
	Author      string       `meta:"author"`
	Image       *Image       `meta:"image"`
	Meetings    []string     `meta:"meetings"`
	Regulations []string     `meta:"regulations"`
	Attachments []Attachment `meta:"attachments"`
}

// MeetingFields are the fields of a meeting record.
type MeetingFields struct {
	End          Date         `meta:"end"`
	Venue        string       `meta:"venue"`
	Organizer    string       `meta:"organizer"`
	Theme        string       `meta:"theme"`
	Chair        *Person      `meta:"chair"`
	Speakers     []Person     `meta:"speakers"`
	Participants []string     `meta:"participants"`
	Agenda       []string     `meta:"agenda"`
	Outcomes     []string     `meta:"outcomes"`
	Actions      []Action     `meta:"actions"`
	Regulations  []string     `meta:"regulations"`
	Attachments  []Attachment `meta:"attachments"`
	Photos       []Image      `meta:"photos"`
	Status       string       `meta:"status"`
}

// RegulationFields are the fields of a regulation, after the Indonesian JDIH
// metadata standard.
type RegulationFields struct {
	Type        string       `meta:"type"`
	Number      string       `meta:"number"`
	Year        int          `meta:"year"`
	Issuer      string       `meta:"issuer"`
	Enacted     Date         `meta:"enacted"`
	Promulgated Date         `meta:"promulgated"`
	Source      string       `meta:"source"`
	Field       string       `meta:"field"`
	Subjects    []string     `meta:"subjects"`
	Amends      []string     `meta:"amends"`
	Revokes     []string     `meta:"revokes"`
	Status      string       `meta:"status"`
	Files       []Attachment `meta:"files"`
}

type newsSchema struct {
	Common
	NewsFields
}

type meetingSchema struct {
	Common
	MeetingFields
}

type regulationSchema struct {
	Common
	RegulationFields
}

type pageSchema struct {
	Common
}

// FactFields are the fields that state facts rather than text: a translation
// may leave them out, but may not give them a different value.
func FactFields() []string {
	return []string{"date", "end", "enacted", "promulgated", "venue", "organizer", "participants",
		"number", "year", "type", "status", "regulations", "meetings", "amends", "revokes", "ppid"}
}

// fieldAliases maps words editors write, often in Indonesian, to the field
// they mean, for "did you mean" hints.
func fieldAliases() map[string]string {
	return map[string]string{
		"judul": "title", "tanggal": "date", "tgl": "date", "ringkasan": "summary", "label": "tags",
		"tag": "tags", "penulis": "author", "gambar": "image", "foto": "photos", "galeri": "photos", "gallery": "photos", "tempat": "venue", "lokasi": "venue",
		"location": "venue", "place": "venue", "penyelenggara": "organizer", "organiser": "organizer",
		"tema": "theme", "pimpinan": "chair", "ketua": "chair", "narasumber": "speakers", "pembicara": "speakers",
		"peserta": "participants", "acara": "agenda", "hasil": "outcomes", "tindak_lanjut": "actions",
		"lampiran": "attachments", "peraturan": "regulations", "rapat": "meetings", "jenis": "type",
		"nomor": "number", "tahun": "year", "penerbit": "issuer", "ditetapkan": "enacted", "diundangkan": "promulgated",
		"sumber": "source", "bidang": "field", "subjek": "subjects", "mengubah": "amends", "mencabut": "revokes",
		"selesai": "end", "diperbarui": "updated", "lastmod": "updated", "modified": "updated",
		"description": "summary", "deskripsi": "summary", "alias": "aliases", "categories": "tags",
		"end_date": "end", "enddate": "end", "start": "date", "informasi_publik": "ppid", "kategori_informasi": "ppid",
	}
}

// PPIDCategories returns the categories of public information a document may
// be listed under, in the order the register shows them. Exempt information
// (PPIDExempt) is never published.
func PPIDCategories() []string { return []string{"berkala", "serta-merta", "setiap-saat"} }

// PPIDExempt is the category of information exempt from publication.
const PPIDExempt = "dikecualikan"
