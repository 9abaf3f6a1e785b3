package store

import (
	"context"
	"strings"
)

// Quote is a stored direct quotation.
type Quote struct {
	ID            int64  `json:"id"`
	Article       int64  `json:"article"`
	Speaker       string `json:"speaker"`
	SpeakerEntity *int64 `json:"speaker_entity"`
	Text          string `json:"text"`
	Start         int    `json:"start"`
	End           int    `json:"end"`
	Date          string `json:"date"`
	SpeakerStart  int    `json:"-"`
	SpeakerEnd    int    `json:"-"`
	Outlet        string `json:"-"`
	Lang          string `json:"-"` // the report's language
}

// InsertQuote stores a quote; Date is the article's publication date, the
// best a quote's own date is known for now.
func (t *Tx) InsertQuote(ctx context.Context, q *Quote) error {
	_, err := t.ExecContext(ctx, `
		INSERT INTO quotes (article_id, start, end, text, speaker, speaker_entity_id, speaker_start, speaker_end, date)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		q.Article, q.Start, q.End, q.Text, q.Speaker, q.SpeakerEntity, q.SpeakerStart, q.SpeakerEnd, q.Date)
	return err
}

// QuoteFilter selects quotes.
type QuoteFilter struct {
	Story   int64
	Speaker string // case-insensitive substring of the speaker's name
	// SpeakerEntity keeps the quotes of one resolved speaker.
	SpeakerEntity int64
	// Limit > 0 returns at most Limit quotes, after skipping Offset.
	Limit, Offset int
}

// Quotes lists quotes in article and text order.
func (s *Store) Quotes(ctx context.Context, f QuoteFilter) ([]Quote, error) {
	q := `SELECT q.id, q.article_id, q.speaker, q.speaker_entity_id, q.text, q.start, q.end, q.date, q.speaker_start, q.speaker_end, a.outlet, a.lang
		FROM quotes q JOIN articles a ON a.id = q.article_id`
	var where []string
	var args []any
	if f.Story != 0 {
		where = append(where, "a.story_id = ?")
		args = append(args, f.Story)
	}
	if f.Speaker != "" {
		where = append(where, `q.speaker LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(f.Speaker)+"%")
	}
	if f.SpeakerEntity != 0 {
		where = append(where, "q.speaker_entity_id = ?")
		args = append(args, f.SpeakerEntity)
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q, args = paged(q+` ORDER BY q.article_id, q.start`, args, f.Limit, f.Offset)
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Quote
	for rows.Next() {
		var x Quote
		if err := rows.Scan(&x.ID, &x.Article, &x.Speaker, &x.SpeakerEntity, &x.Text, &x.Start, &x.End, &x.Date, &x.SpeakerStart, &x.SpeakerEnd, &x.Outlet, &x.Lang); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
