package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/internal/store"
)

func TestIngestCountsAndKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "Floods close the coastal road\n\nHeavy rain flooded the coastal road on Tuesday, officials said.\n")
	b := write("b.jsonl", `{"id":"1","text":"Rebels attacked the port of Valmera on Saturday.","published":"2026-01-05"}`+"\n"+
		`{"id":"2","text":"El Gobierno anunció el lunes nuevas medidas.","published":"2026-01-05","lang":"es"}`+"\n")
	empty := write("empty.txt", "")
	st, err := store.Open(filepath.Join(dir, "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var errs []error
	stats := Ingest(context.Background(), NewLinker(st), []string{a, empty, b}, nil, Options{OnError: func(err error) { errs = append(errs, err) }})
	if stats.Inputs != 3 || stats.Failed != 1 || stats.Articles != 3 || stats.Added != 3 || len(errs) != 1 {
		t.Fatalf("stats %+v with errors %v; want 3 inputs, 1 failed, 3 articles added", stats, errs)
	}
	again := Ingest(context.Background(), NewLinker(st), []string{a, b}, nil, Options{})
	if again.Added != 0 || again.Unchanged != 3 {
		t.Errorf("re-ingest: %+v, want nothing added and 3 unchanged", again)
	}
	n, err := st.CountArticles(context.Background())
	if err != nil || n != 3 {
		t.Errorf("%d articles stored (%v), want 3", n, err)
	}
}
