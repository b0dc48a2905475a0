// Package stem reduces words to the stems a search index keys on, so that
// a query finds the other forms of its words: Indonesian by confix
// stripping against a list of root words.
package stem

import (
	_ "embed"
	"strings"
	"sync"
)

// rootsText is the list of Indonesian root words, one per line, written by
// gen_roots.go from Hunspell's dictionary (LGPL-3, see roots_id.LICENSE).
//
//go:embed roots_id.txt
var rootsText string

// extraRoots are words the stemmer keeps whole that the dictionary lacks:
// without them peserta (participant) would stem to serta (and).
var extraRoots = []string{"peserta", "mulai"}

// Indonesian stems Indonesian words. Its zero value is not usable; make
// one with NewIndonesian. It is safe for concurrent use.
//
// Indonesian words are built from a root with prefixes, suffixes and
// confixes (pe-…-an, ke-…-an), and a prefix's last sound merges with the
// root's first (me- + tulis is menulis, pe- + tingkat + -an is
// peningkatan). The stemmer removes particles (-lah, -kah, -tah, -pun),
// possessives (-ku, -mu, -nya) and derivational suffixes (-kan, -an, -i),
// and up to three prefixes, trying each way the merged sounds may be undone,
// and keeps the first result that is a known root. A word it cannot reduce
// to a root is its own stem.
type Indonesian struct {
	roots map[string]bool
}

// NewIndonesian returns a stemmer that knows the built-in root words. The
// stemmers share one table of roots, read once and never changed, so
// making one costs nothing and each is safe for concurrent use.
func NewIndonesian() *Indonesian { return &Indonesian{roots: rootTable()} }

// rootTable is the set of root words, made on first use.
var rootTable = sync.OnceValue(func() map[string]bool {
	roots := make(map[string]bool, 32000)
	for line := range strings.SplitSeq(rootsText, "\n") {
		if line != "" && line[0] != '#' {
			roots[line] = true
		}
	}
	for _, r := range extraRoots {
		roots[r] = true
	}
	return roots
})

// minRoot is the shortest root a stripped word may end in: the root list
// holds letters and two-letter words that would swallow real words.
const minRoot = 3

// Stem returns the root of word, which must be lowercase, or word itself
// when no root is found.
func (s *Indonesian) Stem(word string) string {
	if len(word) < minRoot || s.roots[word] {
		return word
	}
	if a, b, ok := strings.Cut(word, "-"); ok {
		// Reduplication: rapat-rapat, bertanya-tanya, sayur-mayur.
		if a == b || strings.HasSuffix(a, b) {
			return s.Stem(b)
		}
		if sa := s.Stem(a); sa != a {
			return sa
		}
		return word
	}
	// The least stripped form first: -kah, -tah and -nya also end roots
	// and other suffixes (menikah is me-nikah, not meni-kah).
	for _, form := range inflections(word) {
		if s.root(form) {
			return form
		}
		if r, ok := s.derivation(form); ok {
			return r
		}
	}
	return word
}

func (s *Indonesian) root(w string) bool { return len(w) >= minRoot && s.roots[w] }

// inflections returns word, then word without its particle, then without
// its possessive too (bukunyalah, bukunya, buku).
func inflections(word string) []string {
	out := []string{word}
	w := word
	for _, p := range []string{"lah", "kah", "tah", "pun"} {
		if strings.HasSuffix(w, p) && len(w) > len(p)+minRoot {
			w = w[:len(w)-len(p)]
			out = append(out, w)
			break
		}
	}
	for _, p := range []string{"nya", "ku", "mu"} {
		if strings.HasSuffix(w, p) && len(w) > len(p)+minRoot {
			out = append(out, w[:len(w)-len(p)])
			break
		}
	}
	return out
}

// derivation finds the root of w by removing a derivational suffix and
// prefixes, in that order of preference: -kan, -an, -i, then none.
func (s *Indonesian) derivation(w string) (string, bool) {
	type base struct{ word, suffix string }
	var bases []base
	for _, suf := range []string{"kan", "an", "i"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+minRoot-1 {
			bases = append(bases, base{w[:len(w)-len(suf)], suf})
		}
	}
	bases = append(bases, base{w, ""})
	for _, b := range bases {
		if b.suffix != "" && s.root(b.word) {
			return b.word, true
		}
		r, depth, ok := s.prefixes(b.word, b.suffix)
		if !ok {
			continue
		}
		// Many roots end in i (nilai, sampai): dinilai is di-nilai, not
		// di-nila-i, when both readings reach a root as soon.
		if b.suffix == "i" {
			if r2, d2, ok := s.prefixes(w, ""); ok && d2 <= depth {
				return r2, true
			}
		}
		return r, true
	}
	return "", false
}

// maxPrefixes is how many prefixes a word may have: di-per-ke-…
const maxPrefixes = 3

// prefixes removes up to maxPrefixes prefixes from w, breadth first, so
// that a root reached with fewer prefixes wins, and returns how many it
// removed. suffix is the derivational suffix already removed, which some
// prefixes never go with.
func (s *Indonesian) prefixes(w, suffix string) (root string, depth int, ok bool) {
	level := []string{w}
	seen := map[string]bool{w: true}
	for depth := range maxPrefixes {
		var next []string
		for _, word := range level {
			for _, c := range prefixCandidates(word) {
				if depth == 0 && disallowed(c.prefix, suffix) {
					continue
				}
				if seen[c.rest] {
					continue
				}
				seen[c.rest] = true
				if s.root(c.rest) {
					return c.rest, depth + 1, true
				}
				next = append(next, c.rest)
			}
		}
		level = next
	}
	return "", 0, false
}

// disallowed reports whether a word does not take prefix with suffix
// around one root (ke-…-i, di-…-an and the others), so such a reading is
// not tried: kebijakan is ke-bijak-an, not ke-bija-kan.
func disallowed(prefix, suffix string) bool {
	switch prefix + "+" + suffix {
	case "be+i", "di+an", "ke+i", "ke+kan", "me+an", "se+i", "se+kan", "te+an":
		return true
	}
	return false
}

// candidate is one way to remove a prefix: what is left, and the prefix's
// family (be, di, ke, me, pe, se, te).
type candidate struct {
	rest, prefix string
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// prefixCandidates returns the ways a prefix may be removed from w, the
// likelier first, each with the root's first sound restored where the
// prefix merged with it.
func prefixCandidates(w string) []candidate {
	var out []candidate
	add := func(family string, rests ...string) {
		for _, r := range rests {
			if len(r) >= minRoot {
				out = append(out, candidate{r, family})
			}
		}
	}
	has := func(p string) (string, bool) {
		if strings.HasPrefix(w, p) && len(w) > len(p) {
			return w[len(p):], true
		}
		return "", false
	}
	for _, p := range []string{"di", "ke", "se"} {
		if r, ok := has(p); ok {
			add(p, r)
		}
	}
	// ber-, be- (bekerja, berakit), bel- (belajar)
	if r, ok := has("ber"); ok {
		add("be", r)
	}
	if r, ok := has("be"); ok && !strings.HasPrefix(r, "lajar") {
		add("be", r) // bekerja
	}
	if r, ok := has("bel"); ok && strings.HasPrefix(r, "ajar") {
		add("be", r) // belajar: bel- before ajar only
	}
	// ter-, te- (terasa)
	if r, ok := has("ter"); ok {
		add("te", r)
	}
	if r, ok := has("te"); ok && len(r) > 0 && r[0] == 'r' {
		add("te", r)
	}
	// me- and pe-, whose nasal merges with the root's first sound, and
	// per- and pe- before r, l, w, y.
	for _, p := range []string{"me", "pe"} {
		rest, ok := has(p)
		if !ok {
			continue
		}
		switch {
		case strings.HasPrefix(rest, "ng"):
			r := rest[2:]
			if r != "" && isVowel(r[0]) {
				add(p, r, "k"+r) // mengawasi, mengenal
			} else if r != "" && strings.IndexByte("ghqkx", r[0]) >= 0 {
				add(p, r) // menggali, menghitung
			}
			if strings.HasPrefix(r, "e") && len(r) > 1 && !isVowel(r[1]) {
				add(p, r[1:]) // mengebom, pengecatan: a root of one syllable
			}
		case strings.HasPrefix(rest, "ny"):
			if r := rest[2:]; r != "" && isVowel(r[0]) {
				add(p, "s"+r) // menyusun
			}
		case strings.HasPrefix(rest, "m"):
			r := rest[1:]
			if r != "" && isVowel(r[0]) {
				add(p, "m"+r, "p"+r) // memakan, memohon (not pohon), memukul
			} else if r != "" && strings.IndexByte("bfvp", r[0]) >= 0 {
				add(p, r) // membaca, memfitnah, memperhatikan
			}
		case strings.HasPrefix(rest, "n"):
			r := rest[1:]
			if r != "" && isVowel(r[0]) {
				add(p, "t"+r, "n"+r) // menulis, peningkatan, menanti
			} else if r != "" && strings.IndexByte("cdjszt", r[0]) >= 0 {
				add(p, r) // mencari, pendapat, menjual
			}
		}
		if r, ok := has("per"); ok && p == "pe" {
			add(p, r) // pertemuan, perubahan (not pe-rubah)
		}
		if rest != "" && strings.IndexByte("lrwy", rest[0]) >= 0 && !strings.HasPrefix(rest, "lajar") {
			add(p, rest) // melihat, merasa, perencanaan, pelayanan
		}
		if p == "pe" && strings.HasPrefix(rest, "lajar") {
			add(p, rest[1:]) // pelajar: pel- before ajar only
		}
		if p == "pe" && rest != "" && !isVowel(rest[0]) && strings.IndexByte("mnlrwy", rest[0]) < 0 {
			add(p, rest) // pekerja, petani
		}
	}
	return out
}
