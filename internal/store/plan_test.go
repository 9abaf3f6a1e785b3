package store

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// The lists the API pages through read their page from an index in list
// order: a plan that sorts every row, or scans a table for a lookup, grows
// with the store and misses the latency target at 100k articles.
func TestPagedListsUseIndexes(t *testing.T) {
	s, _ := openTemp(t)
	queries := map[string]string{
		"events":        `SELECT ` + eventColumns + ` FROM events ORDER BY date = '', date, id LIMIT 51`,
		"event dates":   `SELECT date FROM events WHERE date != '' GROUP BY date = '', date ORDER BY date = '', date LIMIT 51`,
		"stories":       `SELECT id FROM stories ORDER BY last_published DESC, id LIMIT 51`,
		"digest":        `SELECT id FROM events WHERE id >= 5 ORDER BY id DESC LIMIT 500`,
		"first since":   `SELECT id, first_seen FROM events WHERE id >= 5 ORDER BY id LIMIT 1`,
		"claims":        `SELECT ` + claimColumns + ` FROM claims ORDER BY independent_sources DESC, id LIMIT 51`,
		"articles":      `SELECT ` + articleSummaryColumns + ` FROM articles a ORDER BY a.published DESC, a.id DESC LIMIT 51`,
		"busy entities": `SELECT e.id FROM entities e WHERE e.mentions >= 20 ORDER BY e.mentions DESC, e.id LIMIT 51`,
		"entity timeline": `SELECT ` + eventColumns + ` FROM event_entities ee JOIN events ON events.id = ee.event_id
			WHERE ee.entity_id = 3 ORDER BY ee.undated, ee.event_date, ee.event_id LIMIT 51`,
		"entity dates": `SELECT ee.event_date FROM event_entities ee JOIN events ON events.id = ee.event_id
			WHERE ee.entity_id = 3 AND ee.undated = 0 AND date != '' GROUP BY ee.event_date ORDER BY ee.event_date LIMIT 51`,
	}
	for name, q := range queries {
		p := queryPlan(t, s, q)
		if strings.Contains(p, "TEMP B-TREE") || (strings.Contains(p, "SCAN ") && !strings.Contains(p, "USING INDEX") && !strings.Contains(p, "USING COVERING INDEX")) {
			t.Errorf("%s: plan %s", name, p)
		}
	}
}

// The conflict–cooperation series of two entities across all stories
// walks the events of one of them, looking each up among the other's,
// instead of reading every event.
func TestDyadStartsFromAnEntitysEvents(t *testing.T) {
	s, _ := openTemp(t)
	q := DyadQuery{AEntities: []int64{3}, BEntities: []int64{4, 5}, From: "2026-01-01"}
	query, args := dyadSQL(q, []string{"a"}, []string{"b"})
	if n := strings.Count(query, "?"); n != len(args) {
		t.Fatalf("%d placeholders, %d arguments", n, len(args))
	}
	p := queryPlan(t, s, query, args...)
	if strings.Contains(p, "SCAN ") || !strings.Contains(p, "SEARCH ea USING PRIMARY KEY") || !strings.Contains(p, "SEARCH eb USING PRIMARY KEY") {
		t.Errorf("plan %s", p)
	}
}

// A page of an entity's timeline between two dates is one range of
// event_entities, in order: a much-mentioned entity has tens of thousands
// of events, and checking each one's date took 100 ms.
func TestEntityTimelineBetweenDatesIsOneRange(t *testing.T) {
	s, _ := openTemp(t)
	q, args := EventFilter{Entity: 3, DatedOnly: true, Since: "2026-01-01", Until: "2026-02-01", Limit: 5000}.query()
	p := queryPlan(t, s, q, args...)
	if !strings.Contains(p, "SEARCH ee USING PRIMARY KEY (entity_id=? AND undated=? AND event_date>? AND event_date<?)") || strings.Contains(p, "TEMP B-TREE") {
		t.Errorf("plan %s", p)
	}
}

// Reading a column stored after an article's text walks the text's
// overflow pages: the long columns come last.
func TestArticlesKeepLongColumnsLast(t *testing.T) {
	s, _ := openTemp(t)
	cols, err := queryColumn[string](context.Background(), s.read, `SELECT name FROM pragma_table_info('articles') ORDER BY cid`)
	if err != nil {
		t.Fatal(err)
	}
	long := []string{"title", "text", "raw", "analysis"}
	if len(cols) < len(long) || !slices.Equal(cols[len(cols)-len(long):], long) {
		t.Errorf("articles columns %v; want %v last", cols, long)
	}
}

// What the linker reads for every report must be an index range too: a
// centroid read by scanning every story's terms took minutes at 40k
// reports.
func TestLinkerLookupsSearchAnIndex(t *testing.T) {
	s, _ := openTemp(t)
	for _, q := range []string{
		`SELECT term, weight FROM story_terms WHERE story_id = 7`,
		`SELECT id FROM articles WHERE content_hash = 'x'`,
	} {
		if p := queryPlan(t, s, q); !strings.HasPrefix(p, "SEARCH ") {
			t.Errorf("%s: plan %s", q, p)
		}
	}
}

// queryPlan is SQLite's plan for q, its steps joined by "; ".
func queryPlan(t *testing.T, s *Store, q string, args ...any) string {
	t.Helper()
	rows, err := s.read.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}
