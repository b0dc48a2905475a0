package textenc

import "testing"

func TestTextenc(t *testing.T) {
	tests := []struct {
		src       string
		utf16     string
		bad       int
		line, col int
	}{
		{"title: Kafé\n", "", -1, 0, 0},
		{"a\nb: Caf\xe9\n", "", 8, 2, 7},
		{"\xff\xfet\x00", "UTF-16 (little-endian)", 0, 1, 1},
		{"\x00t\x00i", "UTF-16 (big-endian)", -1, 0, 0},
		{"ñ\xff", "", 2, 1, 2},
	}
	for _, tt := range tests {
		src := []byte(tt.src)
		if got := UTF16(src); got != tt.utf16 {
			t.Errorf("UTF16(%q) = %q, want %q", tt.src, got, tt.utf16)
		}
		bad := FirstInvalid(src)
		if bad != tt.bad {
			t.Errorf("FirstInvalid(%q) = %d, want %d", tt.src, bad, tt.bad)
			continue
		}
		if bad >= 0 {
			if line, col := Position(src, bad); line != tt.line || col != tt.col {
				t.Errorf("Position(%q, %d) = %d:%d, want %d:%d", tt.src, bad, line, col, tt.line, tt.col)
			}
		}
	}
}
