package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/storyline/storyline/demo"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
)

var (
	demoOnce  sync.Once
	demoDir   string
	demoStore *store.Store
	demoErr   error
)

// TestMain removes the shared demo store when the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if demoStore != nil {
		demoStore.Close()
	}
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

// openDemo returns a store of the bundled demo corpus, built once per test
// binary; the API only reads it.
func openDemo(tb testing.TB) *store.Store {
	tb.Helper()
	demoOnce.Do(func() {
		if demoDir, demoErr = os.MkdirTemp("", "storyline-api-test-"); demoErr != nil {
			return
		}
		if demoStore, demoErr = store.Open(filepath.Join(demoDir, "demo.db")); demoErr != nil {
			return
		}
		var arts []model.Article
		arts, err := demo.Articles()
		if err != nil {
			demoErr = err
			return
		}
		pipeline.Articles(context.Background(), pipeline.NewLinker(demoStore), arts, pipeline.Options{
			OnError: func(err error) { demoErr = err },
		})
	})
	if demoErr != nil {
		tb.Fatal(demoErr)
	}
	return demoStore
}

// sharedPath finds parts under ../shared beside the repository (four
// levels above this package), skipping the test where it is absent unless
// CI=true.
func sharedPath(tb testing.TB, parts ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{"..", "..", "..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is required when CI=true: %v", p, err)
		}
		tb.Skipf("%s not found (it sits beside the repository in CI): %v", p, err)
	}
	return p
}

// serve starts the API on loopback over st.
func serve(tb testing.TB, st *store.Store) *httptest.Server {
	srv := httptest.NewServer(New(st))
	tb.Cleanup(srv.Close)
	return srv
}

// getJSON requests path and decodes the answer into v (when not nil),
// failing unless the status is want and the body JSON.
func getJSON(tb testing.TB, srv *httptest.Server, path string, want int, v any) {
	tb.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	if resp.StatusCode != want {
		tb.Fatalf("GET %s: status %d, want %d: %s", path, resp.StatusCode, want, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		tb.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if v == nil {
		v = new(any)
	}
	if err := json.Unmarshal(body, v); err != nil {
		tb.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

// errorBody is the shape of every API error.
type errorBody struct {
	Error struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
	} `json:"error"`
}

func request(tb testing.TB, srv *httptest.Server, method, path string) *http.Response {
	tb.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(""))
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}
