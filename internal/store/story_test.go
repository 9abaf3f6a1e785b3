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

// Entities page most mentioned first across the boundary where the index
// of busy entities ends: every page matches the same slice of the full
// ordering.
func TestEntityPagesCrossTheBusyIndex(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	counts := []int{3, busyMentions + 5, busyMentions, busyMentions - 1, 0, 40, busyMentions, 7, 1}
	err := s.Update(ctx, func(tx *Tx) error {
		for _, n := range counts {
			id, err := tx.InsertEntity(ctx, "Name", "PER", "name")
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE entities SET mentions = ? WHERE id = ?`, n, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.EntityList(ctx, EntityFilter{})
	if err != nil || len(all) != len(counts) {
		t.Fatalf("all entities: %d, %v", len(all), err)
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Mentions < all[i].Mentions {
			t.Fatalf("not most mentioned first: %v", all)
		}
	}
	for limit := 1; limit <= 4; limit++ {
		for offset := 0; offset <= len(all); offset++ {
			page, err := s.EntityList(ctx, EntityFilter{Limit: limit, Offset: offset})
			if err != nil {
				t.Fatal(err)
			}
			want := all[min(offset, len(all)):min(offset+limit, len(all))]
			if len(page) != len(want) {
				t.Fatalf("limit %d offset %d: %d entities, want %d", limit, offset, len(page), len(want))
			}
			for i := range page {
				if page[i].ID != want[i].ID {
					t.Errorf("limit %d offset %d: entity %d is %d, want %d", limit, offset, i, page[i].ID, want[i].ID)
				}
			}
		}
	}
}
