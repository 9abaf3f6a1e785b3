package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/text"
)

// BenchmarkRoutesLarge times the sample requests on a store of
// STORYLINE_API_BENCH_ARTICLES Timeline17 reports (skipped when unset),
// built once into the temporary directory and kept for the next run: how
// the routes grow with the store, short of the 100k-article `bench serve`.
func BenchmarkRoutesLarge(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("STORYLINE_API_BENCH_ARTICLES"))
	if n <= 0 {
		b.Skip("set STORYLINE_API_BENCH_ARTICLES to the number of Timeline17 reports to store")
	}
	path := filepath.Join(os.TempDir(), "storyline-api-bench-"+strconv.Itoa(n)+".db")
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if have, err := st.CountArticles(ctx); err != nil {
		b.Fatal(err)
	} else if have < n {
		arts := timeline17(b, n)
		pipeline.Articles(ctx, pipeline.NewLinker(st), arts, pipeline.Options{})
	}
	h := New(st)
	for _, target := range sampleRequests(b, largestStoryID(b, h)) {
		b.Run(strings.TrimPrefix(target, Prefix), func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body.Bytes())
				}
			}
		})
	}
}

// timeline17 reads up to n reports of the Timeline17 corpus.
func timeline17(tb testing.TB, n int) []model.Article {
	files, _ := filepath.Glob(filepath.Join(sharedPath(tb, "data", "timelines", "t17"), "*", "articles.json"))
	var out []model.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var arts []struct{ UID, DCT, Text string }
		if err := json.Unmarshal(data, &arts); err != nil {
			tb.Fatal(err)
		}
		for _, a := range arts {
			if a.Text == "" {
				continue
			}
			pub, _ := time.Parse("2006-01-02", a.DCT)
			out = append(out, model.Article{Source: f + "#" + a.UID, Text: a.Text, Published: pub,
				PublishedPrecision: model.PrecisionDay, Lang: text.DetectLanguage(a.Text), Outlet: filepath.Base(filepath.Dir(f))})
			if len(out) == n {
				return out
			}
		}
	}
	return out
}
