package store

import (
	"cmp"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
)

// Evidence locates a sentence that supports a record.
type Evidence struct {
	Article int64  `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	// Outlet, Origin and Lang tell readers where the evidence comes from
	// and in what language; they are not part of the storyline/v1 export
	// contract.
	Outlet string `json:"-"`
	Origin string `json:"-"`
	Lang   string `json:"-"`
	// Figures are the counts of an event's dead, wounded or arrested that
	// the sentence gives (events only).
	Figures []model.Figure `json:"figures,omitempty"`
}

// Event is one event merged across reports.
type Event struct {
	ID                 int64           `json:"id"`
	Story              int64           `json:"story"`
	Date               string          `json:"date"`
	Precision          model.Precision `json:"precision"`
	Type               string          `json:"type"`
	Summary            string          `json:"summary"`
	Actors             []string        `json:"actors"`
	Targets            []string        `json:"targets"`
	Place              string          `json:"place"`
	Evidence           []Evidence      `json:"evidence"`
	IndependentSources int             `json:"independent_sources"`
	// FigureDisputes names the kinds of figure ("killed") on which the
	// evidence disagrees: counts no single number satisfies.
	FigureDisputes []string  `json:"figure_disputes,omitempty"`
	FirstSeen      time.Time `json:"-"`
}

// EventsAfter returns a story's events with ids above afterID, without
// evidence, for a linker keeping them in memory.
func (t *Tx) EventsAfter(ctx context.Context, storyID, afterID int64) ([]Event, error) {
	return queryEvents(ctx, t, `SELECT `+eventColumns+` FROM events WHERE story_id = ? AND id > ? ORDER BY id`, storyID, afterID)
}

const eventColumns = `id, COALESCE(story_id, 0), date, precision, type, summary, actors, targets, place, independent_sources, first_seen`

func queryEvents(ctx context.Context, q queryer, query string, args ...any) ([]Event, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var actors, targets, prec, first string
		if err := rows.Scan(&e.ID, &e.Story, &e.Date, &prec, &e.Type, &e.Summary, &actors, &targets, &e.Place, &e.IndependentSources, &first); err != nil {
			return nil, err
		}
		e.Precision = model.Precision(prec)
		_ = json.Unmarshal([]byte(actors), &e.Actors)
		_ = json.Unmarshal([]byte(targets), &e.Targets)
		e.FirstSeen, _ = time.Parse(time.RFC3339, first)
		out = append(out, e)
	}
	return out, rows.Err()
}

func jsonList(xs []string) string {
	if xs == nil {
		xs = []string{}
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

// ReserveEventID returns an id for an event this transaction will create
// with InsertEvents.
func (t *Tx) ReserveEventID(ctx context.Context) (int64, error) {
	return t.reserveID(ctx, "events")
}

// InsertEvents creates events under reserved ids.
func (t *Tx) InsertEvents(ctx context.Context, events []*Event) error {
	return t.execRows(ctx, `INSERT INTO events (id, story_id, date, precision, type, summary, actors, targets, place, independent_sources, first_seen) VALUES `,
		11, ``, len(events), rowsPerStatement, func(args []any, i int) []any {
			e := events[i]
			return append(args, e.ID, e.Story, e.Date, string(e.Precision), e.Type, e.Summary, jsonList(e.Actors), jsonList(e.Targets), e.Place,
				e.IndependentSources, e.FirstSeen.UTC().Format(time.RFC3339))
		})
}

// UpdateEventArguments replaces an event's actors, targets and place after
// a merge.
func (t *Tx) UpdateEventArguments(ctx context.Context, e *Event) error {
	_, err := t.ExecContext(ctx, `UPDATE events SET actors = ?, targets = ?, place = ? WHERE id = ?`,
		jsonList(e.Actors), jsonList(e.Targets), e.Place, e.ID)
	return err
}

// EventMention is one report's sentence attached to an event, to be
// stored under an id from ReserveEventMentionID.
type EventMention struct {
	ID, EventID, ArticleID int64
	Start, End             int
	Text, Trigger          string
	Figures                []model.Figure
}

// ReserveEventMentionID returns an id for an event mention this
// transaction will store with InsertEventMentions.
func (t *Tx) ReserveEventMentionID(ctx context.Context) (int64, error) {
	return t.reserveID(ctx, "event_mentions")
}

// InsertEventMentions attaches reports' sentences to events.
func (t *Tx) InsertEventMentions(ctx context.Context, mentions []EventMention) error {
	return t.execRows(ctx, `INSERT INTO event_mentions (id, event_id, article_id, start, end, text, trigger, figures) VALUES `, 8, ``,
		len(mentions), rowsPerStatement, func(args []any, i int) []any {
			m := mentions[i]
			return append(args, m.ID, m.EventID, m.ArticleID, m.Start, m.End, m.Text, m.Trigger, jsonFigures(m.Figures))
		})
}

func jsonFigures(fs []model.Figure) string {
	if len(fs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(fs)
	return string(b)
}

// EventOrigins returns the distinct origins of an event's evidence: how
// many there are is its number of independent sources.
func (t *Tx) EventOrigins(ctx context.Context, eventID int64) ([]string, error) {
	return queryColumn[string](ctx, t, `
		SELECT DISTINCT a.origin FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?`, eventID)
}

// SetEventSources sets an event's number of independent sources.
func (t *Tx) SetEventSources(ctx context.Context, eventID int64, n int) error {
	_, err := t.ExecContext(ctx, `UPDATE events SET independent_sources = ? WHERE id = ?`, n, eventID)
	return err
}

// StoryEventMention is an event mention with what claim linking needs.
type StoryEventMention struct {
	ID           int64
	EventID      int64
	ArticleID    int64
	Start        int
	End          int
	Text         string
	Lang         string
	PublishedDay string // the article's publication date, "" if unknown
}

// EventMentionsAfter lists the mentions of a story's dated events with
// ids above afterID, for a linker keeping them in memory. The unary +
// keeps SQLite on the id range rather than on the story's whole history.
func (t *Tx) EventMentionsAfter(ctx context.Context, storyID, afterID int64) ([]StoryEventMention, error) {
	// Catching up reads the newest mentions by id; loading a story afresh
	// reads its events through the story index instead of every mention.
	where := `WHERE m.id > ? AND +e.story_id = ?`
	if afterID == 0 {
		where = `WHERE +m.id > ? AND e.story_id = ?`
	}
	rows, err := t.QueryContext(ctx, `
		SELECT m.id, m.event_id, m.article_id, m.start, m.end, m.text, a.lang, substr(a.published, 1, 10)
		FROM event_mentions m JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = m.article_id
		`+where+` AND e.date != '' ORDER BY m.id`,
		afterID, storyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoryEventMention
	for rows.Next() {
		var m StoryEventMention
		if err := rows.Scan(&m.ID, &m.EventID, &m.ArticleID, &m.Start, &m.End, &m.Text, &m.Lang, &m.PublishedDay); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// EventFilter selects events for timelines.
type EventFilter struct {
	Story        int64
	Since, Until string // ISO dates, inclusive; "" for open
	DatedOnly    bool
	Types        []string // PLOVER types; empty for all
	// Actor is a case-insensitive part of an actor's or target's name.
	Actor string
	// Entity keeps events with a sentence that mentions this entity.
	Entity int64
	// Lang keeps events reported in this language.
	Lang       string
	MinSources int
	// Limit > 0 returns at most Limit events, after skipping Offset.
	Limit, Offset int
	// WithoutEvidence leaves out the sentences behind each event, for
	// callers that only weigh the events.
	WithoutEvidence bool
}

// Events returns merged events with their evidence, in date order.
func (s *Store) Events(ctx context.Context, f EventFilter) ([]Event, error) {
	q, args := f.query()
	events, err := queryEvents(ctx, s.read, q, args...)
	if err != nil || f.WithoutEvidence {
		return events, err
	}
	return events, s.attachEventEvidence(ctx, events)
}

// query selects the events of the filter, in timeline order.
func (f EventFilter) query() (string, []any) {
	from, where, args := f.source()
	q := `SELECT ` + eventColumns + ` FROM ` + from
	// Undated events last; the expression matches events_dated_order.
	order := ` ORDER BY date = '', date, id`
	if f.Entity != 0 {
		order = ` ORDER BY ee.undated, ee.event_date, ee.event_id`
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return paged(q+order, args, f.Limit, f.Offset)
}

// source is the filter as the tables to read events from and conditions
// on them. An entity's events are read through event_entities, which
// holds them in timeline order (as ee, with its event_date): its dates
// are conditions on that key, so a date range is one range of it.
func (f EventFilter) source() (from string, where []string, args []any) {
	if f.Entity == 0 {
		where, args = f.where("date")
		return "events", where, args
	}
	where, args = f.where("ee.event_date")
	if f.DatedOnly || f.Since != "" || f.Until != "" {
		where = append([]string{"ee.undated = 0"}, where...)
	}
	return "event_entities ee JOIN events ON events.id = ee.event_id",
		append([]string{"ee.entity_id = ?"}, where...), append([]any{f.Entity}, args...)
}

// where is the filter, but for its entity, as SQL conditions on the
// events table, with date the column that holds an event's date.
func (f EventFilter) where(date string) ([]string, []any) {
	var where []string
	var args []any
	if f.Story != 0 {
		where = append(where, "story_id = ?")
		args = append(args, f.Story)
	}
	if f.DatedOnly {
		where = append(where, date+" != ''")
	}
	if f.Since != "" {
		// Month and year dates ("2026-01", "2026") sort before "2026-01-05"; keep
		// them when they overlap the range. The first condition lets SQLite
		// use the date index.
		where = append(where, date+" >= ? AND ("+date+" >= ? OR substr(?, 1, length("+date+")) = "+date+")")
		args = append(args, truncateTo(f.Since, 4), f.Since, f.Since)
	}
	if f.Until != "" {
		where = append(where, date+" != '' AND "+date+" <= ?")
		args = append(args, f.Until+"~")
	}
	if len(f.Types) > 0 {
		where = append(where, "type IN ("+placeholders(len(f.Types))+")")
		for _, t := range f.Types {
			args = append(args, t)
		}
	}
	if f.Actor != "" {
		where = append(where, `(actors LIKE ? ESCAPE '\' OR targets LIKE ? ESCAPE '\')`)
		pat := "%" + likeEscape(f.Actor) + "%"
		args = append(args, pat, pat)
	}
	if f.Lang != "" {
		where = append(where, `EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.id = m.article_id
			WHERE m.event_id = events.id AND a.lang = ?)`)
		args = append(args, f.Lang)
	}
	if f.MinSources > 0 {
		where = append(where, "independent_sources >= ?")
		args = append(args, f.MinSources)
	}
	return where, args
}

func truncateTo(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func (s *Store) attachEventEvidence(ctx context.Context, events []Event) error {
	if len(events) == 0 {
		return nil
	}
	index := make(map[int64]int, len(events))
	for i := range events {
		index[events[i].ID] = i
		events[i].Evidence = []Evidence{}
	}
	ids := make([]int64, len(events))
	for i := range events {
		ids[i] = events[i].ID
	}
	return inChunks(ids, func(chunk []int64) error {
		rows, err := s.read.QueryContext(ctx, `
			SELECT m.event_id, m.article_id, m.start, m.end, m.text, a.outlet, a.origin, a.lang, m.figures
			FROM event_mentions m JOIN articles a ON a.id = m.article_id
			WHERE m.event_id IN (`+placeholders(len(chunk))+`) ORDER BY m.event_id, m.id`, int64Args(chunk)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var ev Evidence
			var figures string
			if err := rows.Scan(&id, &ev.Article, &ev.Start, &ev.End, &ev.Text, &ev.Outlet, &ev.Origin, &ev.Lang, &figures); err != nil {
				return err
			}
			if figures != "[]" {
				_ = json.Unmarshal([]byte(figures), &ev.Figures)
			}
			i := index[id]
			events[i].Evidence = append(events[i].Evidence, ev)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range chunk {
			e := &events[index[id]]
			// Only a day pins one incident down: a month's or a year's
			// event gathers several, whose counts differ without dispute.
			if e.Precision == model.PrecisionDay {
				e.FigureDisputes = model.FigureDisputes(evidenceFigures(e.Evidence))
			}
		}
		return nil
	})
}

// evidenceFigures lists the figures of an event's evidence with the
// independent source of each.
func evidenceFigures(evidence []Evidence) []model.SourcedFigure {
	var out []model.SourcedFigure
	for _, ev := range evidence {
		source := cmp.Or(ev.Origin, ev.Outlet, strconv.FormatInt(ev.Article, 10))
		for _, f := range ev.Figures {
			out = append(out, model.SourcedFigure{Source: source, Figure: f})
		}
	}
	return out
}

// inChunks calls fn on slices of ids small enough for one IN (...) list.
func inChunks(ids []int64, fn func([]int64) error) error {
	const size = 500
	for len(ids) > 0 {
		n := min(size, len(ids))
		if err := fn(ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
