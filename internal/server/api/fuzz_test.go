package api

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// sampleRequests reads testdata/requests.txt, putting story in for STORY.
func sampleRequests(tb testing.TB, story int64) []string {
	tb.Helper()
	f, err := os.Open("testdata/requests.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, strings.ReplaceAll(line, "STORY", fmt.Sprint(story)))
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func largestStoryID(tb testing.TB, h http.Handler) int64 {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/stories?limit=500", nil))
	var p page[storyItem]
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || len(p.Items) == 0 {
		tb.Fatalf("stories: %v %s", err, rec.Body.Bytes())
	}
	best := p.Items[0]
	for _, s := range p.Items {
		if s.ArticleCount > best.ArticleCount {
			best = s
		}
	}
	return best.ID
}

func TestSampleRequestsSucceed(t *testing.T) {
	h := New(openDemo(t))
	for _, target := range sampleRequests(t, largestStoryID(t, h)) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != http.StatusOK || !json.Valid(rec.Body.Bytes()) {
			t.Errorf("GET %s: %d %.200s", target, rec.Code, rec.Body.Bytes())
		}
	}
}

// FuzzRequest sends arbitrary paths and query strings under /api/v1/:
// every answer is JSON, a success or an error naming its status.
func FuzzRequest(f *testing.F) {
	h := New(openDemo(f))
	for _, target := range sampleRequests(f, largestStoryID(f, h)) {
		path, query, _ := strings.Cut(target, "?")
		f.Add(strings.TrimPrefix(path, Prefix), query)
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		req, err := http.NewRequest(http.MethodGet, "http://api.test/", nil)
		if err != nil {
			t.Skip()
		}
		req.URL.Path = Prefix + path
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK:
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%s?%s: invalid JSON %.200s", path, query, rec.Body.Bytes())
			}
		case http.StatusBadRequest, http.StatusNotFound, http.StatusMovedPermanently, http.StatusTemporaryRedirect:
			if rec.Code >= 400 {
				var e errorBody
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Status != rec.Code || e.Error.Message == "" {
					t.Fatalf("%s?%s: %d with body %.200s", path, query, rec.Code, rec.Body.Bytes())
				}
			}
		default:
			t.Fatalf("%s?%s: status %d: %.200s", path, query, rec.Code, rec.Body.Bytes())
		}
	})
}

// BenchmarkRoutes times each sample request on the demo store, through
// the handler without the network.
func BenchmarkRoutes(b *testing.B) {
	h := New(openDemo(b))
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
