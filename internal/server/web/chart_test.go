package web

import (
	"testing"

	"github.com/storyline/storyline/internal/store"
)

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
	a, b := mainPair(events, entities)
	if a == nil || b == nil || a.Name != "Valdora" || b.Name != "Montalba" {
		t.Errorf("main pair %v, %v; want Valdora and Montalba (opposite sides and acting together count, unscored types do not)", a, b)
	}
	if a, b := mainPair(nil, entities); a != nil || b != nil {
		t.Errorf("no events gave a pair %v, %v", a, b)
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
