package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/event"
	"github.com/storyline/storyline/internal/timeline"
)

type storyItem struct {
	ID             int64    `json:"id"`
	Title          string   `json:"title"`
	Articles       []int64  `json:"articles"`
	Languages      []string `json:"languages"`
	Outlets        []string `json:"outlets"`
	ArticleCount   int      `json:"article_count"`
	FirstPublished string   `json:"first_published"`
	LastPublished  string   `json:"last_published"`
	MainPair       []string `json:"main_pair"`
}

type eventItem struct {
	ID       int64    `json:"id"`
	Story    int64    `json:"story"`
	Date     *string  `json:"date"`
	Type     string   `json:"type"`
	Actors   []string `json:"actors"`
	Targets  []string `json:"targets"`
	Sources  int      `json:"independent_sources"`
	Outlets  []string `json:"outlets"`
	Evidence []struct {
		Article int64  `json:"article"`
		Start   int    `json:"start"`
		End     int    `json:"end"`
		Text    string `json:"text"`
	} `json:"evidence"`
}

type page[T any] struct {
	Items      []T  `json:"items"`
	Limit      int  `json:"limit"`
	Offset     int  `json:"offset"`
	HasMore    bool `json:"has_more"`
	NextOffset *int `json:"next_offset"`
	Total      *int `json:"total"`
}

type timelineDate struct {
	Date    string      `json:"date"`
	Sources int         `json:"independent_sources"`
	Events  []eventItem `json:"events"`
}

func TestStoriesAndStory(t *testing.T) {
	st := openDemo(t)
	srv := serve(t, st)
	var stories page[storyItem]
	getJSON(t, srv, "/api/v1/stories", http.StatusOK, &stories)
	if len(stories.Items) == 0 || stories.Limit != 50 || stories.HasMore {
		t.Fatalf("stories: %+v", stories)
	}
	for i, s := range stories.Items {
		if s.ArticleCount != len(s.Articles) || s.ArticleCount == 0 || len(s.Languages) == 0 {
			t.Errorf("story %d: %+v", s.ID, s)
		}
		if i > 0 && s.LastPublished > stories.Items[i-1].LastPublished {
			t.Errorf("story %d is more recent than the one before it", s.ID)
		}
	}
	big := stories.Items[0]
	for _, s := range stories.Items {
		if s.ArticleCount > big.ArticleCount {
			big = s
		}
	}
	var one storyItem
	getJSON(t, srv, fmt.Sprintf("/api/v1/stories/%d", big.ID), http.StatusOK, &one)
	if one.ID != big.ID || one.Title != big.Title || len(one.Articles) != len(big.Articles) {
		t.Errorf("story %d alone: %+v", big.ID, one)
	}
	// The pair the story page charts.
	if a, b, err := st.StoryMainPair(context.Background(), big.ID, event.Score); err != nil || a == nil || !slices.Equal(one.MainPair, []string{a.Name, b.Name}) {
		t.Errorf("story %d main pair %v, want the charted %v and %v (%v)", big.ID, one.MainPair, a, b, err)
	}
	// A page of one says there is more and where it starts.
	var first page[storyItem]
	getJSON(t, srv, "/api/v1/stories?limit=1", http.StatusOK, &first)
	if len(stories.Items) > 1 && (len(first.Items) != 1 || !first.HasMore || first.NextOffset == nil || *first.NextOffset != 1) {
		t.Errorf("limit=1: %+v", first)
	}
}

// biggestStory returns the demo story with the most articles.
func biggestStory(t *testing.T, get func(string, any)) storyItem {
	var stories page[storyItem]
	get("/api/v1/stories?limit=500", &stories)
	big := stories.Items[0]
	for _, s := range stories.Items {
		if s.ArticleCount > big.ArticleCount {
			big = s
		}
	}
	return big
}

func TestTimelineFiltersAndPages(t *testing.T) {
	srv := serve(t, openDemo(t))
	get := func(path string, v any) { t.Helper(); getJSON(t, srv, path, http.StatusOK, v) }
	story := biggestStory(t, get)
	base := fmt.Sprintf("/api/v1/stories/%d/timeline", story.ID)
	var all page[timelineDate]
	get(base+"?limit=500", &all)
	if len(all.Items) < 3 || all.Total == nil || *all.Total != len(all.Items) {
		t.Fatalf("timeline: %d dates, total %v", len(all.Items), all.Total)
	}
	var same page[timelineDate]
	get(fmt.Sprintf("/api/v1/timeline?story=%d&limit=500", story.ID), &same)
	if len(same.Items) != len(all.Items) {
		t.Errorf("/timeline?story= has %d dates, /stories/{id}/timeline %d", len(same.Items), len(all.Items))
	}
	for i, d := range all.Items {
		if i > 0 && !timeline.Before(all.Items[i-1].Date, d.Date) {
			t.Errorf("dates out of order: %s after %s", d.Date, all.Items[i-1].Date)
		}
		if len(d.Events) == 0 {
			t.Errorf("date %s has no events", d.Date)
		}
		for _, e := range d.Events {
			if e.Date == nil || *e.Date != d.Date || e.Story != story.ID {
				t.Errorf("date %s holds event %+v", d.Date, e)
			}
		}
	}
	// Paging by two dates walks the same dates.
	var walked []string
	for off := 0; ; {
		var p page[timelineDate]
		get(fmt.Sprintf("%s?limit=2&offset=%d", base, off), &p)
		for _, d := range p.Items {
			walked = append(walked, d.Date)
		}
		if !p.HasMore {
			break
		}
		off = *p.NextOffset
	}
	if len(walked) != len(all.Items) {
		t.Errorf("pages of two walk %d dates, want %d", len(walked), len(all.Items))
	}
	// Filters narrow the timeline to what they say.
	from, to := all.Items[1].Date, all.Items[len(all.Items)-2].Date
	var ranged page[timelineDate]
	get(fmt.Sprintf("%s?from=%s&to=%s&limit=500", base, from, to), &ranged)
	if len(ranged.Items) == 0 || len(ranged.Items) >= len(all.Items) {
		t.Errorf("from=%s to=%s: %d of %d dates", from, to, len(ranged.Items), len(all.Items))
	}
	for _, d := range ranged.Items {
		if d.Date < from[:min(len(from), len(d.Date))] || d.Date > to+"~" {
			t.Errorf("from=%s to=%s: date %s", from, to, d.Date)
		}
	}
	var assaults page[timelineDate]
	get(base+"?type=assault&min_sources=1&limit=500", &assaults)
	if len(assaults.Items) == 0 {
		t.Error("no ASSAULT events in the demo story")
	}
	for _, d := range assaults.Items {
		for _, e := range d.Events {
			if e.Type != "ASSAULT" || e.Sources < 1 {
				t.Errorf("type=assault: %+v", e)
			}
		}
	}
	var top page[timelineDate]
	get(base+"?max_dates=3", &top)
	if len(top.Items) != 3 {
		t.Errorf("max_dates=3: %d dates", len(top.Items))
	}
	var spanish page[timelineDate]
	get(base+"?lang=es&limit=500", &spanish)
	if len(spanish.Items) == 0 || len(spanish.Items) > len(all.Items) {
		t.Errorf("lang=es: %d dates of %d", len(spanish.Items), len(all.Items))
	}
}

func TestEventsQuotesClaimsEntitiesArticles(t *testing.T) {
	srv := serve(t, openDemo(t))
	get := func(path string, v any) { t.Helper(); getJSON(t, srv, path, http.StatusOK, v) }
	story := biggestStory(t, get)

	var events page[eventItem]
	get(fmt.Sprintf("/api/v1/events?story=%d&actor=valdora&limit=5", story.ID), &events)
	if len(events.Items) == 0 || len(events.Items) > 5 {
		t.Fatalf("events: %d", len(events.Items))
	}
	for _, e := range events.Items {
		if !strings.Contains(strings.ToLower(strings.Join(append(e.Actors, e.Targets...), "|")), "valdora") {
			t.Errorf("actor=valdora: %+v", e)
		}
	}
	var one eventItem
	get(fmt.Sprintf("/api/v1/events/%d", events.Items[0].ID), &one)
	if one.ID != events.Items[0].ID || len(one.Evidence) == 0 || len(one.Outlets) == 0 {
		t.Errorf("event alone: %+v", one)
	}

	var quotes page[struct {
		ID      int64  `json:"id"`
		Speaker string `json:"speaker"`
		Text    string `json:"text"`
	}]
	get(fmt.Sprintf("/api/v1/quotes?story=%d", story.ID), &quotes)
	if len(quotes.Items) == 0 {
		t.Fatal("no quotes")
	}
	speaker := ""
	for _, q := range quotes.Items {
		if q.Speaker != "" {
			speaker = q.Speaker
			break
		}
	}
	var bySpeaker page[struct {
		Speaker string `json:"speaker"`
	}]
	get("/api/v1/quotes?speaker="+url.QueryEscape(strings.ToUpper(speaker)), &bySpeaker)
	if len(bySpeaker.Items) == 0 {
		t.Errorf("no quotes by %q", speaker)
	}
	for _, q := range bySpeaker.Items {
		if !strings.EqualFold(q.Speaker, speaker) && !strings.Contains(strings.ToLower(q.Speaker), strings.ToLower(speaker)) {
			t.Errorf("speaker=%s: %q", speaker, q.Speaker)
		}
	}

	type claimItem struct {
		ID       int64               `json:"id"`
		Status   string              `json:"status"`
		Sources  int                 `json:"independent_sources"`
		ByStance map[string][]string `json:"outlets_by_stance"`
		Evidence []struct {
			Stance string `json:"stance"`
		} `json:"evidence"`
	}
	var claims page[claimItem]
	get(fmt.Sprintf("/api/v1/claims?story=%d&limit=500", story.ID), &claims)
	statuses := map[string]int{}
	for _, c := range claims.Items {
		statuses[c.Status]++
		if len(c.Evidence) == 0 || len(c.ByStance) == 0 {
			t.Errorf("claim %d without evidence or outlets: %+v", c.ID, c)
		}
	}
	if len(statuses) < 2 {
		t.Errorf("claim statuses %v: want settled and unsettled claims", statuses)
	}
	for status := range statuses {
		var some page[claimItem]
		get("/api/v1/claims?status="+status, &some)
		for _, c := range some.Items {
			if c.Status != status {
				t.Errorf("status=%s: claim %d is %s", status, c.ID, c.Status)
			}
		}
	}

	type entityItem struct {
		ID      int64    `json:"id"`
		Name    string   `json:"name"`
		Type    string   `json:"type"`
		Aliases []string `json:"aliases"`
	}
	var ents page[entityItem]
	get(fmt.Sprintf("/api/v1/entities?story=%d&type=loc&q=montalba", story.ID), &ents)
	if len(ents.Items) == 0 {
		t.Fatal("no LOC entity named like Montalba")
	}
	for _, e := range ents.Items {
		if e.Type != "LOC" || !strings.Contains(strings.ToLower(e.Name), "montalba") || e.Aliases == nil {
			t.Errorf("entity %+v", e)
		}
	}
	var ent entityItem
	get(fmt.Sprintf("/api/v1/entities/%d", ents.Items[0].ID), &ent)
	if ent.Name != ents.Items[0].Name {
		t.Errorf("entity alone: %+v", ent)
	}
	var entTimeline page[timelineDate]
	get(fmt.Sprintf("/api/v1/entities/%d/timeline", ent.ID), &entTimeline)
	if len(entTimeline.Items) == 0 {
		t.Errorf("no timeline for %s", ent.Name)
	}

	type articleItem struct {
		ID    int64   `json:"id"`
		Lang  string  `json:"lang"`
		Story *int64  `json:"story"`
		Title string  `json:"title"`
		Pub   *string `json:"published"`
		Text  *string `json:"text"`
		Spans []struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Kind  string `json:"kind"`
			ID    int64  `json:"id"`
		} `json:"spans"`
	}
	var arts page[articleItem]
	get(fmt.Sprintf("/api/v1/articles?story=%d&lang=es", story.ID), &arts)
	if len(arts.Items) == 0 {
		t.Fatal("no Spanish articles in the story")
	}
	for _, a := range arts.Items {
		if a.Lang != "es" || a.Story == nil || *a.Story != story.ID || a.Text != nil {
			t.Errorf("article in list: %+v", a)
		}
	}
	var art articleItem
	get(fmt.Sprintf("/api/v1/articles/%d", arts.Items[0].ID), &art)
	if art.Text == nil || len(art.Spans) == 0 {
		t.Fatalf("article alone: %+v", art)
	}
	for _, sp := range art.Spans {
		if sp.Start < 0 || sp.End > len(*art.Text) || sp.Start >= sp.End {
			t.Errorf("span %+v outside the text", sp)
		}
	}
}

func TestSearchDigestDyad(t *testing.T) {
	srv := serve(t, openDemo(t))
	get := func(path string, v any) { t.Helper(); getJSON(t, srv, path, http.StatusOK, v) }
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID         int64    `json:"id"`
			Lang       string   `json:"lang"`
			Snippet    string   `json:"snippet"`
			Highlights [][2]int `json:"highlights"`
		} `json:"hits"`
		Facets struct {
			Lang   []struct{ Value string } `json:"lang"`
			Entity []struct{ ID int64 }     `json:"entity"`
		} `json:"facets"`
		HasMore bool `json:"has_more"`
	}
	get("/api/v1/search?q=presa+OR+dam&limit=2", &res)
	if res.Total < 3 || len(res.Hits) != 2 || !res.HasMore || len(res.Facets.Lang) != 2 || len(res.Facets.Entity) == 0 {
		t.Fatalf("search: %+v", res)
	}
	get("/api/v1/search?q=presa+OR+dam&lang=es&from=2026-03-01&to=2026-03-31&entity="+fmt.Sprint(res.Facets.Entity[0].ID), &res)
	for _, h := range res.Hits {
		if h.Lang != "es" || len(h.Highlights) == 0 {
			t.Errorf("hit %+v", h)
		}
	}

	var d struct {
		Stories       []storyItem       `json:"stories"`
		Events        []eventItem       `json:"events"`
		StatusChanges []json.RawMessage `json:"status_changes"`
	}
	get("/api/v1/digest?since=2000-01-01", &d)
	if len(d.Stories) == 0 || len(d.Events) == 0 || len(d.StatusChanges) == 0 {
		t.Errorf("digest since 2000: %d stories, %d events, %d status changes", len(d.Stories), len(d.Events), len(d.StatusChanges))
	}
	// Events as the events route gives them: an unknown date is null.
	var raw struct {
		Events []map[string]any `json:"events"`
	}
	get("/api/v1/digest?since=2000-01-01", &raw)
	undated := 0
	for _, e := range raw.Events {
		if e["date"] == nil {
			undated++
		} else if e["date"] == "" || e["precision"] == "" {
			t.Errorf("digest event with an empty date: %v", e)
		}
	}
	if undated == 0 {
		t.Error("the digest has no undated event to check")
	}
	get("/api/v1/digest?since=2999-01-01T00:00:00Z", &d)
	if len(d.Stories)+len(d.Events)+len(d.StatusChanges) != 0 {
		t.Errorf("digest since 2999: %+v", d)
	}
	// An offset's "+" typed into a URL unencoded arrives as a space.
	get("/api/v1/digest?since=2999-01-01T00:00:00+01:00", &d)
	if len(d.Stories)+len(d.Events)+len(d.StatusChanges) != 0 {
		t.Errorf("digest since 2999 with an unencoded offset: %+v", d)
	}

	var dy struct {
		A, B struct {
			Name   string   `json:"name"`
			Entity *int64   `json:"entity"`
			Names  []string `json:"names"`
		}
		Points []struct {
			Date  string  `json:"date"`
			Score float64 `json:"score"`
		} `json:"points"`
		Total float64 `json:"total"`
	}
	get("/api/v1/dyad?a=Valdora&b=Montalba", &dy)
	sum := 0.0
	for _, p := range dy.Points {
		sum += p.Score
	}
	if len(dy.Points) == 0 || sum != dy.Total {
		t.Errorf("dyad Valdora–Montalba: %+v", dy)
	}
	byName := len(dy.Points)
	var ents page[struct{ ID int64 }]
	get("/api/v1/entities?q=Valdora&type=LOC", &ents)
	get(fmt.Sprintf("/api/v1/dyad?a=%d&b=Montalba", ents.Items[0].ID), &dy)
	if dy.A.Entity == nil || len(dy.A.Names) == 0 || len(dy.Points) < byName {
		t.Errorf("dyad by entity id: %+v (by name: %d days)", dy, byName)
	}
}

func TestErrorsAreJSON(t *testing.T) {
	srv := serve(t, openDemo(t))
	tests := []struct {
		path   string
		status int
		naming string
	}{
		{"/api/v1/stories?limit=abc", 400, "limit"},
		{"/api/v1/stories?limit=0", 400, "limit"},
		{"/api/v1/stories?offset=-1", 400, "offset"},
		{"/api/v1/timeline?from=2026-13-01", 400, "from"},
		{"/api/v1/timeline?from=2026-03-05&to=2026-03-01", 400, "to"},
		{"/api/v1/timeline?type=BOMBING", 400, "type"},
		{"/api/v1/timeline?max_dates=3", 400, "max_dates"},
		{"/api/v1/events?min_sources=many", 400, "min_sources"},
		{"/api/v1/events?lang=english", 400, "lang"},
		{"/api/v1/events?story=x", 400, "story"},
		{"/api/v1/events?story=999999", 404, "no story with id 999999"},
		{"/api/v1/claims?story=999999", 404, "no story with id 999999"},
		{"/api/v1/quotes?story=999999", 404, "no story with id 999999"},
		{"/api/v1/claims?status=maybe", 400, "status"},
		{"/api/v1/entities?type=CITY", 400, "type"},
		{"/api/v1/search", 400, "q"},
		{"/api/v1/search?q=%22%22", 400, "q"},
		{"/api/v1/digest", 400, "since"},
		{"/api/v1/digest?since=yesterday", 400, "since"},
		{"/api/v1/dyad?a=Valdora", 400, "b"},
		{"/api/v1/dyad?a=999999&b=Montalba", 400, "a"},
		{"/api/v1/stories/abc", 400, "id"},
		{"/api/v1/stories/999999", 404, "999999"},
		{"/api/v1/stories/999999/timeline", 404, "999999"},
		{"/api/v1/events/999999", 404, "999999"},
		{"/api/v1/entities/999999", 404, "999999"},
		{"/api/v1/entities/999999/timeline", 404, "999999"},
		{"/api/v1/articles/999999", 404, "999999"},
		{"/api/v1/nothing/here", 404, "/api/v1/nothing/here"},
	}
	for _, tt := range tests {
		var e errorBody
		getJSON(t, srv, tt.path, tt.status, &e)
		if e.Error.Status != tt.status || !strings.Contains(e.Error.Message, tt.naming) {
			t.Errorf("GET %s: %+v; want status %d naming %q", tt.path, e.Error, tt.status, tt.naming)
		}
	}
	for _, method := range []string{http.MethodPost, http.MethodDelete, http.MethodPut} {
		resp := request(t, srv, method, "/api/v1/stories")
		var e errorBody
		err := json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 405 || e.Error.Status != 405 || resp.Header.Get("Allow") == "" {
			t.Errorf("%s /api/v1/stories: %d %+v %v", method, resp.StatusCode, e, err)
		}
	}
	resp := request(t, srv, http.MethodHead, "/api/v1/stories")
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("HEAD: %d", resp.StatusCode)
	}
}

// TestOpenAPIMatchesRoutes checks that the document lists every route the
// API serves, with its path and query parameters, and nothing else.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	srv := serve(t, openDemo(t))
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]struct {
			Get *struct {
				Parameters []struct {
					Ref  string `json:"$ref"`
					Name string `json:"name"`
					In   string `json:"in"`
				} `json:"parameters"`
			} `json:"get"`
		} `json:"paths"`
		Components struct {
			Parameters map[string]struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
		} `json:"components"`
	}
	getJSON(t, srv, "/api/v1/openapi.json", http.StatusOK, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	var served, documented []string
	for _, rt := range routes {
		served = append(served, rt.pattern)
	}
	for p, item := range doc.Paths {
		documented = append(documented, p)
		if item.Get == nil {
			t.Errorf("%s: no GET operation", p)
			continue
		}
		hasID := false
		for _, prm := range item.Get.Parameters {
			name, in := prm.Name, prm.In
			if prm.Ref != "" {
				c, ok := doc.Components.Parameters[strings.TrimPrefix(prm.Ref, "#/components/parameters/")]
				if !ok {
					t.Errorf("%s: dangling %s", p, prm.Ref)
				}
				name, in = c.Name, c.In
			}
			if in == "path" && name == "id" {
				hasID = true
			}
		}
		if hasID != strings.Contains(p, "{id}") {
			t.Errorf("%s: path parameter id documented %v", p, hasID)
		}
	}
	sort.Strings(served)
	sort.Strings(documented)
	if strings.Join(served, "\n") != strings.Join(documented, "\n") {
		t.Errorf("served routes:\n%s\ndocumented:\n%s", strings.Join(served, "\n"), strings.Join(documented, "\n"))
	}
	// Every query parameter a handler reads is documented for some route.
	names := map[string]bool{}
	for _, item := range doc.Paths {
		for _, prm := range item.Get.Parameters {
			names[prm.Name] = true
		}
	}
	for _, c := range doc.Components.Parameters {
		names[c.Name] = true
	}
	for _, used := range queryParamsInSource(t) {
		if !names[used] {
			t.Errorf("query parameter %q is read but not documented", used)
		}
	}
}

// queryParamsInSource lists the parameter names the handlers read.
func queryParamsInSource(t *testing.T) []string {
	src, err := readSource("handlers.go", "params.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`p\.(?:str|id|count|date|oneOf|list|moment|lang)\("([a-z_]+)"|p\.str\(name\)|dyadSide\(r, p, name\)`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(src, -1) {
		if m[1] != "" {
			out = append(out, m[1])
		}
	}
	return append(out, "limit", "offset", "a", "b")
}
