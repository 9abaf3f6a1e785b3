package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// DigestQuery asks what is new since a moment.
type DigestQuery struct {
	Since time.Time
	// Limit caps each list, newest first; 0 means digestLimit.
	Limit int
}

const digestLimit = 500

// StatusChange is a claim's status moving from one value to another.
type StatusChange struct {
	Claim int64  `json:"claim"`
	Story int64  `json:"story"`
	Text  string `json:"text"`
	From  string `json:"from"`
	To    string `json:"to"`
	At    string `json:"at"` // RFC 3339, UTC
}

// Digest is what was added or changed since a moment, each list newest
// first.
type Digest struct {
	Since         string         `json:"since"`
	Stories       []Story        `json:"stories"`
	Events        []Event        `json:"events"`
	Claims        []Claim        `json:"claims"`
	StatusChanges []StatusChange `json:"status_changes"`
	// Truncated says that a list stopped at the limit.
	Truncated bool `json:"truncated"`
}

// Digest lists the stories, events and claims first stored since q.Since,
// and the claim status changes since then, newest first.
func (s *Store) Digest(ctx context.Context, q DigestQuery) (*Digest, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = digestLimit
	}
	since := q.Since.UTC().Format(time.RFC3339)
	d := &Digest{Since: since}
	first := map[string]int64{}
	for _, t := range []struct{ table, column string }{
		{"stories", "created_at"}, {"events", "first_seen"}, {"claims", "created_at"}, {"claim_status_changes", "changed_at"},
	} {
		id, err := s.firstSince(ctx, t.table, t.column, since)
		if err != nil {
			return nil, err
		}
		first[t.table] = id
	}
	var err error
	d.Stories, err = s.storiesWithMembers(ctx, `SELECT id, title, first_published, last_published, articles FROM stories
		WHERE id >= ? ORDER BY id DESC LIMIT ?`, first["stories"], limit)
	if err != nil {
		return nil, err
	}
	d.Events, err = queryEvents(ctx, s.read, `SELECT `+eventColumns+` FROM events
		WHERE id >= ? ORDER BY id DESC LIMIT ?`, first["events"], limit)
	if err != nil {
		return nil, err
	}
	if err := s.attachEventEvidence(ctx, d.Events); err != nil {
		return nil, err
	}
	d.Claims, err = queryClaims(ctx, s.read, `SELECT `+claimColumns+` FROM claims
		WHERE id >= ? ORDER BY id DESC LIMIT ?`, first["claims"], limit)
	if err != nil {
		return nil, err
	}
	if err := s.attachClaimEvidence(ctx, d.Claims); err != nil {
		return nil, err
	}
	d.StatusChanges, err = s.statusChanges(ctx, first["claim_status_changes"], limit)
	if err != nil {
		return nil, err
	}
	d.Truncated = len(d.Stories) == limit || len(d.Events) == limit || len(d.Claims) == limit || len(d.StatusChanges) == limit
	if d.Stories == nil {
		d.Stories = []Story{}
	}
	if d.Events == nil {
		d.Events = []Event{}
	}
	if d.Claims == nil {
		d.Claims = []Claim{}
	}
	return d, nil
}

func (s *Store) statusChanges(ctx context.Context, firstID int64, limit int) ([]StatusChange, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT c.claim_id, COALESCE(cl.story_id, 0), cl.text, c.old_status, c.new_status, c.changed_at
		FROM claim_status_changes c JOIN claims cl ON cl.id = c.claim_id
		WHERE c.id >= ? ORDER BY c.id DESC LIMIT ?`, firstID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []StatusChange{}
	for rows.Next() {
		var c StatusChange
		if err := rows.Scan(&c.Claim, &c.Story, &c.Text, &c.From, &c.To, &c.At); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// firstSince returns the lowest id of the rows of table whose column (an
// RFC 3339 time the single writer stamps as it inserts) is at or after
// since, or one past the highest id when there are none. Those times grow
// with the id, so a binary search over ids finds the first new row in a
// few lookups, without an index on the time for the writer to keep.
func (s *Store) firstSince(ctx context.Context, table, column, since string) (int64, error) {
	var last int64
	var latest string
	err := s.read.QueryRowContext(ctx, `SELECT id, `+column+` FROM `+table+` ORDER BY id DESC LIMIT 1`).Scan(&last, &latest)
	if errors.Is(err, sql.ErrNoRows) {
		return 1, nil
	}
	if err != nil {
		return 0, err
	}
	if latest < since {
		return last + 1, nil
	}
	lo, hi := int64(1), last
	for lo < hi {
		mid := lo + (hi-lo)/2
		var id int64
		var at string
		if err := s.read.QueryRowContext(ctx, `SELECT id, `+column+` FROM `+table+` WHERE id >= ? ORDER BY id LIMIT 1`, mid).Scan(&id, &at); err != nil {
			return 0, err
		}
		if at >= since {
			hi = id
		} else {
			lo = id + 1
		}
	}
	return lo, nil
}

// attachClaimEvidence reads the evidence of a page of claims.
func (s *Store) attachClaimEvidence(ctx context.Context, claims []Claim) error {
	index := make(map[int64]int, len(claims))
	ids := make([]int64, len(claims))
	for i := range claims {
		index[claims[i].ID] = i
		ids[i] = claims[i].ID
		claims[i].Evidence = []ClaimEvidence{}
	}
	return claimEvidence(ctx, s.read, ids, func(id int64, e ClaimEvidence) {
		c := &claims[index[id]]
		c.Evidence = append(c.Evidence, e)
	})
}
