package scaffold

// helpID words in Indonesian the comment New writes after each field, by
// its English: an editor whose computer speaks Indonesian reads them so.
// TestHelpWords requires every help to be here.
var helpID = map[string]string{
	"one or two sentences for lists and search results; without it, the first paragraph": "satu atau dua kalimat untuk daftar dan hasil pencarian; tanpa ini, paragraf pertama",
	"topics, such as [timpora, pengawasan]":                                              "topik, seperti [timpora, pengawasan]",
	"the page's address, when it should differ from the file's name":                     "alamat halaman, bila harus berbeda dari nama berkas",
	"old addresses that should lead here, such as [/berita/lama/]":                       "alamat lama yang harus mengarah ke sini, seperti [/berita/lama/]",
	"publication date, YYYY-MM-DD":                                                       "tanggal terbit, TTTT-BB-HH",
	"who wrote it":                                                                       "penulisnya",
	"a picture of the page bundle (--bundle), with its description for screen readers":   "gambar di folder halaman (--bundle), dengan keterangannya untuk pembaca layar",
	"files of the page bundle (--bundle)":                                                "berkas di folder halaman (--bundle)",
	"keys of the meetings it is about":                                                   "kunci rapat yang diberitakan",
	"keys of the regulations it cites":                                                   "kunci peraturan yang dikutip",
	"when it starts, YYYY-MM-DDTHH:MM in the site's time zone":                           "waktu mulai, TTTT-BB-HHTJJ:MM menurut zona waktu situs",
	"when it ends":                      "waktu selesai",
	"where it is held":                  "tempat rapat",
	"the agency that organises it":      "instansi penyelenggara",
	"its theme":                         "temanya",
	"who chairs it":                     "pemimpin rapat",
	"who speaks, with their roles":      "narasumber, dengan jabatannya",
	"the participating agencies":        "instansi peserta",
	"the items discussed":               "pokok bahasan",
	"what was agreed":                   "hasil atau kesepakatan",
	"follow-up actions":                 "tindak lanjut",
	"keys of the regulations discussed": "kunci peraturan yang dibahas",
	"photos of the page bundle (--bundle), each with its description for screen readers": "foto di folder halaman (--bundle), masing-masing dengan keterangannya untuk pembaca layar",
	"scheduled, held or cancelled; by default from the date":                             "scheduled (dijadwalkan), held (terlaksana) atau cancelled (batal); bawaannya menurut tanggal",
	typeHelp:               "UU, Perppu, PP, Perpres, Permen, Perda, Pergub, Perbup, Perwali, Kepmen atau SE",
	numberHelp:             "nomornya, seperti tertulis (dalam tanda kutip: \"010\" mempertahankan angka nolnya)",
	"its year":             "tahunnya",
	"who issued it":        "penerbitnya",
	"date of enactment":    "tanggal ditetapkan",
	"date of promulgation": "tanggal diundangkan",
	"where it was published, such as LN 2011 (52), TLN 5216": "tempat diundangkan, seperti LN 2011 (52), TLN 5216",
	"the field of law":                                       "bidang hukumnya",
	"its subjects":                                           "pokok pengaturannya",
	"keys of the regulations it amends":                      "kunci peraturan yang diubahnya",
	"keys of the regulations it revokes":                     "kunci peraturan yang dicabutnya",
	"its text as files of the page bundle (--bundle)":        "naskahnya sebagai berkas di folder halaman (--bundle)",
	"remove this line when the document is ready to publish": "hapus baris ini bila dokumen siap diterbitkan",
}

// help returns a field's comment in words, a language code: Indonesian
// for "id", English for any other.
func help(words, en string) string {
	if words == "id" {
		if t, ok := helpID[en]; ok {
			return t
		}
	}
	return en
}
