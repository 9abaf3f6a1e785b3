package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
)

// schemaProbe sends GET requests to the API and checks each answer
// against the schema the OpenAPI document gives for its route and status.
type schemaProbe struct {
	t   *testing.T
	srv *httptest.Server
	doc *openAPIDoc
	// answered counts, per documented path, the 200 answers checked.
	answered map[string]int
}

// documentedPath is the path of the document that target's path matches,
// segment by segment, "{name}" matching any one segment.
func (p *schemaProbe) documentedPath(target string) string {
	path, _, _ := strings.Cut(target, "?")
	paths, _ := p.doc.root["paths"].(map[string]any)
	segs := strings.Split(path, "/")
	for pattern := range paths {
		psegs := strings.Split(pattern, "/")
		if len(psegs) != len(segs) {
			continue
		}
		match := true
		for i, s := range psegs {
			if s != segs[i] && !(strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}")) {
				match = false
				break
			}
		}
		if match {
			return pattern
		}
	}
	return ""
}

// get requests target, wants status, checks the body against the
// document and returns it decoded (numbers as json.Number).
func (p *schemaProbe) get(target string, status int) any {
	p.t.Helper()
	resp, err := p.srv.Client().Get(p.srv.URL + target)
	if err != nil {
		p.t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		p.t.Fatal(err)
	}
	if resp.StatusCode != status {
		p.t.Errorf("GET %s: status %d, want %d: %.300s", target, resp.StatusCode, status, body)
		return nil
	}
	v, err := decodeJSON(body)
	if err != nil {
		p.t.Errorf("GET %s: %v in %.300s", target, err, body)
		return nil
	}
	path := p.documentedPath(target)
	if path == "" {
		p.t.Errorf("GET %s: no documented path matches", target)
		return v
	}
	schema, err := p.doc.responseSchema(path, status)
	if err != nil {
		p.t.Errorf("GET %s: %v", target, err)
		return v
	}
	if problems := p.doc.check(schema, v, "body"); len(problems) > 0 {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("and %d more", len(problems)-10))
		}
		p.t.Errorf("GET %s does not match the documented %d response:\n%s", target, status, strings.Join(problems, "\n"))
	}
	if status == http.StatusOK {
		p.answered[path]++
	}
	return v
}

// ids reads the "id" of each item of a list answer.
func ids(page any) []string {
	items, _ := field(page, "items").([]any)
	var out []string
	for _, it := range items {
		if id, ok := field(it, "id").(json.Number); ok {
			out = append(out, string(id))
		}
	}
	return out
}

func field(v any, name string) any {
	m, _ := v.(map[string]any)
	return m[name]
}

// Every documented route, asked as clients ask it over the demo corpus
// (each list in full, each record listed by its id, the sample requests,
// and failures), answers in the shape the OpenAPI document gives: no
// undocumented field, no missing required one, types, enums and formats
// as documented.
func TestResponsesMatchOpenAPI(t *testing.T) {
	st := openDemo(t)
	p := newSchemaProbe(t, st)
	lists := p.askEveryRoute()
	for _, list := range []string{"events", "quotes", "claims", "entities", "articles"} {
		if lists[list] == 0 {
			t.Errorf("the demo corpus gave no %s: their schema went unchecked", list)
		}
	}
	for _, target := range sampleRequests(t, largestStoryID(t, New(st))) {
		p.get(target, http.StatusOK)
	}
	p.checkCoverage()
}

// The same holds over the real seed reports, whose outlets, dates and
// unknowns the invented demo corpus may not show.
func TestSeedResponsesMatchOpenAPI(t *testing.T) {
	seeds := sharedPath(t, "seeds")
	st, err := store.Open(filepath.Join(t.TempDir(), "seeds.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats := pipeline.Ingest(context.Background(), pipeline.NewLinker(st), []string{seeds}, nil, pipeline.Options{})
	if stats.Added == 0 {
		t.Fatalf("no seed reports stored: %+v", stats)
	}
	p := newSchemaProbe(t, st)
	if lists := p.askEveryRoute(); lists["articles"] != stats.Added {
		t.Errorf("%d articles listed, %d stored", lists["articles"], stats.Added)
	}
	p.checkCoverage()
}

func newSchemaProbe(t *testing.T, st *store.Store) *schemaProbe {
	doc, err := loadOpenAPI(openAPI)
	if err != nil {
		t.Fatal(err)
	}
	return &schemaProbe{t: t, srv: serve(t, st), doc: doc, answered: map[string]int{}}
}

// askEveryRoute asks each list in full, each record it lists by id, the
// routes that take names or words found in those records, and requests
// that fail. It returns how many items each top-level list held.
func (p *schemaProbe) askEveryRoute() map[string]int {
	t := p.t
	t.Helper()
	lists := map[string]int{}
	stories := ids(p.get("/api/v1/stories?limit=500", http.StatusOK))
	if len(stories) == 0 {
		t.Fatal("no stories to ask about")
	}
	lists["stories"] = len(stories)
	for _, id := range stories {
		story := p.get("/api/v1/stories/"+id, http.StatusOK)
		p.get("/api/v1/stories/"+id+"/timeline?limit=500", http.StatusOK)
		p.get("/api/v1/stories/"+id+"/timeline?max_dates=5", http.StatusOK)
		p.get("/api/v1/timeline?story="+id, http.StatusOK)
		p.get("/api/v1/entities?story="+id+"&limit=500", http.StatusOK)
		p.get("/api/v1/claims?story="+id, http.StatusOK)
		if pair, ok := field(story, "main_pair").([]any); ok && len(pair) == 2 {
			p.get(fmt.Sprintf("/api/v1/dyad?story=%s&a=%s&b=%s", id, url.QueryEscape(fmt.Sprint(pair[0])), url.QueryEscape(fmt.Sprint(pair[1]))), http.StatusOK)
		}
	}
	events := ids(p.get("/api/v1/events?limit=500", http.StatusOK))
	lists["events"] = len(events)
	for _, id := range events {
		p.get("/api/v1/events/"+id, http.StatusOK)
	}
	entities := ids(p.get("/api/v1/entities?limit=500", http.StatusOK))
	lists["entities"] = len(entities)
	for _, id := range entities {
		p.get("/api/v1/entities/"+id, http.StatusOK)
		p.get("/api/v1/entities/"+id+"/timeline", http.StatusOK)
	}
	if len(entities) >= 2 {
		p.get("/api/v1/dyad?a="+entities[0]+"&b="+entities[1], http.StatusOK)
	}
	articles := p.get("/api/v1/articles?limit=500", http.StatusOK)
	lists["articles"] = len(ids(articles))
	for _, id := range ids(articles) {
		p.get("/api/v1/articles/"+id, http.StatusOK)
	}
	if items, _ := field(articles, "items").([]any); len(items) > 0 {
		// A word of a real title finds at least that article.
		if words := strings.Fields(fmt.Sprint(field(items[0], "title"))); len(words) > 0 {
			p.get("/api/v1/search?q="+url.QueryEscape(words[0])+"&limit=2", http.StatusOK)
		}
	}
	lists["quotes"] = len(ids(p.get("/api/v1/quotes?limit=500", http.StatusOK)))
	lists["claims"] = len(ids(p.get("/api/v1/claims?limit=500", http.StatusOK)))
	p.get("/api/v1/timeline?limit=500", http.StatusOK)
	p.get("/api/v1/digest?since=2000-01-01", http.StatusOK)
	p.get("/api/v1/digest?since=2100-01-01T00:00:00Z", http.StatusOK)
	p.get("/api/v1/openapi.json", http.StatusOK)

	// Failures answer with the documented error body.
	for _, target := range []string{"/api/v1/stories/0", "/api/v1/events/x", "/api/v1/timeline?from=yesterday", "/api/v1/search", "/api/v1/claims?status=true"} {
		p.get(target, http.StatusBadRequest)
	}
	for _, target := range []string{"/api/v1/stories/999999", "/api/v1/articles/999999", "/api/v1/entities/999999/timeline", "/api/v1/quotes?story=999999"} {
		p.get(target, http.StatusNotFound)
	}
	return lists
}

// checkCoverage fails for each documented route that never answered 200.
func (p *schemaProbe) checkCoverage() {
	p.t.Helper()
	var missing []string
	for path := range p.doc.root["paths"].(map[string]any) {
		if p.answered[path] == 0 {
			missing = append(missing, path)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		p.t.Errorf("documented routes never answered 200 here, so their schemas went unchecked:\n%s", strings.Join(missing, "\n"))
	}
}
