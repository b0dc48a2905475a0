package serve

import (
	"bytes"
	"regexp"
	"strings"
)

// headTags are the tags every HTML response gets. Both are external files, so
// pages under a strict Content-Security-Policy (script-src 'self';
// style-src 'self') still work; data-build lets the script tell whether the
// page is older than the build the server holds when it connects.
func headTags(build string) []byte {
	return []byte(`<link rel="stylesheet" href="` + stylePath + `"><script src="` + scriptPath +
		`" data-build="` + build + `" defer></script>`)
}

// inject returns a copy of page with tags inserted before </head> (else
// before </body>, else at the end) and overlay, if any, right after the
// <body> start tag (else after </head>, else at the end). page itself is
// never modified: it belongs to the snapshot, shared by every response.
func inject(page, tags, overlay []byte) []byte {
	type insert struct {
		at   int
		text []byte
	}
	var ins []insert
	headEnd := findTag(page, "</head", 0)
	tagsAt := headEnd
	if tagsAt < 0 {
		tagsAt = findLastTag(page, "</body")
	}
	if tagsAt < 0 {
		tagsAt = len(page)
	}
	ins = append(ins, insert{tagsAt, tags})
	if len(overlay) > 0 {
		from := max(headEnd, 0)
		at := -1
		if b := findTag(page, "<body", from); b >= 0 {
			at = tagEnd(page, b)
		}
		if at < 0 && headEnd >= 0 {
			at = tagEnd(page, headEnd)
		}
		if at < 0 {
			at = len(page)
		}
		ins = append(ins, insert{at, overlay})
	}
	if len(ins) == 2 && ins[1].at < ins[0].at {
		ins[0], ins[1] = ins[1], ins[0]
	}

	n := len(page)
	for _, in := range ins {
		n += len(in.text)
	}
	out := make([]byte, 0, n)
	last := 0
	for _, in := range ins {
		out = append(out, page[last:in.at]...)
		out = append(out, in.text...)
		last = in.at
	}
	return append(out, page[last:]...)
}

// findTag returns the index of the first tag named by prefix ("<body",
// "</head"), matched without regard to case, at or after from; -1 if none.
func findTag(page []byte, prefix string, from int) int {
	for i := from; i+len(prefix) <= len(page); i++ {
		if page[i] == '<' && isTagAt(page, i, prefix) {
			return i
		}
	}
	return -1
}

// findLastTag is findTag searching from the end: the last </body> is the one
// that closes the document.
func findLastTag(page []byte, prefix string) int {
	for i := len(page) - len(prefix); i >= 0; i-- {
		if page[i] == '<' && isTagAt(page, i, prefix) {
			return i
		}
	}
	return -1
}

func isTagAt(page []byte, i int, prefix string) bool {
	end := i + len(prefix)
	if end > len(page) || !bytes.EqualFold(page[i:end], []byte(prefix)) {
		return false
	}
	if end == len(page) {
		return false
	}
	switch page[end] {
	case '>', '/', ' ', '\t', '\n', '\r', '\f':
		return true
	}
	return false // "<bodyx>" is another element
}

// tagEnd returns the index just past the '>' closing the tag starting at i,
// skipping quoted attribute values; -1 if the tag never closes.
func tagEnd(page []byte, i int) int {
	var quote byte
	for j := i + 1; j < len(page); j++ {
		c := page[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1
		}
	}
	return -1
}

// waitingPage is served before the first good build, so the editor's browser
// has something that shows the overlay and reloads when the site is ready.
const waitingPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Waiting for the first build · risalah</title>
</head>
<body>
<main>
<h1>Waiting for the first good build</h1>
<p>This page reloads by itself as soon as the site has been built.</p>
<p lang="id">Halaman ini dimuat ulang otomatis setelah situs selesai dibangun.</p>
</main>
</body>
</html>
`

// pageLang returns the primary language subtag of an HTML page's <html
// lang>, lowercased ("id" for lang="id-ID"), or "" when it has none. Only
// the start of the page is read: the <html> tag comes first.
func pageLang(page []byte) string {
	head := page[:min(len(page), 2048)]
	i := bytes.Index(bytes.ToLower(head), []byte("<html"))
	if i < 0 {
		return ""
	}
	tag := head[i:]
	if end := bytes.IndexByte(tag, '>'); end >= 0 {
		tag = tag[:end]
	}
	m := langAttr.FindSubmatch(tag)
	if m == nil {
		return ""
	}
	return primaryLang(string(m[1]))
}

// langAttr finds a lang attribute, quoted or not, in an opening tag.
var langAttr = regexp.MustCompile(`(?i)\slang\s*=\s*["']?([A-Za-z0-9-]*)`)

// primaryLang returns the primary subtag of a language tag, lowercased, or
// "" if it is not one (at most 8 letters).
func primaryLang(tag string) string {
	p, _, _ := strings.Cut(tag, "-")
	if len(p) == 0 || len(p) > 8 {
		return ""
	}
	for _, r := range p {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return ""
		}
	}
	return strings.ToLower(p)
}
