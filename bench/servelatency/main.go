// Command servelatency measures what an editor using a live preview waits
// for: from saving a document until the preview server returns the page
// with the edit. It works with any preview server (risalah serve, hugo
// server), so that both are measured the same way, by asking for the page
// every few milliseconds.
//
//	go run ./bench/servelatency -file content/news/x.id.md -url http://127.0.0.1:1313/berita/x/ [-n 20] [-edit body|title]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"time"
)

func main() {
	file := flag.String("file", "", "the document to edit")
	url := flag.String("url", "", "the page that shows it")
	n := flag.Int("n", 20, "edits")
	edit := flag.String("edit", "body", "what to edit: body (a paragraph at the end) or title (in the front matter)")
	timeout := flag.Duration("timeout", 2*time.Minute, "how long to wait for one edit")
	flag.Parse()
	if *file == "" || *url == "" || (*edit != "body" && *edit != "title") {
		flag.Usage()
		os.Exit(2)
	}
	orig, err := os.ReadFile(*file)
	if err != nil {
		fail(err)
	}
	defer os.WriteFile(*file, orig, 0o644)
	if _, err := fetch(*url); err != nil {
		fail(fmt.Errorf("the page is not served: %w", err))
	}
	var lat []time.Duration
	stamp := time.Now().UnixNano()
	for i := range *n {
		marker := fmt.Sprintf("Suntingan%dx%d", stamp, i)
		var data []byte
		if *edit == "body" {
			data = append(append([]byte(nil), orig...), "\n\nParagraf "+marker+".\n"...)
		} else {
			data = bytes.Replace(orig, []byte("title: \""), []byte("title: \""+marker+" "), 1)
		}
		start := time.Now()
		if err := os.WriteFile(*file, data, 0o644); err != nil {
			fail(err)
		}
		for {
			body, err := fetch(*url)
			if err == nil && bytes.Contains(body, []byte(marker)) {
				break
			}
			if time.Since(start) > *timeout {
				fail(fmt.Errorf("edit %d not served after %s", i, *timeout))
			}
			time.Sleep(2 * time.Millisecond)
		}
		lat = append(lat, time.Since(start))
		time.Sleep(100 * time.Millisecond) // let the server settle
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fmt.Printf("%s edits: %d; median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms\n", *edit, len(lat),
		ms(lat[len(lat)/2]), ms(lat[len(lat)*95/100]), ms(lat[0]), ms(lat[len(lat)-1]))
}

func fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("%s", resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "servelatency:", err)
	os.Exit(1)
}
