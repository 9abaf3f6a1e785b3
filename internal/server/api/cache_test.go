package api

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

func TestCacheKeepsAnswersUntilTheStoryGrows(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	var story int64
	grow := func() {
		t.Helper()
		err := st.Update(ctx, func(tx *store.Tx) error {
			if story == 0 {
				id, err := tx.InsertStory(ctx, "a story")
				story = id
				return err
			}
			_, err := tx.AddToStory(ctx, story, map[string]float64{"word": 1}, nil, 0, "2026-03-01")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	grow()
	hd := newHandler(st)
	builds := 0
	build := func() (any, error) { builds++; return builds, nil }
	req := httptest.NewRequest("GET", "/api/v1/entities?story=1", nil)
	for range 3 {
		if v, err := hd.cached(req, story, build); err != nil || v != 1 {
			t.Fatalf("cached: %v, %v", v, err)
		}
	}
	grow()
	if v, _ := hd.cached(req, story, build); v != 2 {
		t.Errorf("after the story grew: answer %v, want a new one", v)
	}
	other := httptest.NewRequest("GET", "/api/v1/entities?story=1&type=PER", nil)
	if v, _ := hd.cached(other, story, build); v != 3 {
		t.Errorf("another query: answer %v, want its own", v)
	}
	if v, _ := hd.cached(req, 999, build); v != 4 {
		t.Errorf("a story that does not exist: answer %v, want one built afresh", v)
	}
	if v, _ := hd.cached(req, 999, build); v != 5 {
		t.Errorf("a story that does not exist is never cached: answer %v", v)
	}
}

func TestCacheAcrossStoriesKeepsAnswersUntilAReportArrives(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	n := 0
	report := func() {
		t.Helper()
		n++
		a := &store.StoredArticle{
			Article:     model.Article{Source: fmt.Sprintf("r%d.txt", n), Text: "A report.", Raw: "A report.", Lang: "en"},
			ContentHash: fmt.Sprintf("hash-%d", n), Origin: "outlet:x", IngestedAt: time.Now(),
		}
		if err := st.Update(ctx, func(tx *store.Tx) error { _, err := tx.InsertArticle(ctx, a); return err }); err != nil {
			t.Fatal(err)
		}
	}
	hd := newHandler(st)
	builds := 0
	build := func() (any, error) { builds++; return builds, nil }
	req := httptest.NewRequest("GET", "/api/v1/dyad?a=1&b=2", nil)
	for range 2 {
		if v, err := hd.cachedEverywhere(req, build); err != nil || v != 1 {
			t.Fatalf("empty store: %v, %v", v, err)
		}
	}
	report()
	for range 2 {
		if v, _ := hd.cachedEverywhere(req, build); v != 2 {
			t.Fatalf("after a report: answer %v, want a new one, then kept", v)
		}
	}
}
