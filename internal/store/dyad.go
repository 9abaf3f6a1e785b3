package store

import (
	"context"
	"strings"
)

// DyadQuery asks for the conflict–cooperation series of two actors.
type DyadQuery struct {
	// A and B are the names each side goes by (an entity's name and its
	// aliases); a participant matches a side when it contains one of them,
	// ignoring case.
	A, B     []string
	Story    int64
	From, To string // ISO days, inclusive; "" for open
	// Score weighs an event type from -10 (conflict) to +10 (cooperation);
	// events of a type without a weight are left out.
	Score func(eventType string) (float64, bool)
}

// DyadPoint sums one day's events between the two actors.
type DyadPoint struct {
	Date        string  `json:"date"`
	Score       float64 `json:"score"`
	Conflict    float64 `json:"conflict"`    // sum of the negative scores
	Cooperation float64 `json:"cooperation"` // sum of the positive scores
	Events      []int64 `json:"events"`
}

// Dyad returns the daily sums of the scores of day-dated events in which
// one side acts and the other is acted on or acts alongside, in date
// order. Days without such events are absent.
func (s *Store) Dyad(ctx context.Context, q DyadQuery) ([]DyadPoint, error) {
	a, b := lowerNames(q.A), lowerNames(q.B)
	if len(a) == 0 || len(b) == 0 || q.Score == nil {
		return []DyadPoint{}, nil
	}
	where := []string{"precision = 'day'", "date != ''"}
	var args []any
	if q.Story != 0 {
		where = append(where, "story_id = ?")
		args = append(args, q.Story)
	}
	if q.From != "" {
		where = append(where, "date >= ?")
		args = append(args, q.From)
	}
	if q.To != "" {
		where = append(where, "date <= ?")
		args = append(args, q.To)
	}
	// A cheap filter in SQL: some participant mentions each side.
	for _, side := range [][]string{a, b} {
		var any []string
		for _, name := range side {
			any = append(any, `(actors || targets) LIKE ? ESCAPE '\'`)
			args = append(args, "%"+likeEscape(name)+"%")
		}
		where = append(where, "("+strings.Join(any, " OR ")+")")
	}
	events, err := queryEvents(ctx, s.read, `SELECT `+eventColumns+` FROM events WHERE `+strings.Join(where, " AND ")+
		` ORDER BY date, id`, args...)
	if err != nil {
		return nil, err
	}
	out := []DyadPoint{}
	for _, e := range events {
		score, ok := q.Score(e.Type)
		if !ok || !betweenSides(e, a, b) {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Date != e.Date {
			out = append(out, DyadPoint{Date: e.Date, Events: []int64{}})
		}
		p := &out[len(out)-1]
		p.Score += score
		if score < 0 {
			p.Conflict += score
		} else {
			p.Cooperation += score
		}
		p.Events = append(p.Events, e.ID)
	}
	return out, nil
}

func lowerNames(names []string) []string {
	var out []string
	for _, n := range names {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// betweenSides reports whether one side acts on the other, or both act
// together, with each side matched by a different participant.
func betweenSides(e Event, a, b []string) bool {
	matches := func(p string, side []string) bool {
		p = strings.ToLower(p)
		for _, n := range side {
			if strings.Contains(p, n) {
				return true
			}
		}
		return false
	}
	parts := append(append([]string{}, e.Actors...), e.Targets...)
	actors := len(e.Actors)
	for i, p := range parts {
		for j, r := range parts {
			// One side must act; a pair of targets only is not an
			// interaction. One actor naming both sides ("A and B") is the
			// two acting together.
			if (i != j || i < actors) && (i < actors || j < actors) && matches(p, a) && matches(r, b) {
				return true
			}
		}
	}
	return false
}
