package stem

import (
	"slices"
	"strings"
	"testing"
)

// TestIndonesianPairs stems real words of the office's documents: each
// group's words must share one stem, the root, including the pairs that
// Pagefind's Snowball stemmer keeps apart (diawasi and pengawasan,
// ditingkatkan and peningkatan, perencanaan and rencana).
func TestIndonesianPairs(t *testing.T) {
	s := NewIndonesian()
	for root, words := range map[string][]string{
		"awas":       {"awas", "diawasi", "pengawasan", "mengawasi", "pengawas", "pengawasannya"},
		"tingkat":    {"tingkat", "ditingkatkan", "peningkatan", "meningkatkan", "tingkatan"},
		"rencana":    {"rencana", "perencanaan", "merencanakan", "direncanakan"},
		"imigrasi":   {"imigrasi", "keimigrasian"},
		"bijak":      {"kebijakan", "bijak"},
		"kerja":      {"kerja", "pekerjaan", "bekerja", "pekerja", "dikerjakan"},
		"layan":      {"pelayanan", "melayani", "layanan", "dilayani"},
		"temu":       {"pertemuan", "bertemu", "menemukan", "ditemukan"},
		"ajar":       {"belajar", "pelajaran", "mengajar", "diajarkan"},
		"atur":       {"peraturan", "mengatur", "diatur", "pengaturan"},
		"tulis":      {"menulis", "tulisan", "penulis", "ditulis"},
		"pukul":      {"memukul", "pukulan"},
		"baca":       {"membaca", "pembaca", "bacaan"},
		"sampai":     {"menyampaikan", "disampaikan", "penyampaian"},
		"koordinasi": {"koordinasi", "berkoordinasi", "dikoordinasikan"},
		"laksana":    {"pelaksanaan", "dilaksanakan", "melaksanakan"},
		"tahu":       {"mengetahui", "diketahui", "pengetahuan"},
		"perhati":    {"memperhatikan", "diperhatikan"},
		"ubah":       {"perubahan", "mengubah", "diubah"},
		"cabut":      {"pencabutan", "mencabut", "dicabut"},
		"tetap":      {"ditetapkan", "penetapan", "menetapkan"},
		"undang":     {"diundangkan", "pengundangan"},
		"rapat":      {"rapat", "rapat-rapat"},
		"tanya":      {"bertanya-tanya", "pertanyaan", "ditanyakan"},
		"asing":      {"asing", "orang-orang asing"[len("orang-orang "):]},
		"periksa":    {"pemeriksaan", "diperiksa", "memeriksa"},
		"izin":       {"perizinan", "diizinkan"},
		"tinggal":    {"tinggal", "ditinggalkan", "peninggalan"},
		"nilai":      {"nilai", "dinilai", "menilai", "penilaian"},
		"nikah":      {"menikah", "pernikahan", "dinikahkan"},
		"mohon":      {"memohon", "pemohon", "permohonan"},
		"kenal":      {"mengenal", "dikenal", "perkenalan"},
		"duduk":      {"kedudukan", "penduduk", "kependudukan"},
		"peserta":    {"peserta", "pesertanya"},
		"minta":      {"meminta", "diminta", "permintaan"},
		"bom":        {"mengebom"},
	} {
		for _, w := range words {
			if got := s.Stem(w); got != root {
				t.Errorf("Stem(%q) = %q, want %q", w, got, root)
			}
		}
	}
}

// TestIndonesianKeeps checks words that must not be cut: roots that look
// affixed (kawasan is a root, not ka-awas-an), and words no root explains.
func TestIndonesianKeeps(t *testing.T) {
	s := NewIndonesian()
	for _, w := range []string{"kawasan", "makan", "minum", "timpora", "banyuwangi", "paspor", "visa", "di", "ke", "permen"} {
		if got := s.Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it kept", w, got)
		}
	}
}

// TestRootList checks the embedded list as gen_roots.go writes it: sorted,
// lowercase letters and hyphens, and whole (the dictionary has 30,000
// roots; a cut file would make the stemmer keep words whole).
func TestRootList(t *testing.T) {
	n, prev := 0, ""
	for line := range strings.SplitSeq(rootsText, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		n++
		if line <= prev {
			t.Errorf("%q after %q: not sorted or repeated", line, prev)
		}
		if strings.Trim(line, "abcdefghijklmnopqrstuvwxyz-") != "" {
			t.Errorf("%q is not a lowercase word", line)
		}
		prev = line
	}
	if n < 30000 {
		t.Errorf("%d roots, want the dictionary's 30,000 or more", n)
	}
}

func BenchmarkIndonesian(b *testing.B) {
	s := NewIndonesian()
	words := []string{"pengawasannya", "ditingkatkan", "perencanaan", "kebijakan", "memperhatikan", "timpora", "rapat-rapat", "menyampaikan"}
	for b.Loop() {
		for _, w := range words {
			s.Stem(w)
		}
	}
}

// TestIndonesianForms checks that the forms of a root hold the words of
// the pairs the search issue measured, and that every form the index
// would keep stems back to the root.
func TestIndonesianForms(t *testing.T) {
	s := NewIndonesian()
	for root, want := range map[string][]string{
		"awas":    {"diawasi", "pengawasan", "mengawasi", "terawasi"},
		"tingkat": {"ditingkatkan", "peningkatan", "meningkatkan", "tingkatan"},
		"rencana": {"perencanaan", "direncanakan", "merencanakan"},
		"tulis":   {"menulis", "penulis", "ditulis", "tulisan"},
		"susun":   {"menyusun", "penyusunan", "disusun"},
		"pakai":   {"memakai", "pemakaian", "dipakai"},
	} {
		forms := s.Forms(root)
		for _, w := range want {
			if !slices.Contains(forms, w) {
				t.Errorf("forms of %s lack %s: %q", root, w, forms)
			}
			if got := s.Stem(w); got != root {
				t.Errorf("Stem(%s) = %s, want %s", w, got, root)
			}
		}
	}
	if f := s.Forms("timpora"); f != nil {
		t.Errorf("a word that is not a root has forms: %q", f)
	}
}

func TestEnglishForms(t *testing.T) {
	e := English{}
	for stem, want := range map[string][]string{
		"supervis": {"supervised", "supervise", "supervision"},
		"regul":    {"regulation", "regulations"},
		"agenc":    {"agency", "agencies"},
	} {
		forms := e.Forms(stem)
		for _, w := range want {
			if !slices.Contains(forms, w) || e.Stem(w) != stem {
				t.Errorf("forms of %s: %q, want %s (which stems to %s)", stem, forms, w, e.Stem(w))
			}
		}
	}
}
