//go:build ignore

// gen_roots writes roots_id.txt, the Indonesian root words the stemmer
// looks words up in, from Hunspell's Indonesian dictionary (Debian's
// hunspell-id package, LGPL-3; see roots_id.LICENSE):
//
//	go run gen_roots.go -dic /usr/share/hunspell/id_ID.dic
//
// The dictionary lists root words with the affixes they take; only the
// roots are kept: lowercase words of letters and hyphens, one per line,
// sorted, without the affix flags.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"
)

func main() {
	dic := flag.String("dic", "/usr/share/hunspell/id_ID.dic", "the Hunspell dictionary to read (ISO 8859-1)")
	out := flag.String("o", "roots_id.txt", "the file to write")
	flag.Parse()
	data, err := os.ReadFile(*dic)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first { // the number of entries
			first = false
			continue
		}
		word, _, _ := strings.Cut(line, "/")
		word = latin1(strings.TrimSpace(word))
		if word == "" || !root(word) || derived[word] {
			continue
		}
		seen[word] = true
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	var b strings.Builder
	b.WriteString("# Indonesian root words, from Hunspell's id_ID.dic (LGPL-3, see roots_id.LICENSE).\n")
	b.WriteString("# Written by gen_roots.go; do not edit.\n")
	for _, w := range words {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d roots written to %s\n", len(words), *out)
}

// derived are entries of the dictionary that are affixed forms of another
// root, listed there for their own affixes; kept, they would stop the
// stemmer short of the root (diketahui at ketahu, belajar at itself).
var derived = map[string]bool{
	"belajar": true, // bel-ajar
	"pelajar": true, // pel-ajar
	"ketahu":  true, // ke-tahu(-i)
	"keduduk": true, // ke-duduk(-an)
}

// latin1 decodes ISO 8859-1 bytes, the dictionary's encoding.
func latin1(s string) string {
	r := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		r = append(r, rune(s[i]))
	}
	return string(r)
}

// root reports whether w is a lowercase word of letters and hyphens, as
// roots are; names (Jakarta) and abbreviations are left out.
func root(w string) bool {
	for _, r := range w {
		if r != '-' && !unicode.IsLower(r) {
			return false
		}
	}
	return !strings.HasPrefix(w, "-") && !strings.HasSuffix(w, "-")
}
