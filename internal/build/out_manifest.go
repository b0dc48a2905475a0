package build

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"

	"risalah/internal/diag"
)

// ManifestName is the output file that lists every other file of a build
// with its size and SHA-256, so that a publisher uploads only what changed
// and anyone can check a copy of the site.
const ManifestName = "manifest.json"

// manifests is the manifest: made last, since it lists every file made
// before it, and again after any edit, since every edit changes a file.
var manifests = producer{name: "manifest", all: allManifest, bodies: bodiesManifest}

// fileList is a manifest's list of files as it was written: the names in
// order and where each one's line ends in lines, so that a rebuild of
// bodies, which makes the same files, encodes only the lines of the files
// it wrote again. It is not changed once made.
type fileList struct {
	names []string
	lines []byte
	ends  []int
	total int64 // the files' size
}

func allManifest(rs *renderState) {
	if rs.ctx.Err() != nil {
		return
	}
	t := rs.w
	if owner := t.owners.Value(ManifestName); owner != "" && owner != "risalah" {
		rs.diags.Warnf(diag.Pos{File: owner}, diag.CodeURLClash,
			"rename it (a web app manifest is usually named site.webmanifest) to have risalah's list of files",
			"/%s is the site's own file, so the build writes no list of its files there", ManifestName)
		return
	}
	names := make([]string, 0, t.sums.Len())
	for name := range t.sums.All() {
		if name != ManifestName {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	l := &fileList{names: names, ends: make([]int, len(names)), lines: make([]byte, 0, len(names)*128)}
	for i, name := range names {
		l.lines = fileLine(l.lines, name, t)
		l.ends[i] = len(l.lines)
		l.total += t.sizes.Value(name)
	}
	rs.files = l
	t.write(ManifestName, "risalah", l.manifest())
}

// bodiesManifest encodes again the lines of the files that a rebuild of
// bodies wrote, the others being as the previous build listed them.
func bodiesManifest(rs *renderState, _ *bodyEdits) {
	prev, t := rs.prev.files, rs.w
	if prev == nil {
		allManifest(rs)
		return
	}
	if rs.ctx.Err() != nil {
		return
	}
	var at []int // indexes in prev.names of the files made again
	for name := range t.sums.own {
		if name == ManifestName {
			continue
		}
		i, ok := slices.BinarySearch(prev.names, name)
		if !ok { // not a file of the previous build: list them all again
			allManifest(rs)
			return
		}
		at = append(at, i)
	}
	slices.Sort(at)
	l := &fileList{names: prev.names, ends: make([]int, len(prev.ends)), total: prev.total,
		lines: make([]byte, 0, len(prev.lines)+len(at)*16)}
	start := func(i int) int {
		if i == 0 {
			return 0
		}
		return prev.ends[i-1]
	}
	from := 0 // the first line not yet copied
	for _, i := range at {
		l.lines = l.append(prev, from, i, start)
		name := prev.names[i]
		l.lines = fileLine(l.lines, name, t)
		l.ends[i] = len(l.lines)
		l.total += t.sizes.Value(name) - rs.prev.sizes.Value(name)
		from = i + 1
	}
	l.lines = l.append(prev, from, len(prev.names), start)
	rs.files = l
	t.write(ManifestName, "risalah", l.manifest())
}

// append copies prev's lines from, up to to, to the end of l's.
func (l *fileList) append(prev *fileList, from, to int, start func(int) int) []byte {
	if from >= to {
		return l.lines
	}
	shift := len(l.lines) - start(from)
	lines := append(l.lines, prev.lines[start(from):prev.ends[to-1]]...)
	for i := from; i < to; i++ {
		l.ends[i] = prev.ends[i] + shift
	}
	return lines
}

// fileLine appends the manifest's line for the file name that t holds.
func fileLine(b []byte, name string, t *tracker) []byte {
	s, _ := t.sums.Get(name)
	b = append(b, `    {"path": `...)
	b = appendJSONString(b, name)
	b = append(b, `, "size": `...)
	b = strconv.AppendInt(b, t.sizes.Value(name), 10)
	b = append(b, `, "sha256": "`...)
	b = hex.AppendEncode(b, s[:])
	return append(b, "\"},\n"...)
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= 0x80 {
			q, _ := json.Marshal(s) // what the fast path cannot do
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// manifest is the manifest.json that lists l's files.
func (l *fileList) manifest() []byte {
	b := make([]byte, 0, len(l.lines)+64)
	b = append(b, "{\n  \"files\": [\n"...)
	lines := l.lines
	if n := len(lines); n >= 2 {
		b = append(b, lines[:n-2]...) // the last line has no comma
		b = append(b, '\n')
	}
	b = append(b, "  ],\n  \"count\": "...)
	b = strconv.AppendInt(b, int64(len(l.names)), 10)
	b = append(b, ",\n  \"size\": "...)
	b = strconv.AppendInt(b, l.total, 10)
	return append(b, "\n}\n"...)
}
