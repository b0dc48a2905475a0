// Command hugosite writes a Hugo site equivalent to a generated risalah
// corpus, for bench/compare.sh and bench/serve-compare.sh, set up the way
// Hugo's documentation recommends, so that the comparison is with Hugo as
// its best users run it (issue 10). Written for Hugo v0.165.0.
//
//	go run ./bench/hugosite -n 1000 -o DIR
//
// What the site holds:
//   - the corpus's documents (internal/corpus, the same seed as bench/corpus),
//     translations side by side by file name (news-00001.id.md and
//     news-00001.en.md), with an _index page per section and language;
//   - the languages of risalah's site: id as the default, at the root, and
//     en under /en/, each with its own title;
//   - the pages risalah makes of the same documents: one page per document,
//     a home page per language showing the newest of each section, a list
//     per section and one per tag, both paginated by 20 as risalah's are
//     (pagination.pagerSize = 20; risalah's pageSize: 20), a page listing
//     the tags, a 404 page, feeds, the sitemap and robots.txt.
//
// How it is configured, and why that is fair:
//   - Feeds: Hugo's feeds are unlimited by default; risalah's hold the
//     newest 30 entries (feedSize in internal/build/machine.go). The site sets
//     [services.rss] limit = 30, the key Hugo's RSS template documentation
//     gives (https://gohugo.io/templates/rss/; in v0.165 it is read by
//     config/services and used by the embedded rss.xml as
//     .Site.Config.Services.RSS.Limit; the old top-level rssLimit is only a
//     fallback). Feeds are made where risalah makes them, for the home page
//     and each section of each language (outputs: home and section get
//     html and rss); risalah has no feeds of tags, so terms get html only.
//   - Site-wide navigation: the header (home link, site title, the links to
//     the sections) is the same on every page of a language, so it is a
//     partial rendered with partialCached, keyed by the language
//     (partialCached "header.html" site site.Language.Lang), as
//     https://gohugo.io/functions/partials/includecached/ and
//     https://gohugo.io/troubleshooting/performance/ (template metrics, "cache
//     potential") recommend: it is executed once per language instead of
//     ranging site.Sections on every page. Its context is site, not the page,
//     so that it cannot depend on the page by mistake. Hugo keeps one cache
//     per site, the language variant makes the key explicit regardless.
//   - Nothing else in the templates is a site-wide query made per page: the
//     language switcher and hreflang links are the page's own translations,
//     the tags are the page's own terms, and lists range their paginator. The
//     home pages (one per language) range site.Sections once each.
//   - Templates use the layout names of Hugo's template system since v0.146
//     (layouts/baseof.html, home.html, page.html, list.html, taxonomy.html,
//     404.html, _partials/), and language labels use "label" (languageName
//     is deprecated since v0.158), so Hugo prints no deprecation warnings.
//   - Everything else is Hugo's default: goldmark (tables are on by
//     default, as in risalah), the embedded RSS, sitemap and robots.txt
//     templates, and its default link render hook for multilingual sites.
//     bench/compare.sh builds it with `hugo -s DIR -d OUT --cacheDir
//     EMPTY`, cold; Hugo uses all cores, as risalah does.
//
// The pages show what risalah's pages show of each document (title, date,
// meeting venue, organiser and agenda, body, tags; title, date and summary in
// lists) with plainer markup. risalah's output is a superset of this site's:
// it also makes year archives, four more taxonomies, calendars, open data,
// JSON-LD and the public-information register, which Hugo is not asked to.
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
enableRobotsTXT = true

[pagination]
  pagerSize = 20

[services]
  [services.rss]
    limit = 30

[taxonomies]
  tag = "tags"

[languages]
  [languages.id]
    weight = 1
    label = "Bahasa Indonesia"
    title = "Kantor Imigrasi Contoh"
  [languages.en]
    weight = 2
    label = "English"
    title = "Example Immigration Office"

[outputs]
  home = ["html", "rss"]
  section = ["html", "rss"]
  taxonomy = ["html"]
  term = ["html"]
  page = ["html"]
`

func layouts() map[string]string {
	return map[string]string{
		// The shell of every page. The header is the same on every page of a
		// language: cached once per language. The rest is the page's own.
		"layouts/baseof.html": `<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="/css/site.css"></head>
<body>{{ partialCached "header.html" site site.Language.Lang }}
<nav>{{ range .AllTranslations }}<a href="{{ .RelPermalink }}">{{ .Language.Label }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`,
		// Called with the site as its context: it depends on the language only.
		"layouts/_partials/header.html": `<header><a href="{{ .Home.RelPermalink }}">{{ .Title }}</a>
<nav>{{ range .Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
`,
		"layouts/page.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .Params.venue }}<p>{{ . }}</p>{{ end }}{{ with .Params.organizer }}<p>{{ . }}</p>{{ end }}
{{ with .Params.agenda }}<ol>{{ range . }}<li>{{ . }}</li>{{ end }}</ol>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}
`,
		// Sections and tags: paginated by pagination.pagerSize.
		"layouts/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Date.Format "2 January 2006" }}</p><p>{{ .Summary | plainify | truncate 200 }}</p></li>
{{ end }}</ul>
{{ with .Paginator.Prev }}<a href="{{ .URL }}">prev</a>{{ end }} {{ with .Paginator.Next }}<a href="{{ .URL }}">next</a>{{ end }}
{{ end }}
`,
		"layouts/taxonomy.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
`,
		"layouts/home.html": `{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range site.Sections }}<section><h2>{{ .Title }}</h2><ul>
{{ range first 5 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}
</ul></section>{{ end }}{{ end }}
`,
		"layouts/404.html": `{{ define "main" }}<h1>404</h1><p><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>{{ end }}
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
