// Package opendata serializes lists of regulations and meetings into the
// machine-readable files a risalah site publishes for each language:
// regulations.json, regulations.csv, meetings.json and meetings.csv. It is a
// pure serializer: rows go in, bytes come out; it reads no files and knows
// nothing about the rest of the site.
//
// # Regulations
//
// Regulation rows use the key names of the JDIHN (Jaringan Dokumentasi dan
// Informasi Hukum Nasional, the national legal documentation network)
// integration JSON format, in the standard's order, followed by four
// relation keys of risalah's own. JSON output is a plain array of objects, as
// JDIHN clients expect. Every key is always present; a missing value is
// written as "" (or [] for the relation lists), never null. Keys marked
// "always empty" exist in the standard for library catalogues; risalah has no
// data for them and writes "".
//
//	Key                   Meaning
//	idData                Unique document identifier; risalah's document key, e.g. "uu-6-2011".
//	tahun_pengundangan    Year of the regulation (promulgation year), as a string, e.g. "2011".
//	tanggal_penetapan     Date of enactment (signing), YYYY-MM-DD; "" when unknown.
//	tanggal_pengundangan  Date of promulgation (publication in the gazette), YYYY-MM-DD; "" when unknown.
//	jenis                 Type of regulation, full name, e.g. "Undang-Undang".
//	singkatanJenis        Abbreviation of the type, e.g. "UU", "PP".
//	noPeraturan           Regulation number exactly as written; "010" stays "010".
//	judul                 Title of the regulation.
//	noPanggil             Library call number; always empty.
//	tempatTerbit          Place of issue, e.g. "Jakarta"; may be empty.
//	penerbit              Publisher: the issuing body.
//	deskripsiFisik        Physical description (pages, size); always empty.
//	sumber                Source: the official gazette reference, e.g. "LN 2011 (52), TLN 5216".
//	subjek                Subject keywords, one string joined with ", ".
//	isbn                  ISBN; always empty.
//	status                Legal status, see StatusLabel: "Berlaku"/"Diubah"/"Dicabut" (id) or "In force"/"Amended"/"Revoked".
//	bahasa                Language of the document, see LanguageName: "Indonesia" or "English".
//	bidangHukum           Field of law, e.g. "Hukum Administrasi Negara".
//	teuBadan              Corporate main entry heading (tajuk entri utama badan): the issuing body, same as penerbit.
//	nomorIndukBuku        Library accession number; always empty.
//	fileDownload          File name of the downloadable document, e.g. "uu-6-2011.pdf"; "" when there is none.
//	urlDownload           Absolute URL of the downloadable document; "" when there is none.
//	urlDetailPeraturan    Absolute URL of the regulation's page on the site.
//	mengubah              risalah: list of idData this regulation amends.
//	mencabut              risalah: list of idData this regulation revokes.
//	diubahDengan          risalah: list of idData that amend this regulation.
//	dicabutDengan         risalah: list of idData that revoke this regulation.
//
// # Meetings
//
// Meeting rows use English snake_case keys, in this order:
//
//	Key           Meaning
//	id            Document key of the meeting record.
//	title         Title of the meeting.
//	start         Start, RFC 3339 date-time or YYYY-MM-DD.
//	end           End, RFC 3339 date-time or YYYY-MM-DD; "" when unknown.
//	venue         Place where the meeting is held.
//	organizer     Organizing unit.
//	theme         Theme of the meeting.
//	chair         Person chairing the meeting.
//	speakers      List of speakers.
//	participants  List of participants (people or units).
//	agenda        List of agenda items.
//	outcomes      List of outcomes or decisions.
//	status        "scheduled", "held" or "cancelled" (not translated).
//	regulations   List of idData of regulations discussed.
//	url           Absolute URL of the meeting's page.
//	calendar_url  Absolute URL of the meeting's iCalendar file; "" when none.
//	language      Language code of the row, e.g. "id" or "en".
//
// # Formats
//
// JSON output is indented with two spaces, ends with a newline, and does not
// escape <, > and & (titles are text, not HTML). CSV output follows RFC 4180
// (comma separator, CRLF line endings, double quotes around fields that need
// them), starts with a header row of the same key names, and joins list
// values with "; " (subjek keeps its ", " join). CSV files begin with a UTF-8
// byte order mark (UTF8BOM): without it, common spreadsheet programs guess a
// legacy code page and garble non-ASCII text in titles and names; with it
// they read UTF-8. Programs that parse the CSV must strip the mark first.
// Output is deterministic: the same rows always give the same bytes.
package opendata
