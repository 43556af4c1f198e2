package corpus

import (
	"fmt"
	"os"
)

// tooLarge is the error for a whole-file article of size bytes.
func tooLarge(path string, size, limit int64) error {
	return &SkipError{Path: path, Err: fmt.Errorf("%w: %.1f MB, more than the %d MB an article may have; split it into its articles",
		ErrTooLarge, float64(size)/(1<<20), limit>>20)}
}

// tooLargeAt is tooLarge for a file found longer than limit while reading.
func tooLargeAt(path string, limit int64) error {
	size := limit + 1
	if fi, err := os.Stat(path); err == nil && fi.Size() > size {
		size = fi.Size()
	}
	return tooLarge(path, size, limit)
}
