package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hasil Rapat", "hasil-rapat"},
		{"  Café — Über  ", "cafe-uber"},
		{"Kapolsek se-Kabupaten Banyuwangi", "kapolsek-se-kabupaten-banyuwangi"},
		{"UU 6/2011", "uu-6-2011"},
		{"???", ""},
		{"Ⅻ ﬁle", "xii-file"},
		// Cut after a whole word, never inside one.
		{"Rapat Koordinasi Tim Pengawasan Orang Asing Kabupaten Banyuwangi dan Kabupaten Jember Tahun 2026",
			"rapat-koordinasi-tim-pengawasan-orang-asing-kabupaten-banyuwangi-dan-kabupaten"},
		{strings.Repeat("a", 79) + " bc", strings.Repeat("a", 79)},
		{strings.Repeat("a", 80) + " bc", strings.Repeat("a", 80)},
		{strings.Repeat("a", 90), strings.Repeat("a", 80)},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Rapat TIMPORA": "rapat timpora",
		"Café Déjà-vu":  "cafe deja-vu",
		"ﬁnal":          "final",
		"Ünïcödé 2011":  "unicode 2011",
		"":              "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
