package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/storyline/storyline/demo"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/timex"
)

// demoStore is built once per test binary: the bundled corpus through the
// real pipeline, as `storyline demo` builds it.
var demoStore struct {
	once sync.Once
	st   *store.Store
	err  error
}

var tempDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	if demoStore.st != nil {
		demoStore.st.Close()
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func openDemoStore(tb testing.TB) *store.Store {
	tb.Helper()
	demoStore.once.Do(func() {
		arts, err := demo.Articles()
		if err != nil {
			demoStore.err = err
			return
		}
		demoStore.st, demoStore.err = buildStore(arts)
	})
	if demoStore.err != nil {
		tb.Fatal(demoStore.err)
	}
	return demoStore.st
}

// storeFromFiles reads report files as ingest does and runs them through
// the pipeline into a fresh database.
func storeFromFiles(tb testing.TB, paths []string) *store.Store {
	tb.Helper()
	var arts []model.Article
	for _, f := range paths {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		got, err := ingest.Read(f, data, ingest.Options{InferDate: timex.DocumentDate})
		if err != nil {
			tb.Fatal(err)
		}
		arts = append(arts, got...)
	}
	st, err := buildStore(arts)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// buildStore runs articles through the pipeline into a fresh database.
func buildStore(arts []model.Article) (*store.Store, error) {
	dir, err := os.MkdirTemp("", "storyline-web-")
	if err != nil {
		return nil, err
	}
	tempDirs = append(tempDirs, dir)
	st, err := store.Open(filepath.Join(dir, "web.db"))
	if err != nil {
		return nil, err
	}
	var firstErr error
	stats := pipeline.Articles(context.Background(), pipeline.NewLinker(st), arts, pipeline.Options{
		OnError: func(err error) {
			if firstErr == nil {
				firstErr = err
			}
		},
	})
	if stats.Failed > 0 || stats.StoreErrors > 0 {
		st.Close()
		return nil, firstErr
	}
	return st, nil
}

// sharedDir is ../shared beside the repository, seen from this package;
// tests skip without it, and fail when CI=true.
func sharedDir(tb testing.TB, parts ...string) string {
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

// get requests path from h and returns the status and body.
func get(tb testing.TB, h http.Handler, method, path string) (int, string, http.Header) {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body), rec.Result().Header
}
