//go:build !linux || !cgo

package data

// trimCHeap does nothing where the C library has no malloc_trim (it is
// glibc's).
func trimCHeap() {}
