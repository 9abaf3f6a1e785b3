package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestFeedSubscriptionLifecycle(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	added := time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
	id, isNew, err := s.AddFeed(ctx, &Feed{URL: "https://www.example.org/feed/", CanonicalURL: "https://example.org/feed", Title: "Example", AddedAt: added})
	if err != nil || !isNew || id == 0 {
		t.Fatalf("AddFeed = %d, %v, %v", id, isNew, err)
	}
	again, isNew, err := s.AddFeed(ctx, &Feed{URL: "http://example.org/feed", CanonicalURL: "https://example.org/feed", AddedAt: added})
	if err != nil || isNew || again != id {
		t.Fatalf("second AddFeed of the same canonical URL = %d, %v, %v; want %d, false", again, isNew, err, id)
	}
	if _, _, err := s.AddFeed(ctx, &Feed{URL: "x"}); err == nil {
		t.Error("AddFeed without a canonical URL succeeded")
	}

	f, err := s.FeedByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if f.URL != "https://www.example.org/feed/" || f.Title != "Example" || !f.AddedAt.Equal(added) || !f.NextPoll.IsZero() || !f.LastFetch.IsZero() {
		t.Fatalf("stored feed = %+v", f)
	}
	f.ETag, f.LastModified = `"abc"`, "Tue, 06 Jan 2026 09:00:00 GMT"
	f.LastFetch = added.Add(time.Minute)
	f.LastStatus, f.LastError, f.ConsecutiveErrors = 429, "fetch: HTTP 429", 2
	f.NextPoll = added.Add(time.Hour)
	if err := s.RecordPoll(ctx, f); err != nil {
		t.Fatal(err)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil || len(feeds) != 1 {
		t.Fatalf("Feeds = %v, %v", feeds, err)
	}
	got := feeds[0]
	if got.ETag != f.ETag || got.LastModified != f.LastModified || !got.LastFetch.Equal(f.LastFetch) ||
		got.LastStatus != 429 || got.LastError != f.LastError || got.ConsecutiveErrors != 2 || !got.NextPoll.Equal(f.NextPoll) {
		t.Errorf("after RecordPoll: %+v", got)
	}

	if err := s.RemoveFeed(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFeed(ctx, id); !errors.Is(err, ErrNoFeed) {
		t.Errorf("second RemoveFeed = %v, want ErrNoFeed", err)
	}
	if _, err := s.FeedByCanonicalURL(ctx, "https://example.org/feed"); !errors.Is(err, ErrNoFeed) {
		t.Errorf("FeedByCanonicalURL after removal = %v", err)
	}
	if err := s.RecordPoll(ctx, f); !errors.Is(err, ErrNoFeed) {
		t.Errorf("RecordPoll of a removed feed = %v", err)
	}
}

func TestRememberFeedItems(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := article(1)
	if err := s.Update(ctx, insert(ctx, a)); err != nil {
		t.Fatal(err)
	}
	seen := time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
	items := []FeedItem{
		{Keys: []string{"url https://example.org/a", "guid 41"}, Source: a.Source},
		{Keys: []string{"url https://example.org/b"}, Source: "never stored"},
	}
	n, err := s.RememberFeedItems(ctx, 7, items, seen)
	if err != nil || n != 1 {
		t.Fatalf("RememberFeedItems = %d, %v; want 1 stored", n, err)
	}
	// A moved item: a known key keeps its article, a new one joins it.
	if _, err := s.RememberFeedItems(ctx, 7, []FeedItem{{Keys: []string{"guid 41", "guid 42"}, Source: "https://example.org/moved"}}, seen); err != nil {
		t.Fatal(err)
	}
	var keys []string
	if err := s.FeedItemKeys(ctx, func(k string) { keys = append(keys, k) }); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"url https://example.org/a": true, "guid 41": true, "guid 42": true}
	if len(keys) != len(want) {
		t.Fatalf("keys = %q", keys)
	}
	for _, k := range keys {
		if !want[k] {
			t.Errorf("unexpected key %q", k)
		}
	}
	if err := s.CheckReferences(ctx); err != nil {
		t.Error(err)
	}
}
