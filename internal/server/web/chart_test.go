package web

import (
	"testing"

	"github.com/storyline/storyline/internal/store"
)

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
