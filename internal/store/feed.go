package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Feed is one subscription and the outcome of its last poll.
type Feed struct {
	ID int64 `json:"id"`
	// URL is the address as subscribed; CanonicalURL its identity, so that
	// one feed is not subscribed twice under two spellings.
	URL          string `json:"url"`
	CanonicalURL string `json:"-"`
	Title        string `json:"title,omitempty"`
	SiteURL      string `json:"site_url,omitempty"`
	Category     string `json:"category,omitempty"`
	// ETag and LastModified make the next request conditional.
	ETag         string    `json:"-"`
	LastModified string    `json:"-"`
	LastFetch    time.Time `json:"last_fetch,omitzero"`
	// LastStatus is the HTTP status of the last poll, 0 when none came.
	LastStatus        int       `json:"last_status"`
	LastError         string    `json:"last_error,omitempty"`
	ConsecutiveErrors int       `json:"consecutive_errors"`
	NextPoll          time.Time `json:"next_poll,omitzero"`
	AddedAt           time.Time `json:"added_at"`
}

// feedTimeLayout has a fixed width, so stored times compare as strings.
const feedTimeLayout = "2006-01-02T15:04:05Z"

func feedTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(feedTimeLayout)
}

func parseFeedTime(s string) time.Time {
	t, err := time.Parse(feedTimeLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// ErrNoFeed is returned for a feed that is not subscribed.
var ErrNoFeed = errors.New("no such feed")

// AddFeed subscribes f unless a feed with its CanonicalURL already is; it
// returns the feed's id and whether it was new.
func (s *Store) AddFeed(ctx context.Context, f *Feed) (int64, bool, error) {
	if f.CanonicalURL == "" {
		return 0, false, fmt.Errorf("feed %s: no canonical URL", f.URL)
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url, canonical_url, title, site_url, category, added_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (canonical_url) DO NOTHING`,
		f.URL, f.CanonicalURL, f.Title, f.SiteURL, f.Category, feedTime(f.AddedAt))
	if err != nil {
		return 0, false, err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		id, err := res.LastInsertId()
		return id, true, err
	}
	existing, err := s.FeedByCanonicalURL(ctx, f.CanonicalURL)
	if err != nil {
		return 0, false, err
	}
	return existing.ID, false, nil
}

const feedColumns = `id, url, canonical_url, title, site_url, category, etag, last_modified,
	last_fetch, last_status, last_error, consecutive_errors, next_poll, added_at`

func scanFeed(sc interface{ Scan(...any) error }) (*Feed, error) {
	var f Feed
	var lastFetch, nextPoll, added string
	err := sc.Scan(&f.ID, &f.URL, &f.CanonicalURL, &f.Title, &f.SiteURL, &f.Category, &f.ETag, &f.LastModified,
		&lastFetch, &f.LastStatus, &f.LastError, &f.ConsecutiveErrors, &nextPoll, &added)
	if err != nil {
		return nil, err
	}
	f.LastFetch, f.NextPoll, f.AddedAt = parseFeedTime(lastFetch), parseFeedTime(nextPoll), parseFeedTime(added)
	return &f, nil
}

func (s *Store) feedWhere(ctx context.Context, cond string, arg any) (*Feed, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoFeed
	}
	return f, err
}

// FeedByID returns the feed with id, or ErrNoFeed.
func (s *Store) FeedByID(ctx context.Context, id int64) (*Feed, error) {
	return s.feedWhere(ctx, `id = ?`, id)
}

// FeedByCanonicalURL returns the feed whose canonical URL is u, or ErrNoFeed.
func (s *Store) FeedByCanonicalURL(ctx context.Context, u string) (*Feed, error) {
	return s.feedWhere(ctx, `canonical_url = ?`, u)
}

// Feeds returns every subscription in the order they were added.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *f)
	}
	return out, rows.Err()
}

// RemoveFeed unsubscribes the feed with id. The articles it brought stay,
// and so does the identity of its items.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoFeed
	}
	return nil
}

// RecordPoll stores the outcome of polling f: validators, title, status,
// error count and next poll, as set in f by the poller.
func (s *Store) RecordPoll(ctx context.Context, f *Feed) error {
	res, err := s.db.ExecContext(ctx, `UPDATE feeds SET title = ?, site_url = ?, etag = ?, last_modified = ?,
		last_fetch = ?, last_status = ?, last_error = ?, consecutive_errors = ?, next_poll = ? WHERE id = ?`,
		f.Title, f.SiteURL, f.ETag, f.LastModified, feedTime(f.LastFetch), f.LastStatus, f.LastError,
		f.ConsecutiveErrors, feedTime(f.NextPoll), f.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoFeed // removed while it was being polled
	}
	return nil
}

// FeedItemKeys calls fn with every identity of a feed item already stored.
func (s *Store) FeedItemKeys(ctx context.Context, fn func(key string)) error {
	rows, err := s.db.QueryContext(ctx, `SELECT key FROM feed_items`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return err
		}
		fn(k)
	}
	return rows.Err()
}

// FeedItem is one stored item: the identities it arrived under and the
// source its article was stored from.
type FeedItem struct {
	Keys   []string
	Source string
}

// RememberFeedItems records every key of each stored item: one whose
// source produced an article, or one already known under another key (an
// item moved to a new URL or GUID). It returns how many items were found
// stored. Keys already known keep their first article.
func (s *Store) RememberFeedItems(ctx context.Context, feedID int64, items []FeedItem, seen time.Time) (int, error) {
	stored := 0
	err := s.Update(ctx, func(tx *Tx) error {
		for _, it := range items {
			id, err := storedItem(ctx, tx, it)
			if err != nil {
				return err
			}
			if id == 0 {
				continue
			}
			stored++
			for _, k := range it.Keys {
				if _, err := tx.ExecContext(ctx, `INSERT INTO feed_items (key, article_id, feed_id, seen_at)
					VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`, k, id, feedID, feedTime(seen)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return stored, err
}

// storedItem returns the article an item was stored as, or 0.
func storedItem(ctx context.Context, tx *Tx, it FeedItem) (int64, error) {
	if it.Source != "" {
		if id, err := tx.ArticleBySource(ctx, it.Source); err != nil || id != 0 {
			return id, err
		}
	}
	for _, k := range it.Keys {
		id, err := scanID(tx.QueryRowContext(ctx, `SELECT article_id FROM feed_items WHERE key = ?`, k))
		if err != nil || id != 0 {
			return id, err
		}
	}
	return 0, nil
}
