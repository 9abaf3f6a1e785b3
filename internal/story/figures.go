package story

import (
	"fmt"
	"slices"

	"github.com/storyline/storyline/internal/store"
)

// FigureReport is what the reports behind an event say of one kind of
// figure: each distinct count with the source that gives it, and whether
// the counts disagree (see model.FigureDisputes).
type FigureReport struct {
	Kind     string   `json:"kind"`
	Counts   []string `json:"counts"` // "95 (Reuters)", "more than 100 (article 7)"
	Disputed bool     `json:"disputed"`
}

var qualifierWords = map[string]string{"min": "at least ", "more": "more than ", "less": "nearly ", "max": "up to ", "about": "about "}

// FigureReports lists an event's figures by kind, in the order the
// evidence first gives them.
func FigureReports(ev store.Event) []FigureReport {
	var out []FigureReport
	index := map[string]int{}
	for _, x := range ev.Evidence {
		label := SourceLabel(x.Article, x.Outlet, x.Origin)
		for _, f := range x.Figures {
			i, ok := index[f.Kind]
			if !ok {
				i = len(out)
				index[f.Kind] = i
				out = append(out, FigureReport{Kind: f.Kind, Disputed: slices.Contains(ev.FigureDisputes, f.Kind)})
			}
			count := fmt.Sprintf("%s%d (%s)", qualifierWords[f.Qualifier], f.Value, label)
			if !slices.Contains(out[i].Counts, count) {
				out[i].Counts = append(out[i].Counts, count)
			}
		}
	}
	return out
}
