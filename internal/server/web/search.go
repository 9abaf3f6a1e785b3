package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/text"
)

type searchHit struct {
	store.SearchHit
	Snippet []segment
}

type searchPage struct {
	Title     string
	Query     url.Values
	Q         string
	Form      store.SearchQuery
	Languages []string // the choices of the language field
	Entity    string   // the name of the entity facet in force
	Result    *store.SearchResult
	Hits      []searchHit
	Paging    paging
	Message   string
	Problems  []string // filters the search could not apply
}

// searchLanguages are the languages storyline analyzes, which the search
// form offers.
var searchLanguages = text.ReadLines(mustReadData("data/search_languages.txt"))

// search runs a full-text search over the reports, with facets that
// narrow it by language, outlet and entity.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	q := newQueryReader(r)
	p := q.page(defaultLimit)
	sq := store.SearchQuery{
		Text:   q.str("q"),
		Lang:   q.lang("lang"),
		Outlet: q.str("outlet"),
		Entity: q.id("entity"),
		Limit:  p.Size,
		Offset: p.Offset(),
	}
	sq.From, sq.To = q.dateRange("from", "to")
	page := searchPage{Title: "Search", Query: r.URL.Query(), Q: sq.Text, Form: sq, Languages: searchLanguages, Problems: q.problems}
	if len(page.Problems) > 0 {
		h.render(w, r, http.StatusBadRequest, "search", page)
		return
	}
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
	Title    string
	Since    string // the date the lists start from
	Typed    string // the since field as the reader typed it
	Digest   *store.Digest
	Problems []string
}

// digestLimit caps each list of the what's-new page.
const digestLimit = 50

// whatsNew lists the stories, events and claims storyline learned of since
// a date (default: a day ago), and the claims whose status changed.
func (h *Handler) whatsNew(w http.ResponseWriter, r *http.Request) {
	typed := strings.TrimSpace(r.URL.Query().Get("since"))
	page := newPage{Title: "What's new", Typed: typed}
	since, err := parseSince(typed)
	if err != nil {
		page.Problems = []string{fmt.Sprintf("since: want a date as YYYY-MM-DD or an RFC 3339 time such as 2026-03-01T12:00:00Z, got %q", typed)}
		h.render(w, r, http.StatusBadRequest, "new", page)
		return
	}
	page.Since = since.Format(time.DateOnly)
	if page.Typed == "" {
		page.Typed = page.Since
	}
	page.Digest, err = h.st.Digest(r.Context(), store.DigestQuery{Since: since, Limit: digestLimit})
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "new", page)
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
