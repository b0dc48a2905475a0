package render

import (
	"fmt"
	"time"

	"risalah/internal/content"
)

// dateNames holds the names a language uses in dates.
type dateNames struct {
	days   [7]string
	months [12]string
	// timeSep separates hours and minutes: Indonesian writes 09.00.
	timeSep string
}

func namesFor(lang string) dateNames {
	if lang == "id" {
		return dateNames{
			days:    [7]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
			months:  [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
			timeSep: ".",
		}
	}
	return dateNames{
		days:    [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		months:  [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		timeSep: ":",
	}
}

// FormatDate writes d as "Rabu, 23 Agustus 2023" or "Wednesday, 23 August
// 2023", adding the time with its zone ("09.00 WIB") when d has one.
func FormatDate(lang string, d content.Date, withDay bool) string {
	if d.IsZero() {
		return ""
	}
	n := namesFor(lang)
	t := d.Time
	s := fmt.Sprintf("%d %s %d", t.Day(), n.months[t.Month()-1], t.Year())
	if withDay {
		s = n.days[t.Weekday()] + ", " + s
	}
	if d.HasTime {
		s += ", " + FormatTime(lang, t)
	}
	return s
}

// FormatTime writes the clock time with its Indonesian zone name.
func FormatTime(lang string, t time.Time) string {
	n := namesFor(lang)
	return fmt.Sprintf("%02d%s%02d %s", t.Hour(), n.timeSep, t.Minute(), ZoneName(t))
}

// ZoneName names t's offset as Indonesia does: WIB, WITA or WIT, else UTC±h.
func ZoneName(t time.Time) string {
	_, off := t.Zone()
	switch off {
	case 7 * 3600:
		return "WIB"
	case 8 * 3600:
		return "WITA"
	case 9 * 3600:
		return "WIT"
	}
	h, m := off/3600, (off%3600)/60
	if m < 0 {
		m = -m
	}
	if m != 0 {
		return fmt.Sprintf("UTC%+d:%02d", h, m)
	}
	return fmt.Sprintf("UTC%+d", h)
}
