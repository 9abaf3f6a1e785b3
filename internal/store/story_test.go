package store

import (
	"context"
	"slices"
	"testing"
)

// A story is active for a report when its span reaches into the report's
// window, from either side; a story of unknown date always is. Stories
// later than the window stay out, so that an archive loaded newest first
// does not weigh every later story against each report.
func TestActiveStoriesOverlapTheWindow(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	spans := [][]string{
		{"2020-01-01", "2020-01-10"}, // before the window
		{"2020-01-20", "2020-02-05"}, // runs into it
		{"2020-02-10", "2020-02-12"}, // inside it
		{"2020-02-25", "2020-03-30"}, // starts in it
		{"2020-04-01", "2020-04-02"}, // after it
		{},                           // undated
	}
	var ids []int64
	err := s.Update(ctx, func(tx *Tx) error {
		for _, span := range spans {
			id, err := tx.InsertStory(ctx, "story")
			if err != nil {
				return err
			}
			ids = append(ids, id)
			published := []string{""}
			if len(span) > 0 {
				published = span
			}
			for _, p := range published {
				if _, err := tx.AddToStory(ctx, id, map[string]float64{"term": 1}, nil, 0, p); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	err = s.Update(ctx, func(tx *Tx) error {
		active, err := tx.ActiveStories(ctx, "2020-02-01", "2020-02-28")
		for _, st := range active {
			got = append(got, st.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{ids[1], ids[2], ids[3], ids[5]}; !slices.Equal(got, want) {
		t.Errorf("active stories %v, want %v", got, want)
	}
}
