package timeline

import (
	"reflect"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

// ev builds an event with n mentions from the given origins (one mention
// each) and independent_sources set to the number of distinct origins.
func ev(id int64, date string, prec model.Precision, actors []string, origins ...string) store.Event {
	e := store.Event{ID: id, Date: date, Precision: prec, Type: "ASSAULT", Actors: actors, Evidence: []store.Evidence{}}
	seen := map[string]bool{}
	for i, o := range origins {
		e.Evidence = append(e.Evidence, store.Evidence{Article: int64(100*id) + int64(i), Text: date + " " + o, Origin: o})
		seen[o] = true
	}
	e.IndependentSources = len(seen)
	return e
}

func dates(ds []Date) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Date)
	}
	return strings.Join(out, " ")
}

func TestBuild(t *testing.T) {
	day, month := model.PrecisionDay, model.PrecisionMonth
	who := []string{"rebels"}
	// Weights: sources + 0.25*mentions + 0.5 with actors.
	events := []store.Event{
		ev(1, "2026-01-05", day, nil, "a"),                    // 1.25
		ev(2, "2026-01-03", day, who, "a", "b", "c"),          // 4.25
		ev(3, "", "", who, "a", "b", "c", "d", "e"),           // undated: never listed
		ev(4, "2026-01", month, who, "a", "b", "c", "d"),      // 5.5, halved to 2.75
		ev(5, "2026-01-04", day, nil, "a", "b"),               // 2.5
		ev(6, "2025-12-30", day, who, "a", "b", "c", "d"),     // 5.5
		ev(7, "2026-01-04", day, who, "c"),                    // +1.75 → 4.25 for 2026-01-04
		ev(8, "2025-12", month, who, "a", "b", "c", "d", "e"), // 6.75, halved to 3.375
	}
	tests := []struct {
		name     string
		maxDates int
		want     string
	}{
		// A month comes after the days it holds.
		{"all dates in date order", 0, "2025-12-30 2025-12 2026-01-03 2026-01-04 2026-01-05 2026-01"},
		{"more room than dates", 10, "2025-12-30 2025-12 2026-01-03 2026-01-04 2026-01-05 2026-01"},
		{"top one", 1, "2025-12-30"},
		// 2026-01-03 and 2026-01-04 tie at 4.25; the stable sort keeps the
		// one seen first.
		{"top two", 2, "2025-12-30 2026-01-03"},
		{"top three", 3, "2025-12-30 2026-01-03 2026-01-04"},
		// The coarse month 2025-12 (6.75 before halving) ranks below the
		// days it would otherwise beat.
		{"top four: halved month comes after the days", 4, "2025-12-30 2025-12 2026-01-03 2026-01-04"},
		{"top five", 5, "2025-12-30 2025-12 2026-01-03 2026-01-04 2026-01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Build(events, tc.maxDates)
			if dates(got) != tc.want {
				t.Errorf("Build(_, %d) dates = %q, want %q", tc.maxDates, dates(got), tc.want)
			}
		})
	}
}

func TestBuildDate(t *testing.T) {
	day, month := model.PrecisionDay, model.PrecisionMonth
	events := []store.Event{
		ev(1, "2026-01-04", day, nil, "outlet:a", "outlet:b"),                // 2.5
		ev(2, "2026-01-04", day, []string{"rebels"}, "outlet:c", "outlet:a"), // 3
		ev(3, "2026-01", month, []string{"army"}, "outlet:a", "outlet:b"),    // 3, halved
	}
	got := Build(events, 0)
	if len(got) != 2 {
		t.Fatalf("%d dates, want 2", len(got))
	}
	d, m := got[0], got[1]
	if m.Date != "2026-01" || m.Precision != "month" || m.Score != 1.5 {
		t.Errorf("month date = %s (%s) score %v; want 2026-01 (month) score 1.5", m.Date, m.Precision, m.Score)
	}
	if d.Date != "2026-01-04" || d.Precision != "day" || d.Score != 5.5 {
		t.Errorf("day date = %s (%s) score %v; want 2026-01-04 (day) score 5.5", d.Date, d.Precision, d.Score)
	}
	// Events of a date, most important first; the lead is its first evidence.
	if len(d.Events) != 2 || d.Events[0].ID != 2 || d.Events[1].ID != 1 {
		t.Errorf("events of 2026-01-04 = %v, want ids 2 then 1", []int64{d.Events[0].ID, d.Events[1].ID})
	}
	if !reflect.DeepEqual(d.Lead, d.Events[0].Evidence[0]) {
		t.Errorf("lead = %+v, want the first evidence of event 2", d.Lead)
	}
	// Distinct origins across the date's events: a, b, c.
	if d.Sources != 3 {
		t.Errorf("sources of 2026-01-04 = %d, want 3", d.Sources)
	}
	if m.Sources != 2 {
		t.Errorf("sources of 2026-01 = %d, want 2", m.Sources)
	}
}

func TestBuildSourcesFallBackToOutletAndCount(t *testing.T) {
	e := store.Event{ID: 1, Date: "2026-01-04", Precision: model.PrecisionDay, IndependentSources: 4,
		Evidence: []store.Evidence{{Outlet: "Daily Planet"}, {Outlet: "Evening Star"}}}
	if got := Build([]store.Event{e}, 0)[0].Sources; got != 4 {
		t.Errorf("sources = %d, want the event's own count 4", got)
	}
	e.IndependentSources = 0
	e.Evidence = append(e.Evidence, store.Evidence{Outlet: "Daily Planet"})
	if got := Build([]store.Event{e}, 0)[0].Sources; got != 2 {
		t.Errorf("sources = %d, want 2 distinct outlets", got)
	}
}

func TestBuildEmpty(t *testing.T) {
	for _, events := range [][]store.Event{nil, {{ID: 1, Type: "ASSAULT"}}} {
		if got := Build(events, 3); len(got) != 0 {
			t.Errorf("Build(%d undated events) = %d dates, want 0", len(events), len(got))
		}
	}
}
