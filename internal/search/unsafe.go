package search

import "unsafe"

// unsafeString views b as a string without copying it; the string must not
// outlive the next change to b.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
