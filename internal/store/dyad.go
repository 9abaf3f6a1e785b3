package store

import (
	"context"
	"slices"
	"strings"
)

// DyadQuery asks for the conflict–cooperation series of two actors.
type DyadQuery struct {
	// A and B are the names each side goes by (an entity's name and its
	// aliases); a participant matches a side when it contains one of them,
	// ignoring case.
	A, B []string
	// AEntities and BEntities are the entities each side is, when known,
	// with the others of their names (the tagger may type one name two
	// ways: a person in one report, a place in the next). An event then
	// counts only when it mentions one of them, and the
	// series is found through those entities' events instead of by
	// reading every event. Matching by name alone also takes "us" in
	// "Russia"; matching the entity does not.
	AEntities, BEntities []int64
	Story                int64
	From, To             string // ISO days, inclusive; "" for open
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
	var err error
	if q.AEntities, err = s.namesakes(ctx, q.AEntities); err != nil {
		return nil, err
	}
	if q.BEntities, err = s.namesakes(ctx, q.BEntities); err != nil {
		return nil, err
	}
	if q.Story == 0 && len(q.AEntities) > 0 && len(q.BEntities) > 0 {
		// The pair's events are found by walking the day-dated events of
		// the side mentioned least and looking each up in the other's.
		if q, err = s.leastMentionedFirst(ctx, q); err != nil {
			return nil, err
		}
	}
	query, args := dyadSQL(q, a, b)
	events, err := queryEvents(ctx, s.read, query, args...)
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

// dyadSQL selects the candidate events of a dyad: day-dated, in the
// story and dates asked for, mentioning each side's entities or, for a side
// known only by name, naming it among the participants. Across all stories
// with both sides' entities known, it starts from A's entities' events.
func dyadSQL(q DyadQuery, a, b []string) (string, []any) {
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
	if q.Story == 0 && len(q.AEntities) > 0 && len(q.BEntities) > 0 {
		pair := `SELECT ea.event_id FROM event_entities ea JOIN event_entities eb
			ON eb.entity_id IN (` + placeholders(len(q.BEntities)) + `) AND eb.undated = 0 AND eb.event_date = ea.event_date AND eb.event_id = ea.event_id
			WHERE ea.entity_id IN (` + placeholders(len(q.AEntities)) + `) AND ea.undated = 0 AND length(ea.event_date) = 10`
		args = append(append(args, int64Args(q.BEntities)...), int64Args(q.AEntities)...)
		if q.From != "" {
			pair += " AND ea.event_date >= ?"
			args = append(args, q.From)
		}
		if q.To != "" {
			pair += " AND ea.event_date <= ?"
			args = append(args, q.To)
		}
		where = append(where, "id IN ("+pair+")")
	} else {
		for _, side := range []struct {
			names    []string
			entities []int64
		}{{a, q.AEntities}, {b, q.BEntities}} {
			if len(side.entities) > 0 {
				where = append(where, `EXISTS (SELECT 1 FROM event_entities x WHERE x.entity_id IN (`+placeholders(len(side.entities))+
					`) AND x.undated = 0 AND x.event_date = events.date AND x.event_id = events.id)`)
				args = append(args, int64Args(side.entities)...)
				continue
			}
			// A cheap filter in SQL: some participant mentions the side.
			var either []string
			for _, name := range side.names {
				either = append(either, `(actors || targets) LIKE ? ESCAPE '\'`)
				args = append(args, "%"+likeEscape(name)+"%")
			}
			where = append(where, "("+strings.Join(either, " OR ")+")")
		}
	}
	return `SELECT ` + eventColumns + ` FROM events WHERE ` + strings.Join(where, " AND ") + ` ORDER BY date, id`, args
}

// namesakes returns ids with the entities that share a key with one of
// them.
func (s *Store) namesakes(ctx context.Context, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	same, err := queryColumn[int64](ctx, s.read, `SELECT id FROM entities WHERE key IN (SELECT key FROM entities WHERE id IN (`+placeholders(len(ids))+`))`,
		int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	out := append(slices.Clone(ids), same...)
	slices.Sort(out)
	return slices.Compact(out), nil
}

// leastMentionedFirst swaps the entities of the sides of q, so that A's
// are mentioned least; the names stay, since the series is the same
// either way.
func (s *Store) leastMentionedFirst(ctx context.Context, q DyadQuery) (DyadQuery, error) {
	var mentions [2]int64
	for i, ids := range [][]int64{q.AEntities, q.BEntities} {
		err := s.read.QueryRowContext(ctx, `SELECT COALESCE(SUM(mentions), 0) FROM entities WHERE id IN (`+placeholders(len(ids))+`)`,
			int64Args(ids)...).Scan(&mentions[i])
		if err != nil {
			return q, err
		}
	}
	if mentions[1] < mentions[0] {
		q.AEntities, q.BEntities = q.BEntities, q.AEntities
	}
	return q, nil
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

// Names are what an entity goes by: its name and its aliases.
func (e *Entity) Names() []string {
	return append([]string{e.Name}, e.Aliases...)
}

// The main pair of a story is chosen among its pairCandidates most
// mentioned entities, from its first pairEvents dated events.
const (
	pairCandidates = 8
	pairEvents     = 500
)

// StoryMainPair is the main pair of a story's actors (see MainPair), for
// its conflict–cooperation series; nil when no pair has scored events.
func (s *Store) StoryMainPair(ctx context.Context, storyID int64, score func(eventType string) (float64, bool)) (a, b *Entity, err error) {
	events, err := s.Events(ctx, EventFilter{Story: storyID, DatedOnly: true, Limit: pairEvents, WithoutEvidence: true})
	if err != nil {
		return nil, nil, err
	}
	candidates, err := s.EntityList(ctx, EntityFilter{Story: storyID, Limit: pairCandidates})
	if err != nil {
		return nil, nil, err
	}
	a, b = MainPair(events, candidates, score)
	return a, b, nil
}

// MainPair is the two entities, among the candidates, that most events of
// a type score weighs name on opposite sides (one among the actors, the
// other among the targets) or together as actors; ties go to the earlier
// candidates.
func MainPair(events []Event, candidates []Entity, score func(eventType string) (float64, bool)) (a, b *Entity) {
	lowered := make([][]string, len(candidates))
	for i := range candidates {
		for _, n := range candidates[i].Names() {
			lowered[i] = append(lowered[i], strings.ToLower(n))
		}
	}
	// named returns the candidates some participant's name contains.
	named := func(participants []string) []int {
		var out []int
		for i, ns := range lowered {
			if slices.ContainsFunc(participants, func(p string) bool {
				p = strings.ToLower(p)
				return slices.ContainsFunc(ns, func(n string) bool { return strings.Contains(p, n) })
			}) {
				out = append(out, i)
			}
		}
		return out
	}
	n := len(candidates)
	counts := make([]int, n*n)
	for _, e := range events {
		if _, ok := score(e.Type); !ok {
			continue
		}
		actors, targets := named(e.Actors), named(e.Targets)
		sides := append(slices.Clone(actors), targets...)
		for _, i := range actors {
			for _, j := range sides {
				if i != j {
					counts[min(i, j)*n+max(i, j)]++
				}
			}
		}
	}
	best := 0
	for k, c := range counts {
		if c > best {
			best, a, b = c, &candidates[k/n], &candidates[k%n]
		}
	}
	return a, b
}
