package ical

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	_ "time/tzdata" // zones must not depend on the machine running the tests
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ---- a strict, independent RFC 5545 reader used by the tests ----

// component is a parsed BEGIN/END block.
type component struct {
	name  string
	props []property
	subs  []*component
}

// property is one unfolded content line; value is still escaped.
type property struct {
	name   string
	params map[string]string
	value  string
}

func (c *component) all(name string) []property {
	var ps []property
	for _, p := range c.props {
		if p.name == name {
			ps = append(ps, p)
		}
	}
	return ps
}

func (c *component) prop(name string) (property, bool) {
	ps := c.all(name)
	if len(ps) == 0 {
		return property{}, false
	}
	return ps[0], true
}

func (c *component) value(name string) string {
	p, _ := c.prop(name)
	return p.value
}

func (c *component) sub(name string) []*component {
	var cs []*component
	for _, s := range c.subs {
		if s.name == name {
			cs = append(cs, s)
		}
	}
	return cs
}

// unfoldLines checks the physical lines and returns the logical ones.
func unfoldLines(data []byte) ([]string, error) {
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		return nil, errors.New("output does not end with CRLF")
	}
	var logical []string
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		n := i + 1
		switch {
		case strings.ContainsAny(l, "\r\n"):
			return nil, fmt.Errorf("line %d: bare CR or LF in %q", n, l)
		case len(l) > maxLine:
			return nil, fmt.Errorf("line %d: %d octets, more than %d: %q", n, len(l), maxLine, l)
		case !utf8.ValidString(l):
			return nil, fmt.Errorf("line %d: not valid UTF-8 (split character?): %q", n, l)
		case l == "":
			return nil, fmt.Errorf("line %d: empty line", n)
		case l[0] == '\t':
			return nil, fmt.Errorf("line %d: continuation with a tab: %q", n, l)
		case l[0] == ' ':
			if len(logical) == 0 {
				return nil, fmt.Errorf("line %d: continuation of nothing", n)
			}
			if l == " " {
				return nil, fmt.Errorf("line %d: empty continuation line", n)
			}
			logical[len(logical)-1] += l[1:]
		default:
			logical = append(logical, l)
		}
	}
	return logical, nil
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9-]+`)

// parseLine splits a logical line into name, parameters and value.
func parseLine(l string) (property, error) {
	p := property{name: nameRE.FindString(l), params: map[string]string{}}
	if p.name == "" {
		return p, fmt.Errorf("no property name in %q", l)
	}
	rest := l[len(p.name):]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		pname := nameRE.FindString(rest)
		if pname == "" || !strings.HasPrefix(rest[len(pname):], "=") {
			return p, fmt.Errorf("bad parameter in %q", l)
		}
		rest = rest[len(pname)+1:]
		var v string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return p, fmt.Errorf("unterminated quoted parameter in %q", l)
			}
			v, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, ";:")
			if end < 0 {
				return p, fmt.Errorf("parameter runs to end of line in %q", l)
			}
			v, rest = rest[:end], rest[end:]
			if strings.ContainsAny(v, `,"`) {
				return p, fmt.Errorf("unquoted parameter value %q in %q", v, l)
			}
		}
		if _, dup := p.params[pname]; dup {
			return p, fmt.Errorf("parameter %s twice in %q", pname, l)
		}
		p.params[pname] = v
	}
	if !strings.HasPrefix(rest, ":") {
		return p, fmt.Errorf("no ':' after name and parameters in %q", l)
	}
	p.value = rest[1:]
	for _, r := range p.value {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return p, fmt.Errorf("control character %U in value of %q", r, l)
		}
	}
	return p, nil
}

// unescapeText decodes a TEXT value; with list set, it splits at unescaped
// commas, otherwise an unescaped comma or semicolon is an error.
func unescapeText(s string, list bool) ([]string, error) {
	var out []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 == len(s) {
				return nil, fmt.Errorf("trailing backslash in %q", s)
			}
			i++
			switch s[i] {
			case '\\', ';', ',':
				b.WriteByte(s[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return nil, fmt.Errorf("bad escape \\%c in %q", s[i], s)
			}
		case ',':
			if !list {
				return nil, fmt.Errorf("unescaped ',' in %q", s)
			}
			out = append(out, b.String())
			b.Reset()
		case ';':
			return nil, fmt.Errorf("unescaped ';' in %q", s)
		default:
			b.WriteByte(c)
		}
	}
	return append(out, b.String()), nil
}

var (
	dateTimeRE = regexp.MustCompile(`^\d{8}T\d{6}Z?$`)
	dateRE     = regexp.MustCompile(`^\d{8}$`)
	offsetRE   = regexp.MustCompile(`^[+-]\d{4}(\d{2})?$`)
)

// parseStrict reads an iCalendar stream and checks the rules Write must
// keep: line format, nesting, required and unique properties, value
// formats and escapes, and that every TZID used is defined.
func parseStrict(data []byte) (*component, error) {
	lines, err := unfoldLines(data)
	if err != nil {
		return nil, err
	}
	root := &component{}
	stack := []*component{root}
	for _, l := range lines {
		p, err := parseLine(l)
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch p.name {
		case "BEGIN":
			c := &component{name: p.value}
			top.subs = append(top.subs, c)
			stack = append(stack, c)
		case "END":
			if len(stack) == 1 || top.name != p.value {
				return nil, fmt.Errorf("END:%s does not close BEGIN:%s", p.value, top.name)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 1 {
				return nil, fmt.Errorf("property outside any component: %q", l)
			}
			top.props = append(top.props, p)
		}
	}
	if len(stack) != 1 {
		return nil, fmt.Errorf("BEGIN:%s never ended", stack[len(stack)-1].name)
	}
	if len(root.subs) != 1 || root.subs[0].name != "VCALENDAR" {
		return nil, errors.New("stream is not exactly one VCALENDAR")
	}
	cal := root.subs[0]
	if err := checkCalendar(cal); err != nil {
		return nil, err
	}
	return cal, nil
}

// once checks that each of required occurs exactly once in c and each of
// optional at most once.
func once(c *component, required, optional []string) error {
	for _, n := range required {
		if k := len(c.all(n)); k != 1 {
			return fmt.Errorf("%s has %d %s properties, want 1", c.name, k, n)
		}
	}
	for _, n := range optional {
		if k := len(c.all(n)); k > 1 {
			return fmt.Errorf("%s has %d %s properties, want at most 1", c.name, k, n)
		}
	}
	return nil
}

func checkCalendar(cal *component) error {
	if err := once(cal, []string{"VERSION", "PRODID"}, []string{"CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE"}); err != nil {
		return err
	}
	if v := cal.value("VERSION"); v != "2.0" {
		return fmt.Errorf("VERSION:%s, want 2.0", v)
	}
	for _, n := range []string{"PRODID", "X-WR-CALNAME", "X-WR-TIMEZONE"} {
		if _, err := unescapeText(cal.value(n), false); err != nil {
			return fmt.Errorf("%s: %v", n, err)
		}
	}
	zones := map[string]bool{}
	for _, tz := range cal.sub("VTIMEZONE") {
		if err := once(tz, []string{"TZID"}, nil); err != nil {
			return err
		}
		id := tz.value("TZID")
		if zones[id] {
			return fmt.Errorf("VTIMEZONE %s twice", id)
		}
		zones[id] = true
		if len(tz.subs) == 0 {
			return fmt.Errorf("VTIMEZONE %s has no STANDARD or DAYLIGHT", id)
		}
		for _, o := range tz.subs {
			if o.name != "STANDARD" && o.name != "DAYLIGHT" {
				return fmt.Errorf("VTIMEZONE %s contains %s", id, o.name)
			}
			if err := once(o, []string{"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"}, []string{"TZNAME"}); err != nil {
				return err
			}
			if v := o.value("DTSTART"); !dateTimeRE.MatchString(v) || strings.HasSuffix(v, "Z") {
				return fmt.Errorf("VTIMEZONE %s: DTSTART %q is not a local date-time", id, v)
			}
			for _, n := range []string{"TZOFFSETFROM", "TZOFFSETTO"} {
				if v := o.value(n); !offsetRE.MatchString(v) {
					return fmt.Errorf("VTIMEZONE %s: %s %q is not an offset", id, n, v)
				}
			}
		}
	}
	for _, sub := range cal.subs {
		if sub.name != "VEVENT" && sub.name != "VTIMEZONE" {
			return fmt.Errorf("unexpected component %s", sub.name)
		}
	}
	for _, ev := range cal.sub("VEVENT") {
		if err := checkEvent(ev, zones); err != nil {
			return fmt.Errorf("VEVENT %s: %v", ev.value("UID"), err)
		}
	}
	return nil
}

func checkEvent(ev *component, zones map[string]bool) error {
	if len(ev.subs) > 0 {
		return fmt.Errorf("unexpected sub-component %s", ev.subs[0].name)
	}
	if err := once(ev, []string{"UID", "DTSTAMP", "DTSTART"}, []string{"DTEND", "SUMMARY", "DESCRIPTION",
		"LOCATION", "URL", "ORGANIZER", "STATUS", "SEQUENCE", "CATEGORIES"}); err != nil {
		return err
	}
	for _, n := range []string{"UID", "SUMMARY", "DESCRIPTION", "LOCATION"} {
		if _, err := unescapeText(ev.value(n), false); err != nil {
			return fmt.Errorf("%s: %v", n, err)
		}
	}
	if _, err := unescapeText(ev.value("CATEGORIES"), true); err != nil {
		return fmt.Errorf("CATEGORIES: %v", err)
	}
	if v := ev.value("DTSTAMP"); !dateTimeRE.MatchString(v) || !strings.HasSuffix(v, "Z") {
		return fmt.Errorf("DTSTAMP %q is not a UTC date-time", v)
	}
	start, _ := ev.prop("DTSTART")
	end, hasEnd := ev.prop("DTEND")
	for _, p := range []property{start, end} {
		if p.name == "" {
			continue
		}
		switch p.params["VALUE"] {
		case "DATE":
			if !dateRE.MatchString(p.value) || p.params["TZID"] != "" {
				return fmt.Errorf("%s %q is not a plain DATE", p.name, p.value)
			}
		case "":
			if !dateTimeRE.MatchString(p.value) {
				return fmt.Errorf("%s %q is not a DATE-TIME", p.name, p.value)
			}
			if tz, ok := p.params["TZID"]; ok {
				if !zones[tz] {
					return fmt.Errorf("%s uses TZID %q without a VTIMEZONE", p.name, tz)
				}
				if strings.HasSuffix(p.value, "Z") {
					return fmt.Errorf("%s has both TZID and Z", p.name)
				}
			}
		default:
			return fmt.Errorf("%s has VALUE=%s", p.name, p.params["VALUE"])
		}
	}
	if hasEnd {
		if end.params["VALUE"] != start.params["VALUE"] || end.params["TZID"] != start.params["TZID"] {
			return errors.New("DTSTART and DTEND differ in type or zone")
		}
		if end.value <= start.value {
			return fmt.Errorf("DTEND %s is not after DTSTART %s", end.value, start.value)
		}
	}
	if s, ok := ev.prop("STATUS"); ok && s.value != "TENTATIVE" && s.value != "CONFIRMED" && s.value != "CANCELLED" {
		return fmt.Errorf("STATUS %q is not a VEVENT status", s.value)
	}
	if o, ok := ev.prop("ORGANIZER"); ok && !strings.HasPrefix(o.value, "mailto:") {
		return fmt.Errorf("ORGANIZER %q is not a mailto: address", o.value)
	}
	return nil
}

func mustParse(t testing.TB, data []byte) *component {
	t.Helper()
	cal, err := parseStrict(data)
	if err != nil {
		t.Fatalf("strict check failed: %v\n%s", err, data)
	}
	return cal
}

// text returns the unescaped TEXT value of the named property ("" if absent).
func text(t testing.TB, c *component, name string) string {
	t.Helper()
	vs, err := unescapeText(c.value(name), false)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return vs[0]
}

func loadZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

// ---- fixtures ----

const longID = "Rapat koordinasi lintas sektoral — pengawasan orang asing di wilayah Kabupaten Jember, Bondowoso dan Situbondo; dihadiri Polres, Kodim, Kejaksaan Negeri, Dinas Tenaga Kerja, serta perwakilan café & résidence setempat 🇮🇩📅✅. Peserta diharap hadir 15 menit lebih awal.\nCatatan: bawa surat tugas\\undangan."

func jakartaCalendar(t testing.TB) *Calendar {
	jkt := loadZone(t, "Asia/Jakarta")
	return &Calendar{
		ProdID: "-//risalah//Kantor Imigrasi Jember//ID",
		Name:   "Rapat Koordinasi — Kantor Imigrasi Jember",
		Lang:   "id",
		Zone:   jkt,
		Events: []Event{
			{
				UID:            "rakor-timpora-2023@kanim-jember.example.go.id",
				Stamp:          time.Date(2023, 8, 1, 10, 30, 0, 0, time.UTC),
				Start:          time.Date(2023, 8, 23, 9, 0, 0, 0, jkt),
				End:            time.Date(2023, 8, 23, 12, 0, 0, 0, jkt),
				Summary:        "Rapat Koordinasi TIMPORA Kabupaten Jember",
				Description:    longID,
				Location:       "Aula Kantor Imigrasi Kelas II TPI Jember, Jl. Letjen Panjaitan No. 42, Jember",
				URL:            "https://kanim-jember.example.go.id/id/rapat/rakor-timpora-2023/",
				Organizer:      "Kepala Kantor Imigrasi Jember",
				OrganizerEmail: "humas@kanim-jember.example.go.id",
				Status:         "held",
				Categories:     []string{"rapat koordinasi", "TIMPORA"},
				Sequence:       1,
			},
			{
				UID:         "sosialisasi-paspor-2023@kanim-jember.example.go.id",
				Stamp:       time.Date(2023, 9, 10, 2, 0, 0, 0, time.UTC),
				Start:       time.Date(2023, 9, 14, 0, 0, 0, 0, jkt),
				AllDay:      true,
				Summary:     "Sosialisasi Paspor Elektronik (dibatalkan)",
				Description: "Kegiatan ditunda; jadwal baru akan diumumkan.",
				Location:    "Kecamatan Ambulu, Jember",
				Organizer:   "Seksi Lalu Lintas Keimigrasian",
				Status:      "cancelled",
				Categories:  []string{"sosialisasi"},
				Sequence:    2,
			},
		},
	}
}

func timed(uid string, start, end time.Time) Event {
	return Event{UID: uid, Stamp: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Start: start, End: end, Summary: uid}
}

// ---- unit tests of the helpers ----

func TestFold(t *testing.T) {
	a := strings.Repeat("a", 75)
	tests := []struct {
		in, want string
	}{
		{"", "\r\n"},
		{"SUMMARY:x", "SUMMARY:x\r\n"},
		{a, a + "\r\n"},
		{a + "b", a + "\r\n b\r\n"},
		{a + strings.Repeat("b", 74) + "c", a + "\r\n " + strings.Repeat("b", 74) + "\r\n c\r\n"},
		{a[:73] + "é", a[:73] + "é\r\n"},        // exactly 75 octets
		{a[:74] + "é", a[:74] + "\r\n é\r\n"},   // é would straddle octet 75
		{a[:72] + "😀x", a[:72] + "\r\n 😀x\r\n"}, // 4-octet emoji does not fit
		{a[:71] + "😀x", a[:71] + "😀\r\n x\r\n"}, // emoji ends exactly at 75
		{a[:73] + "—", a[:73] + "\r\n —\r\n"},   // 3-octet dash does not fit
		{a[:74] + "  ", a[:74] + " \r\n  \r\n"}, // space after the fold is content
		{strings.Repeat("é", 40), strings.Repeat("é", 37) + "\r\n " + strings.Repeat("é", 3) + "\r\n"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"Rapat: pukul 09.00", "Rapat: pukul 09.00"},
		{`a,b;c\d`, `a\,b\;c\\d`},
		{"baris 1\nbaris 2", `baris 1\nbaris 2`},
		{"baris 1\r\nbaris 2", `baris 1\nbaris 2`},
		{"baris 1\rbaris 2", `baris 1\nbaris 2`},
		{"tab\tok", "tab\tok"},
		{"bel\x07 dan del\x7f", "bel dan del"},
		{"bukan utf-8 \xff", "bukan utf-8 \uFFFD"},
		{`"kutip"`, `"kutip"`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParam(t *testing.T) {
	tests := []struct {
		name, value string
		quote       bool
		want        string
	}{
		{"TZID", "Asia/Jakarta", false, "TZID=Asia/Jakarta"},
		{"TZID", "a:b", false, `TZID="a:b"`},
		{"CN", "Kepala Kantor", true, `CN="Kepala Kantor"`},
		{"CN", `Bapak "Budi" ^_^`, true, `CN="Bapak ^'Budi^' ^^_^^"`},
		{"CN", "dua\nbaris", true, `CN="dua^nbaris"`},
	}
	for _, tt := range tests {
		if got := param(tt.name, tt.value, tt.quote); got != tt.want {
			t.Errorf("param(%q, %q) = %q, want %q", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestFormatOffset(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{
		{0, "+0000"},
		{7 * 3600, "+0700"},
		{-(3*3600 + 30*60), "-0330"},
		{7*3600 + 7*60 + 12, "+070712"},
	}
	for _, tt := range tests {
		if got := formatOffset(tt.in); got != tt.want {
			t.Errorf("formatOffset(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// ---- the checker itself must reject broken streams ----

func TestCheckerRejects(t *testing.T) {
	good := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\n" +
		"DTSTAMP:20230101T000000Z\r\nDTSTART:20230101T000000Z\r\nSUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if _, err := parseStrict([]byte(good)); err != nil {
		t.Fatalf("parseStrict(%q) = %v, want nil", good, err)
	}
	long := "SUMMARY:" + strings.Repeat("x", 70)
	tests := []struct{ name, old, new string }{
		{"LF only", "\r\n", "\n"},
		{"long line", "SUMMARY:s", long},
		{"split character", "SUMMARY:s", "SUMMARY:" + strings.Repeat("x", 66) + "\xc3\r\n \xa9"},
		{"unbalanced", "END:VEVENT\r\n", ""},
		{"wrong END", "END:VEVENT", "END:VTODO"},
		{"no UID", "UID:u\r\n", ""},
		{"no DTSTART", "DTSTART:20230101T000000Z\r\n", ""},
		{"no VERSION", "VERSION:2.0\r\n", ""},
		{"unknown TZID", "DTSTART:20230101T000000Z", "DTSTART;TZID=Asia/Jakarta:20230101T000000"},
		{"unescaped comma", "SUMMARY:s", "SUMMARY:a,b"},
		{"bad escape", "SUMMARY:s", `SUMMARY:a\tb`},
		{"local DTSTAMP", "DTSTAMP:20230101T000000Z", "DTSTAMP:20230101T000000"},
		{"end before start", "SUMMARY:s", "DTEND:20221231T000000Z"},
		{"organizer without address", "SUMMARY:s", "ORGANIZER;CN=Budi:Budi"},
		{"bad status", "SUMMARY:s", "STATUS:HELD"},
		{"empty continuation", "SUMMARY:s", "SUMMARY:s\r\n "},
	}
	for _, tt := range tests {
		bad := strings.Replace(good, tt.old, tt.new, -1)
		if _, err := parseStrict([]byte(bad)); err == nil {
			t.Errorf("parseStrict(%q) [%s] = nil, want an error", bad, tt.name)
		}
	}
}

// ---- Write ----

func TestWriteIsStrict(t *testing.T) {
	jkt := loadZone(t, "Asia/Jakarta")
	ams := loadZone(t, "Europe/Amsterdam")
	tests := []struct {
		name string
		cal  *Calendar
	}{
		{"representative", jakartaCalendar(t)},
		{"empty", &Calendar{ProdID: "-//x//y//ID", Zone: jkt}},
		{"no prodid, nil zone", &Calendar{Events: []Event{timed("a@x", time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC), time.Time{})}}},
		{"amsterdam over years", &Calendar{ProdID: "p", Zone: ams, Events: []Event{
			timed("a@x", time.Date(2022, 3, 27, 1, 30, 0, 0, time.UTC), time.Date(2022, 3, 27, 3, 0, 0, 0, time.UTC)),
			timed("b@x", time.Date(2024, 10, 27, 2, 30, 0, 0, ams), time.Date(2025, 1, 2, 0, 0, 0, 0, ams)),
		}}},
		{"fixed zone", &Calendar{ProdID: "p", Zone: time.FixedZone("", -(9*3600 + 30*60)), Events: []Event{
			timed("a@x", time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC), time.Date(2023, 1, 2, 4, 4, 5, 0, time.UTC)),
		}}},
		{"end before start, empty uid", &Calendar{ProdID: "p", Lang: "en-GB", Zone: jkt, Events: []Event{
			{Start: time.Date(2023, 1, 2, 3, 4, 5, 0, jkt), End: time.Date(2023, 1, 2, 1, 0, 0, 0, jkt), Summary: "s"},
			{AllDay: true, Start: time.Date(2023, 1, 5, 0, 0, 0, 0, jkt), End: time.Date(2023, 1, 1, 0, 0, 0, 0, jkt)},
		}}},
		{"long everything", &Calendar{ProdID: longID, Name: longID, Lang: "id", Zone: jkt, Events: []Event{{
			UID: strings.Repeat("uid-", 30) + "@x", Start: time.Date(2023, 8, 23, 9, 0, 0, 0, jkt),
			Summary: longID, Description: longID, Location: longID, Organizer: longID, OrganizerEmail: "a@b.example",
			URL:        "https://kanim-jember.example.go.id/" + strings.Repeat("sangat-panjang/", 10),
			Categories: []string{longID, "a,b", ""}, Status: "scheduled",
		}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustParse(t, tt.cal.Write())
		})
	}
}

func TestRoundTrip(t *testing.T) {
	jkt := loadZone(t, "Asia/Jakarta")
	tests := []string{
		"Rapat biasa",
		`koma, titik-koma; garis-miring \ dan baris` + "\nbaru",
		`\n bukan baris baru, \\ dua`,
		"  spasi di tepi  ",
		longID,
		strings.Repeat("é—😀", 60),
		strings.Repeat(`;,\`+"\n", 40),
	}
	for _, s := range tests {
		cal := &Calendar{ProdID: "p", Name: s, Lang: "id", Zone: jkt, Events: []Event{{
			UID: "u@x", Start: time.Date(2023, 8, 23, 9, 0, 0, 0, jkt),
			Summary: s, Description: s, Location: s, Categories: []string{s, "lain"},
		}}}
		got := mustParse(t, cal.Write())
		if v := text(t, got, "X-WR-CALNAME"); v != s {
			t.Errorf("X-WR-CALNAME(%q) = %q, want %q", s, v, s)
		}
		ev := got.sub("VEVENT")[0]
		for _, n := range []string{"SUMMARY", "DESCRIPTION", "LOCATION"} {
			if v := text(t, ev, n); v != s {
				t.Errorf("%s(%q) = %q, want %q", n, s, v, s)
			}
			if p, _ := ev.prop(n); p.params["LANGUAGE"] != "id" {
				t.Errorf("%s(%q) LANGUAGE = %q, want %q", n, s, p.params["LANGUAGE"], "id")
			}
		}
		cats, err := unescapeText(ev.value("CATEGORIES"), true)
		if err != nil || len(cats) != 2 || cats[0] != s || cats[1] != "lain" {
			t.Errorf("CATEGORIES(%q) = %q (%v), want %q", s, cats, err, []string{s, "lain"})
		}
	}
}

// eventLines writes cal and returns the logical lines of its first VEVENT.
func eventLines(t *testing.T, cal *Calendar) []string {
	t.Helper()
	data := cal.Write()
	mustParse(t, data)
	lines, _ := unfoldLines(data)
	var out []string
	in := false
	for _, l := range lines {
		switch {
		case l == "BEGIN:VEVENT":
			in = true
		case l == "END:VEVENT":
			return out
		case in:
			out = append(out, l)
		}
	}
	return out
}

// lineWith returns the first line starting with prefix, or "".
func lineWith(lines []string, prefix string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func TestTimedAndAllDay(t *testing.T) {
	jkt := loadZone(t, "Asia/Jakarta")
	stamp := time.Date(2023, 8, 1, 7, 0, 0, 0, jkt)
	tests := []struct {
		name  string
		zone  *time.Location
		ev    Event
		start string // wanted DTSTART line
		end   string // wanted DTEND line, "" for none
	}{
		{"timed local", jkt, Event{Start: time.Date(2023, 8, 23, 9, 0, 0, 0, jkt), End: time.Date(2023, 8, 23, 12, 0, 0, 0, jkt)},
			"DTSTART;TZID=Asia/Jakarta:20230823T090000", "DTEND;TZID=Asia/Jakarta:20230823T120000"},
		{"timed given in UTC", jkt, Event{Start: time.Date(2023, 8, 23, 2, 0, 0, 0, time.UTC), End: time.Date(2023, 8, 23, 17, 30, 0, 0, time.UTC)},
			"DTSTART;TZID=Asia/Jakarta:20230823T090000", "DTEND;TZID=Asia/Jakarta:20230824T003000"},
		{"timed no end", jkt, Event{Start: time.Date(2023, 8, 23, 9, 0, 0, 0, jkt)},
			"DTSTART;TZID=Asia/Jakarta:20230823T090000", ""},
		{"timed end equals start", jkt, Event{Start: time.Date(2023, 8, 23, 9, 0, 0, 0, jkt), End: time.Date(2023, 8, 23, 9, 0, 0, 0, jkt)},
			"DTSTART;TZID=Asia/Jakarta:20230823T090000", ""},
		{"utc calendar", nil, Event{Start: time.Date(2023, 8, 23, 9, 0, 0, 0, jkt), End: time.Date(2023, 8, 23, 10, 0, 0, 0, jkt)},
			"DTSTART:20230823T020000Z", "DTEND:20230823T030000Z"},
		{"all day", jkt, Event{AllDay: true, Start: time.Date(2023, 8, 23, 0, 0, 0, 0, jkt)},
			"DTSTART;VALUE=DATE:20230823", "DTEND;VALUE=DATE:20230824"},
		{"all day parsed as UTC date", jkt, Event{AllDay: true, Start: time.Date(2023, 8, 23, 0, 0, 0, 0, time.UTC)},
			"DTSTART;VALUE=DATE:20230823", "DTEND;VALUE=DATE:20230824"},
		{"all day over month end", jkt, Event{AllDay: true, Start: time.Date(2023, 8, 30, 0, 0, 0, 0, jkt), End: time.Date(2023, 9, 1, 0, 0, 0, 0, jkt)},
			"DTSTART;VALUE=DATE:20230830", "DTEND;VALUE=DATE:20230902"},
		{"all day same end", jkt, Event{AllDay: true, Start: time.Date(2023, 12, 31, 0, 0, 0, 0, jkt), End: time.Date(2023, 12, 31, 0, 0, 0, 0, jkt)},
			"DTSTART;VALUE=DATE:20231231", "DTEND;VALUE=DATE:20240101"},
	}
	for _, tt := range tests {
		tt.ev.UID, tt.ev.Stamp, tt.ev.Summary = "u@x", stamp, tt.name
		lines := eventLines(t, &Calendar{ProdID: "p", Zone: tt.zone, Events: []Event{tt.ev}})
		if got := lineWith(lines, "DTSTART"); got != tt.start {
			t.Errorf("Write(%q) DTSTART = %q, want %q", tt.name, got, tt.start)
		}
		if got := lineWith(lines, "DTEND"); got != tt.end {
			t.Errorf("Write(%q) DTEND = %q, want %q", tt.name, got, tt.end)
		}
		if got, want := lineWith(lines, "DTSTAMP"), "DTSTAMP:20230801T000000Z"; got != want {
			t.Errorf("Write(%q) DTSTAMP = %q, want %q", tt.name, got, want)
		}
	}
}

func TestStatus(t *testing.T) {
	tests := []struct{ in, want string }{
		{"scheduled", "STATUS:CONFIRMED"},
		{"held", "STATUS:CONFIRMED"},
		{"cancelled", "STATUS:CANCELLED"},
		{"Canceled", "STATUS:CANCELLED"},
		{"", ""},
		{"postponed?", ""},
	}
	for _, tt := range tests {
		cal := &Calendar{ProdID: "p", Events: []Event{
			{UID: "u@x", Start: time.Date(2023, 8, 23, 0, 0, 0, 0, time.UTC), AllDay: true, Summary: "s", Status: tt.in},
		}}
		got := mustParse(t, cal.Write())
		if n := len(got.sub("VEVENT")); n != 1 {
			t.Fatalf("Write(status %q) has %d VEVENTs, want 1", tt.in, n)
		}
		lines := eventLines(t, cal)
		if s := lineWith(lines, "STATUS"); s != tt.want {
			t.Errorf("Write(status %q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestOrganizer(t *testing.T) {
	tests := []struct {
		lang, name, email, desc string
		wantOrg, wantDesc       string
	}{
		{"id", "Kepala Kantor", "kepala@kanim.example.go.id", "Rapat.",
			`ORGANIZER;CN="Kepala Kantor":mailto:kepala@kanim.example.go.id`, "Rapat."},
		{"id", "", "mailto:humas@kanim.example.go.id", "",
			"ORGANIZER:mailto:humas@kanim.example.go.id", ""},
		{"id", "Kepala Kantor", "", "Rapat.", "", "Rapat.\n\nPenyelenggara: Kepala Kantor"},
		{"en", "Head of Office", "", "", "", "Organizer: Head of Office"},
	}
	for _, tt := range tests {
		cal := &Calendar{ProdID: "p", Lang: tt.lang, Events: []Event{{UID: "u@x", AllDay: true,
			Start: time.Date(2023, 8, 23, 0, 0, 0, 0, time.UTC), Description: tt.desc, Organizer: tt.name, OrganizerEmail: tt.email}}}
		lines := eventLines(t, cal)
		if got := lineWith(lines, "ORGANIZER"); got != tt.wantOrg {
			t.Errorf("Write(organizer %q, %q) ORGANIZER = %q, want %q", tt.name, tt.email, got, tt.wantOrg)
		}
		ev := mustParse(t, cal.Write()).sub("VEVENT")[0]
		if got := text(t, ev, "DESCRIPTION"); got != tt.wantDesc {
			t.Errorf("Write(organizer %q, %q) DESCRIPTION = %q, want %q", tt.name, tt.email, got, tt.wantDesc)
		}
	}
}

// parseOffset reads ±HHMM[SS] as seconds east of UTC.
func parseOffset(t *testing.T, s string) int {
	t.Helper()
	var h, m, sec int
	fmt.Sscanf(s[1:3], "%d", &h)
	fmt.Sscanf(s[3:5], "%d", &m)
	if len(s) == 7 {
		fmt.Sscanf(s[5:7], "%d", &sec)
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		off = -off
	}
	return off
}

// resolve maps a local DTSTART value back to an instant through the
// VTIMEZONE, as a calendar client would.
func resolve(t *testing.T, tz *component, instant time.Time, local string) time.Time {
	t.Helper()
	var best *component
	var bestOnset time.Time
	for _, o := range tz.subs {
		wall, err := time.Parse(localFormat, o.value("DTSTART"))
		if err != nil {
			t.Fatalf("observance DTSTART %q: %v", o.value("DTSTART"), err)
		}
		onset := wall.Add(-time.Duration(parseOffset(t, o.value("TZOFFSETFROM"))) * time.Second)
		if !onset.After(instant) && (best == nil || onset.After(bestOnset)) {
			best, bestOnset = o, onset
		}
	}
	if best == nil {
		t.Fatalf("no observance in effect at %v", instant)
	}
	wall, err := time.Parse(localFormat, local)
	if err != nil {
		t.Fatalf("local time %q: %v", local, err)
	}
	return wall.Add(-time.Duration(parseOffset(t, best.value("TZOFFSETTO"))) * time.Second)
}

func TestVTimezone(t *testing.T) {
	type obs struct{ kind, start, from, to, name string }
	tests := []struct {
		zone   string
		events []time.Time // UTC instants of timed events
		want   []obs       // nil: only check both kinds and resolution
	}{
		{"Asia/Jakarta", []time.Time{time.Date(2023, 8, 23, 2, 0, 0, 0, time.UTC)},
			[]obs{{"STANDARD", "19700101T000000", "+0700", "+0700", "WIB"}}},
		{"Asia/Makassar", []time.Time{time.Date(2023, 8, 23, 2, 0, 0, 0, time.UTC)},
			[]obs{{"STANDARD", "19700101T000000", "+0800", "+0800", "WITA"}}},
		{"Asia/Jayapura", []time.Time{time.Date(2023, 8, 23, 2, 0, 0, 0, time.UTC)},
			[]obs{{"STANDARD", "19700101T000000", "+0900", "+0900", "WIT"}}},
		{"Europe/Amsterdam", []time.Time{time.Date(2023, 8, 23, 7, 0, 0, 0, time.UTC)},
			[]obs{
				{"STANDARD", "20221030T030000", "+0200", "+0100", "CET"},
				{"DAYLIGHT", "20230326T020000", "+0100", "+0200", "CEST"},
				{"STANDARD", "20231029T030000", "+0200", "+0100", "CET"},
			}},
		{"Europe/Amsterdam", []time.Time{
			time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC),
			time.Date(2023, 3, 26, 0, 59, 59, 0, time.UTC),
			time.Date(2023, 3, 26, 1, 0, 0, 0, time.UTC),
			time.Date(2023, 10, 29, 0, 30, 0, 0, time.UTC),
			time.Date(2023, 10, 29, 1, 30, 0, 0, time.UTC),
			time.Date(2025, 12, 31, 22, 59, 0, 0, time.UTC),
		}, nil},
		{"America/New_York", []time.Time{
			time.Date(2023, 3, 12, 6, 59, 0, 0, time.UTC),
			time.Date(2023, 3, 12, 7, 0, 0, 0, time.UTC),
			time.Date(2023, 11, 5, 6, 30, 0, 0, time.UTC),
		}, nil},
		{"Australia/Sydney", []time.Time{
			time.Date(2023, 1, 15, 0, 0, 0, 0, time.UTC),
			time.Date(2023, 7, 15, 0, 0, 0, 0, time.UTC),
		}, nil},
	}
	for _, tt := range tests {
		loc := loadZone(t, tt.zone)
		cal := &Calendar{ProdID: "p", Zone: loc}
		for i, e := range tt.events {
			cal.Events = append(cal.Events, timed(fmt.Sprintf("e%d@x", i), e, time.Time{}))
		}
		got := mustParse(t, cal.Write())
		zones := got.sub("VTIMEZONE")
		if len(zones) != 1 || zones[0].value("TZID") != tt.zone {
			t.Fatalf("Write(%q) has %d VTIMEZONEs, want one with TZID %q", tt.zone, len(zones), tt.zone)
		}
		if v := text(t, got, "X-WR-TIMEZONE"); v != tt.zone {
			t.Errorf("Write(%q) X-WR-TIMEZONE = %q, want %q", tt.zone, v, tt.zone)
		}
		tz := zones[0]
		var have []obs
		for _, o := range tz.subs {
			have = append(have, obs{o.name, o.value("DTSTART"), o.value("TZOFFSETFROM"), o.value("TZOFFSETTO"), o.value("TZNAME")})
		}
		if tt.want != nil {
			if fmt.Sprint(have) != fmt.Sprint(tt.want) {
				t.Errorf("Write(%q) observances = %q, want %q", tt.zone, have, tt.want)
			}
		} else if len(tz.sub("STANDARD")) == 0 || len(tz.sub("DAYLIGHT")) == 0 {
			t.Errorf("Write(%q) observances = %q, want both STANDARD and DAYLIGHT", tt.zone, have)
		}
		for i, ev := range got.sub("VEVENT") {
			local := ev.value("DTSTART")
			if back := resolve(t, tz, tt.events[i], local); !back.Equal(tt.events[i]) {
				t.Errorf("Write(%q) DTSTART %s resolves to %v, want %v", tt.zone, local, back, tt.events[i])
			}
		}
	}
}

func TestVTimezoneAmsterdamOffsets(t *testing.T) {
	ams := loadZone(t, "Europe/Amsterdam")
	cal := &Calendar{ProdID: "p", Zone: ams, Events: []Event{
		timed("a@x", time.Date(2023, 6, 1, 10, 0, 0, 0, ams), time.Date(2023, 6, 1, 11, 0, 0, 0, ams)),
	}}
	tz := mustParse(t, cal.Write()).sub("VTIMEZONE")[0]
	for _, tt := range []struct{ kind, to, name string }{{"STANDARD", "+0100", "CET"}, {"DAYLIGHT", "+0200", "CEST"}} {
		subs := tz.sub(tt.kind)
		if len(subs) == 0 {
			t.Fatalf("VTIMEZONE(%q) has no %s", "Europe/Amsterdam", tt.kind)
		}
		for _, o := range subs {
			if got := o.value("TZOFFSETTO"); got != tt.to {
				t.Errorf("%s TZOFFSETTO = %q, want %q", tt.kind, got, tt.to)
			}
			if got := o.value("TZNAME"); got != tt.name {
				t.Errorf("%s TZNAME = %q, want %q", tt.kind, got, tt.name)
			}
		}
	}
}

func TestUTCAndFixedZones(t *testing.T) {
	tests := []struct {
		name     string
		zone     *time.Location
		tzid     string // "" means no VTIMEZONE
		dtstart  string
		offsetTo string
	}{
		{"nil", nil, "", "DTSTART:20230823T020000Z", ""},
		{"time.UTC", time.UTC, "", "DTSTART:20230823T020000Z", ""},
		{"named UTC", time.FixedZone("UTC", 0), "", "DTSTART:20230823T020000Z", ""},
		{"Etc/UTC", loadZone(t, "Etc/UTC"), "Etc/UTC", "DTSTART;TZID=Etc/UTC:20230823T020000", "+0000"},
		{"unnamed +0700", time.FixedZone("", 7*3600), "UTC+0700", "DTSTART;TZID=UTC+0700:20230823T090000", "+0700"},
		{"named WIB", time.FixedZone("WIB", 7*3600), "WIB", "DTSTART;TZID=WIB:20230823T090000", "+0700"},
	}
	for _, tt := range tests {
		cal := &Calendar{ProdID: "p", Zone: tt.zone, Events: []Event{
			timed("u@x", time.Date(2023, 8, 23, 2, 0, 0, 0, time.UTC), time.Time{}),
		}}
		got := mustParse(t, cal.Write())
		zones := got.sub("VTIMEZONE")
		if tt.tzid == "" {
			if len(zones) != 0 {
				t.Errorf("Write(%q) has %d VTIMEZONEs, want 0", tt.name, len(zones))
			}
			if v := got.value("X-WR-TIMEZONE"); v != "UTC" {
				t.Errorf("Write(%q) X-WR-TIMEZONE = %q, want %q", tt.name, v, "UTC")
			}
		} else {
			if len(zones) != 1 || zones[0].value("TZID") != tt.tzid {
				t.Fatalf("Write(%q) VTIMEZONEs = %d, want one with TZID %q", tt.name, len(zones), tt.tzid)
			}
			if std := zones[0].sub("STANDARD"); len(std) != 1 || std[0].value("TZOFFSETTO") != tt.offsetTo {
				t.Errorf("Write(%q) STANDARD = %v, want one with TZOFFSETTO %q", tt.name, std, tt.offsetTo)
			}
		}
		if d := lineWith(eventLines(t, cal), "DTSTART"); d != tt.dtstart {
			t.Errorf("Write(%q) DTSTART = %q, want %q", tt.name, d, tt.dtstart)
		}
	}
}

func TestNoVTimezoneWithoutTimedEvents(t *testing.T) {
	cal := jakartaCalendar(t)
	cal.Events = cal.Events[1:] // only the all-day one
	if got := mustParse(t, cal.Write()); len(got.sub("VTIMEZONE")) != 0 {
		t.Errorf("Write(all-day only) has a VTIMEZONE, want none")
	}
}

func TestDeterminism(t *testing.T) {
	a := jakartaCalendar(t).Write()
	b := jakartaCalendar(t).Write()
	cal := jakartaCalendar(t)
	c, d := cal.Write(), cal.Write()
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) || !bytes.Equal(c, d) {
		t.Errorf("Write() differs between calls:\n%s\n---\n%s", a, b)
	}
	// the empty-UID fallback must be stable too
	e := &Calendar{ProdID: "p", Events: []Event{{Start: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), Summary: "s"}}}
	if x, y := e.Write(), e.Write(); !bytes.Equal(x, y) {
		t.Errorf("Write() with empty UID differs between calls:\n%s\n---\n%s", x, y)
	}
}

func TestGolden(t *testing.T) {
	got := jakartaCalendar(t).Write()
	mustParse(t, got)
	path := filepath.Join("testdata", "calendar.golden.ics")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Write() = \n%s\nwant (%s)\n%s", got, path, want)
	}
}

// normalizeText is what a TEXT value is expected to read back as: valid
// UTF-8, line breaks as LF, other control characters but tab dropped.
func normalizeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	for _, r := range s {
		if r >= 0x20 && r != 0x7f || r == '\t' || r == '\n' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func FuzzWrite(f *testing.F) {
	f.Add("Rapat", "Agenda: a, b; c\\d\nbaris", "Aula")
	f.Add(longID, longID, "é—😀")
	f.Add("\r\n\r", "\x00\x7f\t", "\xff\xfe")
	f.Add(strings.Repeat("😀", 30), strings.Repeat("a", 74)+"é", strings.Repeat(`\,;`, 30))
	jkt, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, summary, desc, loc string) {
		cal := &Calendar{ProdID: "p", Name: summary, Lang: "id", Zone: jkt, Events: []Event{{
			UID: "u@x", Start: time.Date(2023, 8, 23, 9, 0, 0, 0, jkt),
			Summary: summary, Description: desc, Location: loc, Categories: []string{loc},
		}}}
		got := mustParse(t, cal.Write())
		ev := got.sub("VEVENT")[0]
		for _, p := range []struct{ name, in string }{{"SUMMARY", summary}, {"DESCRIPTION", desc}, {"LOCATION", loc}} {
			if v, want := text(t, ev, p.name), normalizeText(p.in); v != want {
				t.Errorf("%s(%q) = %q, want %q", p.name, p.in, v, want)
			}
		}
		if v, want := text(t, got, "X-WR-CALNAME"), normalizeText(summary); v != want {
			t.Errorf("X-WR-CALNAME(%q) = %q, want %q", summary, v, want)
		}
	})
}
