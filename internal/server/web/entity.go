package web

import (
	"net/http"
	"net/url"

	"github.com/storyline/storyline/internal/store"
)

type entityPage struct {
	Title  string
	Entity *store.Entity
	Events []timelineEvent
	Paging paging
	Query  url.Values
}

// entity shows an entity with the timeline of events whose sentences
// mention it, a page at a time.
func (h *Handler) entity(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	q := newQueryReader(r)
	p := q.page(defaultLimit)
	if h.rejectQuery(w, r, q) {
		return
	}
	ctx := r.Context()
	e, err := h.st.EntityByID(ctx, id)
	if err != nil {
		h.storeFailed(w, r, err)
		return
	} else if e == nil {
		h.notFound(w, r)
		return
	}
	events, err := h.st.Events(ctx, store.EventFilter{Entity: id, Limit: p.Size + 1, Offset: p.Offset()})
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	p.More = len(events) > p.Size
	page := entityPage{Title: e.Name, Entity: e, Paging: p, Query: r.URL.Query()}
	for _, ev := range events[:min(len(events), p.Size)] {
		te := timelineEvent{Event: ev}
		for _, x := range diverseFirst(ev.Evidence, evidenceSource) {
			te.addSource(source{Article: x.Article, Outlet: x.Outlet, Origin: x.Origin, Start: x.Start, End: x.End, Text: x.Text})
		}
		page.Events = append(page.Events, te)
	}
	h.render(w, r, http.StatusOK, "entity", page)
}
