package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/storyline/storyline/internal/store"
)

type searchPage struct {
	Title     string
	Query     url.Values
	Q         string
	Available bool
}

// search shows the search form; results come from the store's full-text
// search.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	h.render(w, r, http.StatusOK, "search", searchPage{Title: "Search", Query: q, Q: q.Get("q")})
}

type newPage struct {
	Title   string
	Since   string
	Stories []store.Story
}

// whatsNew lists what changed since a date (default: a week ago).
func (h *Handler) whatsNew(w http.ResponseWriter, r *http.Request) {
	since := isoDateOrEmpty(r.URL.Query().Get("since"))
	if since == "" {
		since = time.Now().UTC().AddDate(0, 0, -7).Format(time.DateOnly)
	}
	stories, err := h.st.Stories(r.Context())
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	page := newPage{Title: "What's new", Since: since}
	for _, s := range stories {
		if s.LastPublished >= since {
			page.Stories = append(page.Stories, s)
		}
	}
	h.render(w, r, http.StatusOK, "new", page)
}
