package story

import (
	"context"

	"github.com/storyline/storyline/internal/store"
)

// centroids keeps the term centroids of recently active stories in memory
// with an inverted index from term to story, so that placing a report
// costs a lookup per term instead of a query over every story sharing a
// word. A story whose size in the store differs from the cached one was
// changed by another writer and is reloaded.
type centroids struct {
	stories  map[int64]*centroid
	postings map[string][]int64
}

type centroid struct {
	story   store.Story // norm, size and span
	weights map[string]float64
}

func newCentroids() *centroids {
	return &centroids{stories: map[int64]*centroid{}, postings: map[string][]int64{}}
}

func (c *centroids) reset() {
	clear(c.stories)
	clear(c.postings)
}

// active returns the stories active since the given date, brought up to
// date with the store.
func (c *centroids) active(ctx context.Context, tx *store.Tx, since string) (map[int64]*centroid, error) {
	stories, err := tx.ActiveStories(ctx, since)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*centroid, len(stories))
	for _, st := range stories {
		cached, ok := c.stories[st.ID]
		if !ok || cached.story.Count != st.Count {
			w, err := tx.StoryCentroid(ctx, st.ID)
			if err != nil {
				return nil, err
			}
			cached = c.set(st, w)
		}
		out[st.ID] = cached
	}
	return out, nil
}

// set replaces a story's cached centroid.
func (c *centroids) set(st store.Story, weights map[string]float64) *centroid {
	old := c.stories[st.ID]
	cd := &centroid{story: st, weights: weights}
	c.stories[st.ID] = cd
	for t := range weights {
		if old == nil || old.weights[t] == 0 {
			c.postings[t] = append(c.postings[t], st.ID)
		}
	}
	return cd
}

// add records that a report with vector vec joined a story, as
// store.Tx.AddToStory did in the store.
func (c *centroids) add(st store.Story, vec map[string]float64) {
	cd, ok := c.stories[st.ID]
	if !ok {
		cd = c.set(st, map[string]float64{})
	}
	for t, w := range vec {
		if cd.weights[t] == 0 {
			c.postings[t] = append(c.postings[t], st.ID)
		}
		cd.weights[t] += w
	}
	cd.story = st
}
