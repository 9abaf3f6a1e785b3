package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/storyline/storyline/internal/model"
)

// StoryFilter selects a page of stories, latest activity first.
type StoryFilter struct {
	Limit, Offset int
}

// StoriesPage lists stories by latest activity with their articles,
// outlets and languages, reading only the articles of the page's stories.
func (s *Store) StoriesPage(ctx context.Context, f StoryFilter) ([]Story, error) {
	q, args := paged(`SELECT id, title, first_published, last_published, articles FROM stories
		ORDER BY last_published DESC, id`, nil, f.Limit, f.Offset)
	return s.storiesWithMembers(ctx, q, args...)
}

// Story returns one story with its articles, outlets and languages, or nil.
func (s *Store) Story(ctx context.Context, id int64) (*Story, error) {
	out, err := s.storiesWithMembers(ctx, `SELECT id, title, first_published, last_published, articles FROM stories WHERE id = ?`, id)
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return &out[0], nil
}

func (s *Store) storiesWithMembers(ctx context.Context, q string, args ...any) ([]Story, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
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
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]int64, len(out))
	for i := range out {
		ids[i] = out[i].ID
	}
	err = inChunks(ids, func(chunk []int64) error {
		rows, err := s.read.QueryContext(ctx, `SELECT id, story_id, lang, outlet FROM articles
			WHERE story_id IN (`+placeholders(len(chunk))+`) ORDER BY id`, int64Args(chunk)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, sid int64
			var lang, outlet string
			if err := rows.Scan(&id, &sid, &lang, &outlet); err != nil {
				return err
			}
			st := &out[index[sid]]
			st.Articles = append(st.Articles, id)
			st.Languages = appendUnique(st.Languages, lang)
			if outlet != "" {
				st.Outlets = appendUnique(st.Outlets, outlet)
			}
		}
		return rows.Err()
	})
	return out, err
}

// EntityFilter selects entities, most mentioned first.
type EntityFilter struct {
	Story int64
	Type  string // PER, ORG, LOC or MISC; "" for all
	// Query is a case-insensitive part of the entity's name.
	Query         string
	Limit, Offset int
}

// EntityList lists entities with their reader-facing aliases. With a
// story, Mentions counts the mentions in that story's articles.
func (s *Store) EntityList(ctx context.Context, f EntityFilter) ([]Entity, error) {
	var where []string
	var args []any
	if f.Story != 0 {
		args = append(args, f.Story)
	}
	if f.Type != "" {
		where = append(where, "e.type = ?")
		args = append(args, f.Type)
	}
	if f.Query != "" {
		where = append(where, `e.name LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(f.Query)+"%")
	}
	cond := ""
	if len(where) > 0 {
		cond = " AND " + strings.Join(where, " AND ")
	}
	var out []Entity
	var err error
	if f.Story != 0 {
		q := `SELECT e.id, e.name, e.type, se.mentions FROM story_entities se JOIN entities e ON e.id = se.entity_id
			WHERE se.story_id = ?` + cond + ` ORDER BY 4 DESC, e.id`
		q, args = paged(q, args, f.Limit, f.Offset)
		out, err = s.queryEntities(ctx, nil, q, args...)
	} else {
		out, err = s.entitiesByMentions(ctx, cond, args, f.Limit, f.Offset)
	}
	if err != nil {
		return nil, err
	}
	return out, s.attachAliases(ctx, out)
}

// busyMentions is the mention count from which entities_busy indexes an
// entity; the two must agree.
const busyMentions = 20

var (
	busyEntity  = fmt.Sprintf(`e.mentions >= %d`, busyMentions)
	quietEntity = fmt.Sprintf(`e.mentions < %d`, busyMentions)
)

// entitiesByMentions pages through every entity meeting cond, most
// mentioned first. A page among the busy entities reads entities_busy
// alone; only pages past them scan the rest.
func (s *Store) entitiesByMentions(ctx context.Context, cond string, args []any, limit, offset int) ([]Entity, error) {
	const cols = `SELECT e.id, e.name, e.type, e.mentions FROM entities e WHERE `
	if limit <= 0 {
		return s.queryEntities(ctx, nil, cols+`1 = 1`+cond+` ORDER BY e.mentions DESC, e.id`, args...)
	}
	q, bargs := paged(cols+busyEntity+cond+` ORDER BY e.mentions DESC, e.id`, slices.Clone(args), limit, offset)
	out, err := s.queryEntities(ctx, nil, q, bargs...)
	if err != nil || len(out) == limit {
		return out, err
	}
	busy := offset + len(out)
	if len(out) == 0 {
		// The page starts past the busy entities: count them.
		if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM entities e WHERE `+busyEntity+cond, args...).Scan(&busy); err != nil {
			return nil, err
		}
	}
	q, rargs := paged(cols+quietEntity+cond+` ORDER BY e.mentions DESC, e.id`, slices.Clone(args), limit-len(out), max(offset-busy, 0))
	return s.queryEntities(ctx, out, q, rargs...)
}

// queryEntities appends the entities a query selects (id, name, type,
// mentions) to out.
func (s *Store) queryEntities(ctx context.Context, out []Entity, q string, args ...any) ([]Entity, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e Entity
		if err := rows.Scan(&e.ID, &e.Name, &e.Type, &e.Mentions); err != nil {
			return nil, err
		}
		e.Aliases = []string{}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EntityByID returns one entity with its aliases, or nil.
func (s *Store) EntityByID(ctx context.Context, id int64) (*Entity, error) {
	var e Entity
	err := s.read.QueryRowContext(ctx, `SELECT id, name, type, mentions FROM entities WHERE id = ?`, id).
		Scan(&e.ID, &e.Name, &e.Type, &e.Mentions)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	e.Aliases = []string{}
	out := []Entity{e}
	if err := s.attachAliases(ctx, out); err != nil {
		return nil, err
	}
	return &out[0], nil
}

// attachAliases reads the aliases of a page of entities in one query per
// chunk rather than one per entity.
func (s *Store) attachAliases(ctx context.Context, ents []Entity) error {
	index := make(map[int64]int, len(ents))
	ids := make([]int64, len(ents))
	for i := range ents {
		index[ents[i].ID] = i
		ids[i] = ents[i].ID
	}
	return inChunks(ids, func(chunk []int64) error {
		rows, err := s.read.QueryContext(ctx, `SELECT entity_id, alias FROM entity_aliases
			WHERE entity_id IN (`+placeholders(len(chunk))+`) ORDER BY entity_id, alias`, int64Args(chunk)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var alias string
			if err := rows.Scan(&id, &alias); err != nil {
				return err
			}
			if !strings.HasPrefix(alias, "key:") {
				e := &ents[index[id]]
				e.Aliases = append(e.Aliases, alias)
			}
		}
		return rows.Err()
	})
}

// EventByID returns one event with its evidence, or nil.
func (s *Store) EventByID(ctx context.Context, id int64) (*Event, error) {
	events, err := queryEvents(ctx, s.read, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id)
	if err != nil || len(events) == 0 {
		return nil, err
	}
	if err := s.attachEventEvidence(ctx, events); err != nil {
		return nil, err
	}
	return &events[0], nil
}

// ArticleSummary is an article without its text, in the shape of the
// storyline/v1 export: unknown values are null.
type ArticleSummary struct {
	ID                 int64   `json:"id"`
	Source             string  `json:"source"`
	URL                string  `json:"url"`
	Outlet             string  `json:"outlet"`
	Title              string  `json:"title"`
	Published          *string `json:"published"`
	PublishedPrecision *string `json:"published_precision"`
	Lang               string  `json:"lang"`
	Story              *int64  `json:"story"`
	DuplicateOf        *int64  `json:"duplicate_of"`
}

// ArticleFilter selects a page of articles, newest first.
type ArticleFilter struct {
	Story         int64
	Lang, Outlet  string
	Limit, Offset int
}

// articleSummaryColumns read articles aliased "a".
const articleSummaryColumns = `a.id, a.source, a.url, a.outlet, a.title, a.published, a.published_precision, a.lang,
	COALESCE(a.story_id, 0), COALESCE(a.duplicate_of, 0)`

// ArticleList lists articles without their text, newest first.
func (s *Store) ArticleList(ctx context.Context, f ArticleFilter) ([]ArticleSummary, error) {
	var where []string
	var args []any
	if f.Story != 0 {
		where = append(where, "story_id = ?")
		args = append(args, f.Story)
	}
	if f.Lang != "" {
		where = append(where, "lang = ?")
		args = append(args, f.Lang)
	}
	if f.Outlet != "" {
		where = append(where, "outlet = ?")
		args = append(args, f.Outlet)
	}
	q := `SELECT ` + articleSummaryColumns + ` FROM articles a`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q, args = paged(q+` ORDER BY a.published DESC, a.id DESC`, args, f.Limit, f.Offset)
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ArticleSummary
	for rows.Next() {
		a, err := scanArticleSummary(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func scanArticleSummary(sc interface{ Scan(...any) error }) (ArticleSummary, error) {
	var a ArticleSummary
	var published, prec string
	var story, dup int64
	if err := sc.Scan(&a.ID, &a.Source, &a.URL, &a.Outlet, &a.Title, &published, &prec, &a.Lang, &story, &dup); err != nil {
		return a, err
	}
	a.setDates(published, prec, story, dup)
	return a, nil
}

// setDates fills the nullable fields from their stored forms.
func (a *ArticleSummary) setDates(published, prec string, story, dup int64) {
	if published != "" {
		p := model.FormatDate(parseTime(published), model.Precision(prec))
		a.Published = &p
	}
	if prec != "" {
		a.PublishedPrecision = &prec
	}
	if story != 0 {
		a.Story = &story
	}
	if dup != 0 {
		a.DuplicateOf = &dup
	}
}

// Span locates a record's sentence in an article: what a reader
// highlights, and the record it leads to.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"` // event, quote or claim
	ID    int64  `json:"id"`
	// Label says what the span is: the event type, the speaker, or the
	// stance toward the claim.
	Label string `json:"label"`
}

// ArticleSpans lists the evidence offsets of the events, quotes and
// claims found in one article, in text order.
func (s *Store) ArticleSpans(ctx context.Context, articleID int64) ([]Span, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT m.start, m.end, 'event', m.event_id, e.type FROM event_mentions m JOIN events e ON e.id = m.event_id
			WHERE m.article_id = ?1
		UNION ALL
		SELECT start, end, 'quote', id, speaker FROM quotes WHERE article_id = ?1
		UNION ALL
		SELECT start, end, 'claim', claim_id, stance FROM claim_evidence WHERE article_id = ?1
		ORDER BY 1, 2, 3, 4`, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Span{}
	for rows.Next() {
		var sp Span
		if err := rows.Scan(&sp.Start, &sp.End, &sp.Kind, &sp.ID, &sp.Label); err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// EventDates returns a page of the distinct dates of the dated events f
// selects, in order: timelines page by date, so that a date's events stay
// together.
func (s *Store) EventDates(ctx context.Context, f EventFilter) ([]string, error) {
	f.DatedOnly = true
	from, where, args := f.source()
	// Grouped in the order of an index, so that a page reads only as far
	// as its last date: events_dated_order's expression, or
	// event_entities' key.
	date, order := "date", "date = '', date"
	if f.Entity != 0 {
		date, order, where = "ee.event_date", "ee.event_date", append(where, "ee.undated = 0")
	}
	q, args := paged(`SELECT `+date+` FROM `+from+` WHERE `+strings.Join(where, " AND ")+` GROUP BY `+order+` ORDER BY `+order, args, f.Limit, f.Offset)
	return queryColumn[string](ctx, s.read, q, args...)
}

// CountEventDates counts the distinct dates of the dated events f
// selects, ignoring its Limit and Offset. It reads every selected event,
// so callers count within a story rather than across the store.
func (s *Store) CountEventDates(ctx context.Context, f EventFilter) (int, error) {
	f.DatedOnly = true
	from, where, args := f.source()
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(DISTINCT date) FROM `+from+` WHERE `+strings.Join(where, " AND "), args...).Scan(&n)
	return n, err
}

// CountUndated counts the events without a date, of one story or
// (storyID 0) of all: what a timeline cannot place.
func (s *Store) CountUndated(ctx context.Context, storyID int64) (int, error) {
	q, args := `SELECT COUNT(*) FROM events WHERE date = ''`, []any{}
	if storyID != 0 {
		q, args = q+` AND story_id = ?`, append(args, storyID)
	}
	var n int
	err := s.read.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}

// LatestArticleID returns the id of the newest stored report (0 when
// none): every record is linked from reports, so views across the whole
// store change only when it does.
func (s *Store) LatestArticleID(ctx context.Context) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM articles`).Scan(&id)
	return id, err
}

// StorySize returns how many articles a story holds, and whether it
// exists, without reading them: what changes whenever the story's
// records do, so views can key caches on it.
func (s *Store) StorySize(ctx context.Context, id int64) (int, bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT articles FROM stories WHERE id = ?`, id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return n, err == nil, err
}
