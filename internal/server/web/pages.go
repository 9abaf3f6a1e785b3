package web

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/story"
	"github.com/storyline/storyline/internal/text"
)

type homePage struct {
	Title   string
	Stories []store.Story
	Paging  paging
	Query   url.Values
}

func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	q := newQueryReader(r)
	p := q.page(defaultLimit)
	if h.rejectQuery(w, r, q) {
		return
	}
	// One more than a page tells whether there is a next page.
	stories, err := h.st.StoriesPage(r.Context(), store.StoryFilter{Limit: p.Size + 1, Offset: p.Offset()})
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	p.More = len(stories) > p.Size
	stories = stories[:min(len(stories), p.Size)]
	h.render(w, r, http.StatusOK, "home", homePage{Title: "Stories", Stories: stories, Paging: p, Query: r.URL.Query()})
}

// storyByID finds one story with its articles, outlets and languages.
func (h *Handler) storyByID(ctx context.Context, id int64) (*store.Story, error) {
	st, err := h.st.Story(ctx, id)
	if err == nil && st == nil {
		err = errNotFound
	}
	return st, err
}

// storyFilter is the story page's GET form: every field narrows what the
// timeline, claims and quotes show. The strings hold what the reader
// typed (in canonical spelling when valid), for the form to show again.
type storyFilter struct {
	Lang       string
	Type       string
	Status     string
	Min        string
	MinSources int
	From, To   string // ISO dates
}

// claimStatuses are the statuses the claims board can be filtered by.
var claimStatuses = []string{store.Unconfirmed, store.Corroborated, store.Disputed, store.Denied}

// maxMinSources bounds ?min=, as the API bounds min_sources.
const maxMinSources = 1 << 20

func parseStoryFilter(q *queryReader) storyFilter {
	f := storyFilter{
		Lang:       q.lang("lang"),
		Type:       q.oneOf("type", eventTypes),
		Status:     q.oneOf("status", claimStatuses),
		Min:        q.str("min"),
		MinSources: q.count("min", maxMinSources),
	}
	f.From, f.To = q.dateRange("from", "to")
	return f
}

// Active reports whether any filter is set.
func (f storyFilter) Active() bool {
	return f.Lang != "" || f.Type != "" || f.Status != "" || f.Min != "" && f.Min != "0" || f.From != "" || f.To != ""
}

// source is one report behind an item, as the reader sees it.
type source struct {
	Article int64
	Outlet  string
	Origin  string
	Lang    string
	Start   int
	End     int
	Text    string
}

// timelineEvent is an event with its evidence resolved to outlets.
type timelineEvent struct {
	store.Event
	Outlets     []string // a name per independent source
	origins     []string // the sources Outlets names, in order
	Sources     []source
	MoreSources int // evidence not shown, past maxEvidenceShown
}

// maxEvidenceShown is how many evidence sentences an event or claim
// lists; a much-repeated one would otherwise fill the page.
const maxEvidenceShown = 10

// diverseFirst orders xs so that the first item of each key comes before
// any repeat, keeping the order otherwise: when a list is cut short, what
// remains shows every independent source (or stance) there is.
func diverseFirst[T any](xs []T, key func(T) string) []T {
	seen := make(map[string]bool, len(xs))
	firsts := make([]T, 0, len(xs))
	var repeats []T
	for _, x := range xs {
		if k := key(x); seen[k] {
			repeats = append(repeats, x)
		} else {
			seen[k] = true
			firsts = append(firsts, x)
		}
	}
	return append(firsts, repeats...)
}

// evidenceSource is the independent source a sentence comes from.
func evidenceSource(e store.Evidence) string { return cmp.Or(e.Origin, e.Outlet) }

// addSource lists one more report behind the event; its source is always
// named, its sentence shown only while there is room.
func (te *timelineEvent) addSource(s source) {
	if key := cmp.Or(s.Origin, s.Outlet); !slices.Contains(te.origins, key) {
		te.origins = append(te.origins, key)
		te.Outlets = append(te.Outlets, story.SourceLabel(s.Article, s.Outlet, s.Origin))
	}
	if len(te.Sources) == maxEvidenceShown {
		te.MoreSources++
		return
	}
	te.Sources = append(te.Sources, s)
}

type dateGroup struct {
	Date   string
	Events []timelineEvent
}

type stanceGroup struct {
	Stance  string
	Outlets []string
}

type claimCard struct {
	store.Claim
	Stances      []stanceGroup
	MoreEvidence int // evidence not shown, past maxEvidenceShown
}

type speakerQuotes struct {
	Speaker string
	Quotes  []quoteLine
}

type quoteLine struct {
	store.Quote
	Lang string
}

type storyPage struct {
	Title        string
	Story        *store.Story
	Filter       storyFilter
	Problems     []string // filters the page could not apply
	Query        url.Values
	Types        []string
	Statuses     []string
	Dates        []dateGroup
	Paging       paging
	Claims       []claimCard
	MoreClaims   bool // the claims stopped at maxStoryClaims
	Speakers     []speakerQuotes
	MoreQuotes   bool // the quotes stopped at maxStoryQuotes
	Entities     []store.Entity
	Chart        *chart
	Articles     []store.ArticleSummary
	MoreArticles int
}

// eventTypes are the PLOVER types the timeline can be filtered by.
var eventTypes = text.ReadLines(mustReadData("data/event_types.txt"))

// What one story page shows at most; the timeline pages by date and the
// filters narrow the rest.
const (
	timelineDatesPerPage = 30
	maxStoryArticles     = 200
	maxStoryClaims       = 50
	maxStoryQuotes       = 150
	storyEntityCount     = 30
)

func (h *Handler) story(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	st, err := h.storyByID(ctx, id)
	if err == errNotFound {
		h.notFound(w, r)
		return
	} else if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	q := newQueryReader(r)
	f := parseStoryFilter(q)
	page := storyPage{Title: st.Title, Story: st, Filter: f, Types: eventTypes, Query: r.URL.Query(),
		Statuses: claimStatuses, Paging: q.page(timelineDatesPerPage), Problems: q.problems}
	if len(page.Problems) > 0 {
		// Nothing filtered is shown until the filters can be applied; the
		// story's own parts still frame the form.
		err = parallel(
			func() (err error) {
				page.Articles, err = h.st.ArticleList(ctx, store.ArticleFilter{Story: id, Limit: maxStoryArticles})
				return err
			},
			func() error { return h.storyFrame(ctx, st, &page) },
		)
		if err != nil {
			h.storeFailed(w, r, err)
			return
		}
		page.MoreArticles = len(st.Articles) - len(page.Articles)
		h.render(w, r, http.StatusBadRequest, "story", page)
		return
	}

	// The page's queries do not depend on each other, and the store reads
	// through a pool of connections: run them side by side.
	var (
		arts   []store.ArticleSummary
		dates  []string
		events []store.Event
		claims []store.Claim
		quotes []store.Quote
	)
	err = parallel(
		func() (err error) {
			arts, err = h.st.ArticleList(ctx, store.ArticleFilter{Story: id, Limit: maxStoryArticles})
			return err
		},
		func() (err error) {
			dates, events, err = h.storyTimeline(ctx, &page)
			return err
		},
		func() (err error) {
			claims, err = h.st.Claims(ctx, store.ClaimFilter{Story: id, Status: f.Status, Limit: maxStoryClaims})
			return err
		},
		func() (err error) {
			quotes, err = h.st.Quotes(ctx, store.QuoteFilter{Story: id, Limit: maxStoryQuotes})
			return err
		},
		func() error { return h.storyFrame(ctx, st, &page) },
	)
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}

	page.Articles = arts
	page.MoreArticles = len(st.Articles) - len(arts)
	page.Dates = buildTimeline(events, dates, f.Lang)
	page.Claims = buildClaims(claims, f)
	page.MoreClaims = len(claims) == maxStoryClaims
	page.Speakers = groupQuotes(quotes, f.Lang)
	page.MoreQuotes = len(quotes) == maxStoryQuotes
	h.render(w, r, http.StatusOK, "story", page)
}

// storyFrame fills the parts of a story page no filter narrows: its
// entities and its conflict–cooperation chart.
func (h *Handler) storyFrame(ctx context.Context, st *store.Story, page *storyPage) (err error) {
	if page.Entities, err = h.storyEntities(ctx, st); err != nil {
		return err
	}
	page.Chart, err = h.storyChart(ctx, st)
	return err
}

// storyEntities are a story's most mentioned entities. Counting mentions
// across a large story's reports is the slowest query of the page, so the
// answer is kept until the story gains a report.
func (h *Handler) storyEntities(ctx context.Context, st *store.Story) ([]store.Entity, error) {
	key := storyState{st.ID, len(st.Articles)}
	if ents, ok := h.entities.get(key); ok {
		return ents, nil
	}
	ents, err := h.st.EntityList(ctx, store.EntityFilter{Story: st.ID, Limit: storyEntityCount})
	if err == nil {
		h.entities.put(key, ents)
	}
	return ents, err
}

// storyTimeline reads the page's part of the timeline: a page of dates
// that have matching events, and all their events, so that a date never
// splits across pages. It completes the page's paging.
func (h *Handler) storyTimeline(ctx context.Context, page *storyPage) (dates []string, events []store.Event, err error) {
	f := page.Filter
	ef := store.EventFilter{Story: page.Story.ID, Since: f.From, Until: f.To, Lang: f.Lang, MinSources: f.MinSources, DatedOnly: true}
	if f.Type != "" {
		ef.Types = []string{f.Type}
	}
	p := page.Paging
	dateFilter := ef
	// One date more than a page tells whether there is a next page.
	dateFilter.Limit, dateFilter.Offset = p.Size+1, p.Offset()
	dates, err = h.st.EventDates(ctx, dateFilter)
	if err != nil {
		return nil, nil, err
	}
	p.More = len(dates) > p.Size
	dates = dates[:min(len(dates), p.Size)]
	page.Paging = p
	if len(dates) == 0 {
		return nil, nil, nil
	}
	ef.Since, ef.Until = dates[0], dates[len(dates)-1]
	events, err = h.st.Events(ctx, ef)
	return dates, events, err
}

// parallel runs fns at once and returns their errors joined.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = fn() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// buildTimeline groups events by date, keeping only the given dates (a
// coarse date such as "2026" also overlaps a range of days) and, under a
// language filter, only the evidence in that language.
func buildTimeline(events []store.Event, dates []string, lang string) []dateGroup {
	index := make(map[string]int, len(dates))
	groups := make([]dateGroup, len(dates))
	for i, d := range dates {
		index[d] = i
		groups[i].Date = d
	}
	for _, e := range events {
		i, ok := index[e.Date]
		if !ok {
			continue
		}
		te := timelineEvent{Event: e}
		for _, ev := range diverseFirst(e.Evidence, evidenceSource) {
			if lang != "" && ev.Lang != lang {
				continue
			}
			te.addSource(source{Article: ev.Article, Outlet: ev.Outlet, Origin: ev.Origin, Lang: ev.Lang, Start: ev.Start, End: ev.End, Text: ev.Text})
		}
		if lang != "" && len(te.Sources) == 0 {
			continue
		}
		groups[i].Events = append(groups[i].Events, te)
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Events) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func buildClaims(claims []store.Claim, f storyFilter) []claimCard {
	var out []claimCard
	for _, c := range claims {
		if f.Lang != "" && c.Lang != f.Lang || c.IndependentSources < f.MinSources {
			continue
		}
		card := claimCard{Claim: c}
		for _, e := range c.Evidence {
			i := slices.IndexFunc(card.Stances, func(g stanceGroup) bool { return g.Stance == e.Stance })
			if i < 0 {
				i = len(card.Stances)
				card.Stances = append(card.Stances, stanceGroup{Stance: e.Stance})
			}
			if name := story.SourceLabel(e.Article, e.Outlet, e.Origin); !slices.Contains(card.Stances[i].Outlets, name) {
				card.Stances[i].Outlets = append(card.Stances[i].Outlets, name)
			}
		}
		card.MoreEvidence = max(len(c.Evidence)-maxEvidenceShown, 0)
		card.Evidence = diverseFirst(c.Evidence, func(e store.ClaimEvidence) string {
			return e.Stance + "\x00" + cmp.Or(e.Origin, e.Outlet)
		})[:len(c.Evidence)-card.MoreEvidence]
		out = append(out, card)
	}
	return out
}

// groupQuotes groups quotes by speaker, the most quoted first. Quotes
// whose speaker was resolved to one entity share a group whatever name the
// report used ("Lopez", "Maria Lopez"), shown under the longest name.
func groupQuotes(quotes []store.Quote, lang string) []speakerQuotes {
	index := map[string]int{}
	var out []speakerQuotes
	for _, q := range quotes {
		if lang != "" && q.Lang != lang {
			continue
		}
		speaker := strings.TrimSpace(q.Speaker)
		if speaker == "" {
			speaker = "Unattributed"
		}
		key := "name:" + speaker
		if q.SpeakerEntity != nil {
			key = "entity:" + strconv.FormatInt(*q.SpeakerEntity, 10)
		}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, speakerQuotes{Speaker: speaker})
		}
		if len(speaker) > len(out[i].Speaker) {
			out[i].Speaker = speaker
		}
		out[i].Quotes = append(out[i].Quotes, quoteLine{Quote: q, Lang: q.Lang})
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Quotes) > len(out[j].Quotes) })
	return out
}
