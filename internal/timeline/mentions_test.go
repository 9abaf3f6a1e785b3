package timeline

import (
	"fmt"
	"testing"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

// mention is report article (from origin, published on pub) naming value
// in sentence.
func mention(article int64, origin, pub, value, sentence string) store.DateMention {
	return store.DateMention{Article: article, Origin: origin, Published: pub, Value: value,
		Sentence: store.Evidence{Article: article, Text: sentence, Origin: origin}}
}

func TestBuildWithMentions(t *testing.T) {
	day := model.PrecisionDay
	events := []store.Event{
		ev(1, "2010-05-02", day, []string{"BP"}, "a"),
		ev(2, "2010-05-10", day, nil, "b"),
	}
	mentions := []store.DateMention{
		// Three later reports refer back to the explosion.
		mention(1, "a", "2010-04-25", "2010-04-20", "The rig exploded on April 20, killing 11 workers."),
		mention(2, "b", "2010-05-01", "2010-04-20", "Since the rig exploded on April 20, oil has leaked."),
		mention(3, "c", "2010-05-03", "2010-04-20T22:00", "The rig exploded late on April 20."),
		// One report says the same date twice: it counts once.
		mention(4, "d", "2010-05-02", "2010-05-02", "Obama visited the coast on Sunday."),
		mention(4, "d", "2010-05-02", "2010-05-02", "Sunday's visit was brief."),
		// Plans name days ahead; background names days long before the
		// story. Neither is counted, however many reports name them.
		mention(6, "f", "2010-05-02", "2010-06-01", "Hearings are set for June 1."),
		mention(7, "g", "2010-05-03", "2010-06-01", "Congress will hold hearings on June 1."),
		mention(8, "h", "2010-05-03", "2010-06-01", "The hearings on June 1 will be public."),
		mention(6, "f", "2010-05-02", "1979-06-03", "The Ixtoc spill began on June 3, 1979."),
		mention(7, "g", "2010-05-03", "1979-06-03", "Ixtoc I blew out on June 3, 1979."),
		mention(8, "h", "2010-05-03", "1979-06-03", "Ixtoc I blew out on June 3, 1979."),
		// Coarse and non-date values name no day.
		mention(5, "e", "2010-05-02", "2010-05", "Oil reached the marshes in May."),
		mention(5, "e", "2010-05-02", "PRESENT_REF", "Now the cleanup starts."),
	}
	tests := []struct {
		name     string
		maxDates int
		want     string
	}{
		{"a day many reports refer to comes first", 1, "2010-04-20"},
		// A report of the day it is published counts half a reference.
		{"then the day a report tells as news", 2, "2010-04-20 2010-05-02"},
		// Plans and event-only days get no weight from mentions; of equals,
		// the day more sources name comes first.
		{"then by sources", 3, "2010-04-20 2010-05-02 2010-06-01"},
		// Background days are not the story's: never listed.
		{"all days", 0, "2010-04-20 2010-05-02 2010-05-10 2010-06-01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := BuildWith(events, Options{MaxDates: tc.maxDates, Mentions: mentions})
			if dates(got) != tc.want {
				t.Errorf("dates = %q, want %q", dates(got), tc.want)
			}
		})
	}
	all := BuildWith(events, Options{Mentions: mentions})
	first := all[0]
	if len(first.Events) != 0 || first.Sources != 3 {
		t.Errorf("2010-04-20: %d events, %d sources; want no events, 3 sources", len(first.Events), first.Sources)
	}
	// The lead of a date without events is one of the sentences naming it.
	if lead := first.Lead; lead.Article < 1 || lead.Article > 3 || lead.Text != mentions[lead.Article-1].Sentence.Text {
		t.Errorf("lead of 2010-04-20 = %+v, want a sentence naming April 20", lead)
	}
	// A date with events takes its lead from events and mentions alike:
	// here the two reports of Obama's visit outweigh the event's sentence.
	if lead := all[1].Lead; lead.Article != 4 {
		t.Errorf("lead of 2010-05-02 = %+v, want a sentence of report 4 on the visit", lead)
	}
}

func TestRepresentative(t *testing.T) {
	sentences := []store.Evidence{
		{Text: "Haiti was struck by an earthquake."},
		{Text: "A powerful earthquake struck Haiti, destroying much of Port-au-Prince."},
		{Text: "Aid workers arrived."},
		{Text: "The earthquake destroyed Port-au-Prince."},
	}
	if got := representative(sentences).Text; got != sentences[1].Text {
		t.Errorf("representative = %q, want %q", got, sentences[1].Text)
	}
	if got := representative(nil); got.Text != "" {
		t.Errorf("representative(nil) = %+v, want empty", got)
	}
}

func BenchmarkBuildWithMentions(b *testing.B) {
	// A large story: 5,000 reports over 200 days, each naming four days.
	var mentions []store.DateMention
	for a := range 5000 {
		pub := fmt.Sprintf("2010-%02d-%02d", 4+a%6, 1+a%28)
		for k := range 4 {
			day := fmt.Sprintf("2010-%02d-%02d", 4+(a+k)%6, 1+(a*7+k)%28)
			mentions = append(mentions, mention(int64(a), fmt.Sprint("o", a%50), pub, day, "The spill reached the coast of Louisiana on that day."))
		}
	}
	b.ResetTimer()
	for b.Loop() {
		BuildWith(nil, Options{MaxDates: 50, Mentions: mentions})
	}
	b.ReportMetric(float64(len(mentions)*b.N)/b.Elapsed().Seconds(), "mentions/s")
}

func TestCountMentions(t *testing.T) {
	w := weights{reference: 1, sameDay: 0.5, future: 0}
	tests := []struct {
		name string
		m    store.DateMention
		want float64
	}{
		{"reference back", mention(1, "a", "2010-05-02", "2010-04-20", "s"), 1},
		{"same day, published with a time", mention(1, "a", "2010-05-02T10:00", "2010-05-02", "s"), 0.5},
		{"a time on the same day", mention(1, "a", "2010-05-02", "2010-05-02T22:00", "s"), 0.5},
		{"a plan", mention(1, "a", "2010-05-02", "2010-05-09", "s"), 0},
		{"undated report", mention(1, "a", "", "2010-05-09", "s"), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			days := countMentions([]store.DateMention{tc.m, tc.m}, w)
			day, _ := dayOf(tc.m.Value)
			if c := days[day]; c == nil || c.score != tc.want || len(c.sentences) != 2 {
				t.Errorf("count for %s = %+v, want score %v from 2 sentences", day, c, tc.want)
			}
		})
	}
}
