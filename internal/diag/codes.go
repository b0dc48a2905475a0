package diag

// Code identifies a kind of diagnostic. Codes never change meaning once
// released; new problems get new codes.
type Code string

// The diagnostic codes. R1xx are about reading and decoding files, R2xx about
// the site as a whole (links, keys, URLs), R3xx about Markdown, R4xx about
// templates and output, R5xx about configuration.
const (
	CodeRead         Code = "R100" // a file could not be read
	CodeSyntax       Code = "R101" // malformed YAML, TOML or JSON
	CodeUnclosed     Code = "R102" // front matter opened but never closed
	CodeRequired     Code = "R103" // a required field is missing
	CodeType         Code = "R104" // a field has the wrong type
	CodeUnknownField Code = "R105" // a field the schema does not know
	CodeDate         Code = "R106" // a date or time that cannot be read
	CodeValue        Code = "R107" // a value outside its vocabulary
	CodeFileName     Code = "R108" // a file name that cannot be a document
	CodeSymlink      Code = "R109" // a symbolic link that leaves the site
	CodeNotPortable  Code = "R110" // a name that Windows or macOS cannot create
	CodeTooLarge     Code = "R111" // front matter past the bounds of meta's limits.go
	CodeEncoding     Code = "R112" // a file that is not UTF-8 text
	CodePlaceholder  Code = "R113" // a document to publish still holds what risalah new wrote as an example

	CodeDuplicateKey Code = "R201" // two files for one document and language
	CodeURLClash     Code = "R202" // two pages would be written to one URL
	CodeEscape       Code = "R203" // a slug or alias that leaves the output folder
	CodeBrokenLink   Code = "R204" // a Markdown link to a file that does not exist
	CodeUnknownKey   Code = "R205" // a reference to a document key that does not exist
	CodeFactMismatch Code = "R206" // a translation changes a fact field
	CodeNoOriginal   Code = "R207" // notes about translations
	CodeStatus       Code = "R208" // a stated status that contradicts the record
	CodeExempt       Code = "R209" // exempt public information marked for publication
	CodeCycle        Code = "R210" // regulations that amend or revoke one another in a ring
	CodeBrokenAnchor Code = "R211" // a link to a #fragment that no element of its page has (check)
	CodeUnused       Code = "R212" // a file of a page's folder that no page links to (check)

	CodeRawHTML     Code = "R301" // raw HTML omitted from Markdown
	CodeUnsafeLink  Code = "R302" // a javascript:, vbscript: or data: link
	CodeMarkdownRef Code = "R303" // a link Markdown cannot resolve
	// A document past a bound that keeps rendering linear in its size: too
	// large, nested too deep, or too many marks in one paragraph.
	CodeMarkdownLimit Code = "R304"
	CodeNoAlt         Code = "R305" // an image without a text alternative
	CodeImage         Code = "R306" // an image that cannot be published: unreadable, too large, of unknown size

	CodeTemplate Code = "R401" // a template failed to parse or execute
	CodeOutput   Code = "R402" // the output folder cannot be used

	CodeConfig Code = "R501" // site.yaml problems
)
