// Package demo bundles the example corpus for `storyline demo`.
//
// The corpus is a fictional developing story written for storyline; see
// corpus/README.md for what each file holds and which phenomena it exercises.
package demo

import (
	"embed"
	"io/fs"
	"path"
)

// Corpus holds the example reports under the directory "corpus".
//
//go:embed corpus
var Corpus embed.FS

// ReadmeName is the corpus file that describes the others; it is not a report.
const ReadmeName = "README.md"

// ReportFiles lists the paths in Corpus ("corpus/...") of the files that hold
// reports, in lexical order, leaving out the README so it is never ingested as news.
func ReportFiles() ([]string, error) {
	var files []string
	err := fs.WalkDir(Corpus, "corpus", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Base(p) == ReadmeName {
			return nil
		}
		files = append(files, p)
		return nil
	})
	return files, err
}
