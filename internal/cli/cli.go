// Package cli holds risalah's commands, their flags and exit codes. Each
// command is a function that tests call directly with their own output
// streams.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Exit codes.
const (
	ExitOK    = 0 // success
	ExitBuild = 1 // content or template errors
	ExitUsage = 2 // bad command line
)

type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) int
}

// Env is what a command may use of the world: its streams, the default
// theme and the clock.
type Env struct {
	Stdout, Stderr io.Writer
	Now            func() time.Time
	// Lang is the language of messages: "id" when the locale (LC_ALL,
	// LC_MESSAGES or LANG, the first set) is Indonesian, else "en".
	Lang string
	// ready, in tests, learns the preview's address once it serves.
	ready func(url string)
}

func commands() map[string]command {
	return map[string]command{
		"build":   {"build the site into a folder", runBuild},
		"check":   {"check the site as a build does, writing nothing", runCheck},
		"init":    {"start a site in a new folder", runInit},
		"new":     {"write a new document in every language, as a draft", runNew},
		"serve":   {"preview the site, rebuilding it on every save", runServe},
		"version": {"print risalah's version", runVersion},
	}
}

// Main runs the command line args and returns the exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr, Now: now, Lang: localeLang(os.Getenv)}
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-version") {
		args = []string{"version"}
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env, stderr)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, env.say("risalah: unknown command %q\n"), args[0])
		usage(env, stderr)
		return ExitUsage
	}
	return cmd.run(ctx, env, args[1:])
}

func usage(env *Env, w io.Writer) {
	fmt.Fprintln(w, "usage: risalah <command> [flags]")
	fmt.Fprintln(w, env.say("\ncommands:"))
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, env.say(cmds[n].summary))
	}
	fmt.Fprintln(w, env.say("\nRun 'risalah <command> -h' for a command's flags."))
}

// localeLang returns "id" when the first of LC_ALL, LC_MESSAGES and LANG
// that is set names Indonesian (id, id_ID.UTF-8, in for old systems),
// else "en".
func localeLang(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			v = strings.ToLower(v)
			if v == "id" || v == "in" || strings.HasPrefix(v, "id_") || strings.HasPrefix(v, "id.") || strings.HasPrefix(v, "id-") || strings.HasPrefix(v, "in_") {
				return "id"
			}
			return "en"
		}
	}
	return "en"
}

// say returns the message s in env's language: the cli's own phrases.
func (env *Env) say(s string) string {
	if t, ok := phrases[env.Lang][s]; ok {
		return t
	}
	return s
}

// phrases words the command line's own messages in other languages than
// English, by format.
var phrases = map[string]map[string]string{
	"id": {
		"the previous output in %s is unchanged": "keluaran sebelumnya di %s tidak berubah",
		"nothing was written to %s":              "tidak ada yang ditulis ke %s",
		"risalah: %s; output in %s\n":            "risalah: %s; keluaran di %s\n",
		"risalah check: %s, %s":                  "risalah check: %s, %s",
		"; links, anchors and the files of page folders are checked once the errors are fixed": "; tautan, jangkar, dan berkas folder halaman diperiksa setelah galat diperbaiki",
		"translations:":                    "terjemahan:",
		"missing: ":                        "belum ada: ",
		"older than their original: ":      "lebih lama dari naskah aslinya: ",
		"%d of %d":                         "%d dari %d",
		" and %d more":                     " dan %d lainnya",
		"risalah build: interrupted; %s\n": "risalah build: dihentikan; %s\n",
		// --help
		buildExamples: `
contoh:
  risalah build                            situs di folder ini, ke public/
  risalah build -s situs -o /srv/situs     folder situs lain, ke folder lain
  risalah build --strict                   di CI: peringatan juga menggagalkan build
  risalah build --base-url https://imigrasi.go.id/kanim-banyuwangi/
                                           diterbitkan di bawah sub-folder
`,
		checkExamples: `
contoh:
  risalah check                    situs di folder ini
  risalah check --strict --format github
                                   di workflow GitHub: masalah menjadi anotasi pada berkasnya
  risalah check --format json      satu objek JSON per masalah, untuk alat lain
`,
		serveExamples: `
contoh:
  risalah serve                 situs di folder ini, di http://127.0.0.1:1313/
  risalah serve --drafts        termasuk dokumen bertanda draft: true
  risalah serve --port 0        di port bebas mana pun, yang ditampilkan saat mulai
`,
		initAbout: `Memulai situs di folder DIR, yang baru atau kosong: site.yaml dengan penjelasan setiap setelan,
folder konten dengan contoh setiap jenis dokumen dalam bahasa Indonesia dan Inggris, .gitignore,
dan workflow CI yang memeriksa situs lalu menerbitkannya ke GitHub Pages atau GitLab Pages.
`,
		initExamples: `
contoh:
  risalah init kanim-banyuwangi
  risalah init .                 folder tempat Anda berada, bila kosong
  risalah init situs --repo https://git.example.go.id/tik/risalah.git --ref v1.0.0
                                 CI membangun risalah v1.0.0 dari repositori itu
`,
		initDone: `situs dimulai di %s: %d berkas. Selanjutnya:
  cd %s
  risalah serve                     untuk melihatnya selagi menulis
  risalah new news "Judul berita"   untuk memulai dokumen
`,
		initNoRepo: `Workflow CI (.github/workflows/pages.yml, .gitlab-ci.yml) membangun risalah dari kode sumbernya:
isi variabel CI RISALAH_REPO dengan alamat Git kode sumber itu, atau jalankan init dengan --repo.
`,
		newExamples: `
contoh:
  risalah new news "Sosialisasi keimigrasian di Banyuwangi"
  risalah new meeting "Rakor TIMPORA 2025" --date 2025-03-04T09:00 --bundle
  risalah new regulation "Permenkumham 10 Tahun 2024" --date 2024-05-02
  risalah new page "Maklumat pelayanan"
`,
		"the Git `URL` of risalah's source, from which the CI workflows build risalah":                                                                                                                "`URL` Git kode sumber risalah, tempat workflow CI membangun risalah",
		"the tag, branch or commit of risalah the CI workflows build (default: this risalah's version)":                                                                                               "tag, cabang, atau commit risalah yang dibangun workflow CI (bawaan: versi risalah ini)",
		"risalah init: %s is not empty; nothing was written (choose a new folder)\n":                                                                                                                  "risalah init: %s tidak kosong; tidak ada yang ditulis (pilih folder baru)\n",
		"make a page bundle: a folder holding the document and its pictures and files":                                                                                                                "membuat bundel halaman: folder berisi dokumen beserta gambar dan berkasnya",
		"the document's date, YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now, in the site's time zone)":                                                                                                 "tanggal dokumen, YYYY-MM-DD atau YYYY-MM-DDTHH:MM (bawaan: saat ini, dalam zona waktu situs)",
		"Writes a new document in every language of the site, with every field of its kind, as a draft.":                                                                                              "Menulis dokumen baru dalam setiap bahasa situs, dengan setiap ruas jenisnya, sebagai draf.",
		"risalah new: give a kind and a title, such as: risalah new news \"Rakor TIMPORA 2025\"":                                                                                                      "risalah new: berikan jenis dan judul, misalnya: risalah new news \"Rakor TIMPORA 2025\"",
		"risalah new: unknown kind %q: use %s\n":                                                                                                                                                      "risalah new: jenis %q tidak dikenal: gunakan %s\n",
		"risalah new: the title %q has no letters or digits to make the file's name from\n":                                                                                                           "risalah new: judul %q tidak berisi huruf atau angka untuk membuat nama berkas\n",
		"risalah build: %v; choose another folder with -o [%s]\n":                                                                                                                                     "risalah build: %v; pilih folder lain dengan -o [%s]\n",
		"output folder %s is the site folder itself; building would replace your content":                                                                                                             "folder keluaran %s adalah folder situs itu sendiri; membangun akan menimpa konten Anda",
		"output folder %s contains the site folder; building would replace your content":                                                                                                              "folder keluaran %s berisi folder situs; membangun akan menimpa konten Anda",
		"output folder %s overlaps the source folder %s":                                                                                                                                              "folder keluaran %s tumpang tindih dengan folder sumber %s",
		"output folder %s holds files that risalah did not make, such as %s; a build replaces the whole folder, which would delete them: move them elsewhere, or build into a new folder":             "folder keluaran %s berisi berkas yang tidak dibuat risalah, seperti %s; pembangunan mengganti seluruh folder sehingga berkas itu akan terhapus: pindahkan ke tempat lain, atau bangun ke folder baru",
		"output folder %s holds files that risalah did not make (%d in all), such as %s; a build replaces the whole folder, which would delete them: move them elsewhere, or build into a new folder": "folder keluaran %s berisi berkas yang tidak dibuat risalah (%d seluruhnya), seperti %s; pembangunan mengganti seluruh folder sehingga berkas itu akan terhapus: pindahkan ke tempat lain, atau bangun ke folder baru",
		"risalah init: the folder's name is empty; nothing was written (name a new folder, such as: risalah init kanim-banyuwangi, or . for the folder you are in)":                                   "risalah init: nama foldernya kosong; tidak ada yang ditulis (sebutkan folder baru, seperti: risalah init kanim-banyuwangi, atau . untuk folder tempat Anda berada)",
		"kept %s as it was; risalah's own version of it was not written\n":                                                                                                                            "%s dibiarkan apa adanya; versi risalah untuk berkas itu tidak ditulis\n",
		" (or berita, rapat, peraturan, halaman)":                                                                                                                                                     " (atau berita, rapat, peraturan, halaman)",
		"%s: dated %s, after today: left out until then (--future publishes it)\n":                                                                                                                    "%s: bertanggal %s, setelah hari ini: tidak diterbitkan sampai saat itu (--future menerbitkannya)\n",
		"risalah new: the title %q would name the file index, which is kept for page bundles; choose a title that says what the document is about\n":                                                  "risalah new: judul %q akan menamai berkas index, yang khusus untuk folder halaman; pilih judul yang menyebut isi dokumennya\n",
		"risalah new: %s already exists; nothing was written (choose another title, or edit that file)\n":                                                                                             "risalah new: %s sudah ada; tidak ada yang ditulis (pilih judul lain, atau sunting berkas itu)\n",
		"wrote %s\n": "menulis %s\n",
		"It is a draft: fill in the fields, then remove draft: true to publish it (risalah serve --drafts shows it meanwhile).": "Dokumen ini masih draf: isi ruasnya, lalu hapus draft: true untuk menerbitkannya (sementara itu risalah serve --drafts menampilkannya).",
		"risalah: unknown command %q\n": "risalah: perintah %q tidak dikenal\n",
		"\ncommands:":                   "\nperintah:",
		"\nRun 'risalah <command> -h' for a command's flags.":                                       "\nJalankan 'risalah <perintah> -h' untuk melihat opsi sebuah perintah.",
		"build the site into a folder":                                                              "membangun situs ke sebuah folder",
		"check the site as a build does, writing nothing":                                           "memeriksa situs seperti build, tanpa menulis apa pun",
		"start a site in a new folder":                                                              "memulai situs di folder baru",
		"write a new document in every language, as a draft":                                        "menulis dokumen baru dalam setiap bahasa, sebagai draf",
		"preview the site, rebuilding it on every save":                                             "pratinjau situs, dibangun ulang setiap kali disimpan",
		"print risalah's version":                                                                   "menampilkan versi risalah",
		"site folder (holds site.yaml)":                                                             "folder situs (berisi site.yaml)",
		"output folder (default: public inside the site folder)":                                    "folder keluaran (bawaan: public di dalam folder situs)",
		"override baseURL from site.yaml":                                                           "menggantikan baseURL dari site.yaml",
		"publish documents marked draft":                                                            "menerbitkan dokumen bertanda draf",
		"publish documents dated in the future":                                                     "menerbitkan dokumen bertanggal di masa depan",
		"treat warnings as errors (for CI)":                                                         "memperlakukan peringatan sebagai galat (untuk CI)",
		"write a CPU profile of the build to `FILE` (go tool pprof)":                                "menulis profil CPU build ke `FILE` (go tool pprof)",
		"write a heap profile at the end of the build to `FILE`":                                    "menulis profil memori di akhir build ke `FILE`",
		"build from scratch, without the cache kept beside the output folder or the photos' copies": "membangun dari awal, tanpa cache di samping folder keluaran maupun salinan foto",
		"folder that keeps the photos' copies between builds (default: .risalah-cache/images inside the site folder)": "folder yang menyimpan salinan foto di antara pembangunan (bawaan: .risalah-cache/images di dalam folder situs)",
		"Builds the site into a folder, which holds the previous build until this one has succeeded.":                 "Membangun situs ke sebuah folder, yang tetap berisi hasil sebelumnya sampai build ini berhasil.",
		"how to print the problems: text, json (one object per line) or github (workflow annotations)":                "cara menampilkan masalah: text, json (satu objek per baris), atau github (anotasi workflow)",
		"check documents marked draft as published":                                                                   "memeriksa dokumen bertanda draf seolah sudah terbit",
		"check documents dated in the future as published":                                                            "memeriksa dokumen bertanggal di masa depan seolah sudah terbit",
		"Checks the site as a build does (fields, links, keys, Markdown, templates) and writes nothing.":              "Memeriksa situs seperti build (ruas, tautan, kunci, Markdown, templat) tanpa menulis apa pun.",
		"address to listen on; other machines can reach the preview only if you choose one of yours":                  "alamat yang didengarkan; komputer lain hanya dapat membuka pratinjau bila Anda memilih salah satu alamat komputer ini",
		"port to listen on; 0 picks a free one":                                                                       "port yang didengarkan; 0 memilih port yang bebas",
		"show documents marked draft":                                                                                 "menampilkan dokumen bertanda draf",
		"show documents dated in the future":                                                                          "menampilkan dokumen bertanggal di masa depan",
		"Builds the site in memory, serves it and rebuilds it on every save; the browser reloads by itself.":          "Membangun situs di memori, menyajikannya, dan membangunnya ulang setiap kali disimpan; peramban memuat ulang dengan sendirinya.",
	},
}

// parseFlags parses a command's flags and refuses arguments beyond them.
// It returns false with the exit code when the command should stop: -h
// asked for help, or the command line is wrong.
func parseFlags(env *Env, fl *flag.FlagSet, args []string) (int, bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "risalah %s: unexpected argument %q\n", fl.Name(), fl.Arg(0))
		fl.Usage()
		return ExitUsage, false
	}
	return ExitOK, true
}

// siteExists reports, on stderr, a site folder that does not exist.
func siteExists(env *Env, cmd, dir string) bool {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		fmt.Fprintf(env.Stderr, "risalah %s: site folder %s does not exist\n", cmd, dir)
		return false
	}
	return true
}

// collectLessOften trades memory for time in the live preview, where
// time matters more: a rebuild allocates much short-lived garbage (views,
// template output) over a large retained model, and collecting a quarter
// as often saves about a third of its time. Builds keep Go's default, so
// that a warm build needs no more memory than a cold one. GOGC, when set,
// wins.
func collectLessOften() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

// now is the build time: SOURCE_DATE_EPOCH when set, for reproducible
// builds, else the clock.
func now() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now()
}
