package store

import (
	"context"
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
// and the claim status changes since then.
func (s *Store) Digest(ctx context.Context, q DigestQuery) (*Digest, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = digestLimit
	}
	since := q.Since.UTC().Format(time.RFC3339)
	d := &Digest{Since: since}
	var err error
	d.Stories, err = s.storiesWithMembers(ctx, `SELECT id, title, first_published, last_published, articles FROM stories
		WHERE created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?`, since, limit)
	if err != nil {
		return nil, err
	}
	d.Events, err = queryEvents(ctx, s.read, `SELECT `+eventColumns+` FROM events
		WHERE first_seen >= ? ORDER BY first_seen DESC, id DESC LIMIT ?`, since, limit)
	if err != nil {
		return nil, err
	}
	if err := s.attachEventEvidence(ctx, d.Events); err != nil {
		return nil, err
	}
	d.Claims, err = queryClaims(ctx, s.read, `SELECT `+claimColumns+` FROM claims
		WHERE created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?`, since, limit)
	if err != nil {
		return nil, err
	}
	if err := s.attachClaimEvidence(ctx, d.Claims); err != nil {
		return nil, err
	}
	d.StatusChanges, err = s.statusChanges(ctx, since, limit)
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

func (s *Store) statusChanges(ctx context.Context, since string, limit int) ([]StatusChange, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT c.claim_id, COALESCE(cl.story_id, 0), cl.text, c.old_status, c.new_status, c.changed_at
		FROM claim_status_changes c JOIN claims cl ON cl.id = c.claim_id
		WHERE c.changed_at >= ? ORDER BY c.changed_at DESC, c.id DESC LIMIT ?`, since, limit)
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
