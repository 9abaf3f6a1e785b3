package store

import (
	"context"
	"testing"

	"github.com/storyline/storyline/internal/model"
)

func TestDateMentions(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	text := "The rig exploded on April 20. Oil reached the coast on Friday. Talks go on."
	a := article(1)
	a.Text = text
	a.Analysis = model.Analysis{Lang: "en",
		Sentences: []model.Sentence{{Start: 0, End: 29}, {Start: 30, End: 62}, {Start: 63, End: 75}},
		Timexes: []model.Timex{
			{Start: 20, End: 28, Text: "April 20", Type: model.DATE, Value: "2010-04-20"},
			{Start: 55, End: 61, Text: "Friday", Type: model.DATE, Value: "2010-04-30"},
			{Start: 64, End: 70, Text: "weeks", Type: model.DURATION, Value: "P2W"},
		}}
	dup := article(2)
	dup.Text = text
	dup.Analysis = a.Analysis
	if err := s.Update(ctx, insert(ctx, a)); err != nil {
		t.Fatal(err)
	}
	dup.DuplicateOf = a.ID
	if err := s.Update(ctx, insert(ctx, dup)); err != nil {
		t.Fatal(err)
	}
	got, err := s.DateMentions(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ value, sentence string }{
		{"2010-04-20", "The rig exploded on April 20."},
		{"2010-04-30", "Oil reached the coast on Friday."},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d mentions (%+v), want %d: durations and duplicates left out", len(got), got, len(want))
	}
	for i, w := range want {
		m := got[i]
		if m.Value != w.value || m.Sentence.Text != w.sentence || m.Article != a.ID || m.Published != "2026-01-01" || m.Origin != a.Origin {
			t.Errorf("mention %d = %+v, want %s in %q", i, m, w.value, w.sentence)
		}
	}
	if other, err := s.DateMentions(ctx, 999); err != nil || len(other) != 0 {
		t.Errorf("another story's mentions = %v, %v; want none", other, err)
	}
}
