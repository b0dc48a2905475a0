package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"risalah/internal/config"
	"risalah/internal/content"
	"risalah/internal/diag"
	"risalah/internal/scaffold"
	"risalah/internal/slug"
)

func runNew(_ context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	siteDir := fl.String("s", ".", env.say("site folder (holds site.yaml)"))
	bundle := fl.Bool("bundle", false, env.say("make a page bundle: a folder holding the document and its pictures and files"))
	date := fl.String("date", "", env.say("the document's date, YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now, in the site's time zone)"))
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: risalah new news|meeting|regulation|page \"Title\" [-s SITE_DIR] [--bundle] [--date YYYY-MM-DD]")
		fmt.Fprintln(env.Stderr, "       risalah new berita|rapat|peraturan|halaman \"Judul\" …")
		fmt.Fprintln(env.Stderr, env.say("Writes a new document in every language of the site, with every field of its kind, as a draft."))
		fl.PrintDefaults()
		fmt.Fprint(env.Stderr, env.say(newExamples))
	}
	pos, code, ok := parsePositional(fl, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(env.Stderr, env.say("risalah new: give a kind and a title, such as: risalah new news \"Rakor TIMPORA 2025\""))
		return ExitUsage
	}
	kind, title := pos[0], strings.TrimSpace(pos[1])
	kind, ok = scaffold.KindNamed(kind)
	if !ok {
		fmt.Fprintf(env.Stderr, env.say("risalah new: unknown kind %q: use %s\n"), pos[0], strings.Join(scaffold.Kinds(), ", ")+env.say(" (or berita, rapat, peraturan, halaman)"))
		return ExitUsage
	}
	section, _ := scaffold.Section(kind)
	key := slug.Make(title)
	if key == "" {
		fmt.Fprintf(env.Stderr, env.say("risalah new: the title %q has no letters or digits to make the file's name from\n"), title)
		return ExitUsage
	}
	if key == "index" {
		// index.md names a page bundle's document; as a document's own
		// name it would turn its section into one bundle.
		fmt.Fprintf(env.Stderr, env.say("risalah new: the title %q would name the file index, which is kept for page bundles; choose a title that says what the document is about\n"), title)
		return ExitUsage
	}
	if !siteExists(env, "new", *siteDir) {
		return ExitUsage
	}
	diags := &diag.List{}
	cfg := config.Load(os.DirFS(*siteDir), diags)
	if diags.HasErrors() {
		for _, d := range diags.Items() {
			fmt.Fprintln(env.Stderr, d.Error())
		}
		return ExitBuild
	}
	when := env.Now().In(cfg.Loc)
	if *date != "" {
		d, err := content.ParseDate(*date, cfg.Loc)
		if err != nil {
			fmt.Fprintf(env.Stderr, "risalah new: --date %s: %v\n", *date, err)
			return ExitUsage
		}
		when = d.Time
	} else if kind == "meeting" {
		when = time.Date(when.Year(), when.Month(), when.Day(), 9, 0, 0, 0, cfg.Loc) // a meeting starts at a time
	}
	dir := filepath.Join(*siteDir, cfg.Paths.Content, section)
	files := map[string]string{}
	var names []string
	for i, l := range cfg.LangCodes() {
		name := filepath.Join(dir, key+"."+l+".md")
		if *bundle {
			name = filepath.Join(dir, key, "index."+l+".md")
		}
		files[name] = scaffold.New(kind, title, l, when, i == 0, env.Lang)
		names = append(names, name)
	}
	for _, name := range names { // nothing is written if any is there
		if _, err := os.Lstat(name); !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(env.Stderr, env.say("risalah new: %s already exists; nothing was written (choose another title, or edit that file)\n"), name)
			return ExitBuild
		}
	}
	for _, name := range names {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			fmt.Fprintf(env.Stderr, "risalah new: %v\n", err)
			return ExitBuild
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, err = f.WriteString(files[name])
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "risalah new: %v\n", err)
			return ExitBuild
		}
		fmt.Fprintf(env.Stdout, env.say("wrote %s\n"), name)
	}
	fmt.Fprintln(env.Stdout, env.say("It is a draft: fill in the fields, then remove draft: true to publish it (risalah serve --drafts shows it meanwhile)."))
	return ExitOK
}

// parsePositional parses flags that may stand before, between and after
// a command's other arguments (risalah new news "Title" --bundle), and
// returns those arguments; it returns false with the exit code when the
// command should stop: -h asked for help, or a flag is wrong.
func parsePositional(fl *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, ExitOK, false
			}
			return nil, ExitUsage, false
		}
		if fl.NArg() == 0 {
			return pos, ExitOK, true
		}
		pos = append(pos, fl.Arg(0))
		args = fl.Args()[1:]
	}
}

const newExamples = `
examples:
  risalah new news "Sosialisasi keimigrasian di Banyuwangi"
  risalah new meeting "Rakor TIMPORA 2025" --date 2025-03-04T09:00 --bundle
  risalah new regulation "Permenkumham 10 Tahun 2024" --date 2024-05-02
  risalah new page "Maklumat pelayanan"
`
