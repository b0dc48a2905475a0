package diag

// indonesianHints words in Indonesian the hints and messages the code puts
// together with fmt.Sprintf, such as "did you mean %q?", or returns in a
// meta.FieldError: each key is the English format as the code writes it,
// each value its wording with the same verbs in the same order (see
// hintPatterns).
var indonesianHints = map[string]string{
	// meta.FieldError messages, after the field they are about
	`%s: expected a text, found %s`:                    `%s: seharusnya teks, ditemukan %s`,
	`expected a text for each language, found only %q`: `seharusnya teks untuk setiap bahasa, hanya ditemukan %q`,
	`expected a text for each language, found %s`:      `seharusnya teks untuk setiap bahasa, ditemukan %s`,
	`expected a size, found %s`:                        `seharusnya ukuran, ditemukan %s`,
	`%q is not a size from 1 byte to 1024MiB`:          `%q bukan ukuran dari 1 bita sampai 1024MiB`,
	`%q is not a valid date`:                           `%q bukan tanggal yang sah`,
	`expected a date, found %s`:                        `seharusnya tanggal, ditemukan %s`,
	// meta.FieldError hints
	`write one line of text for each language code`:                                       `tulis satu baris teks untuk setiap kode bahasa`,
	`write it per language code, such as {id: Kantor Imigrasi, en: Immigration Office}`:   `tulis per kode bahasa, seperti {id: Kantor Imigrasi, en: Immigration Office}`,
	`write YYYY-MM-DD, such as 2023-08-23, or YYYY-MM-DDTHH:MM, such as 2023-08-23T09:00`: `tulis YYYY-MM-DD, seperti 2023-08-23, atau YYYY-MM-DDTHH:MM, seperti 2023-08-23T09:00`,
	`write YYYY-MM-DD, such as 2023-08-23`:                                                `tulis YYYY-MM-DD, seperti 2023-08-23`,
	`write a size such as 512KiB or 2MiB`:                                                 `tulis ukuran seperti 512KiB atau 2MiB`,
	// reasons a link leads nowhere (site.Resolve), in "broken link %q: %s"
	`no page or file of this site is at %s`: `tidak ada halaman atau berkas situs ini di %s`,
	`no file %s`:                            `tidak ada berkas %s`,
	`%s is a draft or not yet published`:    `%s masih draf atau belum terbit`,
	`no file %s in the bundle`:              `tidak ada berkas %s di folder halaman ini`,
	`%s is neither a Markdown document nor a file of this page bundle`: `%s bukan dokumen Markdown dan bukan berkas folder halaman ini`,
	// content: bundles and sections
	`move it out of %s/, which is the page bundle of %s/index.md, into a folder of its own or its section; a bundle holds one document and the files it shows`:                         `pindahkan keluar dari %s/, yang merupakan folder halaman %s/index.md, ke folder sendiri atau ke bagiannya; satu folder halaman berisi satu dokumen dan berkas yang ditampilkannya`,
	`a section's title is set in site.yaml (sections.%s.title); to write a document, give it a name, such as %s/pengumuman.md, or a folder of its own, such as %s/pengumuman/index.md`: `judul bagian diatur di site.yaml (sections.%s.title); untuk menulis dokumen, beri nama, seperti %s/pengumuman.md, atau folder sendiri, seperti %s/pengumuman/index.md`,
	// build: paths that Windows and macOS take for one
	`/%s differs only in letter case or accents' encoding from /%s, written by %s; Windows and macOS would keep only one of them`:                                     `/%s hanya berbeda huruf besar-kecil atau pengodean aksennya dari /%s, yang ditulis oleh %s; Windows dan macOS hanya akan menyimpan salah satunya`,
	`/%s is in the folder /%s/, which differs only in letter case or accents' encoding from /%s/ of /%s, written by %s; Windows and macOS would make them one folder`: `/%s ada di folder /%s/, yang hanya berbeda huruf besar-kecil atau pengodean aksennya dari /%s/ milik /%s, yang ditulis oleh %s; Windows dan macOS akan menjadikannya satu folder`,
	`rename one of the folders as the other is spelt`: `ganti nama salah satu folder agar ejaannya sama dengan yang lain`,
	`rename one of them in lowercase letters`:         `ganti nama salah satunya dengan huruf kecil`,
	`add alt: {%s: Lambang …} saying what it shows`:   `tambahkan alt: {%s: Lambang …} yang menyebut isinya`,
	// hints given in variables and constants
	`remove it, or export the drawing again as plain SVG (in Inkscape: Save As, Plain SVG; in Illustrator: uncheck Preserve Illustrator Editing Capabilities)`: `hapus, atau ekspor ulang gambar sebagai SVG biasa (di Inkscape: Save As, Plain SVG; di Illustrator: hapus centang Preserve Illustrator Editing Capabilities)`,
	`save the file as UTF-8: in Notepad, Save As with Encoding UTF-8`:                                                                                          `simpan berkas sebagai UTF-8: di Notepad, Save As dengan Encoding UTF-8`,
	`check the path: it is relative to this file, such as ../regulations/uu-6-2011.id.md`:                                                                      `periksa jalurnya: jalur itu relatif terhadap berkas ini, seperti ../regulations/uu-6-2011.id.md`,
	`link to the document's file instead, such as ../regulations/uu-6-2011.id.md, which keeps working when its address changes`:                                `tautkan ke berkas dokumennya, seperti ../regulations/uu-6-2011.id.md, yang tetap berfungsi saat alamatnya berubah`,
	// hints
	`did you mean %q?`:                              `maksud Anda %q?`,
	`did you mean %q (%s)?`:                         `maksud Anda %q (%s)?`,
	`did you mean %q? %s`:                           `maksud Anda %q? %s`,
	`did you mean #%s?`:                             `maksud Anda #%s?`,
	`did you mean %q? Rename this file to %s.%s.md`: `maksud Anda %q? Ubah nama berkas ini menjadi %s.%s.md`,
	`did you mean %s? Write a key of site.yaml's agencies, or the agency's name in words`: `maksud Anda %s? Tulis kunci dari agencies di site.yaml, atau nama instansinya dengan kata-kata`,
	`known fields: %s`: `ruas yang dikenal: %s`,
	`%s; a field the site's own templates read is listed under fields: in site.yaml`: `%s; ruas yang dibaca templat situs sendiri didaftarkan di bawah fields: di site.yaml`,
	`use one of %s`: `gunakan salah satu dari: %s`,
	`use one of %s, or add the type to regulationTypes in site.yaml`:                                                   `gunakan salah satu dari %s, atau tambahkan jenis itu ke regulationTypes di site.yaml`,
	`write it per language code, such as {id: %s, en: …}`:                                                              `tulis per kode bahasa, seperti {id: %s, en: …}`,
	`add %s: … to its name`:                                                                                            `tambahkan %s: … ke namanya`,
	`add %q to languages in site.yaml, or rename the file`:                                                             `tambahkan %q ke languages di site.yaml, atau ubah nama berkasnya`,
	`rename the file after the document %q it belongs with: %s`:                                                        `beri berkas ini nama dokumen %q yang menjadi pasangannya: %s`,
	`add a line with only %s after the last field`:                                                                     `tambahkan baris yang hanya berisi %s setelah ruas terakhir`,
	`%q is a fact shared by all languages: remove it from this translation (it is inherited) or make both files agree`: `%q adalah fakta yang sama di semua bahasa: hapus dari terjemahan ini (nilainya diwarisi) atau samakan kedua berkas`,
	`add a line such as %q to the front matter`:                                                                        `tambahkan baris seperti %q ke front matter`,
	`write it as %q`: `tulis sebagai %q`,
	`write it as a mapping with the fields %s`:                     `tulis sebagai pemetaan dengan ruas %s`,
	`add a line "%s: ..."`:                                         `tambahkan baris "%s: ..."`,
	`add a line "%s: ...", or %s: "" to leave it empty on purpose`: `tambahkan baris "%s: ...", atau %s: "" untuk sengaja mengosongkannya`,
	`use the file name of a document in content/%s without .md`:    `gunakan nama berkas dokumen di content/%s tanpa .md`,
}
