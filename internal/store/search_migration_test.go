package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A database written before full-text search gets its articles indexed and
// its claims dated when it is opened.
func TestSearchMigrationIndexesExistingRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	migs, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migs {
		if m.version < 3 {
			if _, err := db.Exec(m.sql); err != nil {
				t.Fatalf("%s: %v", m.name, err)
			}
		}
	}
	for _, q := range []string{
		`INSERT INTO articles (content_hash, simhash, source, origin, title, text, raw, lang, analysis, ingested_at)
			VALUES ('h', 0, 'old.txt', 'o', 'Bridge reopened', 'The old bridge over the river reopened.', '', 'en', '{}', '2026-01-01T00:00:00Z')`,
		`INSERT INTO claims (text, status, updated_at) VALUES ('the bridge is safe', 'unconfirmed', '2026-01-02T00:00:00Z')`,
		`PRAGMA user_version = 2`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	res, err := s.Search(ctx, SearchQuery{Text: "river"})
	if err != nil || res.Total != 1 || res.Hits[0].Title != "Bridge reopened" {
		t.Fatalf("search after migration: %+v, %v", res, err)
	}
	var created string
	if err := s.read.QueryRow(`SELECT created_at FROM claims`).Scan(&created); err != nil || created != "2026-01-02T00:00:00Z" {
		t.Errorf("claim created_at %q, %v", created, err)
	}
	// The status log starts with the migration.
	if err := s.Update(ctx, func(tx *Tx) error { return tx.SetClaimStatus(ctx, 1, Corroborated, 2) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, func(tx *Tx) error { return tx.SetClaimStatus(ctx, 1, Corroborated, 3) }); err != nil {
		t.Fatal(err)
	}
	var n int
	var from, to string
	if err := s.read.QueryRow(`SELECT COUNT(*), MIN(old_status), MIN(new_status) FROM claim_status_changes`).Scan(&n, &from, &to); err != nil {
		t.Fatal(err)
	}
	if n != 1 || from != Unconfirmed || to != Corroborated {
		t.Errorf("status log: %d changes, %s → %s; want one, unconfirmed → corroborated", n, from, to)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"dam explosion", `"dam" "explosion"`},
		{`explos* "quoted`, `"explos"* "quoted"`},
		{"dam OR presa", `"dam" OR "presa"`},
		{"OR dam OR", `"dam"`},
		{"col:dam NEAR(x)", `"col" "dam" "NEAR" "x"`},
		{"Crispín", `"Crispín"`},
		{"* - ^", ``},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in); got != tt.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSplitMarks(t *testing.T) {
	text, spans := splitMarks("…the " + markOpen + "dam" + markClose + " broke, " + markOpen + "presa" + markClose)
	if text != "…the dam broke, presa" || len(spans) != 2 || text[spans[0][0]:spans[0][1]] != "dam" || text[spans[1][0]:spans[1][1]] != "presa" {
		t.Errorf("splitMarks: %q %v", text, spans)
	}
}

// Articles are indexed with the transaction that writes them, and not at
// all when it fails.
func TestTextIndexedOnCommitOnly(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if err := s.Update(ctx, insert(ctx, article(1))); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("later step failed")
	err := s.Update(ctx, func(tx *Tx) error {
		if err := insert(ctx, article(2))(tx); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("update: %v", err)
	}
	b := s.NewBatch(10, time.Hour)
	if err := b.Update(ctx, insert(ctx, article(3))); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, SearchQuery{Text: "body report"})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, h := range res.Hits {
		titles = append(titles, h.Title)
	}
	if res.Total != 2 || strings.Join(titles, ",") != "Report 3,Report 1" {
		t.Errorf("search finds %d: %v; want reports 3 and 1, newest first", res.Total, titles)
	}
}

func TestFirstSinceFindsTheFirstNewRow(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if id, err := s.firstSince(ctx, "events", "first_seen", "2026-01-01T00:00:00Z"); err != nil || id != 1 {
		t.Fatalf("empty table: %d, %v", id, err)
	}
	// Days 1, 3, 3, 5, ... 17: repeated times, and gaps between them.
	var days []int
	err := s.Update(ctx, func(tx *Tx) error {
		for i := 1; i <= 17; i += 2 {
			n := 1
			if i == 3 {
				n = 2
			}
			for range n {
				days = append(days, i)
				e := &Event{Type: "AID", FirstSeen: time.Date(2026, 1, i, 0, 0, 0, 0, time.UTC)}
				if _, err := tx.InsertEvent(ctx, e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for day := 0; day <= 19; day++ {
		since := time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
		want := int64(len(days) + 1)
		for i, d := range days {
			if d >= day {
				want = int64(i + 1)
				break
			}
		}
		if got, err := s.firstSince(ctx, "events", "first_seen", since); err != nil || got != want {
			t.Errorf("since day %d: first id %d, %v; want %d", day, got, err, want)
		}
	}
}
