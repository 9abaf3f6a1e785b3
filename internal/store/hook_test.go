package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// addStoryWithClaim writes a story holding one unconfirmed claim and
// returns both ids.
func addStoryWithClaim(t *testing.T, s *Store, title, claim string) (storyID, claimID int64) {
	t.Helper()
	err := s.Update(context.Background(), func(tx *Tx) error {
		var err error
		if storyID, err = tx.InsertStory(context.Background(), title); err != nil {
			return err
		}
		claimID, err = tx.InsertClaim(context.Background(), &Claim{Story: storyID, Text: claim, Claimant: "the ministry", Lang: "en"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return storyID, claimID
}

func setStatus(t *testing.T, s *Store, claimID int64, status string, sources int) {
	t.Helper()
	err := s.Update(context.Background(), func(tx *Tx) error { return tx.SetClaimStatus(context.Background(), claimID, status, sources) })
	if err != nil {
		t.Fatal(err)
	}
}

func TestHookStartsAtTheEndAndSeesLaterChanges(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	_, oldClaim := addStoryWithClaim(t, s, "Earlier story", "the bridge was closed")
	setStatus(t, s, oldClaim, Corroborated, 2)

	added := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	id, isNew, err := s.AddHook(ctx, &Hook{URL: "https://hooks.example.org/in", Events: []string{"new_story", "claim_status"}, Secret: "s3", AddedAt: added})
	if err != nil || !isNew {
		t.Fatalf("AddHook = %d, %v, %v", id, isNew, err)
	}
	h, err := s.HookByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if stories, err := s.StoriesAfter(ctx, h.StoryCursor, 10); err != nil || len(stories) != 0 {
		t.Fatalf("a new hook sees old stories: %v, %v", stories, err)
	}
	if changes, err := s.ClaimStatusChangesAfter(ctx, h.ClaimCursor, 10); err != nil || len(changes) != 0 {
		t.Fatalf("a new hook sees old status changes: %v, %v", changes, err)
	}

	storyID, claimID := addStoryWithClaim(t, s, "Later story", "the port reopened")
	setStatus(t, s, claimID, Unconfirmed, 1) // no change: nothing logged
	setStatus(t, s, claimID, Disputed, 2)
	stories, err := s.StoriesAfter(ctx, h.StoryCursor, 10)
	if err != nil || len(stories) != 1 || stories[0].ID != storyID || stories[0].Title != "Later story" || stories[0].CreatedAt.IsZero() {
		t.Fatalf("StoriesAfter = %+v, %v", stories, err)
	}
	changes, err := s.ClaimStatusChangesAfter(ctx, h.ClaimCursor, 10)
	if err != nil || len(changes) != 1 {
		t.Fatalf("ClaimStatusChangesAfter = %+v, %v", changes, err)
	}
	c := changes[0]
	if c.Claim != claimID || c.Story != storyID || c.OldStatus != Unconfirmed || c.NewStatus != Disputed || c.IndependentSources != 2 || c.Text != "the port reopened" {
		t.Errorf("change = %+v", c)
	}

	h.StoryCursor, h.ClaimCursor = stories[0].ID, c.ID
	h.LastAttempt, h.LastDelivery, h.LastStatus = added.Add(time.Hour), added.Add(time.Hour), 204
	if err := s.RecordHookAttempt(ctx, h); err != nil {
		t.Fatal(err)
	}
	// A deliverer that read an older cursor does not wind it back.
	stale := *h
	stale.StoryCursor, stale.ClaimCursor = 0, 0
	stale.ConsecutiveFailures, stale.LastStatus, stale.LastError = 1, 500, "HTTP 500"
	stale.NextAttempt = added.Add(2 * time.Hour)
	if err := s.RecordHookAttempt(ctx, &stale); err != nil {
		t.Fatal(err)
	}
	hooks, err := s.Hooks(ctx)
	if err != nil || len(hooks) != 1 {
		t.Fatalf("Hooks = %v, %v", hooks, err)
	}
	got := hooks[0]
	if err := s.RetryHookNow(ctx, id); err != nil {
		t.Fatal(err)
	}
	if due, err := s.HookByID(ctx, id); err != nil || !due.NextAttempt.IsZero() || due.ConsecutiveFailures != 1 {
		t.Errorf("after RetryHookNow: %+v, %v", due, err)
	}
	if err := s.RetryHookNow(ctx, id+1); !errors.Is(err, ErrNoHook) {
		t.Errorf("RetryHookNow of no hook = %v", err)
	}
	if got.StoryCursor != storyID || got.ClaimCursor != c.ID || got.ConsecutiveFailures != 1 || got.LastError != "HTTP 500" ||
		!got.NextAttempt.Equal(added.Add(2*time.Hour)) || !got.LastDelivery.Equal(added.Add(time.Hour)) || !got.Signed || got.Secret != "s3" {
		t.Errorf("after two attempts: %+v", got)
	}
}

func TestHookAddAgainUpdatesAndRemove(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	u := "https://hooks.example.org/in"
	id, _, err := s.AddHook(ctx, &Hook{URL: u, Events: []string{"new_story"}})
	if err != nil {
		t.Fatal(err)
	}
	again, isNew, err := s.AddHook(ctx, &Hook{URL: u, Events: []string{"claim_status"}})
	if err != nil || isNew || again != id {
		t.Fatalf("second AddHook = %d, %v, %v; want %d, false", again, isNew, err, id)
	}
	h, err := s.HookByURL(ctx, u)
	if err != nil || h.Wants("new_story") || !h.Wants("claim_status") || h.Signed {
		t.Fatalf("after re-adding: %+v, %v", h, err)
	}
	if _, _, err := s.AddHook(ctx, &Hook{URL: "https://x.example.org/"}); err == nil {
		t.Error("AddHook without events succeeded")
	}
	if err := s.RemoveHook(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveHook(ctx, id); !errors.Is(err, ErrNoHook) {
		t.Errorf("second RemoveHook = %v, want ErrNoHook", err)
	}
	if _, err := s.HookByID(ctx, id); !errors.Is(err, ErrNoHook) {
		t.Errorf("HookByID after removal = %v", err)
	}
}
