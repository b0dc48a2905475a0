// Command hugosite writes a Hugo site equivalent to a generated risalah
// corpus, for bench/compare.sh: the same documents (translations side by
// side by file name), the same sections and languages, tag pages, lists
// paginated by 20, feeds and the sitemap, with plain templates that show
// what risalah's pages show of each document.
//
//	go run ./bench/hugosite -n 1000 -o DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"risalah/internal/corpus"
)

const config = `baseURL = "https://contoh.example/"
defaultContentLanguage = "id"
disableKinds = []
enableRobotsTXT = true
[pagination]
  pagerSize = 20
[taxonomies]
  tag = "tags"
[languages]
  [languages.id]
    weight = 1
    languageName = "Bahasa Indonesia"
    title = "Kantor Imigrasi Contoh"
  [languages.en]
    weight = 2
    languageName = "English"
    title = "Example Immigration Office"
[outputs]
  home = ["html", "rss"]
  section = ["html", "rss"]
  taxonomy = ["html"]
  term = ["html", "rss"]
`

func layouts() map[string]string {
	return map[string]string{
		"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="/css/site.css"></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<nav>{{ range .AllTranslations }}<a href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`,
		"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .Params.venue }}<p>{{ . }}</p>{{ end }}{{ with .Params.organizer }}<p>{{ . }}</p>{{ end }}
{{ with .Params.agenda }}<ol>{{ range . }}<li>{{ . }}</li>{{ end }}</ol>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Date.Format "2 January 2006" }}</p><p>{{ .Summary | plainify | truncate 200 }}</p></li>
{{ end }}</ul>
{{ with .Paginator.Prev }}<a href="{{ .URL }}">prev</a>{{ end }} {{ with .Paginator.Next }}<a href="{{ .URL }}">next</a>{{ end }}
{{ end }}
`,
		"layouts/_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
`,
		"layouts/index.html": `{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range site.Sections }}<section><h2>{{ .Title }}</h2><ul>
{{ range first 5 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}
</ul></section>{{ end }}{{ end }}
`,
		"static/css/site.css": "body { font-family: sans-serif; }\n",
	}
}

func main() {
	n := flag.Int("n", 1000, "documents per language")
	seed := flag.Int64("seed", 1, "random seed (the same as for bench/corpus)")
	out := flag.String("o", "", "output folder")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: hugosite -n N -o DIR")
		os.Exit(2)
	}
	files := corpus.Files{"hugo.toml": []byte(config)}
	for name, data := range layouts() {
		files[name] = []byte(data)
	}
	for name, data := range corpus.Generate(*n, *seed) {
		if strings.HasPrefix(name, "content/") {
			files[name] = data
		}
	}
	for _, sec := range []string{"news", "meetings", "regulations"} {
		files["content/"+sec+"/_index.id.md"] = []byte("---\ntitle: " + sec + "\n---\n")
		files["content/"+sec+"/_index.en.md"] = []byte("---\ntitle: " + sec + "\n---\n")
	}
	if err := files.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
