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

// storyChart draws the series of the pair of actors that most often act
// on each other in the shown events; nil when no pair has scored events.
func (h *Handler) storyChart(ctx context.Context, storyID int64, dates []dateGroup) (*chart, error) {
	a, b := mainPair(dates)
	if a == "" {
		return nil, nil
	}
	points, err := h.st.Dyad(ctx, store.DyadQuery{A: []string{a}, B: []string{b}, Story: storyID, Score: event.Score})
	if err != nil || len(points) == 0 {
		return nil, err
	}
	return layoutChart(a, b, points), nil
}

// mainPair is the actor and target named together by the most events of
// a type with a conflict–cooperation score, ties to the first seen.
func mainPair(dates []dateGroup) (a, b string) {
	type pair struct{ a, b string }
	counts := map[pair]int{}
	best, bestN := pair{}, 0
	for _, d := range dates {
		for _, e := range d.Events {
			if _, ok := event.Score(e.Type); !ok {
				continue
			}
			for _, x := range e.Actors {
				for _, y := range e.Targets {
					if x == y {
						continue
					}
					p := pair{x, y}
					if y < x {
						p = pair{y, x}
					}
					counts[p]++
					if counts[p] > bestN {
						best, bestN = p, counts[p]
					}
				}
			}
		}
	}
	return best.a, best.b
}

func layoutChart(a, b string, points []store.DyadPoint) *chart {
	c := &chart{A: a, B: b, Width: chartWidth, Height: chartHeight, Points: points,
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
