package content

import (
	"strings"
)

// CheckPortable returns why name, one segment of a path, cannot be a file
// or folder name on every system editors and hosts use, or "" if it can:
// Windows refuses its device names (con, prn, aux, nul, com1–com9,
// lpt1–lpt9) with any extension, names ending in a dot or a space, and the
// characters < > : " | ? * and control characters.
func CheckPortable(name string) string {
	if name == "" {
		return ""
	}
	if strings.HasSuffix(name, ".") && name != "." && name != ".." {
		return "ends in a dot, which Windows drops"
	}
	if strings.HasSuffix(name, " ") {
		return "ends in a space, which Windows drops"
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`<>:"|?*`, r) {
			return "contains a character that Windows cannot have in a file name"
		}
	}
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.TrimRight(stem, " ")
	if reservedName(strings.ToLower(stem)) {
		return "is a device name on Windows (" + strings.ToUpper(stem) + "), which no file or folder can have"
	}
	return ""
}

// reservedName reports whether stem, in lower case, is a Windows device
// name.
func reservedName(stem string) bool {
	switch stem {
	case "con", "prn", "aux", "nul", "conin$", "conout$":
		return true
	}
	if len(stem) >= 4 && (strings.HasPrefix(stem, "com") || strings.HasPrefix(stem, "lpt")) {
		switch stem[3:] {
		case "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}

// CheckPortablePath returns why one segment of the slash-separated path p
// cannot be created everywhere (see CheckPortable), naming it, or "".
func CheckPortablePath(p string) string {
	for _, seg := range strings.Split(p, "/") {
		if why := CheckPortable(seg); why != "" {
			return "has " + `"` + seg + `"` + ", which " + why
		}
	}
	return ""
}
