// Package api serves the JSON API under /api/v1/: stories, timelines,
// events, quotes, claims, entities, articles, search, the what's-new
// digest and conflict–cooperation series, all read from the store.
// Records keep the shapes and field names of the storyline/v1 export;
// lists are paged.
package api

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/storyline/storyline/internal/store"
)

// Prefix is where the API is mounted; routes are full paths under it.
const Prefix = "/api/v1/"

//go:embed openapi.json
var openAPI []byte

// route is one GET endpoint; pattern is a net/http ServeMux pattern
// without a method, so that a wrong method gets a JSON 405 from serve.
type route struct {
	pattern string
	handle  func(*handler, *http.Request) (any, error)
}

var routes = []route{
	{"/api/v1/stories", (*handler).stories},
	{"/api/v1/stories/{id}", (*handler).story},
	{"/api/v1/stories/{id}/timeline", (*handler).storyTimeline},
	{"/api/v1/timeline", (*handler).timeline},
	{"/api/v1/events", (*handler).events},
	{"/api/v1/events/{id}", (*handler).event},
	{"/api/v1/quotes", (*handler).quotes},
	{"/api/v1/claims", (*handler).claims},
	{"/api/v1/entities", (*handler).entities},
	{"/api/v1/entities/{id}", (*handler).entity},
	{"/api/v1/entities/{id}/timeline", (*handler).entityTimeline},
	{"/api/v1/articles", (*handler).articles},
	{"/api/v1/articles/{id}", (*handler).article},
	{"/api/v1/search", (*handler).search},
	{"/api/v1/digest", (*handler).digest},
	{"/api/v1/dyad", (*handler).dyad},
	{"/api/v1/openapi.json", (*handler).openAPI},
}

type handler struct {
	st    *store.Store
	cache storyCache
}

func newHandler(st *store.Store) *handler {
	return &handler{st: st, cache: storyCache{entries: map[string]cacheEntry{}}}
}

// New returns the API handler over st, serving full paths under Prefix.
func New(st *store.Store) http.Handler {
	h := newHandler(st)
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.Handle(rt.pattern, h.serve(rt.handle))
	}
	mux.HandleFunc(Prefix, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, &Error{Status: http.StatusNotFound, Message: "no such route: " + r.URL.Path})
	})
	return mux
}

// Error is an API failure as clients see it.
type Error struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Message }

func badParam(name, format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Message: fmt.Sprintf("parameter %s: ", name) + fmt.Sprintf(format, args...)}
}

func notFound(what string, id int64) *Error {
	return &Error{Status: http.StatusNotFound, Message: fmt.Sprintf("no %s with id %d", what, id)}
}

func (h *handler) serve(fn func(*handler, *http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, r, &Error{Status: http.StatusMethodNotAllowed, Message: r.Method + " is not allowed; use GET"})
			return
		}
		v, err := fn(h, r)
		if err != nil {
			writeError(w, r, err)
			return
		}
		if raw, ok := v.(json.RawMessage); ok {
			writeBody(w, r, http.StatusOK, raw)
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			writeError(w, r, err)
			return
		}
		writeBody(w, r, http.StatusOK, b)
	})
}

func writeError(w http.ResponseWriter, r *http.Request, err error) {
	var e *Error
	if !errors.As(err, &e) {
		// Store failures say nothing a client can act on, and may say
		// more about the server than it should.
		slog.Error("api", "path", r.URL.Path, "err", err)
		e = &Error{Status: http.StatusInternalServerError, Message: "internal error"}
		if r.Context().Err() != nil {
			e = &Error{Status: http.StatusServiceUnavailable, Message: "request cancelled"}
		}
	}
	b, _ := json.Marshal(struct {
		Error *Error `json:"error"`
	}{e})
	writeBody(w, r, e.Status, b)
}

func writeBody(w http.ResponseWriter, r *http.Request, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
		w.Write([]byte("\n"))
	}
}
