package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/store"
)

type homePage struct {
	Title   string
	Stories []store.Story
	Paging  paging
	Query   url.Values
}

func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	stories, err := h.st.Stories(r.Context())
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	p := pageOf(r, len(stories))
	lo, hi := p.Bounds()
	h.render(w, r, http.StatusOK, "home", homePage{Title: "Stories", Stories: stories[lo:hi], Paging: p, Query: r.URL.Query()})
}

// storyByID finds one story with its articles, outlets and languages.
func (h *Handler) storyByID(ctx context.Context, id int64) (*store.Story, error) {
	stories, err := h.st.Stories(ctx)
	if err != nil {
		return nil, err
	}
	for i := range stories {
		if stories[i].ID == id {
			return &stories[i], nil
		}
	}
	return nil, errNotFound
}

// storyFilter is the story page's GET form: every field narrows what the
// timeline, claims and quotes show.
type storyFilter struct {
	Lang       string
	Type       string
	Status     string
	MinSources int
	From, To   string // ISO dates
}

func parseStoryFilter(q url.Values) storyFilter {
	f := storyFilter{
		Lang:   q.Get("lang"),
		Type:   q.Get("type"),
		Status: q.Get("status"),
		From:   isoDateOrEmpty(q.Get("from")),
		To:     isoDateOrEmpty(q.Get("to")),
	}
	f.MinSources, _ = strconv.Atoi(q.Get("min"))
	f.MinSources = max(f.MinSources, 0)
	return f
}

// isoDateOrEmpty keeps s only when it looks like an ISO date prefix
// (YYYY, YYYY-MM or YYYY-MM-DD), since it is compared as a string.
func isoDateOrEmpty(s string) string {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return ""
	}
	for i, c := range s {
		if i == 4 || i == 7 {
			if c != '-' {
				return ""
			}
		} else if c < '0' || c > '9' {
			return ""
		}
	}
	return s
}

// Active reports whether any filter is set.
func (f storyFilter) Active() bool {
	return f.Lang != "" || f.Type != "" || f.Status != "" || f.MinSources > 0 || f.From != "" || f.To != ""
}

// source is one report behind an item, as the reader sees it.
type source struct {
	Article int64
	Outlet  string
	Lang    string
	Start   int
	End     int
	Text    string
}

// timelineEvent is an event with its evidence resolved to outlets.
type timelineEvent struct {
	store.Event
	Outlets []string
	Sources []source
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
	Stances []stanceGroup
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
	Title      string
	Story      *store.Story
	Filter     storyFilter
	Types      []string
	Statuses   []string
	Dates      []dateGroup
	EventCount int
	Shown      int
	Undated    int
	Claims     []claimCard
	Speakers   []speakerQuotes
	Entities   []store.Entity
	Chart      *chart
	Articles   []articleRef
}

// articleRef is the little the story page needs about a report.
type articleRef struct {
	ID        int64
	Title     string
	Outlet    string
	Lang      string
	Published string
}

// maxTimelineEvents bounds one story page; the date filter narrows it.
const maxTimelineEvents = 300

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
	f := parseStoryFilter(r.URL.Query())
	page := storyPage{Title: st.Title, Story: st, Filter: f, Statuses: []string{store.Unconfirmed, store.Corroborated, store.Disputed, store.Denied}}

	arts, err := h.storyArticles(ctx, id)
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	langOf := make(map[int64]string, len(arts))
	for _, a := range arts {
		langOf[a.ID] = a.Lang
	}
	page.Articles = arts

	events, err := h.st.Events(ctx, store.EventFilter{Story: id, Since: f.From, Until: f.To})
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	page.Types, page.Dates, page.EventCount, page.Undated = buildTimeline(events, f, langOf)
	for _, d := range page.Dates {
		page.Shown += len(d.Events)
	}
	page.Chart = h.storyChart(ctx, events)

	claims, err := h.st.Claims(ctx, store.ClaimFilter{Story: id, Status: f.Status})
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	page.Claims = buildClaims(claims, f)

	quotes, err := h.st.Quotes(ctx, store.QuoteFilter{Story: id})
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	page.Speakers = groupQuotes(quotes, f.Lang, langOf)

	page.Entities, err = h.st.Entities(ctx, id, 30)
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "story", page)
}

// storyArticles lists a story's reports in publication order.
func (h *Handler) storyArticles(ctx context.Context, storyID int64) ([]articleRef, error) {
	arts, err := h.st.Articles(ctx, storyID)
	if err != nil {
		return nil, err
	}
	out := make([]articleRef, len(arts))
	for i, a := range arts {
		out[i] = articleRef{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Lang: a.Lang, Published: a.PublishedString()}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Published < out[j].Published })
	return out, nil
}

// buildTimeline applies the filters to a story's events and groups the
// dated ones by date. It returns the event types present (for the form),
// the groups, how many dated events matched, and how many were undated.
func buildTimeline(events []store.Event, f storyFilter, langOf map[int64]string) (types []string, dates []dateGroup, matched, undated int) {
	seenType := map[string]bool{}
	for _, e := range events {
		if e.Type != "" && !seenType[e.Type] {
			seenType[e.Type] = true
			types = append(types, e.Type)
		}
		if f.Type != "" && e.Type != f.Type || e.IndependentSources < f.MinSources {
			continue
		}
		te := timelineEvent{Event: e}
		for _, ev := range e.Evidence {
			lang := langOf[ev.Article]
			if f.Lang != "" && lang != f.Lang {
				continue
			}
			te.Sources = append(te.Sources, source{Article: ev.Article, Outlet: ev.Outlet, Lang: lang, Start: ev.Start, End: ev.End, Text: ev.Text})
			if ev.Outlet != "" && !slices.Contains(te.Outlets, ev.Outlet) {
				te.Outlets = append(te.Outlets, ev.Outlet)
			}
		}
		if f.Lang != "" && len(te.Sources) == 0 {
			continue
		}
		if e.Date == "" {
			undated++
			continue
		}
		matched++
		if matched > maxTimelineEvents {
			continue
		}
		if n := len(dates); n > 0 && dates[n-1].Date == e.Date {
			dates[n-1].Events = append(dates[n-1].Events, te)
		} else {
			dates = append(dates, dateGroup{Date: e.Date, Events: []timelineEvent{te}})
		}
	}
	sort.Strings(types)
	return types, dates, matched, undated
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
			outlet := e.Outlet
			if outlet == "" {
				outlet = "unnamed outlet"
			}
			if !slices.Contains(card.Stances[i].Outlets, outlet) {
				card.Stances[i].Outlets = append(card.Stances[i].Outlets, outlet)
			}
		}
		out = append(out, card)
		if len(out) == defaultLimit*2 {
			break
		}
	}
	return out
}

// groupQuotes groups quotes by speaker, the most quoted first.
func groupQuotes(quotes []store.Quote, lang string, langOf map[int64]string) []speakerQuotes {
	index := map[string]int{}
	var out []speakerQuotes
	for _, q := range quotes {
		l := langOf[q.Article]
		if lang != "" && l != lang {
			continue
		}
		speaker := strings.TrimSpace(q.Speaker)
		if speaker == "" {
			speaker = "Unattributed"
		}
		i, ok := index[speaker]
		if !ok {
			i = len(out)
			index[speaker] = i
			out = append(out, speakerQuotes{Speaker: speaker})
		}
		out[i].Quotes = append(out[i].Quotes, quoteLine{Quote: q, Lang: l})
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Quotes) > len(out[j].Quotes) })
	return out
}
