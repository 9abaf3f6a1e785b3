package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/event"
	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/story"
	"github.com/storyline/storyline/internal/timeline"
)

// storyView is a story with what its list entry shows besides the export
// fields.
type storyView struct {
	store.Story
	Outlets      []string `json:"outlets"`
	ArticleCount int      `json:"article_count"`
	// MainPair names the two entities the story's events most often set
	// against each other (or together), whose conflict–cooperation series
	// the story page charts.
	MainPair []string `json:"main_pair,omitempty"`
}

func viewStory(s store.Story) storyView {
	return storyView{Story: s, Outlets: s.Outlets, ArticleCount: len(s.Articles)}
}

func (h *handler) stories(r *http.Request) (any, error) {
	p := newParams(r)
	limit, offset := p.page()
	if p.err != nil {
		return nil, p.err
	}
	list, err := h.st.StoriesPage(r.Context(), store.StoryFilter{Limit: limit + 1, Offset: offset})
	if err != nil {
		return nil, err
	}
	views := make([]storyView, len(list))
	for i, s := range list {
		views[i] = viewStory(s)
	}
	return pageOf(views, limit, offset), nil
}

func (h *handler) story(r *http.Request) (any, error) {
	id, perr := pathID(r)
	if perr != nil {
		return nil, perr
	}
	s, err := h.st.Story(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return nil, notFound("story", id)
	}
	v := viewStory(*s)
	a, b, err := h.st.StoryMainPair(r.Context(), id, event.Score)
	if err != nil {
		return nil, err
	}
	if a != nil {
		v.MainPair = []string{a.Name, b.Name}
	}
	return v, nil
}

// eventView is an event in the export's shape (unknown dates are null)
// with the outlets behind its evidence.
type eventView struct {
	export.Event
	Outlets []string `json:"outlets"`
}

func viewEvent(e store.Event) eventView {
	v := eventView{Event: export.Event{Event: e, Date: nullable(e.Date), Precision: nullable(string(e.Precision))}, Outlets: []string{}}
	for _, ev := range e.Evidence {
		if o := story.SourceLabel(ev.Article, ev.Outlet, ev.Origin); !contains(v.Outlets, o) {
			v.Outlets = append(v.Outlets, o)
		}
	}
	if v.Actors == nil {
		v.Actors = []string{}
	}
	if v.Targets == nil {
		v.Targets = []string{}
	}
	return v
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// eventFilter reads the filters timelines and event lists share.
func (p *params) eventFilter() store.EventFilter {
	f := store.EventFilter{
		Story:      p.id("story"),
		Since:      p.date("from"),
		Until:      p.date("to"),
		Types:      p.list("type", event.IsType),
		Actor:      p.str("actor"),
		Entity:     p.id("entity"),
		Lang:       p.lang("lang"),
		MinSources: p.count("min_sources", 0, 1<<20),
	}
	if f.Since != "" && f.Until != "" && f.Until < f.Since && !strings.HasPrefix(f.Since, f.Until) {
		p.fail(badParam("to", "%s is before from=%s", f.Until, f.Since))
	}
	return f
}

// lang reads a language code such as "en" or "es".
func (p *params) lang(name string) string {
	s := strings.ToLower(p.str(name))
	if s == "" {
		return ""
	}
	if len(s) < 2 || len(s) > 3 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") != "" {
		p.fail(badParam(name, "want a two- or three-letter language code, got %q", s))
		return ""
	}
	return s
}

func (h *handler) events(r *http.Request) (any, error) {
	p := newParams(r)
	f := p.eventFilter()
	limit, offset := p.page()
	if p.err != nil {
		return nil, p.err
	}
	if err := h.knownStory(r, f.Story); err != nil {
		return nil, err
	}
	f.Limit, f.Offset = limit+1, offset
	events, err := h.st.Events(r.Context(), f)
	if err != nil {
		return nil, err
	}
	views := make([]eventView, len(events))
	for i, e := range events {
		views[i] = viewEvent(e)
	}
	return pageOf(views, limit, offset), nil
}

func (h *handler) event(r *http.Request) (any, error) {
	id, perr := pathID(r)
	if perr != nil {
		return nil, perr
	}
	e, err := h.st.EventByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return nil, notFound("event", id)
	}
	return viewEvent(*e), nil
}

func (h *handler) timeline(r *http.Request) (any, error) {
	p := newParams(r)
	return h.buildTimeline(r, p, p.eventFilter())
}

func (h *handler) storyTimeline(r *http.Request) (any, error) {
	id, perr := pathID(r)
	if perr != nil {
		return nil, perr
	}
	if _, ok, err := h.st.StorySize(r.Context(), id); err != nil || !ok {
		if err == nil {
			err = notFound("story", id)
		}
		return nil, err
	}
	p := newParams(r)
	f := p.eventFilter()
	f.Story = id
	return h.buildTimeline(r, p, f)
}

func (h *handler) entityTimeline(r *http.Request) (any, error) {
	id, perr := pathID(r)
	if perr != nil {
		return nil, perr
	}
	if e, err := h.st.EntityByID(r.Context(), id); err != nil || e == nil {
		if err == nil {
			err = notFound("entity", id)
		}
		return nil, err
	}
	p := newParams(r)
	f := p.eventFilter()
	f.Entity = id
	return h.buildTimeline(r, p, f)
}

// timelineEvents caps the events one page of dates may gather, so that a
// page of busy dates across every story stays cheap.
const timelineEvents = 5000

// buildTimeline pages a timeline by date. With max_dates, the most
// important dates of a story are chosen first, as `storyline timeline
// --max-dates` does.
func (h *handler) buildTimeline(r *http.Request, p *params, f store.EventFilter) (any, error) {
	maxDates := p.count("max_dates", 0, 10000)
	limit, offset := p.page()
	if maxDates > 0 && f.Story == 0 {
		p.fail(badParam("max_dates", "needs a story: choosing dates reads every report of the story"))
	}
	if p.err != nil {
		return nil, p.err
	}
	ctx := r.Context()
	f.DatedOnly = true
	if maxDates > 0 {
		return h.cached(r, f.Story, func() (any, error) { return h.topDates(r, f, maxDates, limit, offset) })
	}
	pf := f
	pf.Limit, pf.Offset = limit+1, offset
	days, err := h.st.EventDates(ctx, pf)
	if err != nil {
		return nil, err
	}
	// Counting dates reads every selected event: cheap within a story,
	// not across a large store.
	var total *int
	if f.Story != 0 {
		n, err := h.st.CountEventDates(ctx, f)
		if err != nil {
			return nil, err
		}
		total = &n
	}
	var dates []timeline.Date
	if len(days) > 0 {
		onPage := days[:min(limit, len(days))]
		ef := f
		ef.Since, ef.Until, ef.Limit = onPage[0], onPage[len(onPage)-1], timelineEvents
		events, err := h.st.Events(ctx, ef)
		if err != nil {
			return nil, err
		}
		wanted := make(map[string]bool, len(onPage))
		for _, d := range onPage {
			wanted[d] = true
		}
		kept := events[:0]
		for _, e := range events {
			if wanted[e.Date] {
				kept = append(kept, e)
			}
		}
		dates = timeline.Build(kept, 0)
	}
	page := Page[timeline.Date]{Items: dates, Limit: limit, Offset: offset, Total: total}
	if page.Items == nil {
		page.Items = []timeline.Date{}
	}
	if len(days) > limit {
		next := offset + limit
		page.HasMore, page.NextOffset = true, &next
	}
	return page, nil
}

// topDates chooses a story's most important dates as `storyline timeline
// --max-dates` does, from its events and every date its reports name.
func (h *handler) topDates(r *http.Request, f store.EventFilter, maxDates, limit, offset int) (any, error) {
	ctx := r.Context()
	events, err := h.st.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	mentions, err := h.st.DateMentions(ctx, f.Story)
	if err != nil {
		return nil, err
	}
	kept := mentions[:0]
	for _, m := range mentions {
		if inRange(m.Value, f.Since, f.Until) {
			kept = append(kept, m)
		}
	}
	dates := timeline.BuildWith(events, timeline.Options{MaxDates: maxDates, Mentions: kept})
	total := len(dates)
	page := pageOf(dates[min(offset, total):], limit, offset)
	page.Total = &total
	return page, nil
}

// inRange reports whether an ISO date at any precision overlaps the range
// since..until (either may be empty).
func inRange(date, since, until string) bool {
	if since != "" && date < since && !strings.HasPrefix(since, date) {
		return false
	}
	return until == "" || date <= until || strings.HasPrefix(date, until)
}

// knownStory checks the story a list is filtered on: an unknown one is
// not found, as on its own route, rather than an empty list.
func (h *handler) knownStory(r *http.Request, id int64) error {
	if id == 0 {
		return nil
	}
	_, ok, err := h.st.StorySize(r.Context(), id)
	if err == nil && !ok {
		err = notFound("story", id)
	}
	return err
}

func (h *handler) quotes(r *http.Request) (any, error) {
	p := newParams(r)
	f := store.QuoteFilter{Story: p.id("story"), Speaker: p.str("speaker"), SpeakerEntity: p.id("speaker_entity")}
	limit, offset := p.page()
	if p.err != nil {
		return nil, p.err
	}
	if err := h.knownStory(r, f.Story); err != nil {
		return nil, err
	}
	f.Limit, f.Offset = limit+1, offset
	quotes, err := h.st.Quotes(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return pageOf(quotes, limit, offset), nil
}

// claimView is a claim in the export's shape with the outlets behind
// each stance.
type claimView struct {
	store.Claim
	OutletsByStance map[string][]string `json:"outlets_by_stance"`
}

func (h *handler) claims(r *http.Request) (any, error) {
	p := newParams(r)
	f := store.ClaimFilter{
		Story:  p.id("story"),
		Status: p.oneOf("status", store.Unconfirmed, store.Corroborated, store.Disputed, store.Denied),
	}
	limit, offset := p.page()
	if p.err != nil {
		return nil, p.err
	}
	if err := h.knownStory(r, f.Story); err != nil {
		return nil, err
	}
	f.Limit, f.Offset = limit+1, offset
	claims, err := h.st.Claims(r.Context(), f)
	if err != nil {
		return nil, err
	}
	views := make([]claimView, len(claims))
	for i, c := range claims {
		v := claimView{Claim: c, OutletsByStance: map[string][]string{}}
		for _, e := range c.Evidence {
			if o := story.SourceLabel(e.Article, e.Outlet, e.Origin); !contains(v.OutletsByStance[e.Stance], o) {
				v.OutletsByStance[e.Stance] = append(v.OutletsByStance[e.Stance], o)
			}
		}
		views[i] = v
	}
	return pageOf(views, limit, offset), nil
}

func (h *handler) entities(r *http.Request) (any, error) {
	p := newParams(r)
	f := store.EntityFilter{Story: p.id("story"), Type: p.oneOf("type", "PER", "ORG", "LOC", "MISC"), Query: p.str("q")}
	limit, offset := p.page()
	if p.err != nil {
		return nil, p.err
	}
	if err := h.knownStory(r, f.Story); err != nil {
		return nil, err
	}
	f.Limit, f.Offset = limit+1, offset
	list := func() (any, error) {
		ents, err := h.st.EntityList(r.Context(), f)
		if err != nil {
			return nil, err
		}
		return pageOf(ents, limit, offset), nil
	}
	if f.Story != 0 {
		// Counting a story's mentions reads all of them.
		return h.cached(r, f.Story, list)
	}
	return list()
}

func (h *handler) entity(r *http.Request) (any, error) {
	id, perr := pathID(r)
	if perr != nil {
		return nil, perr
	}
	e, err := h.st.EntityByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return nil, notFound("entity", id)
	}
	return e, nil
}

func (h *handler) articles(r *http.Request) (any, error) {
	p := newParams(r)
	f := store.ArticleFilter{Story: p.id("story"), Lang: p.lang("lang"), Outlet: p.str("outlet")}
	limit, offset := p.page()
	if p.err != nil {
		return nil, p.err
	}
	if err := h.knownStory(r, f.Story); err != nil {
		return nil, err
	}
	f.Limit, f.Offset = limit+1, offset
	arts, err := h.st.ArticleList(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return pageOf(arts, limit, offset), nil
}

// articleView is an article with its stored text and the spans of the
// events, quotes and claims found in it (UTF-8 byte offsets into Text).
type articleView struct {
	store.ArticleSummary
	Text  string       `json:"text"`
	Spans []store.Span `json:"spans"`
}

func (h *handler) article(r *http.Request) (any, error) {
	id, perr := pathID(r)
	if perr != nil {
		return nil, perr
	}
	a, err := h.st.Article(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, notFound("article", id)
	}
	v := articleView{ArticleSummary: store.ArticleSummary{
		ID: a.ID, Source: a.Source, URL: a.URL, Outlet: a.Outlet, Title: a.Title,
		Published: nullable(a.PublishedString()), PublishedPrecision: nullable(string(a.PublishedPrecision)),
		Lang: a.Lang, Story: nullableID(a.StoryID), DuplicateOf: nullableID(a.DuplicateOf),
	}, Text: a.Text}
	if v.Spans, err = h.st.ArticleSpans(r.Context(), id); err != nil {
		return nil, err
	}
	return v, nil
}

func nullableID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// searchView is a page of search hits with facets over every match.
type searchView struct {
	*store.SearchResult
	Limit      int  `json:"limit"`
	Offset     int  `json:"offset"`
	HasMore    bool `json:"has_more"`
	NextOffset *int `json:"next_offset"`
}

func (h *handler) search(r *http.Request) (any, error) {
	p := newParams(r)
	q := store.SearchQuery{
		Text: p.str("q"), Lang: p.lang("lang"), Outlet: p.str("outlet"),
		From: p.date("from"), To: p.date("to"), Entity: p.id("entity"),
	}
	limit, offset := p.page()
	if q.Text == "" {
		p.fail(badParam("q", "required: the words to search for"))
	}
	if p.err != nil {
		return nil, p.err
	}
	q.Limit, q.Offset = limit, offset
	res, err := h.st.Search(r.Context(), q)
	if errors.Is(err, store.ErrEmptySearch) {
		return nil, badParam("q", "has no word to search for")
	}
	if err != nil {
		return nil, err
	}
	v := searchView{SearchResult: res, Limit: limit, Offset: offset}
	if next := offset + len(res.Hits); next < res.Total {
		v.HasMore, v.NextOffset = true, &next
	}
	return v, nil
}

func (h *handler) digest(r *http.Request) (any, error) {
	p := newParams(r)
	since := p.moment("since", true)
	limit := p.count("limit", maxLimit, maxLimit)
	if p.err != nil {
		return nil, p.err
	}
	d, err := h.st.Digest(r.Context(), store.DigestQuery{Since: since, Limit: max(limit, 1)})
	if err != nil {
		return nil, err
	}
	v := digestView{Digest: d, Events: make([]eventView, len(d.Events))}
	for i, e := range d.Events {
		v.Events[i] = viewEvent(e)
	}
	return v, nil
}

// digestView is the digest with its events in the shape the events route
// gives them (unknown dates null).
type digestView struct {
	*store.Digest
	Events []eventView `json:"events"`
}

// dyadSide is one actor of a pair as the series matched it.
type dyadSide struct {
	Name   string `json:"name"`
	Entity *int64 `json:"entity"`
	// Entities are the entities the side is: the one asked for by id, or
	// those a name is the key of; empty when a name names no entity and
	// events are matched by name alone.
	Entities []int64  `json:"entities"`
	Names    []string `json:"names"`
}

type dyadView struct {
	A      dyadSide          `json:"a"`
	B      dyadSide          `json:"b"`
	Points []store.DyadPoint `json:"points"`
	Total  float64           `json:"total"`
}

func (h *handler) dyad(r *http.Request) (any, error) {
	p := newParams(r)
	q := store.DyadQuery{Story: p.id("story"), From: p.date("from"), To: p.date("to"), Score: event.Score}
	if p.err != nil {
		return nil, p.err
	}
	build := func() (any, error) { return h.buildDyad(r, p, q) }
	if q.Story != 0 {
		return h.cached(r, q.Story, build)
	}
	// Across every story the series of two much-mentioned entities reads
	// tens of thousands of their events: kept until a report arrives.
	return h.cachedEverywhere(r, build)
}

func (h *handler) buildDyad(r *http.Request, p *params, q store.DyadQuery) (any, error) {
	var sides [2]dyadSide
	for i, name := range []string{"a", "b"} {
		side, err := h.dyadSide(r, p, name)
		if err != nil {
			return nil, err
		}
		sides[i] = side
	}
	q.A, q.B = sides[0].Names, sides[1].Names
	q.AEntities, q.BEntities = sides[0].Entities, sides[1].Entities
	points, err := h.st.Dyad(r.Context(), q)
	if err != nil {
		return nil, err
	}
	v := dyadView{A: sides[0], B: sides[1], Points: points}
	for _, pt := range points {
		v.Total += pt.Score
	}
	return v, nil
}

// dyadSide resolves an actor given by name or by entity id; an entity
// goes by its name and its aliases.
func (h *handler) dyadSide(r *http.Request, p *params, name string) (dyadSide, error) {
	s := p.str(name)
	if s == "" {
		return dyadSide{}, badParam(name, "required: an actor's name or entity id")
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		ids, err := h.st.EntitiesNamed(r.Context(), entity.Key(s))
		if err != nil {
			return dyadSide{}, err
		}
		return dyadSide{Name: s, Entities: append([]int64{}, ids...), Names: []string{s}}, nil
	}
	e, err := h.st.EntityByID(r.Context(), id)
	if err != nil {
		return dyadSide{}, err
	}
	if e == nil {
		return dyadSide{}, badParam(name, "no entity with id %d", id)
	}
	names := append([]string{e.Name}, e.Aliases...)
	sort.Strings(names[1:])
	return dyadSide{Name: e.Name, Entity: &e.ID, Entities: []int64{e.ID}, Names: names}, nil
}

func (h *handler) openAPI(*http.Request) (any, error) {
	return json.RawMessage(openAPI), nil
}
