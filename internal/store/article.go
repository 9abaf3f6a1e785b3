package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/storyline/storyline/internal/model"
)

// StoredArticle is an article row with its identity and links.
type StoredArticle struct {
	model.Article
	ID          int64
	ContentHash string
	SimHash     uint64
	Origin      string
	DuplicateOf int64 // 0 when the article is an original
	StoryID     int64
	Analysis    model.Analysis
	IngestedAt  time.Time
}

// PublishedString is the publication date at its precision, or "".
func (a *StoredArticle) PublishedString() string {
	return model.FormatDate(a.Published, a.PublishedPrecision)
}

// ArticleBySource returns the id of the article a source (path or URL)
// already produced, or 0.
func (t *Tx) ArticleBySource(ctx context.Context, source string) (int64, error) {
	return scanID(t.QueryRowContext(ctx, `SELECT article_id FROM article_sources WHERE source = ?`, source))
}

// ArticleByHash returns the id of the article with this content hash, or 0.
func (t *Tx) ArticleByHash(ctx context.Context, hash string) (int64, error) {
	return scanID(t.QueryRowContext(ctx, `SELECT id FROM articles WHERE content_hash = ?`, hash))
}

// AddSource records that source also produced article id.
func (t *Tx) AddSource(ctx context.Context, source string, id int64) error {
	_, err := t.ExecContext(ctx, `INSERT OR IGNORE INTO article_sources (source, article_id) VALUES (?, ?)`, source, id)
	return err
}

// NearDuplicate returns the original (not itself a duplicate) article whose
// SimHash shares a band with h and lies within maxDistance bits, or 0.
func (t *Tx) NearDuplicate(ctx context.Context, h uint64, maxDistance int) (id int64, origin string, err error) {
	bands := simhashBands(h)
	rows, err := t.QueryContext(ctx, `
		SELECT DISTINCT a.id, a.simhash, a.origin, COALESCE(a.duplicate_of, 0)
		FROM article_bands b JOIN articles a ON a.id = b.article_id
		WHERE b.band IN (?, ?, ?, ?)`, bands[0], bands[1], bands[2], bands[3])
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	best := maxDistance + 1
	for rows.Next() {
		var cid, dup int64
		var ch int64
		var corigin string
		if err := rows.Scan(&cid, &ch, &corigin, &dup); err != nil {
			return 0, "", err
		}
		if d := hamming(uint64(ch), h); d < best {
			best, id, origin = d, cid, corigin
			if dup != 0 {
				id = dup
			}
		}
	}
	return id, origin, rows.Err()
}

func simhashBands(h uint64) [4]int64 {
	var b [4]int64
	for i := range b {
		b[i] = int64(i)<<16 | int64(h>>(16*i)&0xffff)
	}
	return b
}

func hamming(a, b uint64) int {
	x := a ^ b
	n := 0
	for x != 0 {
		x &= x - 1
		n++
	}
	return n
}

// InsertArticle stores a new article with its analysis and returns its id.
func (t *Tx) InsertArticle(ctx context.Context, a *StoredArticle) (int64, error) {
	an, err := json.Marshal(a.Analysis)
	if err != nil {
		return 0, err
	}
	var dup, story any
	if a.DuplicateOf != 0 {
		dup = a.DuplicateOf
	}
	if a.StoryID != 0 {
		story = a.StoryID
	}
	res, err := t.ExecContext(ctx, `
		INSERT INTO articles (content_hash, simhash, source, external_id, url, outlet, origin, title, text, raw,
			published, published_precision, lang, duplicate_of, story_id, analysis, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ContentHash, int64(a.SimHash), a.Source, a.ExternalID, a.URL, a.Outlet, a.Origin, a.Title, a.Text, a.Raw,
		formatTime(a.Published, a.PublishedPrecision), string(a.PublishedPrecision), a.Lang, dup, story, string(an),
		a.IngestedAt.UTC().Format(time.RFC3339))
	if err != nil {
		return 0, fmt.Errorf("insert article: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	t.unindexed = append(t.unindexed, id)
	bands := simhashBands(a.SimHash)
	if err := t.execRows(ctx, `INSERT OR IGNORE INTO article_bands (band, article_id) VALUES `, 2, ``, len(bands), rowsPerStatement,
		func(args []any, i int) []any { return append(args, bands[i], id) }); err != nil {
		return 0, err
	}
	if err := t.AddSource(ctx, a.Source, id); err != nil {
		return 0, err
	}
	return id, nil
}

const articleColumns = `id, content_hash, simhash, source, external_id, url, outlet, origin, title, text, raw,
	published, published_precision, lang, COALESCE(duplicate_of, 0), COALESCE(story_id, 0), analysis, ingested_at`

func scanArticle(sc interface{ Scan(...any) error }) (*StoredArticle, error) {
	var a StoredArticle
	var sim int64
	var published, prec, analysis, ingested string
	err := sc.Scan(&a.ID, &a.ContentHash, &sim, &a.Source, &a.ExternalID, &a.URL, &a.Outlet, &a.Origin, &a.Title,
		&a.Text, &a.Raw, &published, &prec, &a.Lang, &a.DuplicateOf, &a.StoryID, &analysis, &ingested)
	if err != nil {
		return nil, err
	}
	a.SimHash = uint64(sim)
	a.PublishedPrecision = model.Precision(prec)
	a.Published = parseTime(published)
	a.IngestedAt, _ = time.Parse(time.RFC3339, ingested)
	if err := json.Unmarshal([]byte(analysis), &a.Analysis); err != nil {
		return nil, fmt.Errorf("article %d: bad stored analysis: %w", a.ID, err)
	}
	return &a, nil
}

// Article returns one article, or nil when there is none with that id.
func (s *Store) Article(ctx context.Context, id int64) (*StoredArticle, error) {
	a, err := scanArticle(s.read.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return a, err
}

// Articles returns all articles in id order, optionally of one story.
func (s *Store) Articles(ctx context.Context, storyID int64) ([]*StoredArticle, error) {
	q := `SELECT ` + articleColumns + ` FROM articles`
	var args []any
	if storyID != 0 {
		q += ` WHERE story_id = ?`
		args = append(args, storyID)
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*StoredArticle
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ArticleOrigins maps article ids to their independent-source keys.
func (t *Tx) ArticleOrigins(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		var o string
		if err := t.QueryRowContext(ctx, `SELECT origin FROM articles WHERE id = ?`, id).Scan(&o); err != nil {
			return nil, err
		}
		out[id] = o
	}
	return out, nil
}

// CountArticles returns how many articles are stored.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n)
	return n, err
}

func scanID(row *sql.Row) (int64, error) {
	var id int64
	err := row.Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// formatTime stores times as ISO 8601 at their precision, so that string
// order is date order and a day-precision date never pretends to a time.
func formatTime(t time.Time, p model.Precision) string {
	if p == model.PrecisionMinute {
		return t.UTC().Format(time.RFC3339)
	}
	return model.FormatDate(t, p)
}

func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339, "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
