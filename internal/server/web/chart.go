package web

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/storyline/storyline/internal/event"
	"github.com/storyline/storyline/internal/store"
)

// chart is a conflict–cooperation series for a story's main pair of
// actors, laid out for an inline SVG drawn on the server: cooperation
// rises above the zero line, conflict falls below it.
type chart struct {
	A, B          string
	Width, Height float64
	AxisX0, AxisX float64 // where the zero line starts and ends
	ZeroY         float64
	YMax          float64
	First, Last   string
	Bars          []chartBar
	Points        []store.DyadPoint
}

type chartBar struct {
	X, W         float64
	CoopY, CoopH float64
	ConfY, ConfH float64
	Label        string
}

// Chart geometry in SVG user units; the SVG scales to the page width.
const (
	chartWidth   = 600
	chartHeight  = 220
	chartMarginX = 40
	chartMarginY = 20
)

// storyChart draws the series of the story's main pair of actors (see
// store.MainPair); nil when no pair has scored events. It is the same whatever
// the page's filters, and kept until the story gains a report.
func (h *Handler) storyChart(ctx context.Context, st *store.Story) (*chart, error) {
	key := storyState{st.ID, len(st.Articles)}
	if c, ok := h.charts.get(key); ok {
		return c, nil
	}
	a, b, err := h.st.StoryMainPair(ctx, st.ID, event.Score)
	if err != nil {
		return nil, err
	}
	var c *chart
	if a != nil {
		points, err := h.st.Dyad(ctx, store.DyadQuery{A: a.Names(), B: b.Names(), AEntities: []int64{a.ID}, BEntities: []int64{b.ID}, Story: st.ID, Score: event.Score})
		if err != nil {
			return nil, err
		}
		if len(points) > 0 {
			c = layoutChart(a.Name, b.Name, points)
		}
	}
	h.charts.put(key, c)
	return c, nil
}

func layoutChart(a, b string, points []store.DyadPoint) *chart {
	c := &chart{A: a, B: b, Width: chartWidth, Height: chartHeight, Points: points,
		AxisX0: chartMarginX, AxisX: chartWidth - chartMarginX,
		First: points[0].Date, Last: points[len(points)-1].Date}
	for _, p := range points {
		c.YMax = max(c.YMax, p.Cooperation, -p.Conflict)
	}
	if c.YMax == 0 {
		c.YMax = 1
	}
	c.YMax = math.Ceil(c.YMax)
	plotW := float64(chartWidth - 2*chartMarginX)
	half := float64(chartHeight-2*chartMarginY) / 2
	c.ZeroY = chartMarginY + half
	first, _ := time.Parse(time.DateOnly, c.First)
	last, _ := time.Parse(time.DateOnly, c.Last)
	days := last.Sub(first).Hours()/24 + 1
	slot := plotW / days
	barW := max(2, min(slot*0.7, 40))
	for _, p := range points {
		d, _ := time.Parse(time.DateOnly, p.Date)
		x := chartMarginX + d.Sub(first).Hours()/24*slot + (slot-barW)/2
		coopH := p.Cooperation / c.YMax * half
		confH := -p.Conflict / c.YMax * half
		c.Bars = append(c.Bars, chartBar{
			X: round1(x), W: round1(barW),
			CoopY: round1(c.ZeroY - coopH), CoopH: round1(coopH),
			ConfY: round1(c.ZeroY), ConfH: round1(confH),
			Label: fmt.Sprintf("%s: cooperation %+.1f, conflict %+.1f, net %+.1f (%d events)", p.Date, p.Cooperation, p.Conflict, p.Score, len(p.Events)),
		})
	}
	return c
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
