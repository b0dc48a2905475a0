package build

import (
	"risalah/internal/markdown"
	"risalah/internal/site"
)

// producer is one kind of file a build makes. Each kind is declared in a
// file of its own (out_*.go) and listed once, in producers: full builds
// and rebuilds of bodies run that one list, in its order, and every file
// goes through the build's one tracker, which refuses a second claim of a
// path and writes only bytes that changed.
type producer struct {
	name string
	// all makes every file of this kind. Making a file again is always
	// correct, only slower: its bytes are written only if they changed.
	all func(rs *renderState)
	// bodies makes again what edits to documents' bodies alone change,
	// the model being as it was. Nil means the producer cannot tell, and
	// such edits then rebuild the whole site, which is correct for any
	// producer; noBodies says that its files never show a body.
	bodies func(rs *renderState, e *bodyEdits)
}

// producers lists every kind of output, in the order they are made.
func producers() []producer {
	return []producer{
		docPages, // first: their bodies give lists and feeds their summaries
		listPages,
		images, // before the files they replace: see resources
		resources,
		staticFiles, // before the sitemap's robots.txt, which a site's own replaces
		feeds,
		calendars,
		openData,
		searchIndex,
		sitemaps,  // it lists every page made before
		manifests, // last: it lists every file made before
	}
}

// bodyEdits is what edits to bodies alone changed.
type bodyEdits struct {
	// bodies holds the rendered Markdown of every page whose body changed.
	bodies map[*site.Page]*markdown.Result
	// summaries holds the entries whose summary, taken from the body,
	// changed.
	summaries map[*site.Entry]bool
}

// noBodies is the bodies of a producer whose files never show a body or a
// summary.
func noBodies(*renderState, *bodyEdits) {}

// ifSummaries is the bodies of a producer whose files show summaries and
// nothing else of a body: it makes them all again when a summary changed.
func ifSummaries(all func(*renderState)) func(*renderState, *bodyEdits) {
	return func(rs *renderState, e *bodyEdits) {
		if len(e.summaries) > 0 {
			all(rs)
		}
	}
}
