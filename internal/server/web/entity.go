package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/storyline/storyline/internal/store"
)

type entityPage struct {
	Title  string
	Entity *store.Entity
	Events []timelineEvent
	More   int
}

func (h *Handler) entity(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	e, err := h.entityByID(ctx, id)
	if err == errNotFound {
		h.notFound(w, r)
		return
	} else if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	events, err := h.st.Events(ctx, store.EventFilter{})
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	page := entityPage{Title: e.Name, Entity: e}
	names := append([]string{e.Name}, e.Aliases...)
	for _, ev := range events {
		if !involves(ev, names) {
			continue
		}
		if len(page.Events) == defaultLimit*2 {
			page.More++
			continue
		}
		te := timelineEvent{Event: ev}
		for _, x := range ev.Evidence {
			te.Sources = append(te.Sources, source{Article: x.Article, Outlet: x.Outlet, Start: x.Start, End: x.End, Text: x.Text})
			if x.Outlet != "" && !slices.Contains(te.Outlets, x.Outlet) {
				te.Outlets = append(te.Outlets, x.Outlet)
			}
		}
		page.Events = append(page.Events, te)
	}
	h.render(w, r, http.StatusOK, "entity", page)
}

// involves reports whether any of names is among an event's actors,
// targets or place.
func involves(e store.Event, names []string) bool {
	for _, n := range names {
		if slices.Contains(e.Actors, n) || slices.Contains(e.Targets, n) || e.Place == n {
			return true
		}
	}
	return false
}

func (h *Handler) entityByID(ctx context.Context, id int64) (*store.Entity, error) {
	all, err := h.st.Entities(ctx, 0, 0)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].ID == id {
			return &all[i], nil
		}
	}
	return nil, errNotFound
}
