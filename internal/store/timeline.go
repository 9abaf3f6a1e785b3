package store

import (
	"context"
	"encoding/json"

	"github.com/storyline/storyline/internal/model"
)

// DateMention is one temporal expression in a stored report, with the
// sentence around it: what date selection counts besides merged events.
type DateMention struct {
	Article int64
	Origin  string
	// Published is the report's publication date at its precision.
	Published string
	// Value is the expression's TIMEX3 value ("2010-04-20", "2010-04").
	Value    string
	Sentence Evidence
}

// DateMentions lists the DATE and TIME expressions of a story's reports
// (storyID 0: all reports), in article order. Near-duplicates are left out:
// a copy adds no independent evidence for a date.
func (s *Store) DateMentions(ctx context.Context, storyID int64) ([]DateMention, error) {
	q := `SELECT id, origin, outlet, published, published_precision, text, analysis FROM articles WHERE duplicate_of IS NULL`
	var args []any
	if storyID != 0 {
		q += ` AND story_id = ?`
		args = append(args, storyID)
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DateMention
	for rows.Next() {
		var id int64
		var origin, outlet, published, precision, text, analysis string
		if err := rows.Scan(&id, &origin, &outlet, &published, &precision, &text, &analysis); err != nil {
			return nil, err
		}
		// Only the parts needed here: decoding the whole analysis would
		// cost most of the query.
		var an struct {
			Sentences []model.Sentence `json:"sentences"`
			Timexes   []model.Timex    `json:"timexes"`
		}
		if err := json.Unmarshal([]byte(analysis), &an); err != nil {
			return nil, err
		}
		pub := model.FormatDate(parseTime(published), model.Precision(precision))
		si := 0
		for _, tx := range an.Timexes {
			if tx.Type != model.DATE && tx.Type != model.TIME {
				continue
			}
			for si < len(an.Sentences) && an.Sentences[si].End <= tx.Start {
				si++
			}
			ev := Evidence{Article: id, Start: tx.Start, End: tx.End, Outlet: outlet, Origin: origin}
			if si < len(an.Sentences) && an.Sentences[si].Start <= tx.Start {
				ev.Start, ev.End = an.Sentences[si].Start, an.Sentences[si].End
			}
			if ev.Start < 0 || ev.End > len(text) || ev.Start > ev.End {
				continue // an analysis out of step with its text; nothing to quote
			}
			ev.Text = text[ev.Start:ev.End]
			out = append(out, DateMention{Article: id, Origin: origin, Published: pub, Value: tx.Value, Sentence: ev})
		}
	}
	return out, rows.Err()
}
