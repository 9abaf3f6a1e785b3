package watch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
)

// FuzzWithPage feeds article pages, real fixtures first, to the full-text
// step: bad pages give an error, never a panic; a page that reads keeps
// the feed's title and yields text and identities.
func FuzzWithPage(f *testing.F) {
	pages, err := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	if err != nil || len(pages) == 0 {
		f.Fatalf("no page fixtures: %v", err)
	}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<html><body><p>…</p></body></html>"))
	teaser := ingest.FeedItem{
		Article: model.Article{URL: "https://example.org/a", Title: "Teaser", Text: "A teaser […]",
			Published: time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC), PublishedPrecision: model.PrecisionMinute},
		Truncated: true,
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		a, keys, err := withPage(teaser, page, "https://example.org/a", ingest.Options{MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		if a.Text == "" || a.Title != "Teaser" || len(keys) == 0 {
			t.Errorf("page gave text %q, title %q, keys %q", a.Text, a.Title, keys)
		}
	})
}

// FuzzNotAFeed feeds what a feed URL may answer, the feed and page
// fixtures first, to the check that tells a feed from anything else: it
// never panics, and a refusal names the URL and wraps ErrNotAFeed.
func FuzzNotAFeed(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join("..", "ingest", "testdata", "feeds", "*"),
		filepath.Join("testdata", "pages", "*.html"),
	} {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			f.Fatalf("no fixtures %s: %v", pattern, err)
		}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, body []byte) {
		err := notAFeed(&fetch.Response{URL: "https://example.org/feed", Status: 200, Body: body})
		if err == nil {
			return
		}
		if !errors.Is(err, ErrNotAFeed) || !strings.Contains(err.Error(), "https://example.org/feed") {
			t.Errorf("not-a-feed error %v", err)
		}
	})
}
