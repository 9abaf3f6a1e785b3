package store

import "context"

// One-record conveniences for tests; the linker reserves ids and writes a
// report's records together.

// InsertEntity creates an entity and returns its id.
func (t *Tx) InsertEntity(ctx context.Context, name, typ, key string) (int64, error) {
	id, err := t.ReserveEntityID(ctx)
	if err != nil {
		return 0, err
	}
	return id, t.InsertEntities(ctx, []NewEntity{{ID: id, Name: name, Type: typ, Key: key}})
}

// InsertEvent creates a merged event and returns its id.
func (t *Tx) InsertEvent(ctx context.Context, e *Event) (int64, error) {
	id, err := t.ReserveEventID(ctx)
	if err != nil {
		return 0, err
	}
	e.ID = id
	return id, t.InsertEvents(ctx, []*Event{e})
}

// InsertClaim creates an unconfirmed claim and returns its id.
func (t *Tx) InsertClaim(ctx context.Context, c *Claim) (int64, error) {
	id, err := t.ReserveClaimID(ctx)
	if err != nil {
		return 0, err
	}
	c.ID, c.Status, c.IndependentSources = id, Unconfirmed, 0
	return id, t.InsertClaims(ctx, []*Claim{c})
}

// SetArticleStory assigns an article to a story.
func (t *Tx) SetArticleStory(ctx context.Context, articleID, storyID int64) error {
	_, err := t.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE id = ?`, storyID, articleID)
	return err
}
