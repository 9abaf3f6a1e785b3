// Package web serves storyline's reader-facing pages: stories by latest
// activity, a story's timeline, claims board and quotes, entity and article
// views, search, what's new, and an Atom feed per story. Pages are rendered
// on the server with html/template, so they are readable without
// JavaScript; a small embedded script only formats dates in the reader's
// locale. Outside text is always escaped, never rendered as HTML.
package web

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed data
var dataFS embed.FS

// Lists are paginated so that a page stays fast on a large database.
const (
	defaultLimit = 50
)

// Handler serves the web UI over one store.
type Handler struct {
	st    *store.Store
	mux   *http.ServeMux
	pages map[string]*template.Template
	// Per-story answers too slow to compute on every request.
	entities   storyCache[[]store.Entity]
	feedEvents storyCache[[]store.Event]
	charts     storyCache[*chart]
}

// New returns the web UI for st, serving "/" and the pages below it.
func New(st *store.Store) http.Handler {
	h := &Handler{st: st, mux: http.NewServeMux(), pages: parsePages()}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded directory is part of the binary
	}
	h.mux.Handle("GET /static/{file}", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	h.mux.HandleFunc("GET /{$}", h.home)
	h.mux.HandleFunc("GET /stories/{id}", h.story)
	h.mux.HandleFunc("GET /stories/{id}/atom", h.atom)
	h.mux.HandleFunc("GET /entities/{id}", h.entity)
	h.mux.HandleFunc("GET /articles/{id}", h.article)
	h.mux.HandleFunc("GET /search", h.search)
	h.mux.HandleFunc("GET /new", h.whatsNew)
	h.mux.HandleFunc("/", h.fallback)
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// fallback answers what no page route matched: 405 when the path names a
// page but the method is not GET or HEAD, else the 404 page.
func (h *Handler) fallback(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		probe := r.Clone(r.Context())
		probe.Method = http.MethodGet
		if _, pattern := h.mux.Handler(probe); pattern != "/" {
			w.Header().Set("Allow", "GET, HEAD")
			h.fail(w, r, http.StatusMethodNotAllowed, "This page can only be read (GET).")
			return
		}
	}
	h.notFound(w, r)
}

func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 rather than half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	var buf bytes.Buffer
	if err := h.pages[page].ExecuteTemplate(&buf, "layout", data); err != nil {
		slog.Error("web: render", "page", page, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type errorPage struct {
	Title   string
	Status  int
	Message string
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, status int, message string) {
	h.render(w, r, status, "error", errorPage{Title: http.StatusText(status), Status: status, Message: message})
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, http.StatusNotFound, "There is nothing at this address.")
}

// storeFailed logs a store error and answers 500 without its details.
func (h *Handler) storeFailed(w http.ResponseWriter, r *http.Request, err error) {
	slog.Error("web: store", "path", r.URL.Path, "err", err)
	h.fail(w, r, http.StatusInternalServerError, "The database could not answer; try again.")
}

// pathID parses the {id} path value; ok is false (and a 404 written) when
// it is not a positive integer.
func (h *Handler) pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.notFound(w, r)
		return 0, false
	}
	return id, true
}

// errNotFound marks a missing record, so a lookup helper can tell its
// caller to answer 404.
var errNotFound = errors.New("not found")

// paging is one page of a list: ?page= is 1-based, and More says whether
// a next page exists.
type paging struct {
	Page, Size int
	More       bool
}

// rejectQuery answers 400 when a page without a filter form was given
// parameters it cannot use; pages with a form show the problems there.
func (h *Handler) rejectQuery(w http.ResponseWriter, r *http.Request, q *queryReader) bool {
	if len(q.problems) == 0 {
		return false
	}
	h.fail(w, r, http.StatusBadRequest, strings.Join(q.problems, "; "))
	return true
}

// Offset is how many items come before the page.
func (p paging) Offset() int   { return (p.Page - 1) * p.Size }
func (p paging) HasPrev() bool { return p.Page > 1 }
func (p paging) HasNext() bool { return p.More }
func (p paging) Prev() int     { return p.Page - 1 }
func (p paging) Next() int     { return p.Page + 1 }

func mustReadData(name string) []byte {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		panic("web: missing " + name) // embedded; cannot happen in a built binary
	}
	return b
}
