package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/model"
)

// latestMigration reads the highest migration number from the files on
// disk, independently of loadMigrations.
func latestMigration(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	latest := 0
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			t.Fatalf("migration file %s has no number", e.Name())
		}
		latest = max(latest, v)
	}
	if latest == 0 {
		t.Fatal("no migrations found")
	}
	return latest
}

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// article returns a small article whose content hash and simhash derive
// from n, so each n gives a distinct report.
func article(n int) *StoredArticle {
	return &StoredArticle{
		Article: model.Article{
			Source:             "testdata/report-" + strconv.Itoa(n) + ".txt",
			Outlet:             "Outlet " + strconv.Itoa(n),
			Title:              "Report " + strconv.Itoa(n),
			Text:               "Body of report " + strconv.Itoa(n) + ".",
			Raw:                "raw " + strconv.Itoa(n),
			Published:          time.Date(2026, 1, n, 0, 0, 0, 0, time.UTC),
			PublishedPrecision: model.PrecisionDay,
			Lang:               "en",
		},
		ContentHash: "hash-" + strconv.Itoa(n),
		SimHash:     uint64(n) * 0x0101010101010101,
		Origin:      "outlet:outlet " + strconv.Itoa(n),
		Analysis:    model.Analysis{Lang: "en", Sentences: []model.Sentence{{Start: 0, End: 10}}},
		IngestedAt:  time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC),
	}
}

func insert(ctx context.Context, a *StoredArticle) func(*Tx) error {
	return func(tx *Tx) error {
		id, err := tx.InsertArticle(ctx, a)
		a.ID = id
		return err
	}
}

func sources(t *testing.T, s *Store) []string {
	t.Helper()
	arts, err := s.Articles(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range arts {
		out = append(out, a.Source)
	}
	return out
}

func TestOpenMigratesAndReopens(t *testing.T) {
	ctx := context.Background()
	want := latestMigration(t)
	s, path := openTemp(t)
	v, err := s.SchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	if v != want {
		t.Fatalf("SchemaVersion after Open = %d, want %d", v, want)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if err := s.Update(ctx, insert(ctx, article(1))); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopening must not re-run migrations (which would fail on existing
	// tables) nor lose data.
	for i := 0; i < 2; i++ {
		s2, err := Open(path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		v, err := s2.SchemaVersion()
		if err != nil || v != want {
			t.Errorf("reopen %d: SchemaVersion = %d, %v; want %d", i, v, err, want)
		}
		n, err := s2.CountArticles(ctx)
		if err != nil || n != 1 {
			t.Errorf("reopen %d: CountArticles = %d, %v; want 1", i, n, err)
		}
		s2.Close()
	}
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.db.Exec("PRAGMA user_version = 9999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(path)
	if err == nil {
		s2.Close()
		t.Fatal("Open of a database with a newer schema succeeded")
	}
	if !strings.Contains(err.Error(), "newer") {
		t.Errorf("error %q does not say the schema is newer", err)
	}
}

func TestUpdateRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx *Tx) error {
		if err := insert(ctx, article(1))(tx); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update error = %v, want %v", err, boom)
	}
	if n, err := s.CountArticles(ctx); err != nil || n != 0 {
		t.Fatalf("CountArticles after failed Update = %d, %v; want 0", n, err)
	}
}

func TestBatchRollsBackFailedReportAlone(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	boom := errors.New("report failed")
	b := s.NewBatch(100, time.Hour)
	rollbacks := 0
	b.OnRollback(func() { rollbacks++ })

	if err := b.Update(ctx, insert(ctx, article(1))); err != nil {
		t.Fatal(err)
	}
	err := b.Update(ctx, func(tx *Tx) error {
		// Half a report: the article lands, then the report fails.
		if err := insert(ctx, article(2))(tx); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("failed report: Update error = %v, want %v", err, boom)
	}
	if rollbacks != 1 {
		t.Errorf("rollback hook called %d times, want 1", rollbacks)
	}
	if err := b.Update(ctx, insert(ctx, article(3))); err != nil {
		t.Fatal(err)
	}

	// Nothing is committed before Flush: another connection sees no rows.
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if n, err := other.CountArticles(ctx); err != nil || n != 0 {
		t.Fatalf("before Flush another reader sees %d articles (%v), want 0", n, err)
	}

	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	got := sources(t, s)
	want := []string{article(1).Source, article(3).Source}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("after Flush articles = %v, want %v", got, want)
	}
	if n, err := other.CountArticles(ctx); err != nil || n != 2 {
		t.Errorf("after Flush another reader sees %d articles (%v), want 2", n, err)
	}
	// The failed report left nothing behind, not even its source.
	if err := s.Update(ctx, func(tx *Tx) error {
		id, err := tx.ArticleBySource(ctx, article(2).Source)
		if err != nil {
			return err
		}
		if id != 0 {
			t.Errorf("source of the failed report maps to article %d, want none", id)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A second Flush with nothing open is a no-op.
	if err := b.Flush(); err != nil {
		t.Errorf("second Flush: %v", err)
	}
}

func TestBatchOfOneCommitsEachReport(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	b := s.NewBatch(1, 0)
	for i := 1; i <= 3; i++ {
		if err := b.Update(ctx, insert(ctx, article(i))); err != nil {
			t.Fatal(err)
		}
		// Committed without Flush: visible to another connection.
		if n, err := other.CountArticles(ctx); err != nil || n != i {
			t.Fatalf("after report %d another reader sees %d articles (%v), want %d", i, n, err, i)
		}
	}
}

func TestBatchOfOneReleasesConnectionAfterFailure(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	b := s.NewBatch(1, 0)
	boom := errors.New("boom")
	if err := b.Update(ctx, func(tx *Tx) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Update error = %v, want %v", err, boom)
	}
	// A batch that commits every report holds no transaction between
	// reports, so the store stays readable without a Flush.
	tctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if _, err := s.CountArticles(tctx); err != nil {
		t.Fatalf("store unusable after a failed report in a batch of one: %v", err)
	}
	if err := b.Update(ctx, insert(ctx, article(1))); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountArticles(tctx); err != nil || n != 1 {
		t.Fatalf("CountArticles = %d, %v; want 1", n, err)
	}
}

func TestArticleRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	orig := article(5)
	orig.URL = "https://example.org/5"
	orig.ExternalID = "ext-5"
	dup := article(6)
	dup.Published, dup.PublishedPrecision = time.Time{}, model.PrecisionNone
	var storyID int64
	if err := s.Update(ctx, func(tx *Tx) error {
		if err := insert(ctx, orig)(tx); err != nil {
			return err
		}
		dup.DuplicateOf = orig.ID
		if err := insert(ctx, dup)(tx); err != nil {
			return err
		}
		var err error
		if storyID, err = tx.InsertStory(ctx, "A story"); err != nil {
			return err
		}
		return tx.SetArticleStory(ctx, orig.ID, storyID)
	}); err != nil {
		t.Fatal(err)
	}

	got, err := s.Article(ctx, orig.ID)
	if err != nil || got == nil {
		t.Fatalf("Article(%d) = %v, %v", orig.ID, got, err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"source", got.Source, orig.Source},
		{"url", got.URL, orig.URL},
		{"external id", got.ExternalID, orig.ExternalID},
		{"outlet", got.Outlet, orig.Outlet},
		{"origin", got.Origin, orig.Origin},
		{"title", got.Title, orig.Title},
		{"text", got.Text, orig.Text},
		{"raw", got.Raw, orig.Raw},
		{"hash", got.ContentHash, orig.ContentHash},
		{"simhash", got.SimHash, orig.SimHash},
		{"published", got.PublishedString(), "2026-01-05"},
		{"precision", got.PublishedPrecision, model.PrecisionDay},
		{"lang", got.Lang, "en"},
		{"story", got.StoryID, storyID},
		{"duplicate of", got.DuplicateOf, int64(0)},
		{"sentences", len(got.Analysis.Sentences), 1},
		{"ingested", got.IngestedAt.Equal(orig.IngestedAt), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}

	g2, err := s.Article(ctx, dup.ID)
	if err != nil || g2 == nil {
		t.Fatalf("Article(%d) = %v, %v", dup.ID, g2, err)
	}
	if g2.DuplicateOf != orig.ID || g2.PublishedString() != "" || g2.StoryID != 0 {
		t.Errorf("duplicate: DuplicateOf=%d published=%q story=%d; want %d, \"\", 0", g2.DuplicateOf, g2.PublishedString(), g2.StoryID, orig.ID)
	}
	if none, err := s.Article(ctx, 999); none != nil || err != nil {
		t.Errorf("Article(999) = %v, %v; want nil, nil", none, err)
	}

	inStory, err := s.Articles(ctx, storyID)
	if err != nil || len(inStory) != 1 || inStory[0].ID != orig.ID {
		t.Errorf("Articles(story %d) = %d articles (%v), want only %d", storyID, len(inStory), err, orig.ID)
	}

	// Lookups by hash, source and simhash.
	if err := s.Update(ctx, func(tx *Tx) error {
		cases := []struct {
			name string
			fn   func() (int64, error)
			want int64
		}{
			{"by hash", func() (int64, error) { return tx.ArticleByHash(ctx, orig.ContentHash) }, orig.ID},
			{"by unknown hash", func() (int64, error) { return tx.ArticleByHash(ctx, "nope") }, 0},
			{"by source", func() (int64, error) { return tx.ArticleBySource(ctx, dup.Source) }, dup.ID},
			{"near duplicate (2 bits off)", func() (int64, error) {
				id, _, err := tx.NearDuplicate(ctx, orig.SimHash^0b101, 3)
				return id, err
			}, orig.ID},
			{"near duplicate of a duplicate resolves to its original", func() (int64, error) {
				id, _, err := tx.NearDuplicate(ctx, dup.SimHash, 0)
				return id, err
			}, orig.ID},
			{"too far for near duplicate", func() (int64, error) {
				id, _, err := tx.NearDuplicate(ctx, orig.SimHash^0b1111, 3)
				return id, err
			}, 0},
		}
		for _, c := range cases {
			got, err := c.fn()
			if err != nil {
				return err
			}
			if got != c.want {
				t.Errorf("%s = %d, want %d", c.name, got, c.want)
			}
		}
		if err := tx.AddSource(ctx, "https://mirror.example/5", orig.ID); err != nil {
			return err
		}
		id, err := tx.ArticleBySource(ctx, "https://mirror.example/5")
		if err != nil || id != orig.ID {
			t.Errorf("ArticleBySource(added source) = %d, %v; want %d", id, err, orig.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

func TestRecordsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a1, a2 := article(1), article(2)
	var storyID, lopez, ministry, claimID int64
	err := s.Update(ctx, func(tx *Tx) error {
		var err error
		if storyID, err = tx.InsertStory(ctx, "Strikes on the port"); err != nil {
			return err
		}
		for _, a := range []*StoredArticle{a1, a2} {
			if err := insert(ctx, a)(tx); err != nil {
				return err
			}
			if err := tx.SetArticleStory(ctx, a.ID, storyID); err != nil {
				return err
			}
			if _, err := tx.AddToStory(ctx, storyID, map[string]float64{"port": 1, "strike": 2}, nil, 0, a.PublishedString()); err != nil {
				return err
			}
		}
		if lopez, err = tx.InsertEntity(ctx, "Maria Lopez", model.PER, "maria lopez"); err != nil {
			return err
		}
		if ministry, err = tx.InsertEntity(ctx, "Ministry of Defence", model.ORG, "ministry of defence"); err != nil {
			return err
		}
		var aliases []Alias
		for _, al := range []string{"Lopez", "President Lopez", "key:lopez"} {
			aliases = append(aliases, Alias{lopez, al})
		}
		if err := tx.AddAliases(ctx, aliases); err != nil {
			return err
		}
		ms := []model.Mention{
			{Start: 0, End: 11, Text: "Maria Lopez", Type: model.PER},
			{Start: 20, End: 25, Text: "Lopez", Type: model.PER},
			{Start: 30, End: 49, Text: "Ministry of Defence", Type: model.ORG},
		}
		if err := tx.InsertMentions(ctx, a1.ID, storyID, ms, []int64{lopez, lopez, ministry}); err != nil {
			return err
		}
		ev := &Event{Story: storyID, Date: "2026-01-03", Precision: model.PrecisionDay, Type: "ASSAULT",
			Summary: "Aircraft struck the port.", Actors: []string{"Maria Lopez"}, FirstSeen: time.Now()}
		if ev.ID, err = tx.InsertEvent(ctx, ev); err != nil {
			return err
		}
		undated := &Event{Story: storyID, Type: "PROTEST", Summary: "People protested.", FirstSeen: time.Now()}
		if _, err = tx.InsertEvent(ctx, undated); err != nil {
			return err
		}
		var evidence []EventMention
		for _, a := range []*StoredArticle{a1, a2, a2} {
			id, err := tx.ReserveEventMentionID(ctx)
			if err != nil {
				return err
			}
			evidence = append(evidence, EventMention{ID: id, EventID: ev.ID, ArticleID: a.ID, Start: 0, End: 10, Text: "Aircraft struck the port.", Trigger: "struck"})
		}
		if err := tx.InsertEventMentions(ctx, evidence); err != nil {
			return err
		}
		origins, err := tx.EventOrigins(ctx, ev.ID)
		if err != nil {
			return err
		}
		if err := tx.SetEventSources(ctx, ev.ID, len(origins)); err != nil {
			return err
		}
		if err := tx.InsertQuote(ctx, &Quote{Article: a1.ID, Text: "We will rebuild", Start: 50, End: 65,
			Speaker: "Maria Lopez", SpeakerEntity: &lopez, SpeakerStart: 0, SpeakerEnd: 11, Date: "2026-01-01"}); err != nil {
			return err
		}
		c := &Claim{Story: storyID, Text: "Seven explosions were heard", Claimant: "Maria Lopez", Lang: "en", FirstReported: "2026-01-01"}
		if claimID, err = tx.InsertClaim(ctx, c); err != nil {
			return err
		}
		var rows []ClaimEvidenceRow
		for _, e := range []ClaimEvidence{
			{Article: a1.ID, Stance: model.Asserts, Start: 0, End: 10, Text: "x"},
			{Article: a1.ID, Stance: model.Asserts, Start: 0, End: 10, Text: "x"}, // same sentence: ignored
			{Article: a2.ID, Stance: model.Supports, Start: 5, End: 15, Text: "y"},
		} {
			rows = append(rows, ClaimEvidenceRow{claimID, e})
		}
		if err := tx.AddClaimEvidence(ctx, rows); err != nil {
			return err
		}
		return tx.SetClaimStatus(ctx, claimID, Corroborated, 2)
	})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("stories", func(t *testing.T) {
		stories, err := s.Stories(ctx)
		if err != nil || len(stories) != 1 {
			t.Fatalf("Stories = %d stories, %v; want 1", len(stories), err)
		}
		st := stories[0]
		if st.Title != "Strikes on the port" || st.Count != 2 || len(st.Articles) != 2 ||
			st.FirstPublished != "2026-01-01" || st.LastPublished != "2026-01-02" ||
			strings.Join(st.Languages, ",") != "en" || len(st.Outlets) != 2 {
			t.Errorf("story = %+v", st)
		}
	})

	t.Run("entities", func(t *testing.T) {
		ents, err := s.Entities(ctx, 0, 0)
		if err != nil || len(ents) != 2 {
			t.Fatalf("Entities = %d, %v; want 2", len(ents), err)
		}
		e := ents[0] // most mentioned first
		if e.ID != lopez || e.Name != "Maria Lopez" || e.Mentions != 2 {
			t.Errorf("first entity = %+v, want Maria Lopez with 2 mentions", e)
		}
		if got := strings.Join(e.Aliases, "|"); got != "Lopez|President Lopez" {
			t.Errorf("aliases = %q, want lookup keys hidden: %q", got, "Lopez|President Lopez")
		}
		if ents[1].Aliases == nil {
			t.Error("entity without aliases has nil Aliases, want empty")
		}
		limited, err := s.Entities(ctx, storyID, 1)
		if err != nil || len(limited) != 1 || limited[0].ID != lopez || limited[0].Mentions != 2 {
			t.Errorf("Entities(story, 1) = %+v, %v", limited, err)
		}
		checkStoryEntityCounts(t, s)
		if err := s.Update(ctx, func(tx *Tx) error {
			for _, key := range []string{"maria lopez", "lopez"} {
				cands, err := tx.EntitiesByKey(ctx, key)
				if err != nil {
					return err
				}
				if len(cands) != 1 || cands[0].ID != lopez {
					t.Errorf("EntitiesByKey(%q) = %+v, want entity %d", key, cands, lopez)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("events", func(t *testing.T) {
		cases := []struct {
			name string
			f    EventFilter
			want []string // summaries in order
		}{
			{"all: dated first", EventFilter{}, []string{"Aircraft struck the port.", "People protested."}},
			{"dated only", EventFilter{DatedOnly: true}, []string{"Aircraft struck the port."}},
			{"since before", EventFilter{Since: "2026-01-02"}, []string{"Aircraft struck the port."}},
			{"since after", EventFilter{Since: "2026-01-04"}, nil},
			{"until", EventFilter{Until: "2026-01-03"}, []string{"Aircraft struck the port."}},
			{"other story", EventFilter{Story: storyID + 1}, nil},
		}
		for _, c := range cases {
			evs, err := s.Events(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range evs {
				got = append(got, e.Summary)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("%s: events = %q, want %q", c.name, got, c.want)
			}
		}
		evs, _ := s.Events(ctx, EventFilter{DatedOnly: true})
		if len(evs) != 1 {
			t.Fatal("no dated event")
		}
		e := evs[0]
		if e.IndependentSources != 2 || len(e.Evidence) != 3 || e.Precision != model.PrecisionDay ||
			strings.Join(e.Actors, ",") != "Maria Lopez" || e.Targets == nil || len(e.Targets) != 0 {
			t.Errorf("event = %+v, want 2 sources, 3 evidence, actors [Maria Lopez], targets []", e)
		}
	})

	t.Run("quotes", func(t *testing.T) {
		cases := []struct {
			f    QuoteFilter
			want int
		}{
			{QuoteFilter{}, 1},
			{QuoteFilter{Speaker: "lopez"}, 1},
			{QuoteFilter{Speaker: "Smith"}, 0},
			{QuoteFilter{Story: storyID}, 1},
		}
		for _, c := range cases {
			qs, err := s.Quotes(ctx, c.f)
			if err != nil || len(qs) != c.want {
				t.Errorf("Quotes(%+v) = %d, %v; want %d", c.f, len(qs), err, c.want)
			}
		}
		qs, _ := s.Quotes(ctx, QuoteFilter{})
		q := qs[0]
		if q.Text != "We will rebuild" || q.SpeakerEntity == nil || *q.SpeakerEntity != lopez || q.Outlet != a1.Outlet || q.Lang != a1.Lang || q.Date != "2026-01-01" {
			t.Errorf("quote = %+v", q)
		}
	})

	t.Run("claims", func(t *testing.T) {
		cases := []struct {
			f    ClaimFilter
			want int
		}{
			{ClaimFilter{}, 1},
			{ClaimFilter{Status: Corroborated}, 1},
			{ClaimFilter{Status: Denied}, 0},
			{ClaimFilter{Story: storyID}, 1},
		}
		for _, c := range cases {
			cs, err := s.Claims(ctx, c.f)
			if err != nil || len(cs) != c.want {
				t.Errorf("Claims(%+v) = %d, %v; want %d", c.f, len(cs), err, c.want)
			}
		}
		cs, _ := s.Claims(ctx, ClaimFilter{})
		c := cs[0]
		if c.ID != claimID || c.Status != Corroborated || c.IndependentSources != 2 || c.Claimant != "Maria Lopez" || len(c.Evidence) != 2 {
			t.Fatalf("claim = %+v, want corroborated with 2 sources and 2 pieces of evidence", c)
		}
		var stances []string
		for _, e := range c.Evidence {
			stances = append(stances, e.Stance)
		}
		if strings.Join(stances, ",") != "asserts,supports" {
			t.Errorf("evidence stances = %v", stances)
		}
		if err := s.Update(ctx, func(tx *Tx) error {
			st, err := tx.ClaimStances(ctx, claimID)
			if err != nil {
				return err
			}
			var origins []string
			for _, e := range st {
				origins = append(origins, e.Stance+"@"+e.Origin)
			}
			sort.Strings(origins)
			want := "asserts@" + a1.Origin + "," + "supports@" + a2.Origin
			if strings.Join(origins, ",") != want {
				t.Errorf("ClaimStances = %v, want %s", origins, want)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCheckReferencesFindsDanglingRows(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := article(1)
	if err := s.Update(ctx, insert(ctx, a)); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckReferences(ctx); err != nil {
		t.Fatalf("fresh store: %v", err)
	}
	if err := s.Update(ctx, func(tx *Tx) error {
		return tx.InsertMentions(ctx, a.ID, a.StoryID, []model.Mention{{Start: 0, End: 4, Text: "Mara", Type: model.PER}}, []int64{999})
	}); err != nil {
		t.Fatal(err)
	}
	err := s.CheckReferences(ctx)
	if err == nil || !strings.Contains(err.Error(), "mentions") {
		t.Fatalf("CheckReferences = %v, want the mention of a missing entity", err)
	}
}

// checkStoryEntityCounts compares the story counts the writer keeps with
// counting each story's mentions, before and after recomputing them as
// the migration that introduced them does for an older database.
func checkStoryEntityCounts(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	counts := func(q string) map[[2]int64]int64 {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[[2]int64]int64{}
		for rows.Next() {
			var story, entity, n int64
			if err := rows.Scan(&story, &entity, &n); err != nil {
				t.Fatal(err)
			}
			out[[2]int64{story, entity}] = n
		}
		return out
	}
	want := counts(`SELECT a.story_id, m.entity_id, COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id
		WHERE a.story_id IS NOT NULL GROUP BY 1, 2`)
	if len(want) == 0 {
		t.Fatal("no mentions in a story")
	}
	kept := `SELECT story_id, entity_id, mentions FROM story_entities`
	if got := counts(kept); !reflect.DeepEqual(got, want) {
		t.Errorf("story entity counts %v, want %v", got, want)
	}
	migrations, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(migrations, func(m migration) bool { return strings.HasSuffix(m.name, "_story_entities.sql") })
	if i < 0 {
		t.Fatal("no story_entities migration")
	}
	if _, err := s.db.ExecContext(ctx, `DROP TABLE story_entities; `+migrations[i].sql); err != nil {
		t.Fatal(err)
	}
	if got := counts(kept); !reflect.DeepEqual(got, want) {
		t.Errorf("story entity counts after the migration %v, want %v", got, want)
	}
}

// A story's entity counts add up over its reports.
func TestStoryEntityCountsAddUp(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	var story int64
	err := s.Update(ctx, func(tx *Tx) error {
		var err error
		if story, err = tx.InsertStory(ctx, "Floods"); err != nil {
			return err
		}
		mara, err := tx.InsertEntity(ctx, "Mara", model.PER, "mara")
		if err != nil {
			return err
		}
		for n := range 3 {
			a := article(n + 1)
			a.StoryID = story
			if err := insert(ctx, a)(tx); err != nil {
				return err
			}
			ms := []model.Mention{{Start: 0, End: 4, Text: "Mara", Type: model.PER}, {Start: 10, End: 14, Text: "Mara", Type: model.PER}}
			if err := tx.InsertMentions(ctx, a.ID, story, ms[:1+n%2], []int64{mara, mara}[:1+n%2]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ents, err := s.EntityList(ctx, EntityFilter{Story: story})
	if err != nil || len(ents) != 1 || ents[0].Mentions != 4 {
		t.Fatalf("story entities %+v, %v; want Mara with 4 mentions", ents, err)
	}
	checkStoryEntityCounts(t, s)
}
