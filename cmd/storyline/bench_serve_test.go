package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/demo"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/server"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/text"
)

// smallT17 writes a Timeline17-format corpus of the first n reports of
// one real topic and returns its directory.
func smallT17(t *testing.T, n int) string {
	t.Helper()
	data, err := os.ReadFile(sharedDir(t, "data", "timelines", "t17", "H1N1_bbc", "articles.json"))
	if err != nil {
		t.Fatal(err)
	}
	var arts []json.RawMessage
	if err := json.Unmarshal(data, &arts); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	topic := filepath.Join(dir, "H1N1_bbc")
	if err := os.Mkdir(topic, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(arts[:n])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(topic, "articles.json"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runBenchServeJSON(t *testing.T, args ...string) benchServeResult {
	t.Helper()
	out, errOut, code := runCLI(t, append([]string{"bench", "serve", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("bench serve exited %d\n%s%s", code, out, errOut)
	}
	var res benchServeResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bench serve --format json: %v\n%s", err, out)
	}
	return res
}

func TestBenchServeBuildsCopiesAndMeasuresEveryRoute(t *testing.T) {
	corpus := smallT17(t, 30)
	db := filepath.Join(t.TempDir(), "latency.db")
	// 30 reports, asked for 70: the corpus is copied into three
	// generations, the last one partial.
	res := runBenchServeJSON(t, "--db", db, "--corpus", corpus, "--articles", "70", "--requests", "3")
	if res.Articles < 70 || res.Articles > 75 || res.BuildSeconds <= 0 {
		t.Errorf("built %d articles in %.1fs, want about 70", res.Articles, res.BuildSeconds)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	stories, err := st.Stories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Each copy tells its own stories: none mixes reports of two copies.
	for _, s := range stories {
		copies := map[string]bool{}
		for _, id := range s.Articles {
			copies[copyOfArticle(t, st, id)] = true
		}
		if len(copies) > 1 {
			t.Errorf("story %d %q mixes copies %v", s.ID, s.Title, copies)
		}
	}
	st.Close()
	want := map[string]bool{}
	for _, r := range []string{"/api/v1/stories", "/api/v1/stories/{id}/timeline", "/api/v1/claims", "/api/v1/search?q=", "/api/v1/digest?since=",
		"/api/v1/dyad?a=&b=", "/", "/stories/{id}", "/articles/{id}", "/entities/{id}", "/search?q="} {
		want[r] = true
	}
	for _, r := range res.Routes {
		delete(want, r.Route)
		if r.Requests != 3 || r.Errors != 0 || r.P50ms <= 0 || r.P95ms < r.P50ms || r.MaxMs < r.P99ms || r.Bytes == 0 {
			t.Errorf("route %s: %+v", r.Route, r)
		}
	}
	if len(want) > 0 {
		t.Errorf("routes not measured: %v", want)
	}
	if res.SlowestP95 == "" {
		t.Error("no slowest route named")
	}

	// The database is kept: a second run measures it without building.
	again := runBenchServeJSON(t, "--db", db, "--corpus", corpus, "--articles", "70", "--requests", "1")
	if again.BuildSeconds != 0 || again.Articles != res.Articles {
		t.Errorf("second run built again: %+v", again)
	}
	out, _, code := runCLI(t, "bench", "serve", "--db", db, "--corpus", corpus, "--articles", "70", "--requests", "1")
	if code != 0 || !strings.Contains(out, "p95 ms") || !strings.Contains(out, "/stories/{id}") {
		t.Errorf("text table: exit %d\n%s", code, out)
	}
}

// copyOfArticle reads which corpus copy an article came from, out of the
// id its JSON Lines record gave it.
func copyOfArticle(t *testing.T, st *store.Store, id int64) string {
	t.Helper()
	a, err := st.Article(context.Background(), id)
	if err != nil || a == nil {
		t.Fatalf("article %d: %v", id, err)
	}
	return a.ExternalID[strings.LastIndex(a.ExternalID, "/")+1:]
}

func TestVariantText(t *testing.T) {
	recs, err := loadT17(sharedDir(t, "data", "timelines", "t17"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if strings.Contains(r.article.Text, "-LRB-") || strings.Contains(r.article.Text, "``") {
			t.Fatalf("report %s keeps treebank escapes", r.article.UID)
		}
	}
	r := recs[0]
	orig := r.article.Text
	if variantText(orig, r.article.UID, 0) != orig {
		t.Error("copy 0 is not the original")
	}
	one, three := variantText(orig, r.article.UID, 1), variantText(orig, r.article.UID, 3)
	if one == three || one == orig {
		t.Fatal("copies are not distinct")
	}
	for _, tc := range []struct{ s, want string }{
		{"Saturday , 25 April 2009 Experts met the World Health Organisation in Mexico .", "Saturday , 25 April 2009 Expertsen met the Worlden Healthen Organisationen in Mexicoen ."},
		{"The virus has killed at least 60 people.", "The virus has killed at least 60 people."},
		{"Señor Núñez said so.", "Señor Núñezen said so."},
	} {
		var b strings.Builder
		renameCapitalised(&b, tc.s, copySuffix(1))
		if b.String() != tc.want {
			t.Errorf("renameCapitalised(%q) = %q, want %q", tc.s, b.String(), tc.want)
		}
	}
	kept, total := len(text.Sentences(one, "en")), len(text.Sentences(orig, "en"))
	if kept >= total || kept < total/3 {
		t.Errorf("copy keeps %d of %d sentences, want about 7 in 10", kept, total)
	}
	seen := map[string]int{}
	for g := 1; g < 200; g++ {
		s := copySuffix(g)
		if prev, dup := seen[s]; dup {
			t.Fatalf("copies %d and %d share the suffix %q", prev, g, s)
		}
		seen[s] = g
	}
}

func TestPercentileMs(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 200; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		p    int
		want float64
	}{{50, 100}, {95, 190}, {99, 198}, {100, 200}} {
		if got := percentileMs(ds, tc.p); got != tc.want {
			t.Errorf("p%d = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := percentileMs(ds[:1], 95); got != 1 {
		t.Errorf("p95 of one = %v", got)
	}
	if got := percentileMs(nil, 95); got != 0 {
		t.Errorf("p95 of none = %v", got)
	}
}

// BenchmarkServeLatency requests every route bench serve measures from
// the real handler (without the network), on the demo corpus, or on the database named by
// STORYLINE_BENCH_DB (e.g. one `storyline bench serve` built).
func BenchmarkServeLatency(b *testing.B) {
	ctx := context.Background()
	path := os.Getenv("STORYLINE_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "demo.db")
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountArticles(ctx); err != nil || n == 0 {
		arts, err := demo.Articles()
		if err != nil {
			b.Fatal(err)
		}
		pipeline.Articles(ctx, pipeline.NewLinker(st), arts, pipeline.Options{})
	}
	routes, _, err := latencyRoutes(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	h := server.New(st, server.Options{})
	for _, rt := range routes {
		name := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "=", "", "&", "_").Replace(rt.Pattern), "_")
		if name == "" {
			name = "home"
		}
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, rt.URLs[i%len(rt.URLs)], nil)
				rec := newDiscardRecorder()
				h.ServeHTTP(rec, req)
				if rec.status != http.StatusOK {
					b.Fatalf("GET %s: HTTP %d", rt.URLs[i%len(rt.URLs)], rec.status)
				}
				i++
			}
		})
	}
}

// discardRecorder is a ResponseWriter that keeps only the status, so the
// benchmark measures the handler rather than buffering its output.
type discardRecorder struct {
	header http.Header
	status int
}

func newDiscardRecorder() *discardRecorder {
	return &discardRecorder{header: http.Header{}, status: http.StatusOK}
}

func (d *discardRecorder) Header() http.Header         { return d.header }
func (d *discardRecorder) Write(p []byte) (int, error) { return len(p), nil }
func (d *discardRecorder) WriteHeader(status int)      { d.status = status }
