package store

import (
	"context"
	"math"
	"sort"
	"strings"
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

// StoryTermWeights returns, for each story holding any of terms whose
// latest report is dated on or after since (an ISO date; "" for any, and
// stories of unknown date always qualify), the weights of those terms in
// its centroid, and each such story's norm and publication span.
func (t *Tx) StoryTermWeights(ctx context.Context, terms []string, since string) (map[int64]map[string]float64, map[int64]Story, error) {
	weights := map[int64]map[string]float64{}
	stories := map[int64]Story{}
	for start := 0; start < len(terms); start += 500 {
		chunk := terms[start:min(start+500, len(terms))]
		args := make([]any, 0, len(chunk)+1)
		for _, term := range chunk {
			args = append(args, term)
		}
		args = append(args, since)
		rows, err := t.QueryContext(ctx, `
			SELECT st.term, st.story_id, st.weight, s.norm, s.articles, s.first_published, s.last_published
			FROM story_terms st JOIN stories s ON s.id = st.story_id
			WHERE st.term IN (`+placeholders(len(chunk))+`) AND (s.last_published = '' OR s.last_published >= ?)`, args...)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var term string
			var w float64
			var s Story
			if err := rows.Scan(&term, &s.ID, &w, &s.Norm, &s.Count, &s.FirstPublished, &s.LastPublished); err != nil {
				rows.Close()
				return nil, nil, err
			}
			if weights[s.ID] == nil {
				weights[s.ID] = map[string]float64{}
				stories[s.ID] = s
			}
			weights[s.ID][term] = w
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return weights, stories, nil
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

// termRows is how many story terms one statement upserts.
const termRows = 100

// AddToStory adds an article's term weights to a story's centroid and
// updates its norm, size and date span. old holds the story's current
// weights for the article's terms (absent = 0).
func (t *Tx) AddToStory(ctx context.Context, storyID int64, vec, old map[string]float64, oldNorm float64, published string) error {
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
	for start := 0; start < len(terms); start += termRows {
		chunk := terms[start:min(start+termRows, len(terms))]
		args := make([]any, 0, 3*len(chunk))
		for _, term := range chunk {
			args = append(args, term, storyID, vec[term])
		}
		q := `INSERT INTO story_terms (term, story_id, weight) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(chunk)), ", ") +
			` ON CONFLICT (term, story_id) DO UPDATE SET weight = weight + excluded.weight`
		if _, err := t.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	norm := 0.0
	if sq > 0 {
		norm = math.Sqrt(sq)
	}
	_, err := t.ExecContext(ctx, `
		UPDATE stories SET norm = ?, articles = articles + 1, updated_at = ?,
			first_published = CASE WHEN ? != '' AND (first_published = '' OR ? < first_published) THEN ? ELSE first_published END,
			last_published  = CASE WHEN ? > last_published THEN ? ELSE last_published END
		WHERE id = ?`,
		norm, time.Now().UTC().Format(time.RFC3339), published, published, published, published, published, storyID)
	return err
}

// Stories lists stories by latest activity with their articles, outlets
// and languages.
func (s *Store) Stories(ctx context.Context) ([]Story, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, first_published, last_published, articles FROM stories ORDER BY last_published DESC, id`)
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
	rows, err = s.db.QueryContext(ctx, `SELECT id, story_id, lang, outlet FROM articles WHERE story_id IS NOT NULL ORDER BY id`)
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
