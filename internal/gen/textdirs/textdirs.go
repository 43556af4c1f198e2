// Package textdirs reads the unlabelled news text that the generators of
// internal/gen count words in: every *.txt file under some folders, one
// document per line.
package textdirs

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// EachDocument calls f with every line of every *.txt file under dirs,
// the files of each folder in the byte order of their paths, so that what
// the generators derive does not depend on the order the system lists
// files in.
func EachDocument(dirs []string, f func(doc string)) error {
	for _, dir := range dirs {
		var files []string
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return err
		}
		slices.Sort(files)
		for _, path := range files {
			if err := eachLine(path, f); err != nil {
				return err
			}
		}
	}
	return nil
}

func eachLine(path string, f func(string)) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		f(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
