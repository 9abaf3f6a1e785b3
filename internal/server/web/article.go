package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/server/query"
	"github.com/storyline/storyline/internal/store"
)

type articlePage struct {
	Title    string
	Article  *store.StoredArticle
	Story    int64
	Segments []segment
	Marks    int
}

// article shows a report's stored text, escaped, with its evidence spans
// marked and linked back to the events, quotes and claims they support.
// ?hl=START-END names the span the reader followed a link to.
func (h *Handler) article(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	a, err := h.st.Article(ctx, id)
	if err != nil {
		h.storeFailed(w, r, err)
		return
	} else if a == nil {
		h.notFound(w, r)
		return
	}
	spans, err := h.articleSpans(ctx, a)
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	if start, end, ok := parseHighlight(r.URL.Query().Get("hl")); ok {
		spans = focusSpan(spans, start, end)
	}
	segs := segments(a.Text, spans)
	marks := 0
	for _, s := range segs {
		if s.Mark != nil {
			marks++
		}
	}
	title := a.Title
	if title == "" {
		title = "Report " + strconv.FormatInt(a.ID, 10)
	}
	h.render(w, r, http.StatusOK, "article", articlePage{Title: title, Article: a, Story: a.StoryID, Segments: segs, Marks: marks})
}

// focusSpan marks the spans at start-end as the one the reader followed a
// link to, or adds that span when no record points there.
func focusSpan(spans []span, start, end int) []span {
	found := false
	for i := range spans {
		if spans[i].Start == start && spans[i].End == end {
			spans[i].Focus, found = true, true
		}
	}
	if !found {
		spans = append(spans, span{Start: start, End: end, Kind: "focus", Label: "the passage you followed", Focus: true})
	}
	return spans
}

// parseHighlight reads "START-END" byte offsets.
func parseHighlight(s string) (start, end int, ok bool) {
	a, b, found := strings.Cut(s, "-")
	if !found {
		return 0, 0, false
	}
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	return start, end, err1 == nil && err2 == nil && start >= 0 && end > start
}

// articleSpans collects the evidence spans that point into a, each
// linked to the record it supports on the story page.
func (h *Handler) articleSpans(ctx context.Context, a *store.StoredArticle) ([]span, error) {
	stored, err := h.st.ArticleSpans(ctx, a.ID)
	if err != nil || a.StoryID == 0 {
		return nil, err
	}
	storyPath := "/stories/" + strconv.FormatInt(a.StoryID, 10)
	eventDates, err := h.eventDates(ctx, stored)
	if err != nil {
		return nil, err
	}
	spans := make([]span, 0, len(stored))
	for _, s := range stored {
		link := storyPath + "#" + s.Kind + "-" + strconv.FormatInt(s.ID, 10)
		if d := eventDates[s.ID]; s.Kind == "event" && d != "" {
			// The story's timeline pages by date: ask for the event's date.
			link = storyPath + "?" + url.Values{"from": {d}, "to": {d}}.Encode() + "#event-" + strconv.FormatInt(s.ID, 10)
		}
		label := s.Kind + ": " + s.Label
		switch s.Kind {
		case "quote":
			label = "quote by " + s.Label
		case "claim":
			label = "claim (" + s.Label + ")"
		}
		spans = append(spans, span{Start: s.Start, End: s.End, Kind: s.Kind, Label: label, Link: link})
	}
	return spans, nil
}

// maxLinkedEvents bounds the lookups one article view makes for the dates
// of its events; links to any further events go to the timeline's start.
const maxLinkedEvents = 50

// eventDates maps the events among spans to their dates.
func (h *Handler) eventDates(ctx context.Context, spans []store.Span) (map[int64]string, error) {
	dates := map[int64]string{}
	for _, s := range spans {
		if s.Kind != "event" || len(dates) == maxLinkedEvents {
			continue
		}
		if _, done := dates[s.ID]; done {
			continue
		}
		e, err := h.st.EventByID(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		if e != nil && query.IsDate(e.Date) {
			dates[s.ID] = e.Date
		}
	}
	return dates, nil
}
