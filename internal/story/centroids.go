package story

import (
	"context"
	"slices"

	"github.com/storyline/storyline/internal/store"
)

// idleReports is how many reports a cached story may go without being
// active for one of them before it leaves the cache: an archive loaded
// out of date order, or a long-running watch, would otherwise make every
// report walk the postings of every story ever seen.
const idleReports = 2000

// centroids keeps the term centroids of recently active stories in memory
// with an inverted index from term to story, so that placing a report
// costs a lookup per term instead of a query over every story sharing a
// word. A story whose size in the store differs from the cached one was
// changed by another writer and is reloaded.
type centroids struct {
	stories  map[int64]*centroid
	postings map[string][]int64
	// reports counts the calls to active; a story's lastActive is the
	// count when it was last among the active ones.
	reports int
}

type centroid struct {
	story      store.Story // norm, size and span
	weights    map[string]float64
	lastActive int
}

func newCentroids() *centroids {
	return &centroids{stories: map[int64]*centroid{}, postings: map[string][]int64{}}
}

func (c *centroids) reset() {
	clear(c.stories)
	clear(c.postings)
}

// active returns the stories whose span reaches into since..until,
// brought up to date with the store.
func (c *centroids) active(ctx context.Context, tx *store.Tx, since, until string) (map[int64]*centroid, error) {
	c.reports++
	if c.reports%idleReports == 0 {
		c.evictIdle()
	}
	stories, err := tx.ActiveStories(ctx, since, until)
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
		cached.lastActive = c.reports
		out[st.ID] = cached
	}
	return out, nil
}

// evictIdle drops the stories that were not active for idleReports
// reports, and their postings.
func (c *centroids) evictIdle() {
	evicted := false
	for id, cd := range c.stories {
		if c.reports-cd.lastActive >= idleReports {
			delete(c.stories, id)
			evicted = true
		}
	}
	if !evicted {
		return
	}
	for t, ids := range c.postings {
		ids = slices.DeleteFunc(ids, func(id int64) bool { return c.stories[id] == nil })
		if len(ids) == 0 {
			delete(c.postings, t)
		} else {
			c.postings[t] = ids
		}
	}
}

// set replaces a story's cached centroid.
func (c *centroids) set(st store.Story, weights map[string]float64) *centroid {
	old := c.stories[st.ID]
	cd := &centroid{story: st, weights: weights, lastActive: c.reports}
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
	cd.lastActive = c.reports
}
