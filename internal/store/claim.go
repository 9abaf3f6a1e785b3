package store

import (
	"context"
	"strings"
	"time"
)

// Claim statuses, derived from the stances of independent sources.
const (
	Unconfirmed  = "unconfirmed"
	Corroborated = "corroborated"
	Disputed     = "disputed"
	Denied       = "denied"
)

// ClaimEvidence is one report's stance toward a claim.
type ClaimEvidence struct {
	Article  int64  `json:"article"`
	Stance   string `json:"stance"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Claimant string `json:"-"`
	Hedged   bool   `json:"-"`
	Origin   string `json:"-"`
	Outlet   string `json:"-"`
}

// Claim is a proposition matched across reports.
type Claim struct {
	ID                 int64           `json:"id"`
	Story              int64           `json:"story"`
	Text               string          `json:"text"`
	Claimant           string          `json:"claimant"`
	Lang               string          `json:"-"`
	FirstReported      string          `json:"first_reported"`
	Status             string          `json:"status"`
	Evidence           []ClaimEvidence `json:"evidence"`
	IndependentSources int             `json:"independent_sources"`
}

const claimColumns = `id, COALESCE(story_id, 0), text, claimant, lang, first_reported, status, independent_sources`

func queryClaims(ctx context.Context, q queryer, query string, args ...any) ([]Claim, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Claim
	for rows.Next() {
		var c Claim
		if err := rows.Scan(&c.ID, &c.Story, &c.Text, &c.Claimant, &c.Lang, &c.FirstReported, &c.Status, &c.IndependentSources); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ClaimsAfter returns a story's claims with ids above afterID, without
// evidence, for a linker keeping the story's claims in memory.
func (t *Tx) ClaimsAfter(ctx context.Context, storyID, afterID int64) ([]Claim, error) {
	return queryClaims(ctx, t, `SELECT `+claimColumns+` FROM claims WHERE story_id = ? AND id > ? ORDER BY id`, storyID, afterID)
}

// ReserveClaimID returns an id for a claim this transaction will create
// with InsertClaims.
func (t *Tx) ReserveClaimID(ctx context.Context) (int64, error) {
	return t.reserveID(ctx, "claims")
}

// InsertClaims creates claims under reserved ids, with the status and
// source count they are born with.
func (t *Tx) InsertClaims(ctx context.Context, claims []*Claim) error {
	now := time.Now().UTC().Format(time.RFC3339)
	return t.execRows(ctx, `INSERT INTO claims (id, story_id, text, claimant, lang, first_reported, status, independent_sources, updated_at, created_at) VALUES `,
		10, ``, len(claims), rowsPerStatement, func(args []any, i int) []any {
			c := claims[i]
			return append(args, c.ID, c.Story, c.Text, c.Claimant, c.Lang, c.FirstReported, c.Status, c.IndependentSources, now, now)
		})
}

// ClaimEvidenceRow is one stance toward a claim, to be stored.
type ClaimEvidenceRow struct {
	ClaimID int64
	ClaimEvidence
}

// AddClaimEvidence records stances toward claims, each sentence once per
// claim: a row repeating an earlier one of rows is dropped. A report's
// evidence comes in one call, and its sentences are new to the store.
func (t *Tx) AddClaimEvidence(ctx context.Context, rows []ClaimEvidenceRow) error {
	type sentence struct {
		claim, article int64
		start          int
	}
	seen := make(map[sentence]bool, len(rows))
	unique := make([]ClaimEvidenceRow, 0, len(rows))
	for _, r := range rows {
		k := sentence{r.ClaimID, r.Article, r.Start}
		if !seen[k] {
			seen[k] = true
			unique = append(unique, r)
		}
	}
	return t.execRows(ctx, `INSERT INTO claim_evidence (claim_id, article_id, start, end, text, claimant, stance, hedged) VALUES `,
		8, ``, len(unique), rowsPerStatement, func(args []any, i int) []any {
			r := unique[i]
			return append(args, r.ClaimID, r.Article, r.Start, r.End, r.Text, r.Claimant, r.Stance, r.Hedged)
		})
}

// ClaimStances returns the distinct (stance, claimant, origin) triples of
// a claim's evidence: all that deriving its status needs, without reading
// every sentence of a much-repeated claim.
func (t *Tx) ClaimStances(ctx context.Context, claimID int64) ([]ClaimEvidence, error) {
	rows, err := t.QueryContext(ctx, `
		SELECT DISTINCT e.stance, e.claimant, a.origin
		FROM claim_evidence e JOIN articles a ON a.id = e.article_id WHERE e.claim_id = ?`, claimID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClaimEvidence
	for rows.Next() {
		var e ClaimEvidence
		if err := rows.Scan(&e.Stance, &e.Claimant, &e.Origin); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func claimEvidence(ctx context.Context, q queryer, ids []int64, each func(claimID int64, e ClaimEvidence)) error {
	return inChunks(ids, func(chunk []int64) error {
		rows, err := q.QueryContext(ctx, `
			SELECT e.claim_id, e.article_id, e.stance, e.start, e.end, e.text, e.claimant, e.hedged, a.origin, a.outlet
			FROM claim_evidence e JOIN articles a ON a.id = e.article_id
			WHERE e.claim_id IN (`+placeholders(len(chunk))+`) ORDER BY e.claim_id, e.id`, int64Args(chunk)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var e ClaimEvidence
			if err := rows.Scan(&id, &e.Article, &e.Stance, &e.Start, &e.End, &e.Text, &e.Claimant, &e.Hedged, &e.Origin, &e.Outlet); err != nil {
				return err
			}
			each(id, e)
		}
		return rows.Err()
	})
}

// SetClaimStatus records a claim's derived status and source count.
func (t *Tx) SetClaimStatus(ctx context.Context, claimID int64, status string, sources int) error {
	_, err := t.ExecContext(ctx, `UPDATE claims SET status = ?, independent_sources = ?, updated_at = ? WHERE id = ?`,
		status, sources, time.Now().UTC().Format(time.RFC3339), claimID)
	return err
}

// SetClaimClaimant names the claimant of a claim known until now only
// from statements contesting it; a claim that has one keeps it.
func (t *Tx) SetClaimClaimant(ctx context.Context, claimID int64, claimant string) error {
	_, err := t.ExecContext(ctx, `UPDATE claims SET claimant = ?, updated_at = ? WHERE id = ? AND claimant = ''`,
		claimant, time.Now().UTC().Format(time.RFC3339), claimID)
	return err
}

// ClaimFilter selects claims.
type ClaimFilter struct {
	Story  int64
	Status string
	// Limit > 0 returns at most Limit claims, after skipping Offset.
	Limit, Offset int
}

// Claims lists claims with their evidence.
func (s *Store) Claims(ctx context.Context, f ClaimFilter) ([]Claim, error) {
	var where []string
	var args []any
	if f.Story != 0 {
		where = append(where, "story_id = ?")
		args = append(args, f.Story)
	}
	if f.Status != "" {
		where = append(where, "status = ?")
		args = append(args, f.Status)
	}
	q := `SELECT ` + claimColumns + ` FROM claims`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q, args = paged(q+` ORDER BY independent_sources DESC, id`, args, f.Limit, f.Offset)
	claims, err := queryClaims(ctx, s.read, q, args...)
	if err != nil || len(claims) == 0 {
		return claims, err
	}
	return claims, s.attachClaimEvidence(ctx, claims)
}
