package render

import (
	"testing"
	"time"

	"risalah/internal/content"
)

func TestFormatDate(t *testing.T) {
	jkt, _ := time.LoadLocation("Asia/Jakarta")
	mks, _ := time.LoadLocation("Asia/Makassar")
	jpr, _ := time.LoadLocation("Asia/Jayapura")
	day := content.Date{Time: time.Date(2023, 8, 23, 0, 0, 0, 0, jkt)}
	at := content.Date{Time: time.Date(2023, 8, 23, 9, 5, 0, 0, jkt), HasTime: true}
	tests := []struct {
		lang    string
		d       content.Date
		withDay bool
		want    string
	}{
		{"id", day, true, "Rabu, 23 Agustus 2023"},
		{"en", day, true, "Wednesday, 23 August 2023"},
		{"id", day, false, "23 Agustus 2023"},
		{"id", at, true, "Rabu, 23 Agustus 2023, 09.05 WIB"},
		{"en", at, false, "23 August 2023, 09:05 WIB"},
		{"id", content.Date{Time: time.Date(2024, 1, 1, 14, 0, 0, 0, mks), HasTime: true}, false, "1 Januari 2024, 14.00 WITA"},
		{"en", content.Date{Time: time.Date(2024, 1, 1, 14, 0, 0, 0, jpr), HasTime: true}, false, "1 January 2024, 14:00 WIT"},
		{"en", content.Date{}, true, ""},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.lang, tt.d, tt.withDay); got != tt.want {
			t.Errorf("FormatDate(%s, %v, %v) = %q, want %q", tt.lang, tt.d.Time, tt.withDay, got, tt.want)
		}
	}
	if got := ZoneName(time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 5*3600+1800))); got != "UTC+5:30" {
		t.Errorf("ZoneName(+05:30) = %q", got)
	}
}
