package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/store"
)

type searchHit struct {
	store.SearchHit
	Snippet []segment
}

type searchPage struct {
	Title   string
	Query   url.Values
	Q       string
	Form    store.SearchQuery
	Entity  string // the name of the entity facet in force
	Result  *store.SearchResult
	Hits    []searchHit
	Paging  paging
	Message string
}

// search runs a full-text search over the reports, with facets that
// narrow it by language, outlet and entity.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := pageOf(r)
	sq := store.SearchQuery{
		Text:   q.Get("q"),
		Lang:   q.Get("lang"),
		Outlet: q.Get("outlet"),
		From:   isoDateOrEmpty(q.Get("from")),
		To:     isoDateOrEmpty(q.Get("to")),
		Limit:  p.Size,
		Offset: p.Offset(),
	}
	sq.Entity, _ = strconv.ParseInt(q.Get("entity"), 10, 64)
	page := searchPage{Title: "Search", Query: q, Q: sq.Text, Form: sq}
	if sq.Text == "" {
		h.render(w, r, http.StatusOK, "search", page)
		return
	}
	res, err := h.st.Search(r.Context(), sq)
	if errors.Is(err, store.ErrEmptySearch) {
		page.Message = "Type a word to look for."
		h.render(w, r, http.StatusOK, "search", page)
		return
	} else if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	p.More = p.Offset()+len(res.Hits) < res.Total
	page.Result, page.Paging = res, p
	for _, hit := range res.Hits {
		spans := make([]span, len(hit.Highlights))
		for i, hl := range hit.Highlights {
			spans[i] = span{Start: hl[0], End: hl[1], Kind: "hit"}
		}
		page.Hits = append(page.Hits, searchHit{SearchHit: hit, Snippet: segments(hit.Snippet, spans)})
	}
	for _, e := range res.Facets.Entity {
		if e.ID == sq.Entity {
			page.Entity = e.Name
		}
	}
	h.render(w, r, http.StatusOK, "search", page)
}

type newPage struct {
	Title  string
	Since  string
	Digest *store.Digest
}

// digestLimit caps each list of the what's-new page.
const digestLimit = 50

// whatsNew lists the stories, events and claims storyline learned of since
// a date (default: a day ago), and the claims whose status changed.
func (h *Handler) whatsNew(w http.ResponseWriter, r *http.Request) {
	since, err := parseSince(r.URL.Query().Get("since"))
	if err != nil {
		h.fail(w, r, http.StatusBadRequest, "The date must look like 2026-03-01 or 2026-03-01T12:00:00Z.")
		return
	}
	d, err := h.st.Digest(r.Context(), store.DigestQuery{Since: since, Limit: digestLimit})
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "new", newPage{Title: "What's new", Since: since.Format(time.DateOnly), Digest: d})
}

// parseSince reads a date or an RFC 3339 instant; empty is a day ago.
func parseSince(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC().AddDate(0, 0, -1).Truncate(24 * time.Hour), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	// An offset's "+" left unencoded in a URL arrives as a space.
	return time.Parse(time.RFC3339, strings.ReplaceAll(s, " ", "+"))
}
