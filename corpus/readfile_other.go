//go:build !linux

package corpus

import (
	"io"
	"os"
)

// readWhole returns the contents of the file at path, or a *SkipError;
// a file of more than limit bytes is not read past limit+1 bytes. (buf is
// the Linux version's; ReadAll allocates its own.)
func readWhole(path string, limit int64, _ []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &SkipError{Path: path, Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &SkipError{Path: path, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, tooLargeAt(path, limit)
	}
	return data, nil
}
