package api

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
)

// On a database built from the seed reports, the API states the same
// facts as `storyline export`: story membership and spans, dated events
// with their sources and evidence, claims with their status.
func TestSeedsMatchExport(t *testing.T) {
	seeds := sharedPath(t, "seeds")
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "seeds.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats := pipeline.Ingest(ctx, pipeline.NewLinker(st), []string{seeds}, nil, pipeline.Options{})
	if stats.Added == 0 {
		t.Fatalf("no seed reports stored: %+v", stats)
	}
	doc, err := export.Build(ctx, st, 0)
	if err != nil {
		t.Fatal(err)
	}
	srv := serve(t, st)

	var stories page[storyItem]
	getJSON(t, srv, "/api/v1/stories?limit=500", http.StatusOK, &stories)
	want := map[int64]string{}
	for _, s := range doc.Stories {
		want[s.ID] = fmt.Sprint(s.Articles, s.Languages, s.FirstPublished, s.LastPublished)
	}
	if len(stories.Items) != len(doc.Stories) {
		t.Errorf("%d stories, export has %d", len(stories.Items), len(doc.Stories))
	}
	for _, s := range stories.Items {
		if got := fmt.Sprint(s.Articles, s.Languages, s.FirstPublished, s.LastPublished); got != want[s.ID] {
			t.Errorf("story %d: %s, export %s", s.ID, got, want[s.ID])
		}
	}

	var tl page[timelineDate]
	getJSON(t, srv, "/api/v1/timeline?limit=500", http.StatusOK, &tl)
	var got, exported []string
	for _, d := range tl.Items {
		for _, e := range d.Events {
			got = append(got, eventFact(e.ID, *e.Date, e.Sources, len(e.Evidence), e.Evidence[0].Article, e.Evidence[0].Start))
		}
	}
	for _, e := range doc.Events {
		if e.Date != nil {
			exported = append(exported, eventFact(e.ID, *e.Date, e.IndependentSources, len(e.Evidence), e.Evidence[0].Article, e.Evidence[0].Start))
		}
	}
	if len(exported) == 0 {
		t.Fatal("the seeds gave no dated events")
	}
	compareFacts(t, "timeline events", got, exported)

	var claims page[struct {
		ID       int64  `json:"id"`
		Status   string `json:"status"`
		Sources  int    `json:"independent_sources"`
		Claimant string `json:"claimant"`
		Evidence []struct {
			Article int64  `json:"article"`
			Stance  string `json:"stance"`
		} `json:"evidence"`
	}]
	getJSON(t, srv, "/api/v1/claims?limit=500", http.StatusOK, &claims)
	got, exported = nil, nil
	for _, c := range claims.Items {
		var ev []string
		for _, e := range c.Evidence {
			ev = append(ev, fmt.Sprint(e.Article, e.Stance))
		}
		got = append(got, fmt.Sprint(c.ID, c.Status, c.Sources, c.Claimant, ev))
	}
	for _, c := range doc.Claims {
		var ev []string
		for _, e := range c.Evidence {
			ev = append(ev, fmt.Sprint(e.Article, e.Stance))
		}
		exported = append(exported, fmt.Sprint(c.ID, c.Status, c.IndependentSources, c.Claimant, ev))
	}
	if len(exported) == 0 {
		t.Fatal("the seeds gave no claims")
	}
	compareFacts(t, "claims", got, exported)
}

func eventFact(id int64, date string, sources, evidence int, article int64, start int) string {
	return fmt.Sprintf("event %d on %s: %d sources, %d sentences, first in article %d at %d", id, date, sources, evidence, article, start)
}

func compareFacts(t *testing.T, what string, got, want []string) {
	t.Helper()
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s differ from the export:\napi:\n%s\nexport:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
