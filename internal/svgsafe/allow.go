package svgsafe

import "strings"

// The allow-lists are switch statements rather than maps so that nothing
// at package level can be changed at run time.

// keptElement reports whether an SVG element with this local name draws,
// or describes the drawing, and so is kept. Element names are
// case-sensitive, as in SVG itself.
func keptElement(local string) bool {
	switch local {
	case "svg", "g", "defs", "symbol", "use", "switch", "view",
		"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
		"text", "tspan", "textPath",
		"title", "desc",
		"linearGradient", "radialGradient", "stop", "pattern",
		"clipPath", "mask", "marker",
		"image", "style", "a",
		"animate", "animateMotion", "animateTransform", "set", "mpath",
		"filter", "feBlend", "feColorMatrix", "feComponentTransfer",
		"feComposite", "feConvolveMatrix", "feDiffuseLighting",
		"feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood",
		"feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur",
		"feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
		"fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
		"feTurbulence":
		return true
	}
	return false
}

// container reports whether an element holds only other elements, so
// that blank text within it is indentation, not rendered; in <text> or
// <title> it would be part of what is shown.
func container(local string) bool {
	switch local {
	case "svg", "g", "defs", "symbol", "switch", "clipPath", "mask",
		"marker", "pattern", "linearGradient", "radialGradient", "filter":
		return true
	}
	return false
}

// keptAttr reports whether an attribute in no namespace is kept: it is a
// geometry, presentation, filter, animation or accessibility attribute.
// Attributes that carry URLs (href) are kept here and checked elsewhere.
func keptAttr(local string) bool {
	if strings.HasPrefix(local, "aria-") {
		return true
	}
	switch local {
	// Core, structure and accessibility.
	case "id", "class", "style", "lang", "role", "tabindex", "focusable",
		"href", "version", "baseProfile", "viewBox", "preserveAspectRatio",
		"zoomAndPan", "transform", "systemLanguage", "requiredFeatures",
		"type", "media", "title":
		return true
	// Geometry and text layout.
	case "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
		"fx", "fy", "fr", "width", "height", "d", "points", "pathLength",
		"dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset",
		"method", "spacing", "side", "path":
		return true
	// Paint servers, clipping, masking, markers.
	case "gradientTransform", "gradientUnits", "spreadMethod", "offset",
		"patternTransform", "patternUnits", "patternContentUnits",
		"clipPathUnits", "maskUnits", "maskContentUnits",
		"markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient":
		return true
	// Filter primitives.
	case "filterUnits", "primitiveUnits", "in", "in2", "result",
		"stdDeviation", "edgeMode", "mode", "operator", "k1", "k2", "k3", "k4",
		"values", "tableValues", "slope", "intercept", "amplitude", "exponent",
		"order", "kernelMatrix", "divisor", "bias", "targetX", "targetY",
		"preserveAlpha", "kernelUnitLength", "surfaceScale",
		"diffuseConstant", "specularConstant", "specularExponent",
		"limitingConeAngle", "pointsAtX", "pointsAtY", "pointsAtZ",
		"azimuth", "elevation", "z", "scale", "xChannelSelector",
		"yChannelSelector", "radius", "baseFrequency", "numOctaves", "seed",
		"stitchTiles":
		return true
	// Presentation attributes.
	case "alignment-baseline", "baseline-shift", "clip", "clip-path",
		"clip-rule", "color", "color-interpolation",
		"color-interpolation-filters", "color-rendering", "cursor",
		"direction", "display", "dominant-baseline", "enable-background",
		"fill", "fill-opacity", "fill-rule", "filter", "flood-color",
		"flood-opacity", "font", "font-family", "font-size",
		"font-size-adjust", "font-stretch", "font-style", "font-variant",
		"font-weight", "image-rendering", "isolation", "letter-spacing",
		"lighting-color", "marker", "marker-start", "marker-mid", "marker-end",
		"mask", "mask-type", "mix-blend-mode", "opacity", "overflow",
		"paint-order", "pointer-events", "shape-rendering", "stop-color",
		"stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset",
		"stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
		"stroke-opacity", "stroke-width", "text-anchor", "text-decoration",
		"text-rendering", "transform-origin", "unicode-bidi",
		"vector-effect", "visibility", "word-spacing", "writing-mode":
		return true
	// Animation timing and values.
	case "attributeName", "attributeType", "begin", "dur", "end", "min",
		"max", "restart", "repeatCount", "repeatDur", "calcMode", "keyTimes",
		"keySplines", "keyPoints", "from", "to", "by", "additive",
		"accumulate":
		return true
	}
	return false
}

// scriptElement reports whether an element with this local name, in any
// namespace and casing, runs script: HTML or SVG <script>, or the XML
// Events elements that attach handlers.
func scriptElement(local string) bool {
	switch strings.ToLower(local) {
	case "script", "handler", "listener":
		return true
	}
	return false
}

// foreignElement reports whether an element with this local name, in any
// namespace and casing, embeds a document of another kind, which brings
// HTML and its scripts into the SVG.
func foreignElement(local string) bool {
	switch strings.ToLower(local) {
	case "foreignobject", "iframe", "frame", "frameset", "embed", "object",
		"applet":
		return true
	}
	return false
}

// rasterData reports whether a lower-cased URL is a base64 data: URL of a
// raster image, the only data: URL an <image> may show.
func rasterData(lower string) bool {
	for _, p := range [...]string{
		"data:image/png;base64,", "data:image/jpeg;base64,",
		"data:image/jpg;base64,", "data:image/gif;base64,",
		"data:image/webp;base64,",
	} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// documentData reports whether a lower-cased data: URL holds a document
// or a script, which a browser would run rather than show.
func documentData(lower string) bool {
	media, _, _ := strings.Cut(strings.TrimPrefix(lower, "data:"), ",")
	media, _, _ = strings.Cut(media, ";")
	switch media {
	case "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
		"application/xml", "text/xsl", "application/xslt+xml",
		"text/javascript", "application/javascript", "application/ecmascript",
		"text/ecmascript", "text/vbscript":
		return true
	}
	return strings.Contains(media, "script")
}
