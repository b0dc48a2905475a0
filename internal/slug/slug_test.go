package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hasil Rapat", "hasil-rapat"},
		{"  Café — Über  ", "cafe-uber"},
		{"Kapolsek se-Kabupaten Banyuwangi", "kapolsek-se-kabupaten-banyuwangi"},
		{"UU 6/2011", "uu-6-2011"},
		{"???", ""},
		{"Ⅻ ﬁle", "xii-file"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
