// Package timeline turns merged events into what a reader scans: dates in
// order, each with its events and the sentence that best represents it.
package timeline

import (
	"sort"

	"github.com/storyline/storyline/internal/model"
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
	return BuildWith(events, Options{MaxDates: maxDates})
}

// Options tune BuildWith.
type Options struct {
	// MaxDates > 0 keeps only that many dates, the most important.
	MaxDates int
	// Mentions are the date expressions of the same reports. With them,
	// dates are ranked by how many independent reports point to them, as
	// the best date-selection methods for timelines do, and dates no event
	// carries may be listed with the sentence that best represents them.
	Mentions []store.DateMention
}

// BuildWith groups dated events by date and ranks the dates; the result is
// in date order.
func BuildWith(events []store.Event, opt Options) []Date {
	index := map[string]int{}
	var dates []Date
	dateOf := func(date string, prec model.Precision) *Date {
		i, ok := index[date]
		if !ok {
			i = len(dates)
			index[date] = i
			dates = append(dates, Date{Date: date, Precision: string(prec)})
		}
		return &dates[i]
	}
	for _, e := range events {
		if e.Date == "" {
			continue
		}
		d := dateOf(e.Date, e.Precision)
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
	if len(opt.Mentions) > 0 {
		// Events are dated by the expressions counted here, so their weight
		// would count the same evidence twice, through a noisier reading:
		// on the development topics it only lowers Date-F1.
		for i := range dates {
			dates[i].Score = 0
		}
		for date, m := range countMentions(opt.Mentions, tuned) {
			d := dateOf(date, model.PrecisionDay)
			d.Score += m.score
			d.Sources = max(d.Sources, len(m.origins))
			// The lead is what most reports say about the day, whether
			// they name it or narrate one of its events.
			candidates := m.sentences[:len(m.sentences):len(m.sentences)]
			for _, e := range d.Events {
				candidates = append(candidates, e.Evidence...)
			}
			d.Lead = representative(candidates)
		}
	}
	if opt.MaxDates > 0 && len(dates) > opt.MaxDates {
		// Ties go to the day more sources name, then to the earlier day, so
		// that the choice never depends on map order.
		sort.SliceStable(dates, func(a, b int) bool {
			x, y := dates[a], dates[b]
			if x.Score != y.Score {
				return x.Score > y.Score
			}
			if x.Sources != y.Sources {
				return x.Sources > y.Sources
			}
			return x.Date < y.Date
		})
		dates = dates[:opt.MaxDates]
	}
	sort.SliceStable(dates, func(a, b int) bool { return Before(dates[a].Date, dates[b].Date) })
	return dates
}

// Before orders ISO dates of any precision as a timeline lists them: a
// month or a year comes after the days it holds ("2026-03" after
// "2026-03-31"), as what reports date only vaguely rounds off that period
// rather than opening it.
func Before(a, b string) bool {
	n := min(len(a), len(b))
	if a[:n] != b[:n] {
		return a[:n] < b[:n]
	}
	return len(a) > len(b)
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
