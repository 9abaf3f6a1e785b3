package web

import (
	"testing"

	"github.com/storyline/storyline/internal/store"
)

func TestMainPair(t *testing.T) {
	ev := func(typ string, actors, targets []string) timelineEvent {
		return timelineEvent{Event: store.Event{Type: typ, Actors: actors, Targets: targets}}
	}
	dates := []dateGroup{
		{Date: "2026-03-01", Events: []timelineEvent{
			ev("ASSAULT", []string{"Valdora"}, []string{"Montalba"}),
			ev("NOT_A_TYPE", []string{"X"}, []string{"Y"}),
		}},
		{Date: "2026-03-02", Events: []timelineEvent{
			ev("AGREE", []string{"Montalba"}, []string{"Valdora"}),
			ev("ACCUSE", []string{"Valdora"}, []string{"CSN"}),
			ev("ACCUSE", []string{"Valdora"}, []string{"Valdora"}),
		}},
	}
	if a, b := mainPair(dates); a != "Montalba" || b != "Valdora" {
		t.Errorf("main pair %q, %q; want Montalba, Valdora (either direction counts)", a, b)
	}
	if a, b := mainPair(nil); a != "" || b != "" {
		t.Errorf("no events gave a pair %q, %q", a, b)
	}
}

func TestLayoutChartStaysInside(t *testing.T) {
	points := []store.DyadPoint{
		{Date: "2026-03-01", Score: -9, Conflict: -9},
		{Date: "2026-03-03", Score: 2, Conflict: -4, Cooperation: 6},
		{Date: "2026-03-09", Score: 4, Cooperation: 4},
	}
	c := layoutChart("A", "B", points)
	if len(c.Bars) != 3 || c.YMax != 9 {
		t.Fatalf("bars %d, ymax %v", len(c.Bars), c.YMax)
	}
	for i, b := range c.Bars {
		if b.X < 0 || b.X+b.W > c.Width || b.CoopY < 0 || b.ConfY+b.ConfH > c.Height || b.CoopH < 0 || b.ConfH < 0 {
			t.Errorf("bar %d leaves the chart: %+v", i, b)
		}
		if i > 0 && b.X <= c.Bars[i-1].X {
			t.Errorf("bar %d is not right of the one before", i)
		}
	}
	if c.Bars[0].ConfH <= c.Bars[1].ConfH || c.Bars[0].CoopH != 0 {
		t.Errorf("conflict heights do not follow the scores: %+v", c.Bars[:2])
	}
}
