package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRead feeds arbitrary bytes, under every reader's file name, through
// Read: it must never panic, and what it returns must be well formed.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*"))
	datelines, _ := filepath.Glob(filepath.Join("testdata", "dateline", "*"))
	seeds = append(seeds, datelines...)
	shared, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	for _, p := range append(seeds, shared...) {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // the fuzz corpus directory
		}
		f.Add(filepath.Ext(p), data)
	}
	f.Add(".txt", []byte(" date 2026-01-03 Body on the header line."))
	f.Add(".rss", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>T</title></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		arts, err := Read("fuzz"+ext, data, Options{})
		if err == nil && len(arts) == 0 {
			t.Fatal("no articles and no error")
		}
		for _, a := range arts {
			if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
				t.Fatalf("invalid UTF-8 in output: %q", a.Title)
			}
			if strings.Contains(a.Title, "\n") {
				t.Fatalf("multi-line title %q", a.Title)
			}
		}
	})
}
