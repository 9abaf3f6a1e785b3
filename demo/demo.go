// Package demo bundles the example corpus for `storyline demo`.
//
// The corpus is a fictional developing story written for storyline; see
// corpus/README.md for what each file holds and which phenomena it exercises.
package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/timex"
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

// Written is when the corpus was written, the first days of March 2026:
// its wire datelines without a year ("SAN LUCIÁN, 3 de marzo (La Voz)")
// are read as of then, whenever the demo runs.
var Written = time.Date(2026, time.March, 9, 12, 0, 0, 0, time.UTC)

// Articles reads the corpus the way ingest reads files written at Written.
func Articles() ([]model.Article, error) {
	files, err := ReportFiles()
	if err != nil {
		return nil, err
	}
	var arts []model.Article
	for _, name := range files {
		data, err := fs.ReadFile(Corpus, name)
		if err != nil {
			return nil, err
		}
		got, err := ingest.Read(name, data, ingest.Options{InferDate: timex.DocumentDate, Written: Written})
		if err != nil {
			return nil, fmt.Errorf("bundled corpus: %w", err)
		}
		arts = append(arts, got...)
	}
	return arts, nil
}
