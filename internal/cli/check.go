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
	"risalah/internal/audit"
	"risalah/internal/build"
	"risalah/internal/diag"
)

func runCheck(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	siteDir := fl.String("s", ".", env.say("site folder (holds site.yaml)"))
	format := fl.String("format", "text", env.say("how to print the problems: text, json (one object per line) or github (workflow annotations)"))
	strict := fl.Bool("strict", false, env.say("treat warnings as errors (for CI)"))
	drafts := fl.Bool("drafts", false, env.say("check documents marked draft as published"))
	future := fl.Bool("future", false, env.say("check documents dated in the future as published"))
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah check [-s SITE_DIR] [--format text|json|github] [--strict] [--drafts] [--future]")
		fmt.Fprintln(env.Stderr, env.say("Checks the site as a build does (fields, links, keys, Markdown, templates) and writes nothing."))
		fl.PrintDefaults()
		fmt.Fprint(env.Stderr, env.say(checkExamples))
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
	src := os.DirFS(*siteDir)
	// Built without --strict, so that a warning does not keep the
	// whole-site checks from running; promoted after them.
	opts := build.Options{Site: src, Theme: risalah.Theme(), Drafts: *drafts, Future: *future, Now: env.Now()}
	b := build.NewBuilder(opts)
	out := build.NewMemory()
	res := b.Build(ctx, out, nil, nil)
	var rep *audit.Report
	if res.OK() && ctx.Err() == nil {
		rep = audit.Run(audit.Input{Site: res.Site, Src: src, Files: out.Files, Owner: b.Owner})
		res.Diags.Append(rep.Diags)
	}
	if *strict {
		res.Diags.Promote()
	}
	items := res.Diags.Items()
	for _, d := range items {
		print(env.Stdout, d.In(env.Lang))
	}
	if rep != nil {
		printTranslations(env, rep.Translations)
	}
	if res.Site != nil && *format == "text" {
		for _, l := range res.Site.LeftOut.Later {
			fmt.Fprintf(env.Stdout, env.say("%s: dated %s, after today: left out until then (--future publishes it)\n"), l.File, l.Date)
		}
	}
	errs, warns := res.Diags.Count()
	if *format == "text" {
		s := fmt.Sprintf(env.say("risalah check: %s, %s"), diag.PluralIn(env.Lang, errs, "error"), diag.PluralIn(env.Lang, warns, "warning"))
		if rep == nil {
			s += env.say("; links, anchors and the files of page folders are checked once the errors are fixed")
		}
		fmt.Fprintln(env.Stderr, s)
	}
	if errs > 0 || ctx.Err() != nil {
		return ExitBuild
	}
	return ExitOK
}

// printTranslations prints, for each language and section, how many
// documents have a version in that language, and which do not or are
// older than their original.
func printTranslations(env *Env, rows []audit.Translations) {
	if len(rows) == 0 {
		return
	}
	w := env.Stderr
	fmt.Fprintln(w, env.say("translations:"))
	for _, r := range rows {
		line := fmt.Sprintf("  %-3s %-12s ", r.Lang, r.Kind) + fmt.Sprintf(env.say("%d of %d"), r.Translated, r.Documents)
		var notes []string
		if len(r.Missing) > 0 {
			notes = append(notes, env.say("missing: ")+someOf(env, r.Missing))
		}
		if len(r.Outdated) > 0 {
			notes = append(notes, env.say("older than their original: ")+someOf(env, r.Outdated))
		}
		if len(notes) > 0 {
			line += " (" + strings.Join(notes, "; ") + ")"
		}
		fmt.Fprintln(w, line)
	}
}

// someOf joins the first few of files, saying how many more there are.
func someOf(env *Env, files []string) string {
	const few = 5
	if len(files) <= few {
		return strings.Join(files, ", ")
	}
	return strings.Join(files[:few], ", ") + fmt.Sprintf(env.say(" and %d more"), len(files)-few)
}

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

// checkExamples shows how the command is used, in the help.
const checkExamples = `
examples:
  risalah check                    the site in this folder
  risalah check --strict --format github
                                   in a GitHub workflow: problems become annotations on the files
  risalah check --format json      one JSON object per problem, for other tools
`
