package store

import (
	"context"
	"math"
	"sort"
	"time"
)

// Story is a group of reports about one developing story.
type Story struct {
	ID             int64    `json:"id"`
	Title          string   `json:"title"`
	Articles       []int64  `json:"articles"`
	Languages      []string `json:"languages"`
	FirstPublished string   `json:"first_published"`
	LastPublished  string   `json:"last_published"`
	Outlets        []string `json:"-"`
	Norm           float64  `json:"-"`
	Count          int      `json:"-"`
}

// ActiveStories returns the stories whose span reaches into since..until
// (ISO dates; "" leaves that end open), and those of unknown date, with
// their size, norm and span but without articles.
func (t *Tx) ActiveStories(ctx context.Context, since, until string) ([]Story, error) {
	rows, err := t.QueryContext(ctx, `SELECT id, norm, articles, first_published, last_published FROM stories
		WHERE last_published = '' OR (last_published >= ?1 AND (?2 = '' OR first_published <= ?2)) ORDER BY id`, since, until)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Story
	for rows.Next() {
		var s Story
		if err := rows.Scan(&s.ID, &s.Norm, &s.Count, &s.FirstPublished, &s.LastPublished); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// StoryCentroid returns every term weight of a story's centroid.
func (t *Tx) StoryCentroid(ctx context.Context, storyID int64) (map[string]float64, error) {
	rows, err := t.QueryContext(ctx, `SELECT term, weight FROM story_terms WHERE story_id = ?`, storyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var term string
		var w float64
		if err := rows.Scan(&term, &w); err != nil {
			return nil, err
		}
		out[term] = w
	}
	return out, rows.Err()
}

// InsertStory creates an empty story.
func (t *Tx) InsertStory(ctx context.Context, title string) (int64, error) {
	now := time.Now().UTC().Format(time.RFC3339)
	res, err := t.ExecContext(ctx, `INSERT INTO stories (title, created_at, updated_at) VALUES (?, ?, ?)`, title, now, now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// AddToStory adds an article's term weights to a story's centroid and
// updates its norm, size and date span, returning the story as it now
// stands. old holds the story's current weights for the article's terms
// (absent = 0).
func (t *Tx) AddToStory(ctx context.Context, storyID int64, vec, old map[string]float64, oldNorm float64, published string) (Story, error) {
	sq := oldNorm * oldNorm
	terms := make([]string, 0, len(vec))
	for term, w := range vec {
		prev := old[term]
		sq += (prev+w)*(prev+w) - prev*prev
		terms = append(terms, term)
	}
	// Sorted, so that the statement text repeats and its prepared form is
	// reused; many rows per statement keep a long article cheap.
	sort.Strings(terms)
	err := t.execRows(ctx, `INSERT INTO story_terms (term, story_id, weight) VALUES `, 3,
		` ON CONFLICT (story_id, term) DO UPDATE SET weight = weight + excluded.weight`,
		len(terms), rowsPerStatement, func(args []any, i int) []any { return append(args, terms[i], storyID, vec[terms[i]]) })
	if err != nil {
		return Story{}, err
	}
	norm := 0.0
	if sq > 0 {
		norm = math.Sqrt(sq)
	}
	st := Story{ID: storyID}
	err = t.QueryRowContext(ctx, `
		UPDATE stories SET norm = ?, articles = articles + 1, updated_at = ?,
			first_published = CASE WHEN ? != '' AND (first_published = '' OR ? < first_published) THEN ? ELSE first_published END,
			last_published  = CASE WHEN ? > last_published THEN ? ELSE last_published END
		WHERE id = ?
		RETURNING norm, articles, first_published, last_published`,
		norm, time.Now().UTC().Format(time.RFC3339), published, published, published, published, published, storyID).
		Scan(&st.Norm, &st.Count, &st.FirstPublished, &st.LastPublished)
	return st, err
}

// Stories lists stories by latest activity with their articles, outlets
// and languages.
func (s *Store) Stories(ctx context.Context) ([]Story, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, title, first_published, last_published, articles FROM stories ORDER BY last_published DESC, id`)
	if err != nil {
		return nil, err
	}
	var out []Story
	index := map[int64]int{}
	for rows.Next() {
		var st Story
		if err := rows.Scan(&st.ID, &st.Title, &st.FirstPublished, &st.LastPublished, &st.Count); err != nil {
			rows.Close()
			return nil, err
		}
		st.Articles, st.Languages, st.Outlets = []int64{}, []string{}, []string{}
		index[st.ID] = len(out)
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.read.QueryContext(ctx, `SELECT id, story_id, lang, outlet FROM articles WHERE story_id IS NOT NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, sid int64
		var lang, outlet string
		if err := rows.Scan(&id, &sid, &lang, &outlet); err != nil {
			return nil, err
		}
		i, ok := index[sid]
		if !ok {
			continue
		}
		st := &out[i]
		st.Articles = append(st.Articles, id)
		st.Languages = appendUnique(st.Languages, lang)
		if outlet != "" {
			st.Outlets = appendUnique(st.Outlets, outlet)
		}
	}
	return out, rows.Err()
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
