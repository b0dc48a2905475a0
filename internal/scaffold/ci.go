package scaffold

import "strings"

// Source says where CI gets risalah from: the address of a Git repository
// holding its source and the version (tag, branch or commit) to build. CI
// builds risalah from source with the Go toolchain, since its module path
// cannot be fetched by go install.
type Source struct {
	Repo    string // Git address, for example https://git.example.go.id/tik/risalah.git; may be empty
	Version string // a tag, branch or full commit hash; "main" when empty
}

func (s Source) version() string {
	if s.Version == "" {
		return "main"
	}
	return s.Version
}

// Workflows returns the CI files risalah init writes: a GitHub Actions
// workflow that checks every push and pull request and publishes the default
// branch to GitHub Pages, and the same for GitLab CI and GitLab Pages.
// Both run check with --strict (on GitHub as annotations on the files),
// build with --strict for the address the host gives the site, and publish
// only what a successful build wrote.
func Workflows(src Source) []Example {
	r := strings.NewReplacer("@REPO@", yamlQuote(src.Repo), "@VERSION@", yamlQuote(src.version()))
	return []Example{
		{Path: ".github/workflows/pages.yml", Text: r.Replace(githubPages)},
		{Path: ".gitlab-ci.yml", Text: r.Replace(gitlabPages)},
	}
}

// yamlQuote writes s as a single-quoted YAML scalar, which keeps every
// character but the quote itself, written twice.
func yamlQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// installScript fetches risalah's source at one version and installs it;
// the same shell lines for both hosts.
const installScript = `if [ -z "$RISALAH_REPO" ]; then
  echo "RISALAH_REPO is not set: give the Git address of risalah's source as a CI variable (or in this file)" >&2
  exit 1
fi
git init -q "$RISALAH_SRC"
git -C "$RISALAH_SRC" fetch -q --depth 1 "$RISALAH_REPO" "$RISALAH_VERSION"
git -C "$RISALAH_SRC" checkout -q FETCH_HEAD
(cd "$RISALAH_SRC" && go install ./cmd/risalah)
risalah version`

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

var githubPages = `# Checks the site on every push and pull request, and publishes the default
# branch to GitHub Pages. Turn Pages on first: Settings > Pages > Source:
# GitHub Actions.
#
# risalah is built from its source. Set the repository variables
# RISALAH_REPO (the Git address of risalah's source) and RISALAH_VERSION (a
# tag, branch or commit) under Settings > Secrets and variables > Actions >
# Variables, or change the defaults below.
name: pages

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One publication at a time; a newer push waits instead of cancelling one
# that is being published.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  RISALAH_REPO: ${{ vars.RISALAH_REPO || @REPO@ }}
  RISALAH_VERSION: ${{ vars.RISALAH_VERSION || @VERSION@ }}

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-go@v6
        with:
          go-version: '1.26'
          cache: false
      - name: Install risalah
        env:
          RISALAH_SRC: ${{ runner.temp }}/risalah-src
        run: |
` + indent(installScript, "          ") + `
      # Every problem, including those only the whole site shows (links
      # between documents, missing translations), as annotations on the
      # files; warnings fail too.
      - name: Check
        run: risalah check --strict --format github
      - name: Find the site's address
        id: pages
        if: github.event_name != 'pull_request'
        uses: actions/configure-pages@v5
      # A pull request is built with baseURL from site.yaml; the default
      # branch with the address GitHub Pages serves it at.
      - name: Build
        env:
          BASE_URL: ${{ steps.pages.outputs.base_url }}
        run: risalah build --strict ${BASE_URL:+--base-url "$BASE_URL/"}
      - name: Keep the output for publishing
        if: github.event_name != 'pull_request'
        uses: actions/upload-pages-artifact@v4
        with:
          path: public

  deploy:
    needs: build
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Publish
        id: deployment
        uses: actions/deploy-pages@v4
`

var gitlabPages = `# Checks the site on every merge request and push, and publishes the default
# branch to GitLab Pages (Deploy > Pages shows its address).
#
# risalah is built from its source. Set the CI/CD variables RISALAH_REPO
# (the Git address of risalah's source) and RISALAH_VERSION (a tag, branch
# or commit) under Settings > CI/CD > Variables, or change the defaults
# below; variables set there win over these.
variables:
  RISALAH_REPO: @REPO@
  RISALAH_VERSION: @VERSION@
  RISALAH_SRC: /tmp/risalah-src

default:
  image: golang:1.26
  before_script:
    - |
` + indent(installScript, "      ") + `

stages: [test, deploy]

# Every problem, including those only the whole site shows; warnings fail
# too.
check:
  stage: test
  script:
    - risalah check --strict
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH

# GitLab Pages publishes the folder public/ that this job keeps, at the
# address in CI_PAGES_URL.
pages:
  stage: deploy
  script:
    - risalah build --strict --base-url "$CI_PAGES_URL/"
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
`
