package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"risalah"
	"risalah/internal/build"
	"risalah/internal/diag"
)

func runCheck(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	siteDir := fl.String("s", ".", "site folder (holds site.yaml)")
	format := fl.String("format", "text", "how to print the problems: text, json (one object per line) or github (workflow annotations)")
	strict := fl.Bool("strict", false, "treat warnings as errors (for CI)")
	drafts := fl.Bool("drafts", false, "check documents marked draft as published")
	future := fl.Bool("future", false, "check documents dated in the future as published")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah check [-s SITE_DIR] [--format text|json|github] [--strict] [--drafts] [--future]")
		fmt.Fprintln(env.Stderr, "Checks the site as a build does (fields, links, keys, Markdown, templates) and writes nothing.")
		fl.PrintDefaults()
		fmt.Fprint(env.Stderr, `
examples:
  risalah check                    the site in this folder
  risalah check --strict --format github
                                   in a GitHub workflow: problems become annotations on the files
  risalah check --format json      one JSON object per problem, for other tools
`)
	}
	if code, ok := parseFlags(env, fl, args); !ok {
		return code
	}
	print, ok := printers()[*format]
	if !ok {
		fmt.Fprintf(env.Stderr, "risalah check: unknown --format %q: use text, json or github\n", *format)
		return ExitUsage
	}
	if !siteExists(env, "check", *siteDir) {
		return ExitUsage
	}
	opts := build.Options{Site: os.DirFS(*siteDir), Theme: risalah.Theme(), Drafts: *drafts, Future: *future, Strict: *strict, Now: env.Now()}
	res := build.Run(ctx, opts, discard{})
	items := res.Diags.Items()
	for _, d := range items {
		print(env.Stdout, d)
	}
	errs, warns := res.Diags.Count()
	if *format == "text" {
		fmt.Fprintf(env.Stderr, "risalah check: %s, %s\n", diag.Plural(errs, "error"), diag.Plural(warns, "warning"))
	}
	if errs > 0 || ctx.Err() != nil {
		return ExitBuild
	}
	return ExitOK
}

// discard is an Output that keeps nothing: check writes no files.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// printers are check's output formats, by --format name.
func printers() map[string]func(io.Writer, *diag.Diagnostic) {
	return map[string]func(io.Writer, *diag.Diagnostic){
		"text": func(w io.Writer, d *diag.Diagnostic) { fmt.Fprintln(w, d.Error()) },
		"json": func(w io.Writer, d *diag.Diagnostic) {
			b, _ := json.Marshal(struct {
				File     string `json:"file"`
				Line     int    `json:"line"`
				Column   int    `json:"column"`
				Severity string `json:"severity"`
				Code     string `json:"code"`
				Message  string `json:"message"`
				Hint     string `json:"hint"`
			}{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), string(d.Code), d.Msg, d.Hint})
			fmt.Fprintf(w, "%s\n", b)
		},
		// GitHub's workflow commands: ::error file=F,line=L,col=C,title=T::message
		"github": func(w io.Writer, d *diag.Diagnostic) {
			level := "warning"
			if d.Severity == diag.Error {
				level = "error"
			}
			props := "file=" + ghProp(d.Pos.File)
			if d.Pos.Line > 0 {
				props += fmt.Sprintf(",line=%d", d.Pos.Line)
			}
			if d.Pos.Col > 0 {
				props += fmt.Sprintf(",col=%d", d.Pos.Col)
			}
			msg := d.Msg
			if d.Hint != "" {
				msg += "; " + d.Hint
			}
			fmt.Fprintf(w, "::%s %s,title=%s::%s\n", level, props, ghProp(string(d.Code)), ghData(msg))
		},
	}
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
