package store_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline/demo"
	"github.com/storyline/storyline/internal/event"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/timex"
)

var (
	demoOnce  sync.Once
	demoStore *store.Store
	demoErr   error
)

// openDemo returns a store holding the bundled demo corpus, built once per
// test binary: the views only read it.
func openDemo(tb testing.TB) *store.Store {
	tb.Helper()
	demoOnce.Do(func() {
		dir, err := tempDir()
		if err != nil {
			demoErr = err
			return
		}
		demoStore, demoErr = store.Open(filepath.Join(dir, "demo.db"))
		if demoErr != nil {
			return
		}
		files, err := demo.ReportFiles()
		if err != nil {
			demoErr = err
			return
		}
		var arts []model.Article
		for _, name := range files {
			data, err := fs.ReadFile(demo.Corpus, name)
			if err != nil {
				demoErr = err
				return
			}
			got, err := ingest.Read(name, data, ingest.Options{InferDate: timex.DocumentDate})
			if err != nil {
				demoErr = err
				return
			}
			arts = append(arts, got...)
		}
		stats := pipeline.Articles(context.Background(), pipeline.NewLinker(demoStore), arts, pipeline.Options{})
		if stats.Added == 0 || stats.StoreErrors > 0 {
			demoErr = errorf("demo corpus: %+v", stats)
		}
	})
	if demoErr != nil {
		tb.Fatal(demoErr)
	}
	return demoStore
}

func TestSearchFindsWordsAcrossAccentsWithFacets(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	tests := []struct {
		query, lang string
		wantWord    string
	}{
		{"helicóptero", "", "helic"},
		{"helicoptero", "es", "helic"}, // diacritics folded
		{"SPILLWAY", "en", "spillway"},
		{"explos*", "", "explos"},
	}
	for _, tt := range tests {
		res, err := st.Search(ctx, store.SearchQuery{Text: tt.query, Lang: tt.lang, Limit: 5})
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		if res.Total == 0 || len(res.Hits) == 0 {
			t.Fatalf("%q: no hits", tt.query)
		}
		if len(res.Hits) > 5 {
			t.Errorf("%q: %d hits for limit 5", tt.query, len(res.Hits))
		}
		h := res.Hits[0]
		if len(h.Highlights) == 0 {
			t.Errorf("%q: snippet %q has no highlight", tt.query, h.Snippet)
		}
		for _, sp := range h.Highlights {
			if w := strings.ToLower(h.Snippet[sp[0]:sp[1]]); !strings.HasPrefix(w, tt.wantWord) {
				t.Errorf("%q: highlighted %q", tt.query, w)
			}
		}
		if tt.lang != "" {
			for _, h := range res.Hits {
				if h.Lang != tt.lang {
					t.Errorf("%q lang=%s: hit %d is %s", tt.query, tt.lang, h.ID, h.Lang)
				}
			}
			if len(res.Facets.Lang) != 1 || res.Facets.Lang[0].Value != tt.lang || res.Facets.Lang[0].Count != res.Total {
				t.Errorf("%q: lang facet %+v, total %d", tt.query, res.Facets.Lang, res.Total)
			}
		}
		if len(res.Facets.Entity) == 0 {
			t.Errorf("%q: facets %+v", tt.query, res.Facets)
		}
	}
	// An entity facet narrows the search to the articles mentioning it.
	all, _ := st.Search(ctx, store.SearchQuery{Text: "presa OR dam"})
	if all == nil || len(all.Facets.Entity) == 0 {
		t.Fatal("no entity facet")
	}
	ent := all.Facets.Entity[0]
	narrowed, err := st.Search(ctx, store.SearchQuery{Text: "presa OR dam", Entity: ent.ID})
	if err != nil {
		t.Fatal(err)
	}
	if narrowed.Total == 0 || narrowed.Total > all.Total {
		t.Errorf("entity %s narrowed %d hits to %d", ent.Name, all.Total, narrowed.Total)
	}
}

func TestSearchTreatsOperatorsAsText(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	for _, q := range []string{`"unbalanced`, `NEAR(dam`, `dam AND`, `col:dam`, `-dam`, `^dam`} {
		if _, err := st.Search(ctx, store.SearchQuery{Text: q}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
	for _, q := range []string{"", "  ", `""`, "*", "—", "OR", "OR OR"} {
		if _, err := st.Search(ctx, store.SearchQuery{Text: q}); err != store.ErrEmptySearch {
			t.Errorf("%q: err %v, want ErrEmptySearch", q, err)
		}
	}
	res, err := st.Search(ctx, store.SearchQuery{Text: "dam", From: "2099-01-01"})
	if err != nil || res.Total != 0 || len(res.Hits) != 0 {
		t.Errorf("future date range: %+v, %v", res, err)
	}
}

func TestEventFiltersAndPages(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	all, err := st.Events(ctx, store.EventFilter{})
	if err != nil || len(all) < 10 {
		t.Fatalf("%d events, %v", len(all), err)
	}
	// Pages, read one after another, give the whole list.
	var paged []store.Event
	for off := 0; ; off += 7 {
		page, err := st.Events(ctx, store.EventFilter{Limit: 7, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, page...)
		if len(page) < 7 {
			break
		}
	}
	if len(paged) != len(all) {
		t.Fatalf("pages hold %d events, the list %d", len(paged), len(all))
	}
	for i := range all {
		if paged[i].ID != all[i].ID {
			t.Fatalf("page order differs at %d", i)
		}
	}
	check := func(name string, f store.EventFilter, keep func(store.Event) bool) {
		t.Helper()
		got, err := st.Events(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := 0
		for _, e := range all {
			if keep(e) {
				want++
			}
		}
		if want == 0 || want == len(all) {
			t.Fatalf("%s: the filter should keep some events but not all (keeps %d of %d)", name, want, len(all))
		}
		if len(got) != want {
			t.Errorf("%s: %d events, want %d", name, len(got), want)
		}
		for _, e := range got {
			if !keep(e) {
				t.Errorf("%s: kept event %d %+v", name, e.ID, e)
			}
		}
	}
	check("type", store.EventFilter{Types: []string{"ASSAULT", "AGREE"}}, func(e store.Event) bool {
		return e.Type == "ASSAULT" || e.Type == "AGREE"
	})
	check("min sources", store.EventFilter{MinSources: 2}, func(e store.Event) bool { return e.IndependentSources >= 2 })
	check("since", store.EventFilter{Since: "2026-03-04"}, func(e store.Event) bool {
		return e.Date != "" && (e.Date >= "2026-03-04" || strings.HasPrefix("2026-03-04", e.Date))
	})
	check("actor", store.EventFilter{Actor: "montalba"}, func(e store.Event) bool {
		for _, p := range append(append([]string{}, e.Actors...), e.Targets...) {
			if strings.Contains(strings.ToLower(p), "montalba") {
				return true
			}
		}
		return false
	})
	langOf := map[int64]string{}
	arts, _ := st.ArticleList(ctx, store.ArticleFilter{})
	for _, a := range arts {
		langOf[a.ID] = a.Lang
	}
	check("lang", store.EventFilter{Lang: "es"}, func(e store.Event) bool {
		for _, ev := range e.Evidence {
			if langOf[ev.Article] == "es" {
				return true
			}
		}
		return false
	})
	// Every sentence of evidence carries its report's language, however
	// many reports a page lists.
	all, err = st.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		for _, ev := range e.Evidence {
			if ev.Lang == "" || ev.Lang != langOf[ev.Article] {
				t.Fatalf("event %d: evidence from report %d in %q, the report is in %q", e.ID, ev.Article, ev.Lang, langOf[ev.Article])
			}
		}
	}
}

func TestEntityTimelineFollowsMentions(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	ents, err := st.EntityList(ctx, store.EntityFilter{Query: "Valdora", Type: "LOC", Limit: 3})
	if err != nil || len(ents) == 0 {
		t.Fatalf("entities: %v, %v", ents, err)
	}
	e, err := st.EntityByID(ctx, ents[0].ID)
	if err != nil || e == nil || e.Name != ents[0].Name {
		t.Fatalf("EntityByID(%d) = %+v, %v", ents[0].ID, e, err)
	}
	if missing, err := st.EntityByID(ctx, 1<<40); missing != nil || err != nil {
		t.Errorf("unknown entity: %+v, %v", missing, err)
	}
	events, err := st.Events(ctx, store.EventFilter{Entity: e.ID})
	if err != nil || len(events) == 0 {
		t.Fatalf("timeline of %s: %d events, %v", e.Name, len(events), err)
	}
	all, _ := st.Events(ctx, store.EventFilter{})
	if len(events) >= len(all) {
		t.Errorf("entity timeline holds every event (%d)", len(events))
	}
	// Each event has a sentence naming the entity.
	names := append([]string{e.Name}, e.Aliases...)
	for _, ev := range events {
		named := false
		for _, m := range ev.Evidence {
			for _, n := range names {
				named = named || strings.Contains(m.Text, n)
			}
		}
		if !named {
			t.Errorf("event %d on %s's timeline has no sentence naming it: %+v", ev.ID, e.Name, ev.Evidence)
		}
	}
}

func TestStoriesPageMatchesStories(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	all, err := st.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.StoriesPage(ctx, store.StoryFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != len(all) {
		t.Fatalf("page has %d stories, want %d", len(page), len(all))
	}
	for i := range all {
		a, b := all[i], page[i]
		if a.ID != b.ID || len(a.Articles) != len(b.Articles) || strings.Join(a.Outlets, ",") != strings.Join(b.Outlets, ",") ||
			strings.Join(a.Languages, ",") != strings.Join(b.Languages, ",") {
			t.Errorf("story %d: page %+v, list %+v", a.ID, b, a)
		}
		one, err := st.Story(ctx, a.ID)
		if err != nil || one == nil || one.ID != a.ID || len(one.Articles) != len(a.Articles) {
			t.Errorf("Story(%d) = %+v, %v", a.ID, one, err)
		}
	}
}

func TestArticleSpansLieInTheText(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	arts, err := st.ArticleList(ctx, store.ArticleFilter{Lang: "es", Limit: 50})
	if err != nil || len(arts) == 0 {
		t.Fatalf("articles: %v", err)
	}
	kinds := map[string]int{}
	for _, sum := range arts {
		if sum.Lang != "es" {
			t.Errorf("article %d is %s", sum.ID, sum.Lang)
		}
		a, err := st.Article(ctx, sum.ID)
		if err != nil || a == nil {
			t.Fatal(err)
		}
		spans, err := st.ArticleSpans(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sp := range spans {
			kinds[sp.Kind]++
			if sp.Start < 0 || sp.End > len(a.Text) || sp.Start >= sp.End || sp.ID == 0 {
				t.Errorf("article %d: span %+v outside its %d bytes", a.ID, sp, len(a.Text))
			}
		}
	}
	for _, k := range []string{"event", "quote", "claim"} {
		if kinds[k] == 0 {
			t.Errorf("no %s spans in the Spanish articles (%v)", k, kinds)
		}
	}
}

func TestDigestSinceAMoment(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	d, err := st.Digest(ctx, store.DigestQuery{Since: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	stories, _ := st.Stories(ctx)
	if len(d.Stories) != len(stories) || len(d.Events) == 0 || len(d.Claims) == 0 {
		t.Errorf("digest of the last hour: %d stories (want %d), %d events, %d claims", len(d.Stories), len(stories), len(d.Events), len(d.Claims))
	}
	// Linking settles some claims after they were first stored.
	if len(d.StatusChanges) == 0 {
		t.Error("no status changes while linking the demo corpus")
	}
	for _, c := range d.StatusChanges {
		if c.From == c.To || c.Claim == 0 || c.Text == "" {
			t.Errorf("status change %+v", c)
		}
	}
	later, err := st.Digest(ctx, store.DigestQuery{Since: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(later.Stories)+len(later.Events)+len(later.Claims)+len(later.StatusChanges) != 0 {
		t.Errorf("digest from the future is not empty: %+v", later)
	}
	capped, err := st.Digest(ctx, store.DigestQuery{Since: time.Now().Add(-time.Hour), Limit: 1})
	if err != nil || len(capped.Events) != 1 || !capped.Truncated {
		t.Errorf("limit 1: %d events, truncated %v, %v", len(capped.Events), capped.Truncated, err)
	}
}

func TestDyadSeriesOfTwoActors(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	points, err := st.Dyad(ctx, store.DyadQuery{A: []string{"Valdora"}, B: []string{"Montalba"}, Score: event.Score})
	if err != nil {
		t.Fatal(err)
	}
	if len(points) == 0 {
		t.Fatal("no days between Valdora and Montalba")
	}
	prev := ""
	for _, p := range points {
		if len(p.Date) != 10 || p.Date <= prev {
			t.Errorf("dates out of order or not days: %q after %q", p.Date, prev)
		}
		prev = p.Date
		if p.Score != p.Conflict+p.Cooperation || len(p.Events) == 0 {
			t.Errorf("point %+v", p)
		}
	}
	swapped, err := st.Dyad(ctx, store.DyadQuery{A: []string{"montalba"}, B: []string{"VALDORA"}, Score: event.Score})
	if err != nil || len(swapped) != len(points) {
		t.Errorf("the pair in the other order: %d days, want %d (%v)", len(swapped), len(points), err)
	}
	none, err := st.Dyad(ctx, store.DyadQuery{A: []string{"Valdora"}, B: []string{"Atlantis"}, Score: event.Score})
	if err != nil || len(none) != 0 {
		t.Errorf("an actor never named: %+v, %v", none, err)
	}
	// By entity, across all stories the series starts from the events of
	// the entities; the tagger typed "Valdora" both a person and a place,
	// and either entity brings the other.
	var valdora, montalba []int64
	for _, name := range []string{"Valdora", "Montalba"} {
		ids, err := st.EntitiesNamed(ctx, strings.ToLower(name))
		if err != nil || len(ids) == 0 {
			t.Fatalf("entities named %s: %v, %v", name, ids, err)
		}
		if name == "Valdora" {
			valdora = ids
		} else {
			montalba = ids
		}
	}
	for _, one := range valdora {
		byEntity, err := st.Dyad(ctx, store.DyadQuery{A: []string{"Valdora"}, B: []string{"Montalba"},
			AEntities: []int64{one}, BEntities: montalba, Score: event.Score})
		if err != nil || !reflect.DeepEqual(byEntity, points) {
			t.Errorf("by entity %d: %+v, want the series by name %+v (%v)", one, byEntity, points, err)
		}
	}
	// Montalba by name, but as an entity none of these events mentions.
	reyes, err := st.EntitiesNamed(ctx, "octavio reyes")
	if err != nil || len(reyes) == 0 {
		t.Fatalf("entities named Octavio Reyes: %v, %v", reyes, err)
	}
	for _, other := range [][]int64{reyes, {1 << 40}} {
		unrelated, err := st.Dyad(ctx, store.DyadQuery{A: []string{"Valdora"}, B: []string{"Montalba"},
			AEntities: valdora, BEntities: other, Score: event.Score})
		if err != nil || len(unrelated) != 0 {
			t.Errorf("B as entities %v: %+v, %v", other, unrelated, err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	st := openDemo(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := st.Search(ctx, store.SearchQuery{Text: "dam explosion", Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMainPair(t *testing.T) {
	ev := func(typ string, actors, targets []string) store.Event {
		return store.Event{Type: typ, Actors: actors, Targets: targets}
	}
	entities := []store.Entity{
		{ID: 1, Name: "Valdora", Aliases: []string{"Valdoran government"}},
		{ID: 2, Name: "Concord of Southern Nations", Aliases: []string{"CSN"}},
		{ID: 3, Name: "Montalba"},
	}
	events := []store.Event{
		ev("ASSAULT", []string{"Valdoran government"}, []string{"Montalba's army"}),
		ev("NOT_A_TYPE", []string{"CSN"}, []string{"Valdora"}),
		ev("NOT_A_TYPE", []string{"CSN"}, []string{"Valdora"}),
		ev("AGREE", []string{"Montalba", "Valdora"}, nil),
		ev("ACCUSE", []string{"Valdora"}, []string{"CSN"}),
		ev("ACCUSE", []string{"Valdora"}, []string{"Valdora"}),
	}
	a, b := store.MainPair(events, entities, event.Score)
	if a == nil || b == nil || a.Name != "Valdora" || b.Name != "Montalba" {
		t.Errorf("main pair %v, %v; want Valdora and Montalba (opposite sides and acting together count, unscored types do not)", a, b)
	}
	if a, b := store.MainPair(nil, entities, event.Score); a != nil || b != nil {
		t.Errorf("no events gave a pair %v, %v", a, b)
	}
}
