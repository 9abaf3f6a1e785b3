package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Hook is one webhook: where changes are POSTed, which kinds it wants,
// how far it has been served and how its last attempt went.
type Hook struct {
	ID     int64    `json:"id"`
	URL    string   `json:"url"`
	Secret string   `json:"-"`
	Events []string `json:"events"`
	// Signed tells a listing that deliveries carry a signature, without
	// showing the secret.
	Signed bool `json:"signed"`
	// AllowPrivate lets deliveries reach a private or loopback receiver,
	// as allowed when the hook was added.
	AllowPrivate bool `json:"allow_private"`
	// StoryCursor and ClaimCursor are the last story id and the last
	// claim status change id delivered; they advance only on success.
	StoryCursor  int64     `json:"-"`
	ClaimCursor  int64     `json:"-"`
	LastAttempt  time.Time `json:"last_attempt,omitzero"`
	LastDelivery time.Time `json:"last_delivery,omitzero"`
	// LastStatus is the HTTP status of the last attempt, 0 when none came.
	LastStatus          int       `json:"last_status"`
	LastError           string    `json:"last_error,omitempty"`
	ConsecutiveFailures int       `json:"consecutive_failures"`
	NextAttempt         time.Time `json:"next_attempt,omitzero"`
	AddedAt             time.Time `json:"added_at"`
}

// Wants reports whether the hook subscribed to event.
func (h *Hook) Wants(event string) bool {
	for _, e := range h.Events {
		if e == event {
			return true
		}
	}
	return false
}

// ErrNoHook is returned for a webhook that is not registered.
var ErrNoHook = errors.New("no such webhook")

// AddHook registers h, or updates the secret and events of the hook
// already registered for h.URL; it returns the hook's id and whether it
// was new. A new hook starts at the current end of the stories and of the
// claim status changes: it hears about what happens from now on.
func (s *Store) AddHook(ctx context.Context, h *Hook) (int64, bool, error) {
	if h.URL == "" || len(h.Events) == 0 {
		return 0, false, fmt.Errorf("webhook needs a URL and at least one event")
	}
	events := strings.Join(h.Events, ",")
	if existing, err := s.HookByURL(ctx, h.URL); err == nil {
		_, err := s.db.ExecContext(ctx, `UPDATE hooks SET secret = ?, events = ?, allow_private = ? WHERE id = ?`, h.Secret, events, h.AllowPrivate, existing.ID)
		return existing.ID, false, err
	} else if !errors.Is(err, ErrNoHook) {
		return 0, false, err
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO hooks (url, secret, events, allow_private, story_cursor, claim_cursor, added_at)
		VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM stories), (SELECT COALESCE(MAX(id), 0) FROM claim_status_changes), ?)`,
		h.URL, h.Secret, events, h.AllowPrivate, feedTime(h.AddedAt))
	if err != nil {
		return 0, false, err
	}
	id, err := res.LastInsertId()
	return id, true, err
}

const hookColumns = `id, url, secret, events, allow_private, story_cursor, claim_cursor, last_attempt, last_delivery,
	last_status, last_error, consecutive_failures, next_attempt, added_at`

func scanHook(sc interface{ Scan(...any) error }) (*Hook, error) {
	var h Hook
	var events, lastAttempt, lastDelivery, nextAttempt, added string
	err := sc.Scan(&h.ID, &h.URL, &h.Secret, &events, &h.AllowPrivate, &h.StoryCursor, &h.ClaimCursor, &lastAttempt, &lastDelivery,
		&h.LastStatus, &h.LastError, &h.ConsecutiveFailures, &nextAttempt, &added)
	if err != nil {
		return nil, err
	}
	h.Events = strings.Split(events, ",")
	h.Signed = h.Secret != ""
	h.LastAttempt, h.LastDelivery = parseFeedTime(lastAttempt), parseFeedTime(lastDelivery)
	h.NextAttempt, h.AddedAt = parseFeedTime(nextAttempt), parseFeedTime(added)
	return &h, nil
}

func (s *Store) hookWhere(ctx context.Context, cond string, arg any) (*Hook, error) {
	h, err := scanHook(s.read.QueryRowContext(ctx, `SELECT `+hookColumns+` FROM hooks WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoHook
	}
	return h, err
}

// HookByID returns the webhook with id, or ErrNoHook.
func (s *Store) HookByID(ctx context.Context, id int64) (*Hook, error) {
	return s.hookWhere(ctx, `id = ?`, id)
}

// HookByURL returns the webhook registered for u, or ErrNoHook.
func (s *Store) HookByURL(ctx context.Context, u string) (*Hook, error) {
	return s.hookWhere(ctx, `url = ?`, u)
}

// Hooks returns every webhook in the order they were added.
func (s *Store) Hooks(ctx context.Context) ([]Hook, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+hookColumns+` FROM hooks ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Hook
	for rows.Next() {
		h, err := scanHook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *h)
	}
	return out, rows.Err()
}

// RemoveHook unregisters the webhook with id.
func (s *Store) RemoveHook(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM hooks WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoHook
	}
	return nil
}

// RecordHookAttempt stores the outcome of a delivery round as set in h by
// the deliverer. Cursors only move forward, so that two deliverers
// sharing a database never wind a hook back.
func (s *Store) RecordHookAttempt(ctx context.Context, h *Hook) error {
	_, err := s.db.ExecContext(ctx, `UPDATE hooks SET story_cursor = MAX(story_cursor, ?), claim_cursor = MAX(claim_cursor, ?),
		last_attempt = ?, last_delivery = ?, last_status = ?, last_error = ?, consecutive_failures = ?, next_attempt = ?
		WHERE id = ?`,
		h.StoryCursor, h.ClaimCursor, feedTime(h.LastAttempt), feedTime(h.LastDelivery), h.LastStatus, h.LastError,
		h.ConsecutiveFailures, feedTime(h.NextAttempt), h.ID)
	return err
}

// RetryHookNow makes a backing-off webhook due at once, for when its
// receiver is known to be back.
func (s *Store) RetryHookNow(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE hooks SET next_attempt = '' WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoHook
	}
	return nil
}

// NewStory is a story as a webhook announces it.
type NewStory struct {
	ID             int64     `json:"id"`
	Title          string    `json:"title"`
	Articles       int       `json:"articles"`
	FirstPublished string    `json:"first_published,omitempty"`
	LastPublished  string    `json:"last_published,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
}

// StoriesAfter returns up to limit stories with ids above afterID, oldest
// first.
func (s *Store) StoriesAfter(ctx context.Context, afterID int64, limit int) ([]NewStory, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, title, articles, first_published, last_published, created_at
		FROM stories WHERE id > ? ORDER BY id LIMIT ?`, afterID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NewStory
	for rows.Next() {
		var n NewStory
		var created string
		if err := rows.Scan(&n.ID, &n.Title, &n.Articles, &n.FirstPublished, &n.LastPublished, &created); err != nil {
			return nil, err
		}
		n.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, n)
	}
	return out, rows.Err()
}

// ClaimStatusChange is one change of a claim's derived status, with the
// claim as it stands now.
type ClaimStatusChange struct {
	ID                 int64     `json:"-"`
	Claim              int64     `json:"id"`
	Story              int64     `json:"story"`
	Text               string    `json:"text"`
	Claimant           string    `json:"claimant,omitempty"`
	OldStatus          string    `json:"old_status"`
	NewStatus          string    `json:"new_status"`
	IndependentSources int       `json:"independent_sources"`
	ChangedAt          time.Time `json:"changed_at"`
}

// ClaimStatusChangesAfter returns up to limit status changes with ids
// above afterID, oldest first.
func (s *Store) ClaimStatusChangesAfter(ctx context.Context, afterID int64, limit int) ([]ClaimStatusChange, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT ch.id, ch.claim_id, COALESCE(c.story_id, 0), c.text, c.claimant, ch.old_status, ch.new_status,
			c.independent_sources, ch.changed_at
		FROM claim_status_changes ch JOIN claims c ON c.id = ch.claim_id
		WHERE ch.id > ? ORDER BY ch.id LIMIT ?`, afterID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClaimStatusChange
	for rows.Next() {
		var c ClaimStatusChange
		var changed string
		if err := rows.Scan(&c.ID, &c.Claim, &c.Story, &c.Text, &c.Claimant, &c.OldStatus, &c.NewStatus,
			&c.IndependentSources, &changed); err != nil {
			return nil, err
		}
		c.ChangedAt, _ = time.Parse(time.RFC3339, changed)
		out = append(out, c)
	}
	return out, rows.Err()
}
