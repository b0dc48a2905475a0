// Command corpus writes a generated bilingual site (see internal/corpus)
// into a folder, for benchmarks: go run ./bench/corpus -n 1000 -o DIR.
package main

import (
	"flag"
	"fmt"
	"os"

	"risalah/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "documents per language")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same site")
	out := flag.String("o", "", "output folder (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: corpus -n N -o DIR")
		os.Exit(2)
	}
	if err := corpus.Generate(*n, *seed).Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}
