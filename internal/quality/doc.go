// Package quality holds the checks every build of the sample site must
// pass, run the way the field checks real sites: pages in a real browser
// (Debian's Chromium, driven with chromedp), accessibility with axe-core,
// HTML with the Nu Html Checker, and links with internal/linkcheck.
//
// The tests skip, saying what to install, where Chromium, Node's tools or
// Java are missing; with CI=true a missing tool fails instead. The tools
// are pinned in tools/package.json; install them with `npm ci --prefix tools`.
package quality
