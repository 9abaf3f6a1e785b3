package story

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/analyze"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

// published is the publication date of the test reports: a Monday, so
// "on Saturday" is 2026-01-03.
var published = time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "story.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// report is one test report: where it came from and what it says.
type report struct {
	source, outlet, lang, text string
}

func (r report) article() model.Article {
	return model.Article{Source: r.source, Outlet: r.outlet, Text: r.text, Raw: r.text, Lang: r.lang,
		Published: published, PublishedPrecision: model.PrecisionMinute}
}

// add analyses a report for real and adds it.
func add(t *testing.T, l *Linker, r report) Result {
	t.Helper()
	a := r.article()
	res, err := l.Add(context.Background(), a, analyze.Analyze(a.Text, a.Lang, a.Published, a.PublishedPrecision))
	if err != nil {
		t.Fatalf("Add(%s): %v", r.source, err)
	}
	return res
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const attackEN = "Rebels attacked the port of Valmera on Saturday, killing four soldiers, officials said.\n" +
	"President Maria Lopez condemned the attack."

func TestAddOutcomes(t *testing.T) {
	st := openStore(t)
	l := NewLinker(st)
	orig := report{"feeds/planet.xml#1", "Daily Planet", "en", attackEN}
	steps := []struct {
		name string
		r    report
		want Outcome
	}{
		{"first time", orig, Added},
		{"same source again", orig, Unchanged},
		{"same text from another source", report{"https://mirror.example/attack", "Mirror", "en", attackEN}, SameReport},
		{"that other source again", report{"https://mirror.example/attack", "Mirror", "en", attackEN}, Unchanged},
		{"same words, other spacing and case", report{"paste.txt", "", "en", strings.ToUpper(strings.ReplaceAll(attackEN, " ", "  "))}, SameReport},
	}
	var first int64
	for _, s := range steps {
		res := add(t, l, s.r)
		if res.Outcome != s.want {
			t.Errorf("%s: outcome %d, want %d", s.name, res.Outcome, s.want)
		}
		if first == 0 {
			first = res.ArticleID
		}
		if res.ArticleID != first {
			t.Errorf("%s: article %d, want %d", s.name, res.ArticleID, first)
		}
	}
	arts, err := st.Articles(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 {
		t.Fatalf("%d articles stored, want 1", len(arts))
	}
	// Repeats added nothing linked either.
	events, err := st.Events(context.Background(), store.EventFilter{DatedOnly: true, Types: []string{"ASSAULT"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || len(events[0].Evidence) != 1 {
		t.Fatalf("dated attacks = %+v, want one with one mention", events)
	}
}

// A wire story reprinted under another headline line is a near duplicate
// of the first copy and counts once as a source.
func TestWireReprintCountsOnce(t *testing.T) {
	st := openStore(t)
	l := NewLinker(st)
	ctx := context.Background()
	body := readFixture(t, "wire_ap.txt")
	first := add(t, l, report{"planet/1", "Daily Planet", "en", "Port attacked in Valmera\n" + body})
	reprint := add(t, l, report{"star/7", "Evening Star", "en", "Rebels strike Valmera port, four soldiers dead\n" + body})
	if first.Outcome != Added || reprint.Outcome != Added {
		t.Fatalf("outcomes %d, %d; want both Added", first.Outcome, reprint.Outcome)
	}
	if first.DuplicateOf != 0 {
		t.Errorf("first copy is a duplicate of %d", first.DuplicateOf)
	}
	if reprint.DuplicateOf != first.ArticleID {
		t.Fatalf("reprint DuplicateOf = %d, want %d", reprint.DuplicateOf, first.ArticleID)
	}
	a1, _ := st.Article(ctx, first.ArticleID)
	a2, _ := st.Article(ctx, reprint.ArticleID)
	if a1.Origin != "wire:ap" || a2.Origin != a1.Origin {
		t.Errorf("origins %q, %q; want both wire:ap", a1.Origin, a2.Origin)
	}
	if a2.DuplicateOf != first.ArticleID {
		t.Errorf("stored DuplicateOf = %d, want %d", a2.DuplicateOf, first.ArticleID)
	}

	attack := func() store.Event {
		t.Helper()
		events, err := st.Events(ctx, store.EventFilter{DatedOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if e.Type == "ASSAULT" && e.Date == "2026-01-03" {
				return e
			}
		}
		t.Fatalf("no ASSAULT event on 2026-01-03 among %+v", events)
		return store.Event{}
	}
	e := attack()
	if len(e.Evidence) != 2 || e.IndependentSources != 1 {
		t.Errorf("after reprint: %d mentions, %d independent sources; want 2 mentions, 1 source", len(e.Evidence), e.IndependentSources)
	}

	// An outlet's own report of the same attack is a second source.
	own := add(t, l, report{"herald/3", "Valmera Herald", "en",
		"Our correspondent saw rebels attack the port of Valmera on Saturday; four soldiers were killed in the attack on the port."})
	if own.DuplicateOf != 0 {
		t.Errorf("independent report marked duplicate of %d", own.DuplicateOf)
	}
	if e := attack(); e.IndependentSources != 2 {
		t.Errorf("after an independent report: %d independent sources, want 2", e.IndependentSources)
	}
}

// Two outlets, in two languages, reporting the same attack on the same day
// give one event with two independent sources.
func TestEventMergedAcrossOutlets(t *testing.T) {
	st := openStore(t)
	l := NewLinker(st)
	ctx := context.Background()
	r1 := add(t, l, report{"planet/1", "Daily Planet", "en", attackEN})
	r2 := add(t, l, report{"diario/1", "El Diario", "es",
		"Rebeldes atacaron el puerto de Valmera el sábado y mataron a cuatro soldados, dijeron funcionarios.\nLa presidenta Maria Lopez condenó el ataque."})
	r3 := add(t, l, report{"planet/2", "Daily Planet", "en",
		"Rebels attacked the port of Valmera on Saturday with mortars, the Daily Planet has learned."})
	if r1.StoryID == 0 || r2.StoryID != r1.StoryID || r3.StoryID != r1.StoryID {
		t.Fatalf("stories %d, %d, %d; want one story", r1.StoryID, r2.StoryID, r3.StoryID)
	}
	events, err := st.Events(ctx, store.EventFilter{Story: r1.StoryID, DatedOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var assaults []store.Event
	for _, e := range events {
		if e.Type == "ASSAULT" {
			assaults = append(assaults, e)
		}
	}
	if len(assaults) != 1 {
		t.Fatalf("%d dated ASSAULT events, want 1 merged: %+v", len(assaults), assaults)
	}
	e := assaults[0]
	if e.Date != "2026-01-03" || e.Precision != model.PrecisionDay {
		t.Errorf("event date %q (%s), want 2026-01-03 (day)", e.Date, e.Precision)
	}
	if len(e.Evidence) != 3 {
		t.Errorf("%d mentions, want 3", len(e.Evidence))
	}
	// Daily Planet twice is one source.
	if e.IndependentSources != 2 {
		t.Errorf("independent_sources = %d, want 2", e.IndependentSources)
	}
	articles := map[int64]bool{}
	for _, ev := range e.Evidence {
		articles[ev.Article] = true
	}
	for _, id := range []int64{r1.ArticleID, r2.ArticleID, r3.ArticleID} {
		if !articles[id] {
			t.Errorf("article %d missing from the event's evidence", id)
		}
	}
}

func TestOrigin(t *testing.T) {
	long := strings.Repeat("Residents described long queues for water and fuel in the city. ", 12)
	tests := []struct {
		name string
		a    model.Article
		want string
	}{
		{"AP dateline credit", model.Article{Outlet: "Daily Planet",
			Text: "VALMERA (AP) — Rebels attacked the port on Saturday."}, "wire:ap"},
		{"Reuters dateline credit", model.Article{Outlet: "Evening Star",
			Text: "VALMERA, Jan 4 (Reuters) - Rebels attacked the port on Saturday."}, "wire:reuters"},
		{"Reuters sign-off line", model.Article{Outlet: "Evening Star",
			Text: "Rebels attacked the port on Saturday.\n" + long + "\n— Reuters"}, "wire:reuters"},
		{"AP credit at the end of a long report", model.Article{Outlet: "Evening Star",
			Text: long + "Four soldiers were killed. (AP)"}, "wire:ap"},
		{"reported by the AP", model.Article{Outlet: "Daily Planet",
			Text: "Rebels attacked the port on Saturday. This is reported by the AP.\nMore follows."}, "wire:ap"},
		{"Spanish según EFE", model.Article{Outlet: "El Diario",
			Text: "Rebeldes atacaron el puerto el sábado. Así lo informó EFE.\nMás detalles."}, "wire:efe"},
		{"Agence France-Presse in parentheses", model.Article{Outlet: "Le Monde",
			Text: "PARIS (Agence France-Presse) — Talks resumed."}, "wire:afp"},
		{"a smaller agency's dateline kept in a reprint", model.Article{Outlet: "Daily Planet",
			Text: "VALMERA, March 2 (Harbour News Service) - Rebels attacked the port on Saturday."}, "outlet:harbour news service"},
		{"a paper's own dateline credit", model.Article{Outlet: "La Voz",
			Text: "SAN LUCIÁN, 3 de marzo (La Voz) – El Gobierno negó la acusación."}, "outlet:la voz"},
		{"agency named inside a long sentence is no credit", model.Article{Outlet: "Daily Planet",
			Text: "The minister, speaking to a crowd that had gathered outside the hall, repeated what was first reported by Reuters.\n"}, "outlet:daily planet"},
		{"AP inside another word is no credit", model.Article{Outlet: "Daily Planet",
			Text: "The APEC summit was postponed (APEC) after the attack."}, "outlet:daily planet"},
		{"outlet, lower-cased and trimmed", model.Article{Outlet: "  Valmera Herald ", Text: "Rebels attacked."}, "outlet:valmera herald"},
		{"site without www", model.Article{URL: "https://www.Herald.example/news/1", Text: "Rebels attacked."}, "site:herald.example"},
		{"items of one file share its origin", model.Article{Source: "dumps/feed.txt#12", Text: "Rebels attacked."}, "source:dumps/feed.txt"},
		{"plain file", model.Article{Source: "notes.txt", Text: "Rebels attacked."}, "source:notes.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Origin(tc.a); got != tc.want {
				t.Errorf("Origin = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestOriginName(t *testing.T) {
	for origin, want := range map[string]string{
		"wire:ap":               "AP",
		"wire:dpa":              "dpa",
		"wire:europa press":     "Europa Press",
		"outlet:valmera herald": "valmera herald",
		"site:herald.example":   "herald.example",
		"source:dumps/feed.txt": "",
		"":                      "",
	} {
		if got := OriginName(origin); got != want {
			t.Errorf("OriginName(%q) = %q, want %q", origin, got, want)
		}
	}
}

// "Maria Lopez", "Lopez" and "President Lopez" are one stored entity,
// whichever form arrives first and whether or not the same linker saw the
// earlier reports.
func TestEntityAliasesResolveToOne(t *testing.T) {
	full := report{"a", "Daily Planet", "en", "President Maria Lopez declared a state of emergency in Arenas after the floods."}
	surname := report{"b", "Evening Star", "en", "Lopez spoke to reporters in the capital on Monday about the floods in Arenas."}
	title := report{"c", "Valmera Herald", "en", "President Lopez visited the flooded districts of Arenas on Sunday."}
	spanish := report{"d", "El Diario", "es", "La presidenta Lopez visitó los barrios inundados de Arenas el domingo."}
	tests := []struct {
		name       string
		order      []report
		freshEach  bool // a new linker (empty caches) for every report
		wantAlias  []string
		wantMentns int
	}{
		{"full name first", []report{full, surname, title}, false, []string{"Lopez", "Maria Lopez"}, 3},
		{"surname first, renamed later", []report{surname, title, full, spanish}, false, []string{"Lopez", "Maria Lopez"}, 4},
		{"surname first, new linker each time", []report{surname, full, title, spanish}, true, []string{"Lopez", "Maria Lopez"}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			l := NewLinker(st)
			for _, r := range tc.order {
				if tc.freshEach {
					l = NewLinker(st)
				}
				add(t, l, r)
			}
			ents, err := st.Entities(context.Background(), 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			var lopez []store.Entity
			for _, e := range ents {
				if strings.Contains(e.Name, "Lopez") || slices.Contains(e.Aliases, "Lopez") {
					lopez = append(lopez, e)
				}
			}
			if len(lopez) != 1 {
				t.Fatalf("%d entities for Lopez, want 1: %+v", len(lopez), lopez)
			}
			e := lopez[0]
			if e.Name != "Maria Lopez" || e.Type != model.PER {
				t.Errorf("entity %q (%s), want Maria Lopez (PER)", e.Name, e.Type)
			}
			if !slices.Equal(e.Aliases, tc.wantAlias) {
				t.Errorf("aliases %q, want %q", e.Aliases, tc.wantAlias)
			}
			if e.Mentions != tc.wantMentns {
				t.Errorf("mentions %d, want %d", e.Mentions, tc.wantMentns)
			}
		})
	}
}

// A bare name one report types as a person and another as a place is one
// entity, a place; names of two words or more keep their types apart.
func TestBareNameOneEntityWhateverItsType(t *testing.T) {
	named := func(source, text, name, typ string) (model.Article, model.Analysis) {
		a := report{source, "Outlet " + source, "en", text}.article()
		start := strings.Index(text, name)
		an := model.Analysis{Entities: []model.Mention{{Start: start, End: start + len(name), Text: name, Type: typ, Canonical: name}}}
		return a, an
	}
	type mention struct{ text, name, typ string }
	tests := []struct {
		name     string
		mentions []mention
		want     map[string]string // entity name → type
	}{
		{"person first", []mention{
			{"Karvenia said it would close the border.", "Karvenia", model.PER},
			{"Troops massed in Karvenia on Sunday.", "Karvenia", model.LOC},
			{"Refugees left Karvenia overnight.", "Karvenia", model.LOC},
		}, map[string]string{"Karvenia": model.LOC}},
		{"place first", []mention{
			{"Troops massed in Karvenia on Sunday.", "Karvenia", model.LOC},
			{"Karvenia said it would close the border.", "Karvenia", model.PER},
			{"Karvenia's government denied it.", "Karvenia", model.ORG},
		}, map[string]string{"Karvenia": model.LOC}},
		{"longer names stay apart", []mention{
			{"Fighting reached Santa Lucía on Sunday.", "Santa Lucía", model.LOC},
			{"Santa Lucía said it would appeal.", "Santa Lucía", model.ORG},
		}, map[string]string{"Santa Lucía": ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			for i, m := range tc.mentions {
				a, an := named(string(rune('a'+i)), m.text, m.name, m.typ)
				if _, err := NewLinker(st).Add(context.Background(), a, an); err != nil {
					t.Fatal(err)
				}
			}
			ents, err := st.Entities(context.Background(), 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			for name, typ := range tc.want {
				var found []store.Entity
				for _, e := range ents {
					if e.Name == name {
						found = append(found, e)
					}
				}
				switch {
				case typ == "" && len(found) != 2:
					t.Errorf("%d entities named %s, want one per type: %+v", len(found), name, found)
				case typ != "" && (len(found) != 1 || found[0].Type != typ || found[0].Mentions != len(tc.mentions)):
					t.Errorf("entities named %s: %+v, want one %s with %d mentions", name, found, typ, len(tc.mentions))
				}
			}
		})
	}
}

// A report that fails halfway through a batch leaves nothing behind, and
// the reports before and after it in the batch land whole.
func TestFailedReportInBatchLeavesNothing(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	// The report from "poison" fails once its article row is written.
	if err := st.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TEMP TRIGGER poison BEFORE INSERT ON mentions
			WHEN (SELECT source FROM articles WHERE id = NEW.article_id) = 'poison'
			BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	l := NewLinker(st)
	l.Batch(100, time.Hour)
	before := add(t, l, report{"planet/1", "Daily Planet", "en", attackEN})
	bad := report{"poison", "Gazette", "en", "Rebels shelled the town of Orrin on Sunday, witnesses said.\nGeneral Tomas Ruiz denied it."}
	a := bad.article()
	if _, err := l.Add(ctx, a, analyze.Analyze(a.Text, a.Lang, a.Published, a.PublishedPrecision)); err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("poisoned report: error %v, want the injected failure", err)
	}
	after := add(t, l, report{"herald/2", "Herald", "en", strings.Replace(attackEN, "officials said", "the army said", 1)})
	if err := l.Flush(); err != nil {
		t.Fatal(err)
	}
	arts, err := st.Articles(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, a := range arts {
		sources = append(sources, a.Source)
	}
	if want := []string{"planet/1", "herald/2"}; !slices.Equal(sources, want) {
		t.Fatalf("stored %v, want %v", sources, want)
	}
	if after.StoryID != before.StoryID {
		t.Errorf("report after the failure went to story %d, want %d", after.StoryID, before.StoryID)
	}
	ents, err := st.Entities(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.Contains(e.Name, "Ruiz") || strings.Contains(e.Name, "Orrin") {
			t.Errorf("entity %q of the failed report was kept", e.Name)
		}
	}
	events, err := st.Events(ctx, store.EventFilter{DatedOnly: true, Types: []string{"ASSAULT"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].IndependentSources != 2 {
		t.Fatalf("attacks = %+v, want the attack once, from two sources", events)
	}
	if err := st.CheckReferences(ctx); err != nil {
		t.Error(err)
	}
}

// A story idle for idleReports reports leaves the centroid cache and the
// postings, so placing a report does not walk every story ever seen.
func TestIdleCentroidsAreEvicted(t *testing.T) {
	c := newCentroids()
	c.set(store.Story{ID: 1, Count: 1}, map[string]float64{"caracas": 1, "strike": 1})
	c.set(store.Story{ID: 2, Count: 1}, map[string]float64{"strike": 1})
	c.reports = idleReports - 1
	c.stories[2].lastActive = c.reports
	c.reports++
	c.evictIdle()
	if c.stories[1] != nil || c.stories[2] == nil {
		t.Fatalf("cached stories after eviction: %v", slices.Collect(maps.Keys(c.stories)))
	}
	if got := c.postings["strike"]; !slices.Equal(got, []int64{2}) {
		t.Errorf("postings of strike = %v, want [2]", got)
	}
	if _, ok := c.postings["caracas"]; ok {
		t.Errorf("postings of an evicted story's only term remain")
	}
}

func TestSourceName(t *testing.T) {
	for _, tt := range []struct{ outlet, origin, want string }{
		{"Daily Planet", "wire:ap", "AP"},
		{"Atlas Monitor", "outlet:meridian wire", "Meridian Wire"},
		{"La Voz", "outlet:la voz", "La Voz"},
		{"", "site:herald.example", "herald.example"},
		{"", "source:dumps/feed.txt", ""},
	} {
		if got := SourceName(tt.outlet, tt.origin); got != tt.want {
			t.Errorf("SourceName(%q, %q) = %q, want %q", tt.outlet, tt.origin, got, tt.want)
		}
	}
}
