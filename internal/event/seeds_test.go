package event

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/timex"
)

type acceptance struct {
	Documents map[string]struct {
		Published string `json:"published"`
		Items     []struct {
			Title     string `json:"title"`
			Published string `json:"published"`
		} `json:"items"`
	} `json:"documents"`
	Events []struct {
		Date     string   `json:"date"`
		Match    []string `json:"match"`
		Docs     []string `json:"docs"`
		Required bool     `json:"required"`
		Summary  string   `json:"summary"`
	} `json:"events"`
}

// docEvent is an event with the text of its sentence.
type docEvent struct {
	model.Event
	sentence string
}

// seedEvents runs the analysis chain on each seed document, or on each
// dated item of a multi-item document, dated by its own publication time.
func seedEvents(tb testing.TB, acc acceptance) map[string][]docEvent {
	out := map[string][]docEvent{}
	for file, doc := range acc.Documents {
		s := string(readShared(tb, "seeds", file))
		type item struct {
			start     int
			published string
		}
		items := []item{{0, doc.Published}}
		if len(doc.Items) > 0 {
			items = items[:0]
			for _, it := range doc.Items {
				k := strings.Index(s, it.Title)
				if k < 0 {
					tb.Fatalf("%s: item %q not found", file, it.Title)
				}
				items = append(items, item{k, it.Published})
			}
			sort.Slice(items, func(i, j int) bool { return items[i].start < items[j].start })
			items[0].start = 0
		}
		for n, it := range items {
			end := len(s)
			if n+1 < len(items) {
				end = items[n+1].start
			}
			body := s[it.start:end]
			pub, prec := parsePublished(tb, it.published)
			lang := text.DetectLanguage(body)
			sents := text.Sentences(body, lang)
			mentions := entity.Recognize(body, sents, lang)
			timexes := timex.Extract(body, sents, lang, pub)
			for _, ev := range Extract(body, sents, nil, mentions, timexes, lang, pub, prec) {
				out[file[:3]] = append(out[file[:3]], docEvent{ev, body[ev.Start:ev.End]})
			}
		}
	}
	return out
}

func parsePublished(tb testing.TB, v string) (time.Time, model.Precision) {
	if t, err := time.Parse("2006-01-02T15:04", v); err == nil {
		return t, model.PrecisionMinute
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		tb.Fatalf("bad publication date %q", v)
	}
	return t, model.PrecisionDay
}

// TestSeedEvents checks the acceptance criterion: at least 80% of the
// analyst's required events are found with the right date and a match
// word in the event's sentence.
func TestSeedEvents(t *testing.T) {
	var acc acceptance
	if err := json.Unmarshal(readShared(t, "acceptance", "seeds.json"), &acc); err != nil {
		t.Fatal(err)
	}
	events := seedEvents(t, acc)
	total, dated := 0, 0
	for _, evs := range events {
		for _, ev := range evs {
			total++
			if ev.Date != "" {
				dated++
			}
		}
	}
	t.Logf("seed events dated: %d/%d", dated, total)
	required, found := 0, 0
	for _, gold := range acc.Events {
		if !gold.Required {
			continue
		}
		required++
		if hit := findGold(events, gold.Docs, gold.Date, gold.Match); hit != "" {
			found++
			t.Logf("found %s %s: %s", gold.Date, gold.Summary, hit)
		} else {
			t.Logf("missed %s %s", gold.Date, gold.Summary)
		}
	}
	recall := float64(found) / float64(required)
	t.Logf("required events found: %d/%d (%.0f%%)", found, required, 100*recall)
	if recall < 0.8 {
		t.Errorf("recall of required events %.2f, want >= 0.80", recall)
	}
}

func findGold(events map[string][]docEvent, docs []string, date string, match []string) string {
	for _, d := range docs {
		for _, ev := range events[d] {
			if ev.Date != date {
				continue
			}
			lower := strings.ToLower(ev.sentence)
			for _, w := range match {
				if strings.Contains(lower, strings.ToLower(w)) {
					return fmt.Sprintf("%s %s %q", ev.Type, ev.Trigger, ev.sentence)
				}
			}
		}
	}
	return ""
}
