package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzPages sends arbitrary paths and query strings to every page on the
// demo store: a bad parameter is a 4xx or a page without it, never a
// panic or a 500.
func FuzzPages(f *testing.F) {
	for _, seed := range []string{
		"/", "/?page=2", "/stories/1", "/stories/1?lang=es&type=ASSAULT&status=denied&min=2&from=2026-03-01&to=2026-03-05&page=1",
		"/stories/1/atom", "/entities/1?page=3", "/articles/1?hl=10-60", "/articles/1?hl=99999999-999999999",
		"/search?q=dam+OR+presa*&lang=en&outlet=Meridian+Wire&entity=2&from=2026&to=2026-03", "/new?since=2026-03-01T10:00:00Z",
		"/stories/-1", "/static/../web.go", "/stories/1?page=-5&min=-3&from=2026-13-45",
		"/search?q=dam&lang=english&from=2026&to=2025-12&entity=x", "/new?since=yesterday", "/stories/1?type=party&status=TRUE&min=1e9",
	} {
		f.Add(seed)
	}
	h := New(openDemoStore(f))
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.Parse(target)
		if err != nil || !strings.HasPrefix(u.Path, "/") || u.Host != "" || u.Scheme != "" {
			return
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL = u
		req.RequestURI = u.RequestURI()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s: status %d\n%.300s", target, rec.Code, rec.Body.String())
		}
	})
}
