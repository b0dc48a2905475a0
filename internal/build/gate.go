package build

import (
	"errors"
	"path"
	"strings"

	"risalah/internal/diag"
	"risalah/internal/imaging"
	"risalah/internal/svgsafe"
)

// gate is what every file copied as it is (the site's and the theme's
// static/, the files of page bundles) passes before it is published: the
// one place that holds the promises about what a build publishes, for
// every folder and every format. It returns the bytes to publish, or
// false after reporting why the file is not published:
//   - Markdown is a source, never a file of the site.
//   - An SVG is published only as the allow-list sanitiser rewrites it,
//     and not at all when it holds a script, an event handler, a
//     foreignObject or a reference to outside (svgsafe).
//   - Every image, known by its bytes whatever its name, is published
//     without its metadata, its GPS position above all (imaging.Clean);
//     one cut short or damaged is refused, and so are formats no Go
//     decoder reads (HEIC), with how to convert them.
//
// Copies of photos (images) need no gate: they are encoded afresh.
func gate(name, source string, data []byte, opts imaging.Options, diags *diag.List) ([]byte, bool) {
	pos := diag.Pos{File: source}
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		diags.Errorf(pos, diag.CodeFileName, "move it into content/, where Markdown becomes a page",
			"a Markdown file is a source and is never published as a file")
		return nil, false
	case ".svg", ".svgz":
		return gateSVG(data, pos, diags)
	}
	switch imaging.Sniff(data) {
	case "":
		return data, true
	case "tiff":
		// Shown by a document, a TIFF is published as JPEG copies under
		// a .jpg name (images); on its own it would keep a name that
		// says TIFF over JPEG bytes.
		diags.Errorf(pos, diag.CodeImage, "show it in a document with ![…](…), which publishes it as JPEG, or save it as JPEG",
			"a TIFF that no document shows is not published: browsers do not show TIFF")
		return nil, false
	}
	clean, _, err := imaging.Clean(data, opts)
	if err != nil {
		switch {
		case errors.Is(err, imaging.ErrConvert):
			diags.Errorf(pos, diag.CodeImage, "save the photo as JPEG (Photos on Windows: Save as; Preview on macOS: Export; on a phone, set the camera to Most Compatible) and link that file instead",
				"HEIC, HEIF and AVIF photos cannot be published: browsers do not all show them, and risalah cannot remove their metadata")
		case errors.Is(err, imaging.ErrTooLarge):
			diags.Errorf(pos, diag.CodeImage, "scale the photo down to at most 8000 pixels wide, or raise images.maxPixels in site.yaml", "cannot publish the image: %v", err)
		default:
			diags.Errorf(pos, diag.CodeImage, "open the file in an image editor and save it again, or replace it", "cannot publish the image: %v", err)
		}
		return nil, false
	}
	return clean, true
}

// gateSVG publishes an SVG as the sanitiser rewrites it, or reports each
// unsafe thing it holds with its line.
func gateSVG(data []byte, pos diag.Pos, diags *diag.List) ([]byte, bool) {
	clean, err := svgsafe.Clean(data)
	if err == nil {
		return clean, true
	}
	var se *svgsafe.Error
	if !errors.As(err, &se) || len(se.Findings) == 0 {
		diags.Errorf(pos, diag.CodeImage, "open the drawing in an editor and export it again as plain SVG", "cannot publish the SVG: %v", err)
		return nil, false
	}
	for _, f := range se.Findings {
		at := pos
		at.Line, at.Col = f.Line, f.Col
		hint := "remove it, or export the drawing again as plain SVG (in Inkscape: Save As, Plain SVG; in Illustrator: uncheck Preserve Illustrator Editing Capabilities)"
		switch f.Kind {
		case svgsafe.Script:
			diags.Errorf(at, diag.CodeImage, hint, "the SVG holds a script (%s): a script in a published file would run on the office's site", f.Detail)
		case svgsafe.EventHandler:
			diags.Errorf(at, diag.CodeImage, hint, "the SVG holds an event handler (%s), which runs a script", f.Detail)
		case svgsafe.ForeignObject:
			diags.Errorf(at, diag.CodeImage, hint, "the SVG holds embedded web content (%s), which may run a script", f.Detail)
		case svgsafe.ExternalRef:
			diags.Errorf(at, diag.CodeImage, "embed what it shows in the drawing, or remove the reference", "the SVG refers to a file outside itself (%s)", f.Detail)
		case svgsafe.ScriptURL:
			diags.Errorf(at, diag.CodeImage, hint, "the SVG holds a script address (%s)", f.Detail)
		case svgsafe.StyleImport:
			diags.Errorf(at, diag.CodeImage, "remove the @import or url() from its style", "the SVG's style loads something from outside (%s)", f.Detail)
		case svgsafe.Entity:
			diags.Errorf(at, diag.CodeImage, "export the drawing again as plain SVG", "the SVG declares entities in a DOCTYPE (%s), which can expand without bound", f.Detail)
		default:
			diags.Errorf(at, diag.CodeImage, "open the drawing in an editor and export it again as plain SVG", "the SVG cannot be read: %s", f.Detail)
		}
	}
	return nil, false
}
