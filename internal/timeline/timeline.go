// Package timeline turns merged events into what a reader scans: dates in
// order, each with its events and the sentence that best represents it.
package timeline

import (
	"sort"

	"github.com/storyline/storyline/internal/store"
)

// Date is one date of a timeline with its events, most important first.
type Date struct {
	Date      string        `json:"date"`
	Precision string        `json:"precision"`
	Score     float64       `json:"score"`
	Sources   int           `json:"independent_sources"`
	Events    []store.Event `json:"events"`
	// Lead is the sentence that best stands for the date.
	Lead store.Evidence `json:"lead"`
}

// eventWeight is how much an event says its date matters: independent
// sources count most, repeated mentions add a little, and a type found
// with actors is more informative than a bare trigger.
func eventWeight(e store.Event) float64 {
	w := float64(e.IndependentSources) + 0.25*float64(len(e.Evidence))
	if len(e.Actors) > 0 || len(e.Targets) > 0 {
		w += 0.5
	}
	return w
}

// Build groups dated events by date. When maxDates > 0 only the maxDates
// dates with the highest weight are kept; the result is in date order.
func Build(events []store.Event, maxDates int) []Date {
	index := map[string]int{}
	var dates []Date
	for _, e := range events {
		if e.Date == "" {
			continue
		}
		i, ok := index[e.Date]
		if !ok {
			i = len(dates)
			index[e.Date] = i
			dates = append(dates, Date{Date: e.Date, Precision: string(e.Precision)})
		}
		d := &dates[i]
		d.Events = append(d.Events, e)
		d.Score += eventWeight(e)
	}
	for i := range dates {
		d := &dates[i]
		sort.SliceStable(d.Events, func(a, b int) bool { return eventWeight(d.Events[a]) > eventWeight(d.Events[b]) })
		d.Sources = sourcesOf(d.Events)
		if ev := d.Events[0].Evidence; len(ev) > 0 {
			d.Lead = ev[0]
		}
		// Coarse dates ("2026-01") gather everything vaguely dated; they
		// should not crowd out days that reports pin down.
		if d.Precision != "day" {
			d.Score /= 2
		}
	}
	if maxDates > 0 && len(dates) > maxDates {
		sort.SliceStable(dates, func(a, b int) bool { return dates[a].Score > dates[b].Score })
		dates = dates[:maxDates]
	}
	sort.SliceStable(dates, func(a, b int) bool { return dates[a].Date < dates[b].Date })
	return dates
}

// sourcesOf counts distinct origins across the evidence of events.
func sourcesOf(events []store.Event) int {
	seen := map[string]bool{}
	for _, e := range events {
		for _, ev := range e.Evidence {
			key := ev.Origin
			if key == "" {
				key = ev.Outlet
			}
			seen[key] = true
		}
	}
	n := len(seen)
	for _, e := range events {
		n = max(n, e.IndependentSources)
	}
	return n
}
